/**
 * A backtracking matcher that counts its steps, for measuring how the work of
 * a regular expression grows with its input (test/builtin-regex.test.ts) without
 * timing anything. It follows ECMAScript's backtracking order (greedy and lazy
 * quantifiers, alternatives left to right, lookbehind matched backwards, as V8
 * does), so its step count grows as V8's work does; the tests check that it
 * finds exactly the matches V8 finds. It supports what the built-in patterns
 * use (no backreferences, no unicode sets); anything else throws.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

type Cont = (pos: number) => boolean;
type Node = AST.Node;

export interface StepResult {
  steps: number;
  matches: [number, string][];
}

export function countSteps(source: string, flags: string, text: string): StepResult {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: flags.includes('u') });
  const ignoreCase = flags.includes('i');
  const multiline = flags.includes('m');
  const dotAll = flags.includes('s');
  let steps = 0;

  const fold = (c: string): string => (ignoreCase ? c.toLowerCase() : c);
  const isWord = (i: number): boolean => i >= 0 && i < text.length && /\w/.test(text[i]!);

  /** Does the character class element or set match one character `c`? */
  function charMatches(node: Node, c: string): boolean {
    switch (node.type) {
      case 'Character':
        return fold(String.fromCodePoint(node.value)) === fold(c);
      case 'CharacterClassRange': {
        const code = c.codePointAt(0)!;
        const inRange = (x: number): boolean => x >= node.min.value && x <= node.max.value;
        if (inRange(code)) return true;
        return ignoreCase && (inRange(c.toLowerCase().codePointAt(0)!) || inRange(c.toUpperCase().codePointAt(0)!));
      }
      case 'CharacterSet': {
        let hit: boolean;
        if (node.kind === 'any') hit = dotAll || !/[\n\r\u2028\u2029]/.test(c);
        else if (node.kind === 'digit') hit = /\d/.test(c);
        else if (node.kind === 'space') hit = /\s/.test(c);
        else if (node.kind === 'word') hit = /\w/.test(c);
        else if (node.kind === 'property') hit = new RegExp(`\\p{${node.key}${node.value ? `=${node.value}` : ''}}`, ignoreCase ? 'iu' : 'u').test(c);
        else throw new Error(`unsupported set ${node.kind}`);
        return 'negate' in node && node.negate ? !hit : hit;
      }
      case 'CharacterClass': {
        const hit = node.elements.some((e) => charMatches(e, c));
        return node.negate ? !hit : hit;
      }
      default:
        throw new Error(`unsupported class element ${node.type}`);
    }
  }

  /** A node that always consumes exactly one character. */
  const single = (node: Node): boolean => node.type === 'Character' || node.type === 'CharacterSet' || node.type === 'CharacterClass';

  function one(node: Node, pos: number, dir: 1 | -1): number | undefined {
    const at = dir === 1 ? pos : pos - 1;
    if (at < 0 || at >= text.length) return undefined;
    return charMatches(node, text[at]!) ? pos + dir : undefined;
  }

  function seq(elements: readonly Node[], i: number, pos: number, dir: 1 | -1, k: Cont): boolean {
    if (i === elements.length) return k(pos);
    const el = dir === 1 ? elements[i]! : elements[elements.length - 1 - i]!;
    return node(el, pos, dir, (p) => seq(elements, i + 1, p, dir, k));
  }

  function alternatives(alts: readonly AST.Alternative[], pos: number, dir: 1 | -1, k: Cont): boolean {
    for (const alt of alts) {
      steps++;
      if (seq(alt.elements, 0, pos, dir, k)) return true;
    }
    return false;
  }

  function quantifier(q: AST.Quantifier, pos: number, dir: 1 | -1, k: Cont): boolean {
    if (single(q.element)) {
      // A repeated single character: take the run, then give back one at a time (or take one at a time if lazy).
      const ends = [pos];
      while (ends.length - 1 < q.max) {
        steps++;
        const next = one(q.element, ends[ends.length - 1]!, dir);
        if (next === undefined) break;
        ends.push(next);
      }
      const counts = ends.map((_, i) => i).filter((i) => i >= q.min);
      if (q.greedy) counts.reverse();
      for (const c of counts) {
        steps++;
        if (k(ends[c]!)) return true;
      }
      return false;
    }
    const loop = (count: number, p: number): boolean => {
      steps++;
      const more = (): boolean => count < q.max && node(q.element, p, dir, (p2) => (p2 === p && count >= q.min ? false : loop(count + 1, p2)));
      if (q.greedy) return more() || (count >= q.min && k(p));
      return (count >= q.min && k(p)) || more();
    };
    return loop(0, pos);
  }

  function node(n: Node, pos: number, dir: 1 | -1, k: Cont): boolean {
    steps++;
    switch (n.type) {
      case 'Character':
      case 'CharacterSet':
      case 'CharacterClass': {
        const next = one(n, pos, dir);
        return next !== undefined && k(next);
      }
      case 'Group':
      case 'CapturingGroup':
        return alternatives(n.alternatives, pos, dir, k);
      case 'Quantifier':
        return quantifier(n, pos, dir, k);
      case 'Assertion': {
        if (n.kind === 'start') return (pos === 0 || (multiline && text[pos - 1] === '\n')) && k(pos);
        if (n.kind === 'end') return (pos === text.length || (multiline && text[pos] === '\n')) && k(pos);
        if (n.kind === 'word') return (isWord(pos - 1) !== isWord(pos)) !== n.negate && k(pos);
        if (n.kind !== 'lookahead' && n.kind !== 'lookbehind') throw new Error(`unsupported assertion ${n.kind}`);
        const found = alternatives(n.alternatives, pos, n.kind === 'lookahead' ? 1 : -1, () => true);
        return found !== n.negate && k(pos);
      }
      default:
        throw new Error(`unsupported node ${n.type}`);
    }
  }

  const matches: [number, string][] = [];
  let start = 0;
  while (start <= text.length) {
    steps++;
    let end = -1;
    if (alternatives(ast.alternatives, start, 1, (p) => ((end = p), true))) {
      matches.push([start, text.slice(start, end)]);
      start = end > start ? end : start + 1;
    } else start++;
  }
  return { steps, matches };
}

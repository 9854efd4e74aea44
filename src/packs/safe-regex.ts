/**
 * A conservative check that a regular expression written in a rule pack or a
 * configuration cannot backtrack catastrophically (ReDoS).
 *
 * Rule packs are data written by people who are not regex engineers, and
 * policy-lint runs their patterns over every paragraph of every policy. A
 * pattern such as `(a+)+$` or `(\w|\d)*x` takes exponential time on a line that
 * almost matches, freezing a CI job or an editor. JavaScript's engine offers no
 * time limit, so such patterns are refused when the pack is loaded.
 *
 * The check is structural, on the pattern's syntax tree, and errs on the side
 * of refusing. Inside any part of the pattern that repeats more than once
 * (`*`, `+`, `{2,}`, `{1,5}`...) it refuses:
 *
 * - a variable repetition (`x*`, `x+`, `x?`, `x{1,3}`) whose characters can
 *   also begin what follows it in the same repetition, including the next
 *   round of the outer repetition: `(a+)+`, `(\w+\s?)*`, `(x+x+)+`, `(.*a){3}`;
 * - alternatives that can begin with the same character, or an empty
 *   alternative: `(a|a)*`, `(a|ab)+`, `(\w|\d)+`, `(a|)*`.
 *
 * Everywhere it refuses backreferences (`\1`, `\k<name>`), whose matching cost
 * cannot be bounded this way, and counted repetitions above 1000.
 * Unambiguous repetitions pass: `(\s*,\s*\w+)*`, `(?:cat|dog)+`, `\d{4}`, `(a?b)+`.
 * Polynomial (not exponential) patterns such as `\w+\s*\w+` are accepted.
 *
 * Why not an npm package: `safe-regex`/`safe-regex2` only measure star height
 * and miss overlapping alternatives (`(a|a)*`), and `recheck` is a multi-megabyte
 * Scala.js/JVM analyser; this check is small, dependency-free and
 * covers both families of exponential patterns.
 */

/** A set of code points as sorted, non-overlapping inclusive ranges. */
type CharSet = [number, number][];

const MAX_CP = 0x10ffff;
const ALL: CharSet = [[0, MAX_CP]];
const EMPTY: CharSet = [];

function normalize(ranges: CharSet): CharSet {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: CharSet = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function union(...sets: CharSet[]): CharSet {
  return normalize(sets.flat().map(([a, b]) => [a, b] as [number, number]));
}

function complement(set: CharSet): CharSet {
  const out: CharSet = [];
  let next = 0;
  for (const [a, b] of normalize(set)) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function overlaps(x: CharSet, y: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a, b] = x[i]!;
    const [c, d] = y[j]!;
    if (a <= d && c <= b) return true;
    if (b < d) i++;
    else j++;
  }
  return false;
}

const cp = (c: string): number => c.codePointAt(0)!;
const DIGIT: CharSet = [[cp('0'), cp('9')]];
const WORD: CharSet = normalize([[cp('0'), cp('9')], [cp('A'), cp('Z')], [cp('_'), cp('_')], [cp('a'), cp('z')]]);
const SPACE: CharSet = normalize([
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS: CharSet = normalize([[10, 10], [13, 13], [0x2028, 0x2029]]);

/** Add the other case of every letter in the set (for the `i` flag). */
function caseFold(set: CharSet): CharSet {
  const extra: CharSet = [];
  for (const [a, b] of set) {
    if (b - a > 0x3000) continue; // a huge range already covers most letters: conservative enough
    for (let c = a; c <= b; c++) {
      const s = String.fromCodePoint(c);
      for (const v of [s.toLowerCase(), s.toUpperCase()]) {
        const code = v.codePointAt(0)!;
        if (v.length <= 2 && code !== c) extra.push([code, code]);
      }
    }
  }
  return extra.length ? union(set, extra) : set;
}

type Node =
  | { type: 'alt'; alternatives: Node[] }
  | { type: 'seq'; items: Node[] }
  | { type: 'chars'; set: CharSet }
  | { type: 'assert' }
  | { type: 'group'; body: Node }
  | { type: 'look'; body: Node }
  | { type: 'repeat'; body: Node; min: number; max: number };

/** Why a pattern was refused: one clause, fit to follow 'the regular expression "..." '. */
export class UnsafeRegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeRegexError';
  }
}

class Parser {
  private i = 0;
  private readonly chars: string[];
  constructor(
    source: string,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {
    this.chars = Array.from(source);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.chars.length) throw new UnsafeRegexError(`has an unexpected "${this.chars[this.i]}"`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.i + offset];
  }

  private alternation(): Node {
    const alternatives: Node[] = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.sequence());
    }
    return alternatives.length === 1 ? alternatives[0]! : { type: 'alt', alternatives };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.chars.length && this.peek() !== '|' && this.peek() !== ')') {
      let atom = this.atom();
      for (;;) {
        const q = this.quantifier();
        if (!q) break;
        if (atom.type === 'assert' || atom.type === 'look') continue; // a quantified assertion matches nothing
        atom = { type: 'repeat', body: atom, min: q.min, max: q.max };
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  }

  private number(): number | undefined {
    let s = '';
    while (this.peek() !== undefined && /[0-9]/.test(this.peek()!)) s += this.chars[this.i++];
    return s ? Number(s) : undefined;
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) {
      this.i++;
    } else if (c === '{') {
      const save = this.i;
      this.i++;
      const min = this.number();
      let max = min;
      if (this.peek() === ',') {
        this.i++;
        max = this.number() ?? Infinity;
      }
      if (min === undefined || this.peek() !== '}') {
        this.i = save;
        return undefined;
      }
      this.i++;
      if (min > 1000 || (max !== Infinity && max! > 1000)) throw new UnsafeRegexError(`repeats something more than 1000 times ({${min},${max === Infinity ? '' : max}})`);
      q = { min, max: max! };
    } else {
      return undefined;
    }
    if (this.peek() === '?') this.i++; // lazy: same cost on failure
    return q;
  }

  private fold(set: CharSet): CharSet {
    return this.ignoreCase ? caseFold(set) : set;
  }

  private atom(): Node {
    const c = this.chars[this.i++]!;
    switch (c) {
      case '^':
      case '$':
        return { type: 'assert' };
      case '.':
        return { type: 'chars', set: this.dotAll ? ALL : complement(LINE_TERMINATORS) };
      case '[':
        return { type: 'chars', set: this.fold(this.charClass()) };
      case '(':
        return this.group();
      case '\\':
        return this.escape(false) as Node;
      default:
        return { type: 'chars', set: this.fold([[cp(c), cp(c)]]) };
    }
  }

  private group(): Node {
    let lookaround = false;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') {
        this.i += 2;
        lookaround = true;
      } else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.i += 3;
        lookaround = true;
      } else if (next === '<') {
        this.i += 2;
        while (this.i < this.chars.length && this.peek() !== '>') this.i++;
        this.i++;
      } else {
        throw new UnsafeRegexError(`uses an unsupported group "(?${next ?? ''}"`);
      }
    }
    const body = this.alternation();
    if (this.peek() !== ')') throw new UnsafeRegexError('has an unclosed group');
    this.i++;
    return lookaround ? { type: 'look', body } : { type: 'group', body };
  }

  /** After a backslash. In a class, returns a CharSet; outside, a Node. */
  private escape(inClass: boolean): Node | CharSet {
    const c = this.chars[this.i++];
    if (c === undefined) throw new UnsafeRegexError('ends with a backslash');
    const chars = (set: CharSet): Node | CharSet => (inClass ? set : { type: 'chars', set: this.fold(set) });
    switch (c) {
      case 'd':
        return chars(DIGIT);
      case 'D':
        return chars(complement(DIGIT));
      case 'w':
        return chars(WORD);
      case 'W':
        return chars(complement(WORD));
      case 's':
        return chars(SPACE);
      case 'S':
        return chars(complement(SPACE));
      case 'p':
      case 'P':
        if (this.peek() === '{') while (this.i < this.chars.length && this.chars[this.i++] !== '}');
        return chars(ALL);
      case 'b':
        return inClass ? [[8, 8]] : { type: 'assert' };
      case 'B':
        return { type: 'assert' };
      case 'k':
        if (inClass) return [[cp('k'), cp('k')]];
        throw new UnsafeRegexError('uses a backreference (\\k<name>), which policy-lint does not allow because its matching time cannot be bounded');
      case 't':
        return chars([[9, 9]]);
      case 'n':
        return chars([[10, 10]]);
      case 'v':
        return chars([[11, 11]]);
      case 'f':
        return chars([[12, 12]]);
      case 'r':
        return chars([[13, 13]]);
      case '0':
        return chars([[0, 0]]);
      case 'c': {
        const letter = this.chars[this.i++] ?? 'A';
        const code = cp(letter) % 32;
        return chars([[code, code]]);
      }
      case 'x': {
        const hex = this.chars.slice(this.i, this.i + 2).join('');
        this.i += 2;
        const code = parseInt(hex, 16);
        return chars([[code, code]]);
      }
      case 'u': {
        let code: number;
        if (this.peek() === '{') {
          const end = this.chars.indexOf('}', this.i);
          code = parseInt(this.chars.slice(this.i + 1, end).join(''), 16);
          this.i = end + 1;
        } else {
          code = parseInt(this.chars.slice(this.i, this.i + 4).join(''), 16);
          this.i += 4;
        }
        return chars([[code, code]]);
      }
      default:
        if (/[1-9]/.test(c)) {
          if (inClass) return [[cp(c), cp(c)]];
          throw new UnsafeRegexError(`uses a backreference (\\${c}), which policy-lint does not allow because its matching time cannot be bounded`);
        }
        return chars([[cp(c), cp(c)]]);
    }
  }

  private classAtom(): CharSet {
    const c = this.chars[this.i++]!;
    if (c === '\\') return this.escape(true) as CharSet;
    return [[cp(c), cp(c)]];
  }

  private charClass(): CharSet {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const parts: CharSet[] = [];
    while (this.i < this.chars.length && this.peek() !== ']') {
      const startAt = this.i;
      const first = this.classAtom();
      const single = first.length === 1 && first[0]![0] === first[0]![1] && !(this.chars[startAt] === '\\' && /[dDwWsSpP]/.test(this.chars[startAt + 1] ?? ''));
      if (single && this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
        this.i++;
        const second = this.classAtom();
        parts.push([[first[0]![0], second[0]?.[1] ?? first[0]![0]]]);
      } else {
        parts.push(first);
      }
    }
    if (this.peek() !== ']') throw new UnsafeRegexError('has an unclosed character class');
    this.i++;
    const set = union(...parts);
    return negate ? complement(this.ignoreCase ? caseFold(set) : set) : set;
  }
}

function nullable(node: Node): boolean {
  switch (node.type) {
    case 'alt':
      return node.alternatives.some(nullable);
    case 'seq':
      return node.items.every(nullable);
    case 'chars':
      return false;
    case 'assert':
    case 'look':
      return true;
    case 'group':
      return nullable(node.body);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

/** The characters a match of `node` can begin with. */
function first(node: Node): CharSet {
  switch (node.type) {
    case 'alt':
      return union(...node.alternatives.map(first));
    case 'seq': {
      const sets: CharSet[] = [];
      for (const item of node.items) {
        sets.push(first(item));
        if (!nullable(item)) break;
      }
      return union(...sets);
    }
    case 'chars':
      return node.set;
    case 'assert':
    case 'look':
      return EMPTY;
    case 'group':
    case 'repeat':
      return first(node.body);
  }
}

/** Every character a match of `node` can contain. */
function allChars(node: Node): CharSet {
  switch (node.type) {
    case 'alt':
      return union(...node.alternatives.map(allChars));
    case 'seq':
      return union(...node.items.map(allChars));
    case 'chars':
      return node.set;
    case 'assert':
    case 'look':
      return EMPTY;
    case 'group':
    case 'repeat':
      return allChars(node.body);
  }
}

/**
 * Walk the tree. `follow` is what can come right after `node` within the
 * innermost enclosing repetition (wrapping round to its next round);
 * `repeated` says whether such a repetition exists.
 */
function check(node: Node, follow: CharSet, repeated: boolean): void {
  switch (node.type) {
    case 'alt': {
      if (repeated) {
        const firsts = node.alternatives.map(first);
        node.alternatives.forEach((alt, i) => {
          if (nullable(alt)) throw new UnsafeRegexError('could backtrack catastrophically: it repeats a choice that can match nothing (an empty alternative inside a repetition)');
          for (let j = 0; j < i; j++) {
            if (overlaps(firsts[i]!, firsts[j]!)) {
              throw new UnsafeRegexError('could backtrack catastrophically: it repeats a choice whose alternatives can start with the same character (for example "(a|ab)+"); make the alternatives distinct');
            }
          }
        });
      }
      for (const alt of node.alternatives) check(alt, follow, repeated);
      return;
    }
    case 'seq': {
      node.items.forEach((item, i) => {
        const rest = node.items.slice(i + 1);
        const sets: CharSet[] = [];
        let restNullable = true;
        for (const r of rest) {
          sets.push(first(r));
          if (!nullable(r)) {
            restNullable = false;
            break;
          }
        }
        if (restNullable) sets.push(follow);
        check(item, union(...sets), repeated);
      });
      return;
    }
    case 'group':
      check(node.body, follow, repeated);
      return;
    case 'look':
      // A lookaround is matched on its own at each position it is tried.
      check(node.body, EMPTY, false);
      return;
    case 'repeat': {
      if (repeated && node.min !== node.max && overlaps(allChars(node.body), follow)) {
        throw new UnsafeRegexError(
          'could backtrack catastrophically: it has a repetition inside a repetition that can match the same text in many ways (for example "(a+)+" or "(\\w+\\s?)*"); remove the inner or outer repetition',
        );
      }
      if (node.max > 1) check(node.body, union(first(node.body), repeated ? follow : EMPTY), true);
      else check(node.body, follow, repeated);
      return;
    }
    default:
      return;
  }
}

/** Throws UnsafeRegexError when `source` (compiled with `flags`) could backtrack catastrophically. */
export function assertSafeRegex(source: string, flags = ''): void {
  if (source.length > 1000) throw new UnsafeRegexError('is longer than 1000 characters');
  const tree = new Parser(source, flags.includes('i'), flags.includes('s')).parse();
  check(tree, EMPTY, false);
}

/** Why `source` is unsafe, or undefined when it is safe. */
export function unsafeReason(source: string, flags = ''): string | undefined {
  try {
    assertSafeRegex(source, flags);
    return undefined;
  } catch (error) {
    if (error instanceof UnsafeRegexError) return error.message;
    throw error;
  }
}

/**
 * Compile a user's pattern: returns the RegExp, or a one-clause reason it was
 * refused (it does not compile, or it could backtrack catastrophically).
 */
export function compileUserRegex(source: string, flags: string): { regex: RegExp } | { error: string } {
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { error: `does not compile (${message})` };
  }
  const reason = unsafeReason(source, flags);
  if (reason) return { error: reason };
  return { regex };
}

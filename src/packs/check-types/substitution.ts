/**
 * substitution: `swap` (word: replacement) or `patterns` + `replacement`
 * (`$1`, `$<name>` allowed); reports each old form with a safe fix (and the
 * same old text in the address of the link that shows it).
 */
import type { PolicyDocument, RuleContext, TextEdit } from '../../types.js';
import { isHistoricalMention } from '../../domain/history.js';
import { findAll, type TextMatch } from '../../rule-api/kit.js';
import { entry, expectMap, expectString, fail, failAt } from '../../config/check.js';
import { blocksInScope, fill, normalizeWord, sectionTitle, wordBoundaryPattern, type CheckType, type Matcher } from './shared.js';

export const substitution: CheckType = {
  type: 'substitution',
  keys: ['swap', 'patterns', 'replacement'],
  placeholders: ['match', 'replacement', 'section'],
  fixable: 'safe',
  build(spec) {
    const { map, label, file, flags, ignoreCase } = spec;
    const matchers: Matcher[] = [];
    const swapEntry = entry(map, 'swap');
    const patterns = spec.patternsOf('patterns');
    const replacement = spec.text('replacement');
    if (swapEntry && patterns.length) fail(swapEntry.value, `${label}: give either swap (words) or patterns with a replacement, not both`);
    if (swapEntry) {
      if (replacement !== undefined) fail(entry(map, 'replacement')!.value, `${label}.replacement: only used with patterns; with swap, each word names its own replacement`);
      const swapMap = expectMap(swapEntry.value, `${label}.swap`);
      if (swapMap.entries.length === 0) fail(swapMap, `${label}.swap: expected at least one "old: new" pair`);
      const swap = new Map<string, string>();
      for (const e of swapMap.entries) {
        const to = expectString(e.value, `${label}.swap.${e.key}`);
        if (e.key.trim() === '') failAt(file, e.keyPos, `${label}.swap: an empty word cannot be swapped`);
        swap.set(normalizeWord(e.key, ignoreCase), to);
      }
      const regex = new RegExp(wordBoundaryPattern(swapMap.entries.map((e) => e.key)), flags);
      matchers.push({ regex, swap });
    } else if (patterns.length) {
      if (replacement === undefined) fail(map, `${label}: patterns need a "replacement" (it may use $1 or $<name> for captured text)`);
      for (const regex of patterns) matchers.push({ regex, replacement });
    } else {
      fail(map, `${label}: a substitution rule needs "swap" (old: new words) or "patterns" with a "replacement"`);
    }
    return { check: (context) => checkSubstitution(context, matchers, spec.message, spec.scope) };
  },
};

/** Expand `$&`, `$1`, `$<name>` and `$$` in a replacement template. */
function expandReplacement(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|&|\d{1,2}|<([^>]+)>)/g, (all, what: string, name: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return m[0];
    if (name !== undefined) return m.groups?.[name] ?? '';
    return m[Number(what)] ?? all;
  });
}

function matchCase(found: string, replacement: string): string {
  const first = found[0] ?? '';
  const rFirst = replacement[0] ?? '';
  if (first && first === first.toUpperCase() && first !== first.toLowerCase() && rFirst === rFirst.toLowerCase()) {
    return rFirst.toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

interface LinkRange {
  start: number;
  end: number;
  /** Where the link's destination starts in the source (after "](") when it has one. */
  urlStart?: number;
}

function linksOf(doc: PolicyDocument): LinkRange[] {
  const out: LinkRange[] = [];
  // Depth-first in document order, without recursion (the tree can be thousands deep).
  const stack: unknown[] = [doc.mdast];
  while (stack.length > 0) {
    const n = stack.pop() as { type?: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: { position?: { end: { offset?: number } } }[] };
    if (n.type === 'link' && n.position) {
      const start = n.position.start.offset ?? 0;
      const end = n.position.end.offset ?? 0;
      const lastChild = n.children?.[n.children.length - 1];
      const childEnd = lastChild?.position?.end.offset;
      const link: LinkRange = { start, end };
      if (childEnd !== undefined && doc.text.startsWith('](', childEnd)) link.urlStart = childEnd + 2;
      out.push(link);
    }
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

function checkSubstitution(context: RuleContext, matchers: Matcher[], message: string, scope: string[]): void {
  const { doc, report } = context;
  const { blocks } = blocksInScope(doc, scope);
  let links: LinkRange[] | undefined;
  for (const matcher of matchers) {
    for (const m of findAll(doc, matcher.regex, blocks)) {
      const found = m.match[0];
      let replacement: string;
      if (matcher.swap) {
        const ignoreCase = matcher.regex.flags.includes('i');
        replacement = matcher.swap.get(normalizeWord(found, ignoreCase)) ?? '';
        if (ignoreCase) replacement = matchCase(found, replacement);
      } else {
        replacement = expandReplacement(matcher.replacement ?? '', m.match);
      }
      if (replacement === found || alreadyReplaced(m, replacement)) continue;
      // An old name mentioned as history ("formerly known as ...", "previously called ...") is not in use (src/domain/history.ts).
      if (isHistoricalMention(m.block.text, m.match.index, m.match.index + found.length)) continue;
      const edits: TextEdit[] = [];
      if (doc.text.slice(m.start, m.end) === found) {
        edits.push({ start: m.start, end: m.end, text: replacement });
        // The same old text in the destination of the link that shows it (mailto:, http://).
        links ??= linksOf(doc);
        const link = links.find((l) => l.start <= m.start && m.end <= l.end && l.urlStart !== undefined);
        if (link?.urlStart !== undefined) {
          const url = doc.text.slice(link.urlStart, link.end);
          let at = url.indexOf(found);
          while (at >= 0) {
            edits.push({ start: link.urlStart + at, end: link.urlStart + at + found.length, text: replacement });
            at = url.indexOf(found, at + found.length);
          }
        }
      }
      report({
        message: fill(message, { match: found, replacement, section: sectionTitle(m.block) }),
        start: m.start,
        end: m.end,
        ...(edits.length ? { fix: { safety: 'safe' as const, edits } } : {}),
      });
    }
  }
}

/** True when the text around the match already reads as the replacement (swap "Virtual School" -> "the Virtual School"). */
function alreadyReplaced(m: TextMatch, replacement: string): boolean {
  if (!replacement || replacement.length <= m.match[0].length) return false;
  const text = m.block.text;
  const lower = text.toLowerCase();
  const want = replacement.toLowerCase();
  let at = lower.indexOf(want);
  while (at >= 0) {
    if (at <= m.match.index && m.match.index + m.match[0].length <= at + want.length) return true;
    at = lower.indexOf(want, at + 1);
  }
  return false;
}

/**
 * Small helpers for writing rules: find patterns in the readable text of the
 * document and turn text positions back into source ranges and fixes.
 */
import type { Fix, FixSafety, PolicyDocument, Section, TextBlock } from '../types.js';
import { matchVocabulary, normalizeTitle } from '../domain/vocabulary.js';

export interface TextMatch {
  block: TextBlock;
  match: RegExpExecArray;
  /** Source offsets of the whole match. */
  start: number;
  end: number;
}

/** Source offsets of the characters [i, j) of a block's text. */
export function sourceRange(block: TextBlock, i: number, j: number): { start: number; end: number } {
  const start = block.map[i] ?? block.end;
  const end = j > i ? (block.map[j - 1] ?? block.end - 1) + 1 : start;
  return { start, end };
}

/** Every match of `pattern` (made global) in the given blocks (default: all blocks but HTML comments). */
export function findAll(doc: PolicyDocument, pattern: RegExp, blocks: TextBlock[] = doc.blocks): TextMatch[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const re = new RegExp(pattern.source, flags);
  const out: TextMatch[] = [];
  for (const block of blocks) {
    if (block.kind === 'html') continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(block.text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ block, match: m, ...sourceRange(block, m.index, m.index + m[0].length) });
    }
  }
  return out;
}

/** Source offsets of capture group `group` of a match (falls back to the whole match). */
export function groupRange(m: TextMatch, group: number): { start: number; end: number } {
  const value = m.match[group];
  if (value === undefined) return { start: m.start, end: m.end };
  const within = m.match[0].indexOf(value);
  const i = m.match.index + Math.max(0, within);
  return sourceRange(m.block, i, i + value.length);
}

/**
 * A fix that replaces the source between `start` and `end`, offered only when
 * the source there reads exactly as `expected` (no markup in between that the
 * replacement would lose).
 */
export function replaceFix(doc: PolicyDocument, start: number, end: number, expected: string, text: string, safety: FixSafety): Fix | undefined {
  if (doc.text.slice(start, end) !== expected) return undefined;
  return { safety, edits: [{ start, end, text }] };
}

/**
 * All text of a section and its descendants' blocks, in order. Without
 * recursion or spreading into arguments: a section can hold a table of
 * 150,000 cells, or be nested thousands deep.
 */
export function sectionBlocks(section: Section): TextBlock[] {
  const out: TextBlock[] = [];
  const stack: Section[] = [section];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s !== section && s.heading) out.push(s.heading);
    for (const block of s.blocks) out.push(block);
    for (let i = s.children.length - 1; i >= 0; i--) stack.push(s.children[i]!);
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Sections (depth first) whose canonical id or normalised title matches one of `names`. */
export function findSections(doc: PolicyDocument, names: string[]): Section[] {
  const wanted = new Set(names.map((n) => normalizeTitle(n)));
  return doc.sections.filter((s) => (s.canonical !== undefined && names.includes(s.canonical)) || wanted.has(normalizeTitle(s.title)));
}

/** Escape a literal string for use in a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Is the section inside an appendix (at any depth)? */
export function inAppendix(section: Section): boolean {
  for (let s = section.parent; s && s.level > 0; s = s.parent) if (matchVocabulary(s.title)?.role === 'appendix') return true;
  return false;
}

/**
 * Does a heading title read as `key`? The same title, or the key followed by more after punctuation
 * ("Roles and Responsibilities: Education planning ..." reads as "Roles and Responsibilities"; "Behaviour policy" is
 * not "Behaviour"; "Policy" does not name "Policy Objective"). After a space only for "Appendix N"
 * ("Appendix 2 Alternative Provision").
 */
export function titleReads(title: string, key: string): boolean {
  const t = normalizeTitle(title);
  const k = normalizeTitle(key);
  if (!k) return false;
  if (t === k) return true;
  if (!t.startsWith(k)) return false;
  const rest = t.slice(k.length);
  return /^\s*[:\-–—.(]/.test(rest) || (/^appendix\s+\w+$/.test(k) && /^\s/.test(rest));
}

/** Made on first use: making a segmenter costs more than running a rule. */
let graphemes: Intl.Segmenter | undefined;

/**
 * At most the first `max` UTF-16 code units of `text`, cut back to a whole
 * character, so that a quote shortened with "..." never ends in half an
 * emoji (a lone surrogate) or a letter without its accent.
 */
export function sliceWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  // Two characters below U+0300 (no combining mark, joiner, surrogate or other extender) that are not
  // CR LF always have a character boundary between them: no need to segment.
  const before = text.charCodeAt(max - 1);
  const after = text.charCodeAt(max);
  if (max > 0 && before < 0x300 && after < 0x300 && !(before === 13 && after === 10)) return text.slice(0, max);
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/** Text as a message quotes it: on one line, trimmed, and at most `max` characters (cut at a whole character, with "..."). */
export function quoteShort(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${sliceWhole(t, max - 3)}...` : t;
}

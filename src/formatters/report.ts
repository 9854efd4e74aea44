/**
 * What the reports for people share (stylish, html, csv, the GitHub step
 * summary): a policy's title and status, its findings grouped ("said once":
 * repeats of one rule's same finding in a file become one group naming the
 * count and the lines), the section each is in, and the sentence it quotes
 * with the words at issue.
 *
 * Only the human formats group; JSON, SARIF and annotations keep one entry per
 * finding.
 */
import type { LintResult } from '../engine/summary.js';
import type { Diagnostic, RuleMeta } from '../types.js';
import { DOCS_URL } from './shared.js';

/** How a policy was read (added to results by profile detection, when it ran). */
export interface ResultProfile {
  id: string;
  title: string;
  reason?: string;
}

export type Status = 'red' | 'amber' | 'green';

/** red: at least one error; amber: warnings only; green: nothing found. */
export function statusOf(result: LintResult): Status {
  return result.errorCount > 0 ? 'red' : result.warningCount > 0 ? 'amber' : 'green';
}

/** Status in words, so that it never rests on colour alone. */
export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  red: 'Red: changes needed',
  amber: 'Amber: to check',
  green: 'Green: nothing found',
};

export function profileOf(result: LintResult): ResultProfile | undefined {
  const p = (result as LintResult & { profile?: unknown }).profile;
  if (typeof p !== 'object' || p === null) return undefined;
  const { id, title, reason } = p as Record<string, unknown>;
  if (typeof id !== 'string') return undefined;
  return { id, title: typeof title === 'string' ? title : id, ...(typeof reason === 'string' ? { reason } : {}) };
}

/** Where a finding is, for people: "paragraph 38" (.docx), "page 4" (PDF), or the line. */
export function placeOf(m: Diagnostic): string {
  const extra = m as Diagnostic & { paragraph?: unknown; page?: unknown };
  if (typeof extra.paragraph === 'number') return `paragraph ${extra.paragraph}`;
  if (typeof extra.page === 'number') return `page ${extra.page}`;
  return `line ${m.line}`;
}

/** The paragraph (.docx) or page (PDF) number, when the input has one. */
export function paragraphOrPage(m: Diagnostic): { paragraph?: number; page?: number } {
  const extra = m as Diagnostic & { paragraph?: unknown; page?: unknown };
  return {
    ...(typeof extra.paragraph === 'number' ? { paragraph: extra.paragraph } : {}),
    ...(typeof extra.page === 'number' ? { page: extra.page } : {}),
  };
}

/** A rule's documentation page. */
export function rulePageUrl(ruleId: string): string {
  return `${DOCS_URL}/blob/main/docs/rules/${ruleId.split('/').map(encodeURIComponent).join('/')}.md`;
}

/** The first sentence of a rule's rationale: why, in one line. */
export function whyOf(meta: RuleMeta | undefined): string {
  if (!meta) return '';
  const text = meta.rationale.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s+[A-Z(“"‘']|$)/.exec(text);
  return (m ? m[0] : text).trim();
}

/** One finding, or several of one rule saying the same thing in one file. */
export interface Group {
  first: Diagnostic;
  all: Diagnostic[];
}

/**
 * Findings grouped: the same rule, severity and message in one file make one
 * group, placed where the first of them is. Order is otherwise kept.
 */
export function groupRepeats(messages: readonly Diagnostic[]): Group[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const m of messages) {
    const key = `${m.ruleId}\u0000${m.severity}\u0000${m.message}`;
    const g = byKey.get(key);
    if (g) g.all.push(m);
    else {
      const fresh = { first: m, all: [m] };
      byKey.set(key, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

/** "lines 12, 40 and 77" / "paragraphs 3 and 9" for a group's places. */
export function placesOf(group: Group): string {
  const places = group.all.map(placeOf);
  const kind = places[0]!.split(' ')[0]!;
  if (places.length === 1 || !places.every((p) => p.startsWith(`${kind} `))) return listOf(places);
  const numbers = [...new Set(places.map((p) => p.slice(kind.length + 1)))];
  return numbers.length === 1 ? places[0]! : `${kind}s ${listOf(numbers)}`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A group of findings by section, in document order of the sections' first finding. */
export interface SectionGroups {
  section: string;
  groups: Group[];
}

export function bySection(groups: readonly Group[]): SectionGroups[] {
  const out: SectionGroups[] = [];
  const index = new Map<string, SectionGroups>();
  for (const g of groups) {
    const s = g.first.section ?? '';
    let entry = index.get(s);
    if (!entry) {
      entry = { section: s, groups: [] };
      index.set(s, entry);
      out.push(entry);
    }
    entry.groups.push(g);
  }
  return out;
}

/** The words of a finding with the sentence around them: `before` + `words` + `after`, each cut to fit. */
export interface Excerpt {
  before: string;
  words: string;
  after: string;
  /** Text was cut at the start / end. */
  cutStart: boolean;
  cutEnd: boolean;
}

const isEnd = (text: string, i: number, lineEnd: number): boolean => /[.!?]/.test(text[i] ?? '') && (i + 1 >= lineEnd || /\s/.test(text[i + 1] ?? ''));

/**
 * The sentence that holds a finding's range (within its line), with the words
 * at issue: at most `max` characters in all, the words kept whole when they
 * fit and centred when the sentence must be cut. Undefined when there is no
 * text to quote (a finding about the whole policy, a blank line).
 */
export function excerptOf(text: string, m: Diagnostic, max = 200): Excerpt | undefined {
  const start = Math.max(0, Math.min(m.start, text.length));
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) lineEnd = text.length;
  const end = Math.max(start, Math.min(m.end, lineEnd));
  let sStart = lineStart;
  for (let i = start - 2; i >= lineStart; i--) {
    if (isEnd(text, i, lineEnd)) {
      sStart = i + 1;
      break;
    }
  }
  let sEnd = lineEnd;
  for (let i = end; i < lineEnd; i++) {
    if (isEnd(text, i, lineEnd)) {
      sEnd = i + 1;
      break;
    }
  }
  const read = readable(text, sStart, sEnd, start, end);
  let before = read.text.slice(0, read.start).replace(/^\s+/, '');
  const words = read.text.slice(read.start, read.end);
  let after = read.text.slice(read.end).replace(/\s+$/, '');
  if (!(before + words + after).trim()) return undefined;
  if (words.length > max) {
    return { before: '', words: words.slice(0, Math.max(1, max - 1)), after: '', cutStart: sStart < start, cutEnd: true };
  }
  let cutStart = false;
  let cutEnd = false;
  const room = max - words.length;
  if (before.length + after.length > room) {
    const half = Math.floor(room / 2);
    const keepAfter = Math.min(after.length, Math.max(half, room - before.length));
    const keepBefore = Math.min(before.length, room - keepAfter);
    if (keepBefore < before.length) {
      before = cutAtWord(before.slice(before.length - keepBefore), 'start');
      cutStart = true;
    }
    if (keepAfter < after.length) {
      after = cutAtWord(after.slice(0, keepAfter), 'end');
      cutEnd = true;
    }
  }
  return { before, words, after, cutStart, cutEnd };
}

/**
 * The text between two offsets as a reader sees it: Markdown's marks (bold
 * and italic runs of `**`/`__`, a link's brackets and address, backslash
 * escapes) left out and runs of white space made one space, with where the
 * offsets `a` and `b` fall in it.
 */
function readable(text: string, from: number, to: number, a: number, b: number): { text: string; start: number; end: number } {
  let out = '';
  let start = -1;
  let end = -1;
  for (let i = from; i < to;) {
    if (i >= a && start < 0) start = out.length;
    if (i >= b && end < 0) end = out.length;
    const c = text[i]!;
    const next = text[i + 1];
    if ((c === '*' && next === '*') || (c === '_' && next === '_')) {
      i += 2;
      continue;
    }
    if (c === ']' && next === '(') {
      const close = text.indexOf(')', i);
      if (close !== -1 && close < to && !/\s/.test(text.slice(i + 2, close))) {
        i = close + 1;
        continue;
      }
    }
    if (c === '[') {
      const rest = text.slice(i + 1, to);
      const link = /^[^[\]\n]*\]\([^)\s]*\)/.exec(rest);
      if (link) {
        i++;
        continue;
      }
    }
    if (c === '\\' && next !== undefined && /[\\`*_{}[\]()#+.!|-]/.test(next)) {
      i++;
      out += next;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      if (!out.endsWith(' ')) out += ' ';
    } else out += c;
    i++;
  }
  if (start < 0) start = out.length;
  if (end < 0) end = out.length;
  return { text: out, start, end: Math.max(start, end) };
}

/** Drop a part word at the cut end (when a space is near enough). */
function cutAtWord(s: string, side: 'start' | 'end'): string {
  if (side === 'start') {
    const i = s.indexOf(' ');
    return i >= 0 && i < 15 ? s.slice(i + 1) : s;
  }
  const i = s.lastIndexOf(' ');
  return i >= 0 && s.length - i < 15 ? s.slice(0, i) : s;
}

/**
 * A policy's title: the first line of text that is not blank, without
 * Markdown marks; the file name when there is none.
 */
export function titleOf(text: string | undefined, fallback: string): string {
  if (text) {
    for (const raw of text.split('\n', 40)) {
      const line = raw
        .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+)/, '')
        .replace(/[*_`]+/g, '')
        .replace(/\\(.)/g, '$1')
        .replace(/\s+/g, ' ')
        .trim();
      if (line && !/^<!--/.test(line) && /\p{L}/u.test(line)) return line.length > 160 ? `${line.slice(0, 159)}…` : line;
    }
  }
  return fallback;
}

/** Counts of what to change (errors), what to tidy (warnings), and what `--fix` can change. */
export interface PlainCounts {
  errors: number;
  warnings: number;
  fixable: number;
}

export function plainCounts(results: readonly LintResult[]): PlainCounts {
  const c: PlainCounts = { errors: 0, warnings: 0, fixable: 0 };
  for (const r of results) {
    c.errors += r.errorCount;
    c.warnings += r.warningCount;
    for (const m of r.messages) if (m.fix?.safety === 'safe') c.fixable++;
  }
  return c;
}

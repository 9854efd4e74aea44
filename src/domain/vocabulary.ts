/**
 * The section vocabulary (data/vocabulary.yaml) of the Hertfordshire Virtual School model policy
 * ("Policy for the Education of all Children with a Social Worker"), in the
 * model's order. The section tree uses it to recognise headings that arrive
 * as plain lines, and to put them at the right level whatever their `#` count.
 *
 * - `top`: a top-level section of the policy body;
 * - `sub`: a section that sits inside a top-level section or an appendix;
 * - appendices ("Appendix 1", "Appendix 3. Risk Assessment ...") are recognised
 *   by pattern and contain every heading that follows them until the next one.
 */

import { loadData } from './data.js';

export interface VocabularyEntry {
  id: string;
  title: string;
  role: 'top' | 'sub';
  aliases: string[];
}

/** The model policy's sections, from data/vocabulary.yaml. */
export const SECTION_VOCABULARY: VocabularyEntry[] = loadData<{ sections: VocabularyEntry[] }>('vocabulary', { sections: [] }).sections;

/** A heading's number ("1.", "2)", "5.1", "A.", "(a)", "iv.", "Section 3:"), split from its words. */
export interface SectionNumber {
  /** The number as written, without the punctuation after it ("5.1", "A", "a", "iv", "3"). */
  value: string;
  /**
   * The numbering scheme: `decimal` (1, 1.2, 1.2.3; `depth` is the count of parts), `upper-alpha`,
   * `lower-alpha`, `roman` (i, ii, iv) or `section` ("Section 3", "Part 2").
   */
  scheme: 'decimal' | 'upper-alpha' | 'lower-alpha' | 'roman' | 'section';
  /** For decimal numbers, how many parts it has (1.2.3: 3); 1 otherwise. */
  depth: number;
  /** Where the words start in the title. */
  rest: number;
}

const NUM_SECTION = /^(?:section|part)\s+(\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,5})\s*(?:[:.)\-\u2013\u2014]\s*|\s)/i;
const NUM_DECIMAL = /^\(?(\d{1,2}(?:\.\d{1,2}){0,4})(?:\.?\)\s*|\.(?=\s|[A-Z])\s*|\s+(?:[-\u2013\u2014:]\s+)?)/;
const NUM_PAREN = /^\(([a-z]|[ivx]{1,5})\)\s*/i;
const NUM_LETTER = /^([a-z]|[ivx]{1,5})[.)]\s+/i;
const MONTH_START = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/**
 * The number a heading starts with, when it has one the way numbered headings are written
 * (Word's outline numbering, typed numbers): "1. Policy Objective", "2) Intention", "5.1 The Designated
 * Teacher", "1.2.3 Training", "A. Scope", "(a) Roles", "iv. Attendance", "Section 3: Roles", "Part 2 -
 * Admissions". The words after it must start with a capital letter (or an opening quote or bracket):
 * "1 in 10 children", "32.5 hours", "10 October 2025" and "e.g. the DT" are not numbered headings.
 */
export function sectionNumber(title: string): SectionNumber | undefined {
  const t = title.replace(/^[\s*_]+/, '');
  const lead = title.length - t.length;
  const words = (rest: number): boolean => {
    const after = t.slice(rest);
    return /^["'\u2018\u201c([]?[A-Z]/.test(after) && !MONTH_START.test(after);
  };
  let m = NUM_SECTION.exec(t);
  if (m && words(m[0].length)) return { value: m[1]!, scheme: 'section', depth: 1, rest: lead + m[0].length };
  m = NUM_DECIMAL.exec(t);
  if (m && words(m[0].length)) {
    // "2024 Review" and "1 2 3" are not numbers of headings; a bare number needs a dot, a bracket or a dash unless it is short.
    const value = m[1]!;
    if (t.startsWith('(') && !m[0].includes(')')) return undefined;
    return { value, scheme: 'decimal', depth: value.split('.').length, rest: lead + m[0].length };
  }
  m = NUM_PAREN.exec(t) ?? NUM_LETTER.exec(t);
  if (m && words(m[0].length)) {
    const value = m[1]!;
    // "I." and "V." read as roman; other single letters as letters (A., B., C. ...), unless a longer roman numeral.
    const roman = /^[ivx]+$/i.test(value) && (value.length > 1 || /^[iv]$/i.test(value));
    const scheme = roman ? 'roman' : value === value.toUpperCase() ? 'upper-alpha' : 'lower-alpha';
    return { value, scheme, depth: 1, rest: lead + m[0].length };
  }
  return undefined;
}

/** A heading's title without its number ("5.1 The Designated Teacher" -> "The Designated Teacher"). */
export function withoutNumber(title: string): string {
  const n = sectionNumber(title);
  return n ? title.slice(n.rest) : title;
}

/** Titles already normalised (rules compare the same headings and aliases again and again). */
const normalized = new Map<string, string>();

/** Normalise a title for comparison: case, `&`, dashes, spacing, trailing punctuation. */
export function normalizeTitle(title: string): string {
  let out = normalized.get(title);
  if (out !== undefined) return out;
  // The number of a numbered heading ("1. Policy Objective") is not part of its name.
  out = withoutNumber(title)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2010-\u2015]/g, '-')
    .split('/')
    // No spaces around a slash (as .replace(/\s*\/\s*/g, '/') did, which was quadratic on a long run of spaces: tried at every one, \s* read the rest of the run).
    .map((part, i, parts) => (i < parts.length - 1 ? (i > 0 ? part.trim() : part.trimEnd()) : i > 0 ? part.trimStart() : part))
    .join('/')
    .replace(/\s+/g, ' ')
    .replace(/^[\s*_]+/, '')
    // The trailing run is tried from its first character only ((?<!...)): from every character of a long run, the class read the rest of it each time.
    .replace(/(?<![\s*_:.])[\s*_:.]+$/, '');
  // Bounded: a huge document's headings must not grow the memory for ever.
  if (normalized.size >= 20_000) normalized.clear();
  normalized.set(title, out);
  return out;
}

/** Each entry's aliases, normalised (and, for loose matching, without a leading "the"). */
const aliasTable = new WeakMap<VocabularyEntry[], { strict: string[][]; loose: string[][] }>();

function aliasesOf(entries: VocabularyEntry[]): { strict: string[][]; loose: string[][] } {
  let table = aliasTable.get(entries);
  if (!table) {
    const strict = entries.map((e) => e.aliases.map((a) => normalizeTitle(a)));
    table = { strict, loose: strict.map((list) => list.map((a) => a.replace(/^the\s+/, ''))) };
    aliasTable.set(entries, table);
  }
  return table;
}

const APPENDIX = /^appendix\s+([0-9]+|[a-z])\b[\s.:\-–—]*([^\s.:\-–—].*)?$/i;

export interface VocabularyMatch {
  id: string;
  role: 'top' | 'sub' | 'appendix';
}

function startsWithAlias(title: string, alias: string, loose: boolean): boolean {
  if (title === alias) return true;
  if (!title.startsWith(alias)) return false;
  const rest = title.slice(alias.length);
  return loose ? /^[^a-z0-9]/.test(rest) : /^\s*[:\-–—.(]/.test(rest);
}

/** The vocabulary entry a heading names, if any ("Attendance:", "Roles and Responsibilities: Education planning ..."). */
export function matchVocabulary(title: string, entries: VocabularyEntry[] = SECTION_VOCABULARY, loose = false): VocabularyMatch | undefined {
  const t = normalizeTitle(title);
  const appendix = APPENDIX.exec(t);
  if (appendix) {
    const rest = appendix[2] ?? '';
    const inner = rest ? matchVocabulary(rest.replace(/^the\s+/, ''), entries, true) : undefined;
    return { id: inner && inner.role !== 'appendix' ? inner.id : `appendix-${appendix[1]}`, role: 'appendix' };
  }
  const aliases = aliasesOf(entries)[loose ? 'loose' : 'strict'];
  for (let i = 0; i < entries.length; i++) {
    for (const alias of aliases[i]!) {
      if (startsWithAlias(t, alias, loose)) return { id: entries[i]!.id, role: entries[i]!.role };
    }
  }
  return undefined;
}

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

/** Titles already normalised (rules compare the same headings and aliases again and again). */
const normalized = new Map<string, string>();

/** Normalise a title for comparison: case, `&`, dashes, spacing, trailing punctuation. */
export function normalizeTitle(title: string): string {
  let out = normalized.get(title);
  if (out !== undefined) return out;
  out = title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .replace(/^[\s*_]+|[\s*_:.]+$/g, '');
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

const APPENDIX = /^appendix\s+([0-9]+|[a-z])\b[\s.:\-–—]*(.*)$/i;

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
export function matchVocabulary(
  title: string,
  entries: VocabularyEntry[] = SECTION_VOCABULARY,
  loose = false,
): VocabularyMatch | undefined {
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

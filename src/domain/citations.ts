/**
 * The one finder of guidance citations: where a policy names a series of the
 * guidance registry ("KCSIE", "Behaviour in Schools", "Working Together to
 * Safeguard Children") and which edition it cites, by the year or date written
 * with the name ("KCSIE 2023", "the 2022 Behaviour in Schools guidance",
 * "... school staff, September 2022") or by a marker only one edition has
 * ("Section 59" of the 2022 exclusion guidance).
 *
 * kcsie-current, superseded-guidance and expected-guidance (through
 * src/rule-api/) and the facts of the html and csv-summary reports all read
 * citations here. What differs between them is only how far after a name its
 * year may stand (`CitationOptions.after`).
 */
import { findDates, type DateMention } from './dates.js';
import { editionDate, isConfirmed, isoDate, type GuidanceEdition, type GuidanceSeries } from './guidance.js';
import { sentenceSpans } from './roles.js';

export interface GuidanceCitation {
  series: GuidanceSeries;
  /** Offsets in the text searched of what dates the citation: the year with its month or term, or the marker. */
  start: number;
  end: number;
  /** That text as written ("September 2022", "2022", "Section 59"). */
  written: string;
  /** The year cited and where its four digits are (absent for a marker). */
  year?: number;
  digitsAt?: number;
  /** The cited date, when a year or date (not a marker) identifies the edition. */
  date?: DateMention;
  /** The registry's edition the citation names; undefined when the date is older than any edition the registry knows. */
  edition: GuidanceEdition | undefined;
}

export interface CitationOptions {
  /**
   * How far after the name its year may stand.
   * - `'title'` (the default): only words of the series' title and of citations ("guidance", "DfE", "statutory",
   *   "edition" ...), at most 160 characters, so that a later date in the sentence is not the edition's.
   * - `{ maxWords }`: up to that many words of any kind, in the same sentence, stopping where another citation
   *   starts ("and", "or", "alongside", "replacing", a semicolon, another series' name).
   */
  after?: 'title' | { maxWords: number };
}

/** The longest stretch of title text allowed between a guidance name and the year after it ('title'). */
const MAX_GAP = 160;

/** Words that may sit between a guidance name and its year besides the words of the title itself ('title'). */
const CITATION_WORDS = new Set([
  'guidance',
  'statutory',
  'non-statutory',
  'advice',
  'dfe',
  'department',
  'for',
  'education',
  'hm',
  'government',
  'the',
  'including',
  'pupil',
  'movement',
  'document',
  'published',
  'updated',
  'revised',
  'edition',
  'version',
  'and',
  'of',
  'in',
  'to',
  'from',
  'a',
]);

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
/** A year after the name, with its month if it has one: "2023", "(September 2024)", "2023/24" ({ maxWords }). */
const YEAR_AFTER = new RegExp(`(?:\\b(?<month>${MONTH})\\s+)?\\b(?<year>(?:19|20)\\d{2})(?![\\d])`, 'i');
/** Words that end the stretch in which a citation's year may stand: another document is being cited ({ maxWords }). */
const STOP = /\b(?:and|or|alongside|plus|as\s+well\s+as|together\s+with|replacing|replaced|replaces|supersed\w*|which|see|since|until)\b|[;]/i;
/** A full title's "schools and colleges": that "and" does not end the citation ({ maxWords }). */
const TITLE_AND = /\bschools\s+and\s+colleges\b/gi;

/** Words just before a citation that make it history, not a citation ("replacing the 2017 guidance"). */
const HISTORY =
  /\b(?:formerly|previously|replacing|replaces|replaced|supersedes|superseded|superseding|succeeds|updates|updated\s+from|instead\s+of|rather\s+than)\s+(?:the\s+)?(?:DfE['’]?s?\s+)?(?:["'‘“(]\s*)?$/i;

/**
 * A year, with its month if it has one, just before a guidance name: "the 2022 Behaviour in Schools guidance",
 * "the 2023/24 KCSIE", "September 2022 edition of Keeping Children Safe in Education", "2023 'KCSIE'".
 */
const YEAR_BEFORE = new RegExp(
  `(?:\\b(?<month>${MONTH})\\s+)?\\b(?<year>(?:19|20)\\d{2})(?:\\s*[/-]\\s*\\d{2,4})?['’]?s?\\s+(?:edition\\s+of\\s+)?(?:the\\s+)?(?:DfE(?:\\s*:)?\\s+)?['‘"“(]?$`,
  'i',
);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface NameHit {
  series: GuidanceSeries;
  start: number;
  end: number;
}

/** Alias patterns already built (every block is searched for every alias). */
const aliasPatterns = new Map<string, RegExp>();

function aliasPattern(alias: string): RegExp {
  let re = aliasPatterns.get(alias);
  if (!re) {
    const words = alias.trim().split(/\s+/);
    // Short names ("Working Together") are also ordinary words: match them only as written. An abbreviation
    // ("KCSIE") is no ordinary word, in any case.
    const abbreviation = words.length === 1 && /[A-Z].*[A-Z]/.test(alias);
    const flags = words.length <= 2 && !abbreviation ? 'g' : 'gi';
    re = new RegExp(`\\b${words.map(escapeRegExp).join('\\s+')}\\b`, flags);
    if (aliasPatterns.size < 1000) aliasPatterns.set(alias, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Every name of a registry series in the text, the longest first where two overlap. */
function nameHits(text: string, series: GuidanceSeries[]): NameHit[] {
  const hits: NameHit[] = [];
  for (const s of series) {
    for (const alias of s.aliases) {
      const re = aliasPattern(alias);
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) hits.push({ series: s, start: m.index, end: m.index + m[0].length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: NameHit[] = [];
  for (const h of hits) if (!out.some((o) => o.start < h.end && h.start < o.end)) out.push(h);
  return out.sort((a, b) => a.start - b.start);
}

const titleWordSets = new WeakMap<GuidanceSeries, Set<string>>();

function titleWords(series: GuidanceSeries): Set<string> {
  let words = titleWordSets.get(series);
  if (!words) {
    words = new Set(CITATION_WORDS);
    for (const t of [series.title, ...series.aliases]) for (const w of t.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []) words.add(w);
    titleWordSets.set(series, words);
  }
  return words;
}

/** Whether the text between a name and a date is only the rest of the citation ('title'). */
function gapFits(gap: string, words: Set<string>): boolean {
  if (gap.length > MAX_GAP) return false;
  for (const w of gap.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []) if (!words.has(w)) return false;
  return true;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The edition a date names: one of that year (the month decides between several), else the one in force at the end of that date. */
export function editionFor(series: GuidanceSeries, date: { earliest: Date; latest: Date; precision: string }): GuidanceEdition | undefined {
  const year = date.earliest.getUTCFullYear();
  const sameYear = series.editions.filter((e) => e.year === year);
  if (sameYear.length === 1) return sameYear[0];
  if (sameYear.length > 1) {
    if (date.precision === 'day' || date.precision === 'month') {
      const month = date.earliest.getUTCMonth();
      const byMonth = sameYear.find((e) => {
        const at = editionDate(e);
        return (at !== undefined && isoDate(at).getUTCMonth() === month) || (e.published !== undefined && isoDate(e.published).getUTCMonth() === month);
      });
      if (byMonth) return byMonth;
    }
    const time = (e: GuidanceEdition): number => {
      const at = editionDate(e);
      return at === undefined ? -Infinity : isoDate(at).getTime();
    };
    return sameYear.reduce((a, b) => (time(b) > time(a) ? b : a));
  }
  let best: (GuidanceEdition & { inForce: string }) | undefined;
  for (const e of series.editions) {
    if (!isConfirmed(e)) continue;
    if (isoDate(e.inForce) <= date.latest && (!best || isoDate(e.inForce) > isoDate(best.inForce))) best = e;
  }
  return best;
}

/** A citation dated by `written` at `start` in the text. */
function dated(series: GuidanceSeries, text: string, start: number, written: string): GuidanceCitation | undefined {
  const date = findDates(written).find((d) => d.index === 0 && d.text === written) ?? findDates(written)[0];
  const digits = /(?:19|20)\d{2}/.exec(written);
  if (!digits) return undefined;
  const year = Number(digits[0]);
  const byYear = (): GuidanceEdition | undefined => editionFor(series, { earliest: new Date(Date.UTC(year, 0, 1)), latest: new Date(Date.UTC(year, 11, 31)), precision: 'year' });
  return {
    series,
    start,
    end: start + written.length,
    written: text.slice(start, start + written.length),
    year,
    digitsAt: start + digits.index,
    ...(date ? { date: { ...date, index: start + date.index } } : {}),
    edition: date ? editionFor(series, date) : byYear(),
  };
}

/**
 * The citations of the `wanted` series in a text (a text block's), in order. `all` is every series of the
 * registry: another series' name ends the stretch in which a citation's year may stand.
 */
export function findCitations(text: string, wanted: GuidanceSeries[], all: GuidanceSeries[] = wanted, options: CitationOptions = {}): GuidanceCitation[] {
  const after = options.after ?? 'title';
  const want = new Set(wanted);
  const hits = nameHits(text, [...new Set([...wanted, ...all])]);
  let spans: { start: number; end: number }[] | undefined;
  const sentenceOf = (at: number): { start: number; end: number } => (spans ??= sentenceSpans(text)).find((s) => s.start <= at && at < s.end) ?? { start: 0, end: text.length };
  const out: GuidanceCitation[] = [];
  const push = (c: GuidanceCitation | undefined): void => {
    if (c && !out.some((o) => o.start === c.start)) out.push(c);
  };
  hits.forEach((hit, k) => {
    if (!want.has(hit.series)) return;
    const prevEnd = k > 0 ? hits[k - 1]!.end : 0;
    const nextStart = k + 1 < hits.length ? hits[k + 1]!.start : text.length;
    const history = (at: number): boolean => HISTORY.test(text.slice(Math.max(prevEnd, at - 60), at));
    // A date after the name.
    if (after === 'title') {
      // "Behaviour in Schools Guidance 2022", "... guidance (2022)", "... school staff September 2022".
      const windowEnd = Math.min(nextStart, hit.end + MAX_GAP + 20);
      const rest = text.slice(hit.end, windowEnd);
      const date = findDates(rest).find((d) => d.precision !== 'academic-year');
      if (date && gapFits(rest.slice(0, date.index), titleWords(hit.series))) {
        if (!history(hit.start)) push(dated(hit.series, text, hit.end + date.index, date.text));
        return;
      }
    } else {
      // "KCSIE 2023", "Keeping Children Safe in Education' (All staff) September 2022": within maxWords, in the sentence.
      const sentence = sentenceOf(hit.start);
      let window = text.slice(hit.end, Math.min(sentence.end, nextStart)).replace(TITLE_AND, (t) => t.replace(/and/i, '\u0000\u0000\u0000'));
      const stop = window.search(STOP);
      if (stop >= 0) window = window.slice(0, stop);
      const ya = YEAR_AFTER.exec(window);
      if (ya && wordCount(window.slice(0, ya.index)) <= after.maxWords) {
        if (!history(hit.start)) push(dated(hit.series, text, hit.end + ya.index, ya[0]));
        return;
      }
    }
    // A year before the name: "the 2022 Behaviour in Schools guidance".
    const from = Math.max(prevEnd, hit.start - 40);
    const y = YEAR_BEFORE.exec(text.slice(from, hit.start));
    if (y) {
      const start = from + y.index;
      const digits = y.groups!['year']!;
      const digitsEnd = start + y[0].indexOf(digits, y.groups!['month'] ? y.groups!['month'].length : 0) + digits.length;
      if (!history(start)) push(dated(hit.series, text, start, text.slice(start, digitsEnd)));
      return;
    }
    // No date: an edition marker next to the name ("Section 59: Suspension and Permanent Exclusion ...").
    for (const edition of hit.series.editions) {
      for (const marker of edition.markers ?? []) {
        const re = new RegExp(marker, 'gi');
        let m: RegExpExecArray | null;
        while ((m = re.exec(text)) !== null) {
          const mEnd = m.index + m[0].length;
          const near = (mEnd <= hit.start && hit.start - mEnd <= 40) || (m.index >= hit.end && m.index - hit.end <= MAX_GAP);
          if (near) push({ series: hit.series, start: m.index, end: mEnd, written: m[0], edition });
        }
      }
    }
  });
  return out;
}

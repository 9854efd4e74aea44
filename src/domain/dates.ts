/**
 * Dates as school policies write them, read as ranges of days.
 *
 * "Autumn 2025" is not one day: it is any day from 1 September to 31 December
 * 2025. Every date is therefore read as a range (the earliest and the latest
 * day it can mean), so that a rule can be generous ("has the review date
 * passed?" asks about the LAST day) or strict ("is the policy dated September
 * 2024 or later?" asks about the FIRST day).
 *
 * Forms understood (see docs/domain.md and the seed policies):
 * - terms: "Autumn 2025" (1 Sep to 31 Dec), "Spring 2024" (1 Jan to 30 Apr),
 *   "Summer 2024" (1 Apr to 31 Jul), also "Autumn Term 2025", "Spring 1 2024";
 * - months: "April 2024", "Sept 2024", "Feb. 2026";
 * - days: "1st September 2022", "1 Sept 2022", "September 1st, 2022",
 *   "28.01.25" and "28/01/2025" (UK day first), "2025-01-28" (ISO);
 * - years: "2024";
 * - academic years: "2022-23", "2022/23", "2024-2025", "2022–23" (1 Sep to 31 Aug);
 * - a leading "Updated", "Revised", "Approved" ... on a date value ("Updated March 2023").
 *
 * Labelled dates ("Review date: Spring 2024", "Date of Issue: February 2025",
 * "Policy ratified: Autumn 2024", "Review Date:<TAB>March 2026") are found by
 * `findLabelledDates` (one block's text) and `findDocumentDates` (a document's
 * blocks, following a label to the next paragraph or table cell).
 *
 * All dates are UTC midnight. Everything here is a pure function.
 */
import type { TextBlock } from '../types.js';

export type DatePrecision = 'day' | 'month' | 'term' | 'year' | 'academic-year';
export type Term = 'autumn' | 'spring' | 'summer';

export interface DateRange {
  /** The first day the date can mean (UTC midnight). */
  earliest: Date;
  /** The last day the date can mean (UTC midnight). */
  latest: Date;
  precision: DatePrecision;
}

/** A date found in a text: its range and where it stands. */
export interface DateMention extends DateRange {
  /** Index of the first character in the text searched. */
  index: number;
  /** The text as written ("Autumn 2025"). */
  text: string;
}

const MS_PER_DAY = 86_400_000;

export function utcDay(year: number, monthIndex: number, day: number): Date {
  return new Date(Date.UTC(year, monthIndex, day));
}

function lastDayOfMonth(year: number, monthIndex: number): Date {
  return utcDay(year, monthIndex + 1, 0);
}

/** Terms of the English school year: Autumn = Sep to Dec, Spring = Jan to Apr (Easter), Summer = Apr to Jul. */
export const TERM_MONTHS: Readonly<Record<Term, readonly [number, number]>> = {
  autumn: [8, 11],
  spring: [0, 3],
  summer: [3, 6],
};

export function termRange(term: Term, year: number): DateRange {
  const [first, last] = TERM_MONTHS[term];
  return { earliest: utcDay(year, first, 1), latest: lastDayOfMonth(year, last), precision: 'term' };
}

export function monthRange(year: number, monthIndex: number): DateRange {
  return { earliest: utcDay(year, monthIndex, 1), latest: lastDayOfMonth(year, monthIndex), precision: 'month' };
}

export function yearRange(year: number): DateRange {
  return { earliest: utcDay(year, 0, 1), latest: utcDay(year, 11, 31), precision: 'year' };
}

/** The academic year that starts in September of `startYear`: 1 Sep to 31 Aug. */
export function academicYearRange(startYear: number): DateRange {
  return { earliest: utcDay(startYear, 8, 1), latest: utcDay(startYear + 1, 7, 31), precision: 'academic-year' };
}

export function dayRange(year: number, monthIndex: number, day: number): DateRange | undefined {
  if (monthIndex < 0 || monthIndex > 11 || day < 1) return undefined;
  const d = utcDay(year, monthIndex, day);
  if (d.getUTCMonth() !== monthIndex) return undefined; // 31 February and the like
  return { earliest: d, latest: d, precision: 'day' };
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Month index of a month name or abbreviation ("Sept", "feb"), or undefined. */
export function monthIndex(name: string): number | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((m) => m.startsWith(n.slice(0, 3)));
  return i < 0 ? undefined : i;
}

const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ORDINAL = '(?:st|nd|rd|th)';

/** Two-digit years are read as 20yy. */
function fullYear(value: string): number {
  const n = Number(value);
  return value.length <= 2 ? 2000 + n : n;
}

interface Candidate {
  index: number;
  text: string;
  range: DateRange;
}

type Reader = { re: RegExp; read: (m: RegExpExecArray) => DateRange | undefined };

const READERS: Reader[] = [
  // 1st September 2022, 1 Sept 2022, 1st of September, 2022
  {
    re: new RegExp(`\\b(\\d{1,2})${ORDINAL}?(?:\\s+of)?\\s+${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => {
      const mi = monthIndex(m[2]!);
      return mi === undefined ? undefined : dayRange(Number(m[3]), mi, Number(m[1]));
    },
  },
  // September 1st, 2022
  {
    re: new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})${ORDINAL}?,?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => {
      const mi = monthIndex(m[1]!);
      return mi === undefined ? undefined : dayRange(Number(m[3]), mi, Number(m[2]));
    },
  },
  // 2025-01-28
  {
    re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    read: (m) => dayRange(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
  },
  // 28.01.25, 28/01/2025, 28-01-2025 (UK: day first)
  {
    re: /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[./-]\d)/g,
    read: (m) => dayRange(fullYear(m[4]!), Number(m[3]) - 1, Number(m[1])),
  },
  // Autumn 2025, Spring Term 2024, Summer 2 2024
  {
    re: /\b(autumn|spring|summer)(?:\s+term)?(?:\s+[12])?,?\s+(\d{4})\b/gi,
    read: (m) => termRange(m[1]!.toLowerCase() as Term, Number(m[2])),
  },
  // April 2024, Sept. 2024
  {
    re: new RegExp(`\\b${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'gi'),
    read: (m) => {
      const mi = monthIndex(m[1]!);
      return mi === undefined ? undefined : monthRange(Number(m[2]), mi);
    },
  },
  // 2022-23, 2022/23, 2024-2025, 2022–23
  {
    re: /\b((?:19|20)\d{2})\s*[-–—/]\s*(\d{4}|\d{2})\b(?![./-]\d)/g,
    read: (m) => {
      const start = Number(m[1]);
      const end = m[2]!.length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) : Number(m[2]);
      const expected = start + 1;
      if (end !== expected && !(m[2]!.length === 2 && end + 100 === expected)) return undefined;
      return academicYearRange(start);
    },
  },
  // 2024
  {
    re: /(?<![\d.,£$€])\b((?:19|20)\d{2})\b(?![.,]\d|%)/g,
    read: (m) => yearRange(Number(m[1])),
  },
];

/**
 * Every date in a text, in order, without overlaps: where two readings
 * overlap, the one that starts first wins, then the longer one
 * ("1st September 2022" over "September 2022", "2024-2025" over "2024").
 */
export function findDates(text: string): DateMention[] {
  const candidates: Candidate[] = [];
  for (const { re, read } of READERS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const range = read(m);
      if (range) candidates.push({ index: m.index, text: m[0], range });
    }
  }
  candidates.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const out: DateMention[] = [];
  let reached = 0;
  for (const c of candidates) {
    if (c.index < reached) continue;
    out.push({ ...c.range, index: c.index, text: c.text });
    reached = c.index + c.text.length;
  }
  return out;
}

/** Words that may stand before a date value without changing it: "Updated March 2023", "on 3 March 2025", "the end of March 2024". */
const VALUE_PREFIX =
  /^(?:(?:last\s+)?(?:updated|revised|amended|reviewed|approved|ratified|issued|adopted|agreed|written|published)\b\s*(?::\s*)?)?(?:(?:on|in|by|from|during|before|until|no\s+later\s+than)\s+)?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?/i;

/**
 * The date a value starts with, after optional words such as "Updated" or
 * "by the end of": "Updated March 2023" -> March 2023. `index` is relative to
 * `value`. Undefined when the value does not start with a date.
 */
export function leadingDate(value: string): DateMention | undefined {
  const lead = /^[\s(*_"'‘“]*/.exec(value)![0].length;
  const rest = value.slice(lead);
  const prefix = VALUE_PREFIX.exec(rest)![0].length;
  const body = rest.slice(prefix);
  const first = findDates(body)[0];
  if (!first || first.index !== 0) return undefined;
  return { ...first, index: lead + prefix };
}

/**
 * A value that is one date and nothing else (apart from a leading "Updated"
 * and closing punctuation): "Spring 2024", "Updated March 2023", "28.01.25.".
 */
export function parseDate(value: string): DateRange | undefined {
  const d = leadingDate(value);
  if (!d) return undefined;
  const tail = value.slice(d.index + d.text.length);
  if (!/^[\s.,;:)*_"'’”]*$/.test(tail)) return undefined;
  return { earliest: d.earliest, latest: d.latest, precision: d.precision };
}

/** True when every day the date can mean is before `asOf` (a term counts as past only once its last day has gone). */
export function isPast(range: DateRange, asOf: Date): boolean {
  return range.latest.getTime() < asOf.getTime();
}

/** Whole calendar months from the month of `a` to the month of `b` (negative when `b` is earlier). */
export function monthsBetween(a: Date, b: Date): number {
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * MS_PER_DAY);
}

// ---------------------------------------------------------------------------
// Labelled dates

export type DateLabelKind = 'review' | 'issue';

export interface LabelledDate {
  kind: DateLabelKind;
  /** The label as written ("Review date", "Date of Issue"). */
  label: string;
  /** Index of the label in the text searched. */
  labelIndex: number;
  /** The value after the label on the same line, trimmed ("" when blank). */
  value: string;
  valueIndex: number;
  /** The date the value starts with (`index` relative to the text searched), when it starts with one. */
  date?: DateMention;
  /** The label is followed by a colon or a tab: it is a form field, not a sentence. */
  field: boolean;
  /** The date is stated in a sentence ("This policy will be reviewed in Autumn 2026"). */
  inline: boolean;
}

/** Labels of a review date, longest first. */
const REVIEW_LABEL = new RegExp(
  '^(?:' +
    [
      'date\\s+(?:of|for)\\s+(?:the\\s+)?next\\s+(?:policy\\s+)?review',
      'next\\s+(?:policy\\s+)?review(?:\\s+date)?(?:\\s+(?:due|on|in|by))?',
      '(?:policy\\s+)?review\\s+date',
      'date\\s+(?:of|for)\\s+(?:policy\\s+)?review',
      'date\\s+to\\s+be\\s+reviewed',
      '(?:policy\\s+)?to\\s+be\\s+reviewed(?:\\s+(?:on|in|by|during|before))?',
      '(?:policy\\s+)?review\\s+due(?:\\s+(?:date|on|in|by))?',
      'due\\s+for\\s+review(?:\\s+(?:on|in|by))?',
      'review(?=\\s*:)',
    ].join('|') +
    ')\\b',
  'i',
);

const ISSUE_VERBS = 'issued|approved|ratified|adopted|agreed|written|updated|amended|reviewed|published';

/** Labels of the date a policy was issued, approved, ratified or last reviewed, longest first. */
const ISSUE_LABEL = new RegExp(
  '^(?:' +
    [
      'date\\s+of\\s+(?:issue|approval|adoption|ratification|publication|last\\s+review)',
      '(?:issue|approval|adoption|ratification|publication)\\s+date',
      `date\\s+(?:policy\\s+)?(?:${ISSUE_VERBS})(?:\\s*\\/\\s*(?:${ISSUE_VERBS}))*(?:\\s+by\\s+(?:the\\s+)?(?:full\\s+)?(?:governing\\s+body|governors))?`,
      `(?:policy\\s+)?(?:last\\s+)?(?:${ISSUE_VERBS})(?:\\s+by\\s+(?:the\\s+)?(?:full\\s+)?(?:governing\\s+body|governors))?(?:\\s+(?:on|in))?`,
      '(?:policy\\s+)?date',
    ].join('|') +
    ')\\b',
  'i',
);

/** A sentence that states a date: "This policy will be reviewed in Autumn 2026", "was approved by governors on 3 March 2025". */
const INLINE_REVIEW = /\b(?:will|shall|should|must|is\s+to|is\s+due\s+to)\s+(?:next\s+)?be\s+reviewed\s+(?:again\s+)?(?:in|on|by|before|during|no\s+later\s+than)\s+/gi;
const INLINE_ISSUE = new RegExp(`\\b(?:was|were|has\\s+been)\\s+(?:${ISSUE_VERBS})(?:\\s+by\\s+(?:the\\s+)?(?:full\\s+)?(?:governing\\s+body|governors|trustees))?\\s+(?:on|in)\\s+`, 'gi');

/** Where a form field can start on a line: the line start (after a bullet), after a tab, after two spaces, after "|", after a sentence. */
function fieldStarts(line: string): number[] {
  const starts = new Set<number>();
  starts.add(/^[\s\-*•·]*/.exec(line)![0].length);
  const re = /(?:\t|\s{2,}|\|)\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) starts.add(m.index + m[0].length);
  // A field after another sentence on the same line: "Approved: 10 October 2025. Review date: October 2026.",
  // "Reviewed annually; next review March 2025".
  const sentence = /[.;!?)]\s+(?=[A-Za-z])/g;
  while ((m = sentence.exec(line)) !== null) starts.add(m.index + m[0].length);
  return [...starts].filter((s) => s < line.length || s === 0).sort((a, b) => a - b);
}

function labelAt(line: string, at: number): { kind: DateLabelKind; label: string } | undefined {
  const rest = line.slice(at);
  const r = REVIEW_LABEL.exec(rest);
  if (r) return { kind: 'review', label: r[0] };
  const i = ISSUE_LABEL.exec(rest);
  if (i) return { kind: 'issue', label: i[0] };
  return undefined;
}

/**
 * Every labelled date in a text (one block's text), line by line:
 * "Review date: Spring 2024", "**Review date April 2024**" (read as "Review
 * date April 2024"), "Review Date:<TAB>March 2026" in a tab-separated line,
 * a blank "Review date:", "Date of Issue: February 2025", "Date: Updated
 * March 2023", "Policy ratified: Autumn 2024", and sentences such as "This
 * policy will be reviewed in Autumn 2026".
 *
 * Review labels are returned whether or not a date follows (a blank or
 * unreadable one matters), but only when they are fields (a colon or a tab
 * follows), stand alone on their line, or are followed by a date. Issue
 * labels are returned only when a date follows.
 */
export function findLabelledDates(text: string): LabelledDate[] {
  const out: LabelledDate[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const labels: { at: number; kind: DateLabelKind; label: string }[] = [];
    for (const at of fieldStarts(line)) {
      const found = labelAt(line, at);
      if (found) labels.push({ at, ...found });
    }
    labels.forEach((l, k) => {
      const afterLabel = l.at + l.label.length;
      const next = labels[k + 1]?.at ?? line.length;
      const sep = /^[ \t]*(?:[:\-–—][ \t]*)?/.exec(line.slice(afterLabel, next))![0];
      const field = /[:\t]/.test(sep);
      const raw = line.slice(afterLabel + sep.length, next);
      const value = raw.trim();
      const valueIndex = offset + afterLabel + sep.length + (raw.length - raw.trimStart().length);
      const lead = value ? leadingDate(value) : undefined;
      const alone =
        value === '' &&
        line
          .slice(0, l.at)
          .trim()
          .replace(/^[-*•·]$/, '') === '';
      if (l.kind === 'issue' && !lead) return;
      if (l.kind === 'review' && !lead && !field && !alone) return;
      // A label word followed by a space and then prose ("Date April ..." is fine, "Date of birth" is not) only counts with a date.
      if (!field && value !== '' && !lead) return;
      const entry: LabelledDate = {
        kind: l.kind,
        label: l.label,
        labelIndex: offset + l.at,
        value,
        valueIndex,
        field,
        inline: false,
      };
      if (lead) entry.date = { ...lead, index: valueIndex + lead.index };
      out.push(entry);
    });
    for (const [re, kind] of [
      [INLINE_REVIEW, 'review'],
      [INLINE_ISSUE, 'issue'],
    ] as const) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) {
        const valueStart = m.index + m[0].length;
        const lead = leadingDate(line.slice(valueStart));
        if (!lead) continue;
        const labelIndex = offset + m.index;
        if (out.some((o) => o.labelIndex <= labelIndex && labelIndex < o.valueIndex + o.value.length)) continue;
        out.push({
          kind,
          label: m[0].trim(),
          labelIndex,
          value: line.slice(valueStart + lead.index, valueStart + lead.index + lead.text.length),
          valueIndex: offset + valueStart + lead.index,
          date: { ...lead, index: offset + valueStart + lead.index },
          field: false,
          inline: true,
        });
      }
    }
    offset += line.length + 1;
  }
  return out.sort((a, b) => a.labelIndex - b.labelIndex);
}

/** A value that fills a form field without filling it in: "TBC", "N/A", "-", "XXXX", "(enter date)". */
const UNFILLED_VALUE = /^(?:TBC|TBA|TBD|to be (?:confirmed|agreed|decided)|n\/?a|none|[-–—?x.…_]+|[([]\s*(?:enter|insert|add)\b.*)$/i;

/** A labelled date found in a document, with the blocks its label and value stand in. */
export interface DocumentDate extends LabelledDate {
  /** The block holding the label. */
  block: TextBlock;
  /**
   * The block holding the value: the label's own block, or the next paragraph
   * or table cell when the label stands alone. `valueIndex` and `date.index`
   * are indexes into this block's text; `labelIndex` into `block`'s.
   */
  valueBlock: TextBlock;
}

/**
 * Every labelled date of a document, in order. A label that stands alone
 * ("Review date:" as its own paragraph or table cell) takes its value from
 * the next table cell of its row (when that cell is empty, a date, or an
 * unfilled value such as "TBC"; otherwise the label is a column heading), or
 * from the next paragraph when that paragraph is a date and nothing else.
 */
export function findDocumentDates(blocks: readonly TextBlock[]): DocumentDate[] {
  const out: DocumentDate[] = [];
  blocks.forEach((block, i) => {
    if (block.kind === 'html') return;
    for (const found of findLabelledDates(block.text)) {
      const entry: DocumentDate = { ...found, block, valueBlock: block };
      const lastLine = block.text.slice(found.labelIndex).indexOf('\n') < 0;
      if (!found.date && found.value === '' && lastLine) {
        if (block.kind === 'tableCell') {
          // A label cell takes its value from the next cell of its row. With no
          // next cell, or one holding other words ("| Review date | Action |"),
          // the label is a column heading, not a field.
          const neighbour = block.row && block.cellIndex !== undefined ? block.row[block.cellIndex + 1] : undefined;
          if (!neighbour) continue;
          const trimmed = neighbour.text.trim();
          const lead = trimmed ? leadingDate(trimmed) : undefined;
          if (trimmed !== '' && !lead && !UNFILLED_VALUE.test(trimmed)) continue;
          const at = trimmed ? neighbour.text.indexOf(trimmed) : 0;
          entry.value = trimmed;
          entry.valueIndex = at;
          entry.valueBlock = neighbour;
          if (lead) entry.date = { ...lead, index: at + lead.index };
        } else {
          // A label paragraph takes its value from the next paragraph only when that is a date and nothing else.
          const neighbour = blocks[i + 1];
          const trimmed = neighbour && neighbour.kind !== 'html' ? neighbour.text.trim() : '';
          const lead = neighbour && parseDate(trimmed) ? leadingDate(trimmed) : undefined;
          if (neighbour && lead) {
            const at = neighbour.text.indexOf(trimmed);
            entry.value = trimmed;
            entry.valueIndex = at;
            entry.valueBlock = neighbour;
            entry.date = { ...lead, index: at + lead.index };
          }
        }
      }
      if (entry.kind === 'issue' && !entry.date) continue;
      out.push(entry);
    }
  });
  return out;
}

/** The labelled date (issue or review) that can mean the latest first day, or undefined when none has a date. */
export function latestDocumentDate<T extends LabelledDate>(dates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const d of dates) {
    if (d.date && (!best || d.date.earliest.getTime() > best.date!.earliest.getTime())) best = d;
  }
  return best;
}

/**
 * superseded-guidance: a citation of a DfE guidance edition that a later
 * edition has replaced ("Behaviour in Schools Guidance 2022", "Suspension and
 * Permanent Exclusion ... guidance (2022)", "Section 59" of the 2022 exclusion
 * guidance).
 */
import { type DateMention, editionDate, editionInForce, expectedDue, isConfirmed, escapeRegExp, findDates, type Fix, formatDate, type GuidanceEdition, type GuidanceSeries, isoDate, replaceFix, type Rule, sourceRange, type TextBlock } from '../src/rule-api/index.js';

export const DEFAULT_SERIES = ['behaviour-in-schools', 'exclusions', 'working-together', 'alternative-provision'];

/** The longest stretch of title text allowed between a guidance name and the year that dates it. */
const MAX_GAP = 160;

/** Words that may sit between a guidance name and its year besides the words of the title itself. */
const CITATION_WORDS = new Set([
  'guidance', 'statutory', 'non-statutory', 'advice', 'dfe', 'department', 'for', 'education', 'hm', 'government', 'the', 'including',
  'pupil', 'movement', 'document', 'published', 'updated', 'revised', 'edition', 'version', 'and', 'of', 'in', 'to', 'from', 'a',
]);

/** Words just before a citation that make it history, not a citation ("replacing the 2017 guidance"). */
const HISTORY = /\b(?:formerly|previously|replacing|replaces|replaced|supersedes|superseded|superseding|succeeds|updates|updated\s+from|instead\s+of|rather\s+than)\s+(?:the\s+)?(?:DfE['’]?s?\s+)?["'‘“(]?\s*$/i;

/** A year, or a month or term and year, just before a guidance name: "the 2022 Behaviour in Schools guidance". */
const YEAR_BEFORE = /(?:^|[\s("'‘“])((?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+)?(?:19|20)\d{2})(?:['’]s)?\s+$/i;

interface AliasHit {
  series: GuidanceSeries;
  start: number;
  end: number;
}

export interface Citation {
  series: GuidanceSeries;
  /** Index range in the block text of what dates the citation (the year, or the marker). */
  start: number;
  end: number;
  written: string;
  edition: GuidanceEdition | undefined;
  /** The cited date, when a date (not a marker) identifies the edition. */
  date?: DateMention;
}

/** Alias patterns already built (every block is searched for every alias). */
const aliasPatterns = new Map<string, RegExp>();

function aliasPattern(alias: string): RegExp {
  let re = aliasPatterns.get(alias);
  if (!re) {
    const words = alias.trim().split(/\s+/);
    // Short names ("Working Together") are also ordinary words: match them only as written.
    const flags = words.length <= 2 ? 'g' : 'gi';
    re = new RegExp(`\\b${words.map(escapeRegExp).join('\\s+')}\\b`, flags);
    if (aliasPatterns.size < 1000) aliasPatterns.set(alias, re);
  }
  re.lastIndex = 0;
  return re;
}

function aliasHits(text: string, series: GuidanceSeries[]): AliasHit[] {
  const hits: AliasHit[] = [];
  for (const s of series) {
    for (const alias of s.aliases) {
      const re = aliasPattern(alias);
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) hits.push({ series: s, start: m.index, end: m.index + m[0].length });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AliasHit[] = [];
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

/**
 * Whether the text between a guidance name and a date can be the rest of the
 * citation: short, and made only of words of the title and of citations
 * ("Behaviour in schools. Advice for headteachers and school staff.
 * September 2022", "Suspension and Permanent Exclusion from Maintained
 * Schools, ..., Including Pupil Movement, guidance (2022)"), so that a year
 * further on in the sentence ("... guidance here, which we read in 2023") is
 * not taken for the edition.
 */
function gapFits(gap: string, words: Set<string>): boolean {
  if (gap.length > MAX_GAP) return false;
  for (const w of gap.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []) if (!words.has(w)) return false;
  return true;
}

/** The edition a date names: one of that year (the month decides between several), else the one in force at the end of that date. */
function editionFor(series: GuidanceSeries, date: { earliest: Date; latest: Date; precision: string }): GuidanceEdition | undefined {
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

/** The text a superseded date is replaced with: the current edition's year, or its month and year when the citation gives a month. */
function replacementFor(date: DateMention, current: GuidanceEdition): string {
  if ((date.precision === 'month' || date.precision === 'day') && /^[A-Z][a-z]+ \d{4}$/.test(current.edition)) return current.edition;
  return String(current.year);
}

export function citationsIn(block: TextBlock, series: GuidanceSeries[]): Citation[] {
  const text = block.text;
  const hits = aliasHits(text, series);
  const out: Citation[] = [];
  hits.forEach((hit, k) => {
    const prevEnd = k > 0 ? hits[k - 1]!.end : 0;
    const nextStart = k + 1 < hits.length ? hits[k + 1]!.start : text.length;
    const words = titleWords(hit.series);
    // A date after the name: "Behaviour in Schools Guidance 2022", "... guidance (2022)", "... school staff September 2022".
    const windowEnd = Math.min(nextStart, hit.end + MAX_GAP + 20);
    const after = text.slice(hit.end, windowEnd);
    const date = findDates(after).find((d) => d.precision !== 'academic-year');
    if (date && gapFits(after.slice(0, date.index), words)) {
      const start = hit.end + date.index;
      if (!HISTORY.test(text.slice(Math.max(prevEnd, hit.start - 60), hit.start))) {
        out.push({ series: hit.series, start, end: start + date.text.length, written: date.text, edition: editionFor(hit.series, date), date: { ...date, index: start } });
      }
      return;
    }
    // A year before the name: "the 2022 Behaviour in Schools guidance".
    const before = text.slice(prevEnd, hit.start);
    const y = YEAR_BEFORE.exec(before);
    if (y) {
      const start = prevEnd + y.index + y[0].indexOf(y[1]!);
      const mention = findDates(y[1]!)[0];
      if (mention && !HISTORY.test(text.slice(Math.max(0, start - 60), start))) {
        out.push({ series: hit.series, start, end: start + y[1]!.length, written: y[1]!, edition: editionFor(hit.series, mention), date: { ...mention, index: start } });
      }
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
          if (near && !out.some((c) => c.start === m!.index)) out.push({ series: hit.series, start: m.index, end: mEnd, written: m[0], edition });
        }
      }
    }
  });
  return out;
}

type Options = { series: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'superseded-guidance',
    description: 'Citations of DfE guidance must name the edition in force, not one a later edition replaced.',
    severity: 'error',
    fixable: 'suggestion',
    rationale:
      'A policy that cites replaced guidance tells staff to follow advice the DfE has withdrawn, and tells inspectors the policy ' +
      'was not checked when the guidance changed. "Behaviour in schools" of September 2022 was replaced in February 2024; the ' +
      'suspension and permanent exclusion guidance of September 2022 was replaced in September 2023 and again in August 2024; ' +
      '"Working Together to Safeguard Children" 2018 was replaced in December 2023; "Arranging alternative provision" of 2013 ' +
      'was replaced in February 2025. The rule reports the year or edition of a citation that a later edition has replaced at ' +
      'the date of checking, and names the current edition. Where only the year has to change ("Behaviour in Schools Guidance ' +
      '2022" -> "2024") it offers that change as a suggestion: read the new edition and check the policy still agrees with it ' +
      'before accepting. History is left alone ("In force from 1st September 2022, replacing the 2017 guidance"), as is a ' +
      'citation with no year.',
    sources: [
      { title: 'DfE: Behaviour in schools (September 2022, updated February 2024)', url: 'https://www.gov.uk/government/publications/behaviour-in-schools--2' },
      { title: 'DfE: Suspension and permanent exclusion guidance', url: 'https://www.gov.uk/government/publications/school-exclusion' },
      { title: 'DfE: Working Together to Safeguard Children', url: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2' },
      { title: 'DfE: Arranging alternative provision (5 February 2025)', url: 'https://www.gov.uk/government/publications/alternative-provision' },
      { title: 'policy-lint domain facts: guidance editions, certainty and check dates', url: 'docs/domain.md#exclusions' },
    ],
    notes:
      'Facts used (data/guidance.yaml `series`; docs/domain.md#exclusions and #other-guidance), each checked on 1 December 2026: ' +
      'Behaviour in schools September 2022 and February 2024, confirmed (gov.uk/government/publications/behaviour-in-schools--2); ' +
      'suspension and permanent exclusion guidance 2017, September 2022, September 2023, August 2024 and July 2026 (published ' +
      '26 May 2026, in force 26 July 2026), confirmed (gov.uk/government/publications/school-exclusion; the 2026 edition also by ' +
      'The Key\'s summary of changes of 29 May 2026 and IQM); Working Together 2018 and December 2023, confirmed ' +
      '(gov.uk/government/publications/working-together-to-safeguard-children--2), and a 2026 edition expected with no date, which ' +
      'makes nothing stale until a date is configured; Arranging alternative provision 2013 (updated 2016) and February 2025, ' +
      'confirmed (gov.uk/government/publications/alternative-provision). A confirmed newer edition makes an older citation an ' +
      'error; an expected edition whose date has passed makes a citation of the latest confirmed one a warning that asks to ' +
      'check, with no fix. Option `series` lists the registry series this rule checks (Keeping Children Safe in Education is ' +
      'left to `kcsie-current`). A citation with no year is dated by an edition marker from the registry: "Section 59" next to ' +
      'the exclusion guidance is the September 2022 edition (later copies quote "Section 60"); such a citation is reported ' +
      'without a fix, because the paragraph number in the new edition must be checked by hand. A year dates a guidance name when ' +
      'it follows the name with only words of the title and of citations between, or stands just before it ("the 2022 ' +
      'Behaviour in Schools guidance"); a year later in the sentence does not.',
    options: {
      series: {
        type: 'array',
        items: { type: 'string' },
        description: 'Ids of the guidance registry series to check.',
        default: DEFAULT_SERIES,
      },
    },
    messages: {
      supersededDate: '"{{written}}" cites {{cited}} of "{{title}}", replaced by the {{current}} edition (in force from {{since}}). Cite the current edition and check the policy still agrees with it.',
      supersededParagraph: '"{{written}}" cites {{cited}} of "{{title}}", replaced by the {{current}} edition (in force from {{since}}). Cite the {{current}} edition and check the paragraph number in it.',
      supersededExpected:
        '"{{written}}" cites {{cited}} of "{{title}}", replaced by the {{current}} edition (in force from {{since}}), the latest confirmed. A new edition was expected from {{expected}}; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
    },
    examples: [
      {
        title: 'Guidance cited by a replaced year',
        text: 'We follow the [Behaviour in Schools Guidance 2022](#) and the Suspension and Permanent Exclusion guidance (2022).\n',
        expect: ['1:46 February 2024', '1:108 July 2026'],
        output: 'We follow the [Behaviour in Schools Guidance 2024](#) and the Suspension and Permanent Exclusion guidance (2026).\n',
      },
      {
        title: 'A month and year before the guidance name, and the edition named after it',
        text: "**DfE: Behaviour in schools. Advice for headteachers and school staff.** September 2022\n\nRead with the 2022 Behaviour in Schools guidance.\n",
        expect: ['1:74 February 2024', '3:15 February 2024'],
        output: "**DfE: Behaviour in schools. Advice for headteachers and school staff.** February 2024\n\nRead with the 2024 Behaviour in Schools guidance.\n",
      },
      {
        title: 'A quoted paragraph number that only the 2022 edition uses',
        text: '(Section 59: Suspension and Permanent Exclusion from maintained schools, academies and pupil referral units in England)\n',
        expect: ['1:2 Section 59'],
      },
      {
        title: 'Current editions and history pass',
        text:
          'We have reviewed the policy alongside the Behaviour in Schools (2024) and the new Suspension and Permanent Exclusion ' +
          'guidance (July 2026). In force from 1st September 2022, replacing the 2017 guidance.\n',
        expect: [],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const series = options.series
      .map((id) => settings.guidance.series[id])
      .filter((s): s is GuidanceSeries => s !== undefined);
    if (series.length === 0) return;
    for (const block of doc.blocks) {
      if (block.kind === 'html') continue;
      for (const c of citationsIn(block, series)) {
        const current = editionInForce(c.series, settings.asOf);
        if (!current) continue;
        const cited = c.edition;
        // An edition the registry only expects: the policy may be right; nothing is known to report.
        if (cited && !isConfirmed(cited)) continue;
        if (cited && cited !== current && isoDate(cited.inForce).getTime() >= isoDate(current.inForce).getTime()) continue;
        // An expected edition whose date has passed: the latest confirmed edition may no longer be in force.
        const due = expectedDue(c.series, settings.asOf, current);
        const { start, end } = sourceRange(block, c.start, c.end);
        // The latest confirmed edition, cited after an expected successor was due, is left to expected-guidance (a warning).
        if (cited === current) continue;
        const what = cited ? `the ${cited.edition} edition` : `an edition older than any we know (${c.written})`;
        const since = formatDate(current.inForce);
        let fix: Fix | undefined;
        // The fix writes the latest confirmed edition, and only while no expected successor is due.
        if (c.date && !due) {
          const text = replacementFor(c.date, current);
          fix = replaceFix(doc, start, end, c.written, text, 'suggestion');
        }
        report({
          messageId: due ? 'supersededExpected' : c.date ? 'supersededDate' : 'supersededParagraph',
          data: { written: c.written, cited: what, title: c.series.title, current: current.edition, since, ...(due ? { expected: formatDate(due.expected) } : {}) },
          start,
          end,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};

export default rule;

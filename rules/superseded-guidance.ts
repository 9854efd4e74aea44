/**
 * superseded-guidance: a citation of a DfE guidance edition that a later
 * edition has replaced ("Behaviour in Schools Guidance 2022", "Suspension and
 * Permanent Exclusion ... guidance (2022)", "Section 59" of the 2022 exclusion
 * guidance).
 */
import {
  type DateMention,
  editionInForce,
  expectedDue,
  findCitations,
  isConfirmed,
  type Fix,
  formatDate,
  type GuidanceEdition,
  type GuidanceSeries,
  isoDate,
  replaceFix,
  type Rule,
  sourceRange,
} from '../src/rule-api/index.js';

export const DEFAULT_SERIES = ['behaviour-in-schools', 'exclusions', 'working-together', 'alternative-provision'];

/** The text a superseded date is replaced with: the current edition's year, or its month and year when the citation gives a month. */
function replacementFor(date: DateMention, current: GuidanceEdition): string {
  if ((date.precision === 'month' || date.precision === 'day') && /^[A-Z][a-z]+ \d{4}$/.test(current.edition)) return current.edition;
  return String(current.year);
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
      "The Key's summary of changes of 29 May 2026 and IQM); Working Together 2018 and December 2023, confirmed " +
      '(gov.uk/government/publications/working-together-to-safeguard-children--2), and a 2026 edition expected with no date, which ' +
      'makes nothing stale until a date is configured; Arranging alternative provision 2013 (updated 2016) and February 2025, ' +
      'confirmed (gov.uk/government/publications/alternative-provision). A confirmed newer edition makes an older citation an ' +
      'error; an expected edition whose date has passed makes a citation of the latest confirmed one a warning that asks to ' +
      'check, with no fix. Option `series` lists the registry series this rule checks (Keeping Children Safe in Education is ' +
      'left to `kcsie-current`). A citation with no year is dated by an edition marker from the registry: "Section 59" next to ' +
      'the exclusion guidance is the September 2022 edition (later copies quote "Section 60"); such a citation is reported ' +
      'without a fix, because the paragraph number in the new edition must be checked by hand. A year dates a guidance name when ' +
      'it follows the name with only words of the title and of citations between, or stands just before it ("the 2022 ' +
      'Behaviour in Schools guidance", "the September 2022 edition of Behaviour in Schools"); a year later in the sentence ' +
      'does not.',
    options: {
      series: {
        type: 'array',
        items: { type: 'string' },
        description: 'Ids of the guidance registry series to check.',
        default: DEFAULT_SERIES,
      },
    },
    messages: {
      supersededDate:
        '"{{written}}" cites {{cited}} of "{{title}}", replaced by the {{current}} edition (in force from {{since}}). Cite the current edition and check the policy still agrees with it.',
      supersededParagraph:
        '"{{written}}" cites {{cited}} of "{{title}}", replaced by the {{current}} edition (in force from {{since}}). Cite the {{current}} edition and check the paragraph number in it.',
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
        text: '**DfE: Behaviour in schools. Advice for headteachers and school staff.** September 2022\n\nRead with the 2022 Behaviour in Schools guidance.\n',
        expect: ['1:74 February 2024', '3:15 February 2024'],
        output: '**DfE: Behaviour in schools. Advice for headteachers and school staff.** February 2024\n\nRead with the 2024 Behaviour in Schools guidance.\n',
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
    const series = options.series.map((id) => settings.guidance.series[id]).filter((s): s is GuidanceSeries => s !== undefined);
    if (series.length === 0) return;
    const all = Object.values(settings.guidance.series);
    for (const block of doc.blocks) {
      if (block.kind === 'html') continue;
      for (const c of findCitations(block.text, series, all)) {
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

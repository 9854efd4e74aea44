/**
 * kcsie-current: every citation of Keeping Children Safe in Education with a
 * year names the edition in force at the as-of date (or a later one).
 */
import { editionInForce, expectedDue, findCitations, formatDate, replaceFix, type Rule, sourceRange } from '../src/rule-api/index.js';

type Options = { maxWords: number };

export const rule: Rule<Options> = {
  meta: {
    id: 'kcsie-current',
    description: 'Citations of Keeping Children Safe in Education must name the edition in force.',
    severity: 'error',
    fixable: 'suggestion',
    rationale:
      'Keeping Children Safe in Education (KCSIE) is statutory guidance that every school must follow, and the DfE replaces it ' +
      'every September: 2022, 2023, 2024, and 2025 (in force from 1 September 2025); the 2026 edition was expected from 1 September 2026 but is not confirmed. A policy that tells staff to read ' +
      '"KCSIE September 2022" sends them to guidance that no longer applies. Each citation with a year older than the edition ' +
      'in force at the as-of date is reported at its year, naming the edition in force and since when. A citation without a ' +
      'year ("the current KCSIE") is not out of date, and a year later than any edition the registry knows is not an error.',
    sources: [
      { title: 'Keeping children safe in education (DfE, all editions)', url: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
      { title: 'policy-lint domain facts: KCSIE editions, certainty and check dates', url: 'docs/domain.md#kcsie' },
    ],
    notes:
      'Facts used (data/guidance.yaml, `series.kcsie`; docs/domain.md#kcsie), each checked on 1 December 2026 against ' +
      'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2 : KCSIE 2021 to 2024 (in force 1 September ' +
      'of each year) and 2025 (in force 1 September 2025, published 7 July 2025) are confirmed; KCSIE 2026 is expected from ' +
      '1 September 2026 (the consultation draft of 12 February 2026; no final edition confirmed). A confirmed newer edition makes ' +
      "an older citation an error with a suggested fix; once an expected edition's date has passed, a citation of the latest " +
      'confirmed edition is a warning that asks to check gov.uk, older citations stay errors but say the 2026 edition was ' +
      'expected, and no fix is offered (it could write an edition that is itself out of date); the warning on the latest confirmed edition comes from expected-guidance. Confirm an edition in ' +
      '`settings.guidance` (certainty: confirmed, inForce) to make its predecessors errors. The edition in force on a date is ' +
      'the latest confirmed one whose in-force date is on or before it. The rule finds the name ("KCSIE", "KCSiE", "Keeping ' +
      'Children Safe in Education", and any alias the registry adds) and the year written just before it ("the 2023 KCSIE") or ' +
      'after it, within `maxWords` words (default 12) and the same sentence. The search stops at a word that starts another ' +
      'citation ("and", "or", "alongside", "replacing", a semicolon), so a later date in the same paragraph is not taken for the ' +
      'citation\'s year; history ("replacing KCSIE 2023", "formerly ...") is not a citation. The fix is a suggestion, not a safe fix: the policy should be checked against the new edition, not only re-dated.',
    options: {
      maxWords: {
        type: 'integer',
        description: 'How many words may stand between "KCSIE" (or its full name) and the year it cites.',
        default: 12,
        minimum: 0,
        maximum: 40,
      },
    },
    messages: {
      outOfDate: '{{name}} {{year}} is out of date: the edition in force is {{name}} {{current}}, since {{since}}. Check the policy against {{name}} {{current}} and cite it.',
      outOfDateExpected:
        '{{name}} {{year}} is out of date: the latest confirmed edition is {{name}} {{current}}, in force since {{since}}. {{name}} {{next}} was expected to come into force on {{expected}}; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
    },
    examples: [
      {
        title: 'An old edition in the model policy wording',
        text:
          "Staff will familiarise themselves with the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' " +
          '(All staff) September 2022, if there are any safeguarding concerns.\n',
        asOf: '2026-08-31',
        expect: ['1:126 KCSIE 2022 is out of date: the edition in force is KCSIE 2025, since 1 September 2025'],
        output:
          "Staff will familiarise themselves with the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' " +
          '(All staff) September 2025, if there are any safeguarding concerns.\n',
      },
      {
        title: 'Short citations',
        text: 'We follow KCSIE 2023 and the 2024 KCSIE.\n',
        asOf: '2026-08-31',
        expect: ['1:17 KCSIE 2023 is out of date', '1:30 KCSIE 2024 is out of date'],
        output: 'We follow KCSIE 2025 and the 2025 KCSIE.\n',
      },
      {
        title: 'The edition in force, a citation without a year, and an unrelated later date (before the 2026 edition was due)',
        asOf: '2026-08-31',
        text:
          "Staff read 'Keeping Children Safe in Education' (September 2025). Staff read the current KCSIE. " +
          'The DSL also reads the current KCSIE and the Behaviour in Schools guidance (2022).\n',
        expect: [],
      },
      {
        title: 'Before the 2025 edition came into force, 2024 was current',
        text: 'Keeping Children Safe in Education (September 2024)\n',
        asOf: '2025-08-31',
        expect: [],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const series = settings.guidance.series['kcsie'];
    if (!series) return;
    const current = editionInForce(series, settings.asOf);
    if (!current) return;
    const maxWords = options.maxWords;
    const name = series.aliases[0] ?? series.title;
    const all = Object.values(settings.guidance.series);

    // An expected edition whose date has passed: the edition in force may no longer be the latest confirmed one.
    const due = expectedDue(series, settings.asOf, current);
    for (const block of doc.blocks) {
      if (block.kind === 'html') continue;
      const seen = new Set<number>();
      for (const c of findCitations(block.text, [series], all, { after: { maxWords } })) {
        if (c.year === undefined || c.digitsAt === undefined || seen.has(c.digitsAt)) continue;
        seen.add(c.digitsAt);
        const range = sourceRange(block, c.start, c.end);
        if (c.year < current.year) {
          // A fix to the latest confirmed edition only while no expected successor is due: it might be out of date itself.
          const digits = sourceRange(block, c.digitsAt, c.digitsAt + 4);
          const fix = due ? undefined : replaceFix(doc, digits.start, digits.end, String(c.year), String(current.year), 'suggestion');
          report({
            messageId: due ? 'outOfDateExpected' : 'outOfDate',
            data: { name, year: c.year, current: current.edition, since: formatDate(current.inForce), ...(due ? { next: due.edition, expected: formatDate(due.expected) } : {}) },
            ...range,
            ...(fix ? { fix } : {}),
          });
        }
        // The latest confirmed edition, cited after its expected successor was due, is left to expected-guidance (a warning).
      }
    }
  },
};

export default rule;

/**
 * expected-guidance: a citation of the latest confirmed edition of a guidance
 * series after an expected successor was due ("KCSIE 2025" after
 * 1 September 2026, when KCSIE 2026 was expected but is not confirmed). A
 * warning that asks the reader to check; never an error, never a fix.
 */
import { editionInForce, expectedDue, findCitations, formatDate, type GuidanceSeries, type Rule, sourceRange } from '../src/rule-api/index.js';
import { DEFAULT_SERIES } from './superseded-guidance.js';

export const rule: Rule = {
  meta: {
    id: 'expected-guidance',
    description: 'A citation of the latest confirmed edition must be checked once a newer edition was expected to come into force.',
    severity: 'warning',
    fixable: false,
    rationale:
      'Some editions are announced or consulted on before they are confirmed: KCSIE 2026 was consulted on from 12 February to ' +
      '22 April 2026 and planned to come into force on 1 September 2026, but on 1 December 2026 no source we hold confirms the ' +
      'final edition. After the expected date a policy citing KCSIE 2025 may be out of date, and saying nothing would tell the ' +
      'school it is current. So the citation is reported as a warning worded as a question ("KCSIE 2026 was expected to come into ' +
      'force on 1 September 2026; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force."), with no ' +
      'fix: no fix ever writes an edition that is only expected. Older citations are errors of kcsie-current and ' +
      'superseded-guidance, whose messages carry the same caveat.',
    sources: [
      { title: 'Keeping children safe in education (DfE, all editions)', url: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
      { title: 'policy-lint domain facts: certainty (confirmed, expected, unknown)', url: 'docs/domain.md#certainty' },
    ],
    notes:
      'Facts used (data/guidance.yaml; docs/domain.md#kcsie): KCSIE 2026, certainty expected, expected from 1 September 2026, ' +
      'source the gov.uk KCSIE page (consultation draft of 12 February 2026), checked 1 December 2026; Working Together 2026, ' +
      'expected with no date (never due, so it reports nothing until a date is configured). Every other edition in the ' +
      'registry is confirmed. Once a user confirms the edition in `settings.guidance` (certainty: confirmed, inForce), this ' +
      "warning gives way to kcsie-current's or superseded-guidance's error. Citations are found as those two rules find them.",
    messages: {
      kcsie:
        '{{name}} {{year}} may be out of date: {{name}} {{next}} was expected to come into force on {{expected}}; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
      series:
        '"{{written}}" cites the {{current}} edition of "{{title}}", which may be out of date: a new edition was expected from {{expected}}; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
    },
    examples: [
      {
        title: 'KCSIE 2025 after KCSIE 2026 was due',
        text: "Staff read 'Keeping Children Safe in Education' (September 2025).\n",
        asOf: '2026-12-01',
        expect: ['1:50 KCSIE 2025 may be out of date: KCSIE 2026 was expected to come into force on 1 September 2026'],
      },
      {
        title: 'Before the expected date it is current',
        text: "Staff read 'Keeping Children Safe in Education' (September 2025).\n",
        asOf: '2026-08-31',
        expect: [],
      },
    ],
  },

  check({ doc, settings, report }) {
    const all = Object.values(settings.guidance.series);
    const due = (series: GuidanceSeries) => {
      const current = editionInForce(series, settings.asOf);
      const next = current ? expectedDue(series, settings.asOf, current) : undefined;
      return current && next ? { current, next } : undefined;
    };
    const kcsie = settings.guidance.series['kcsie'];
    const kcsieDue = kcsie ? due(kcsie) : undefined;
    const others = DEFAULT_SERIES.map((id) => settings.guidance.series[id]).filter((s): s is GuidanceSeries => s !== undefined && due(s) !== undefined);
    if (!kcsieDue && others.length === 0) return;
    for (const block of doc.blocks) {
      if (block.kind === 'html') continue;
      if (kcsie && kcsieDue) {
        const name = kcsie.aliases[0] ?? kcsie.title;
        const seen = new Set<number>();
        for (const c of findCitations(block.text, [kcsie], all, { after: { maxWords: 12 } })) {
          if (c.year === undefined || c.digitsAt === undefined || seen.has(c.digitsAt)) continue;
          seen.add(c.digitsAt);
          if (c.year < kcsieDue.current.year || c.year >= kcsieDue.next.year) continue;
          report({
            messageId: 'kcsie',
            data: { name, year: c.year, next: kcsieDue.next.edition, expected: formatDate(kcsieDue.next.expected) },
            ...sourceRange(block, c.start, c.end),
          });
        }
      }
      if (others.length === 0) continue;
      for (const c of findCitations(block.text, others, all)) {
        const d = due(c.series)!;
        if (c.edition !== d.current) continue;
        report({
          messageId: 'series',
          data: { written: c.written, current: d.current.edition, title: c.series.title, expected: formatDate(d.next.expected) },
          ...sourceRange(block, c.start, c.end),
        });
      }
    }
  },
};

export default rule;

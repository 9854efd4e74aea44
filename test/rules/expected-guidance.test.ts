/**
 * expected-guidance: a citation of the latest confirmed edition once a newer edition was expected (KCSIE 2026 from
 * 1 September 2026; any series given an expected date), as a warning with no fix; older citations and the expected
 * edition itself are left alone (kcsie-current and superseded-guidance report the older ones).
 */
import { GUIDANCE, type Guidance } from '../../src/domain/guidance.js';
import { ruleTester } from '../rule-tester.js';

const NOTE = { name: 'KCSIE', year: 2025, next: '2026', expected: '1 September 2026' };
const AT = "Staff read 'Keeping Children Safe in Education' (September 2025).\n";

/** The registry with Working Together 2026 expected from a date (data/guidance.yaml gives it none, so it is never due). */
function togetherExpected(): Guidance {
  const wt = GUIDANCE.series['working-together']!;
  const editions = wt.editions.map((e) => (e.edition === '2026' || e.year === 2026 ? { ...e, expected: '2026-10-01' } : e));
  return { ...GUIDANCE, series: { ...GUIDANCE.series, 'working-together': { ...wt, editions } } };
}

ruleTester('expected-guidance', {
  valid: [
    { name: 'before the expected date the latest confirmed edition is current', text: AT, asOf: '2026-08-31' },
    { name: 'an older edition is for kcsie-current', text: 'We follow KCSIE 2024.\n', asOf: '2026-12-01' },
    { name: 'the expected edition itself', text: 'We follow KCSIE 2026.\n', asOf: '2026-12-01' },
    { name: 'an expected edition with no date is never due', text: 'We follow Working Together to Safeguard Children 2023.\n', asOf: '2026-12-01' },
    { name: 'history is not a citation', text: 'We follow the current guidance, replacing KCSIE 2025.\n', asOf: '2026-12-01' },
  ],
  invalid: [
    {
      name: 'KCSIE 2025 after KCSIE 2026 was due: a warning at the date, no fix',
      text: AT,
      asOf: '2026-12-01',
      errors: [
        {
          messageId: 'kcsie',
          data: NOTE,
          message:
            'KCSIE 2025 may be out of date: KCSIE 2026 was expected to come into force on 1 September 2026; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
          severity: 'warning',
          line: 1,
          column: 50,
          endLine: 1,
          endColumn: 64,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'from the expected day itself, each citation',
      text: 'We follow KCSIE 2025 and the 2025 KCSIE.\n',
      asOf: '2026-09-01',
      errors: [
        { messageId: 'kcsie', data: NOTE, line: 1, column: 17, endLine: 1, endColumn: 21 },
        { messageId: 'kcsie', data: NOTE, line: 1, column: 30, endLine: 1, endColumn: 34 },
      ],
    },
    {
      name: 'a series given an expected date in the registry',
      text: 'We follow Working Together to Safeguard Children 2023.\n',
      asOf: '2026-12-01',
      guidance: togetherExpected(),
      errors: [
        {
          messageId: 'series',
          data: { written: '2023', current: 'December 2023', title: 'Working Together to Safeguard Children', expected: '1 October 2026' },
          message:
            '"2023" cites the December 2023 edition of "Working Together to Safeguard Children", which may be out of date: a new edition was expected from 1 October 2026; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
          line: 1,
          column: 50,
          endLine: 1,
          endColumn: 54,
        },
      ],
    },
  ],
});

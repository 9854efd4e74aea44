/**
 * stale-academic-year: valid and invalid cases beyond the documented
 * examples, and every named post with a year in the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['stale-academic-year'];

ruleTester('stale-academic-year', {
  valid: [
    'The Designated Teacher is a Statutory Post and in 2026-27 is Hannah Badger.',
    'For example, in the 2020/21 academic year Children in Need (CiN) lost an average of 4.1 months of learning.',
    'At least 1.6 million children have needed a social worker between 2012/13 and 2017/18.',
    'During the pandemic in 2020/21 persistent absence figures were 12.3% for all pupils.',
    'The New Duty Update 2022/23',
    'In 2022/23 we excluded no pupils.',
    'The Designated Teacher post in 2022/23 is the subject of a review.',
    'The Designated Teacher is a Statutory Post and in January 2024 was taken over by Miss Daisy Ambler.',
    'Our champion for 2022/23 is Claire Short.',
    { name: 'a school year is current until 31 August', text: 'The Designated Teacher is a Statutory Post and in 2025-26 is Hannah Badger.', asOf: '2026-08-31' },
    { name: 'graceDays after the end of the year', text: 'The Designated Teacher is a Statutory Post and in 2025-26 is Hannah Badger.', asOf: '2026-09-15', options: { graceDays: 30 } },
  ],
  invalid: [
    {
      name: 'reports the year of a past academic year with the person and the day it ended',
      text: 'The Designated Teacher for Children Looked After is a Statutory Post and in 2022/23 is Mrs Katie Linnane.\n',
      errors: [
        {
          messageId: 'ended',
          data: { year: '2022/23', ended: '31 August 2023', person: 'Mrs Katie Linnane' },
          message:
            '"2022/23" is a school year that ended on 31 August 2023, so this no longer says who holds the post now. Check that Mrs Katie Linnane still holds it and update the year (or name the post holder without a year).',
          severity: 'error',
          line: 1,
          column: 77,
          endLine: 1,
          endColumn: 84,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      text: 'The DSL for 2024-25: Mrs Jones',
      errors: [{ messageId: 'ended', data: { year: '2024-25', ended: '31 August 2025', person: 'Mrs Jones' }, line: 1, column: 13, endLine: 1, endColumn: 20 }],
    },
    {
      text: 'Our SENCO for the school year 2023/24 is Dr. Amir Khan.',
      errors: [{ messageId: 'ended', data: { year: '2023/24', ended: '31 August 2024', person: 'Dr. Amir Khan' }, line: 1, column: 31, endLine: 1, endColumn: 38 }],
    },
    {
      text: 'The Designated School Governor during 2022–23 will be Liz Polson.',
      errors: [{ messageId: 'ended', data: { year: '2022–23', ended: '31 August 2023', person: 'Liz Polson' }, line: 1, column: 39, endLine: 1, endColumn: 46 }],
    },
    {
      text: '**The Designated Teacher ... is a Statutory Post and in 2022/23 is Mrs Katie Linnane.**',
      errors: [{ messageId: 'ended', data: { year: '2022/23', ended: '31 August 2023', person: 'Mrs Katie Linnane' }, line: 1, column: 57, endLine: 1, endColumn: 64 }],
    },
    {
      name: 'from 1 September the year has ended',
      text: 'The Designated Teacher is a Statutory Post and in 2025-26 is Hannah Badger.',
      asOf: '2026-09-01',
      errors: [{ messageId: 'ended', data: { year: '2025-26', ended: '31 August 2026', person: 'Hannah Badger' }, line: 1, column: 51, endLine: 1, endColumn: 58 }],
    },
    {
      name: 'graceDays: reported once they are over',
      text: 'The Designated Teacher is a Statutory Post and in 2025-26 is Hannah Badger.',
      asOf: '2026-10-01',
      options: { graceDays: 30 },
      errors: [{ messageId: 'ended', data: { year: '2025-26', ended: '31 August 2026', person: 'Hannah Badger' }, line: 1, column: 51, endLine: 1, endColumn: 58 }],
    },
    {
      name: 'takes the post words from the posts option',
      text: 'Our champion for 2022/23 is Claire Short.',
      options: { posts: ['champion'] },
      errors: [{ messageId: 'ended', data: { year: '2022/23', ended: '31 August 2023', person: 'Claire Short' }, line: 1, column: 18, endLine: 1, endColumn: 25 }],
    },
    {
      name: 'does not count "Mrs." as the end of the sentence holding the post',
      text: 'The Designated Teacher, Mrs. Short, for 2022/23 is Claire Short.',
      errors: [{ messageId: 'ended', data: { year: '2022/23', ended: '31 August 2023', person: 'Claire Short' }, line: 1, column: 41, endLine: 1, endColumn: 48 }],
    },
  ],
});

describe('stale-academic-year', () => {
  // Every named post with an academic year in the seeds, at 24 November 2026:
  // 000 line 129 "... is a Statutory Post and in 2024-2025 is Hannah Badger" (ended 31 August 2025);
  // 001 line 116 "... for the academic year 2022-23 is Claire Short"; 002 line 164 "... in 2022/23 is Mrs Katie Linnane".
  // 003 names Miss Daisy Ambler "in January 2024" (a month, not a school year) and 004 names Lorna Allett with no year.
  // The history in Appendix 1 of 000-003 ("in the 2020/21 academic year", "between 2012/13 and 2017/18",
  // "The New Duty Update 2022/23") draws nothing.
  const seeds: [string, string[]][] = [
    ['000', ['129:114']],
    ['001', ['116:133']],
    ['002', ['164:116']],
    ['003', []],
    ['004', []],
  ];
  it.each(seeds)('seed %s: every stale named post, nothing else', (seed, expected) => {
    const doc = docOfFile(seedPath(seed));
    const found = lintDoc(doc, { rules });
    expect(positions(found)).toEqual(expected);
    expect(found.map((d) => doc.text.slice(d.start, d.end))).toEqual(expected.map(() => expect.stringMatching(/^20\d\d[-/]\d{2,4}$/)));
  });

  it('seed 000 was current in its own school year', () => {
    expect(lintDoc(docOfFile(seedPath('000')), { rules, asOf: '2025-03-01' })).toEqual([]);
  });
});

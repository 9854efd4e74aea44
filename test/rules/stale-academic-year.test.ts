/**
 * stale-academic-year: valid and invalid cases beyond the documented
 * examples, and every named post with a year in the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['stale-academic-year'];

describe('stale-academic-year', () => {
  it.each([
    ['The Designated Teacher is a Statutory Post and in 2026-27 is Hannah Badger.'],
    ['For example, in the 2020/21 academic year Children in Need (CiN) lost an average of 4.1 months of learning.'],
    ['At least 1.6 million children have needed a social worker between 2012/13 and 2017/18.'],
    ['During the pandemic in 2020/21 persistent absence figures were 12.3% for all pupils.'],
    ['The New Duty Update 2022/23'],
    ['In 2022/23 we excluded no pupils.'],
    ['The Designated Teacher post in 2022/23 is the subject of a review.'],
    ['The Designated Teacher is a Statutory Post and in January 2024 was taken over by Miss Daisy Ambler.'],
    ['Our champion for 2022/23 is Claire Short.'],
  ])('passes: %j', (text) => {
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports the year of a past academic year with the person and the day it ended', () => {
    const [d, ...rest] = lint('The Designated Teacher for Children Looked After is a Statutory Post and in 2022/23 is Mrs Katie Linnane.\n', { rules });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'stale-academic-year', severity: 'error', line: 1, column: 77, endLine: 1, endColumn: 84 });
    expect(d!.message).toBe(
      '"2022/23" is a school year that ended on 31 August 2023, so this no longer says who holds the post now. ' +
        'Check that Mrs Katie Linnane still holds it and update the year (or name the post holder without a year).',
    );
  });

  it.each([
    ['The DSL for 2024-25: Mrs Jones', '1:13'],
    ['Our SENCO for the school year 2023/24 is Dr. Amir Khan.', '1:31'],
    ['The Designated School Governor during 2022–23 will be Liz Polson.', '1:39'],
    ['**The Designated Teacher ... is a Statutory Post and in 2022/23 is Mrs Katie Linnane.**', '1:57'],
  ])('reports %j', (text, at) => {
    expect(positions(lint(text, { rules }))).toEqual([at]);
  });

  it('judges the year at the as-of date (the academic year ends on 31 August)', () => {
    const text = 'The Designated Teacher is a Statutory Post and in 2025-26 is Hannah Badger.';
    expect(lint(text, { rules, asOf: '2026-08-31' })).toEqual([]);
    expect(positions(lint(text, { rules, asOf: '2026-09-01' }))).toEqual(['1:51']);
  });

  it('allows graceDays after the end of the year', () => {
    const text = 'The Designated Teacher is a Statutory Post and in 2025-26 is Hannah Badger.';
    expect(lint(text, { rules, asOf: '2026-09-15', options: { graceDays: 30 } })).toEqual([]);
    expect(positions(lint(text, { rules, asOf: '2026-10-01', options: { graceDays: 30 } }))).toEqual(['1:51']);
  });

  it('takes the post words from the posts option', () => {
    expect(positions(lint('Our champion for 2022/23 is Claire Short.', { rules, options: { posts: ['champion'] } }))).toEqual(['1:18']);
  });

  it('does not count "Mrs." as the end of the sentence holding the post', () => {
    expect(positions(lint('The Designated Teacher, Mrs. Short, for 2022/23 is Claire Short.', { rules }))).toEqual(['1:41']);
  });

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

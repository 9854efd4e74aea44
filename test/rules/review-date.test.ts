/**
 * review-date: valid and invalid cases beyond the documented examples, and
 * every review date in the seed policies.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['review-date'];

ruleTester('review-date', {
  valid: [
    'Policy ratified: Autumn 2026\n\nTo be reviewed: Autumn 2027\n',
    'Date of Issue: February 2026\n\nNext Review: February 2027\n',
    'Date Policy Reviewed/Amended:\tMarch 2026\nChair of Governors:\tJames Hughes\nReview Date:\tMarch 2027\nReviewed by:\tFull Governing Body\n',
    '**Date April 2026**\n\n**Review date April 2027**\n',
    { name: 'the autumn term 2026 has not ended at 24 November 2026', text: 'Review date: Autumn 2026\n' },
    'This policy will be reviewed in Summer 2027.\n',
    '| Review date | September 2027 |\n|---|---|\n',
    'Review date:\n\nSpring 2027\n',
    'Date: April 2026\n\nReview date: April 2027\n\n| Action | Review date |\n|---|---|\n| Train staff | Termly |\n',
    { name: 'a term has not passed until its last day has gone', text: 'Date: Summer 2023\n\nReview date: Spring 2024\n', asOf: '2024-04-30' },
    { name: 'takes the longest cycle from the maxCycleMonths option', text: 'Date: April 2026\n\nReview date: April 2028\n', options: { maxCycleMonths: 24 } },
  ],
  invalid: [
    {
      name: 'reports a passed review date at the date, with the day it ended',
      text: 'Policy ratified: Autumn 2024\n\nTo be reviewed: Autumn 2025\n',
      errors: [
        {
          messageId: 'passed',
          data: { date: 'Autumn 2025', ended: 'ended on 31 December 2025', asOf: '24 November 2026' },
          message:
            'The review date "Autumn 2025" has passed (it ended on 31 December 2025; checked as at 24 November 2026). Review the policy against current guidance and set a new review date.',
          severity: 'error',
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 28,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'counts a term as passed once its last day has gone',
      text: 'Date: Summer 2023\n\nReview date: Spring 2024\n',
      asOf: '2024-05-01',
      errors: [{ messageId: 'passed', data: { date: 'Spring 2024', ended: 'ended on 30 April 2024', asOf: '1 May 2024' }, line: 3, column: 14, endLine: 3, endColumn: 25 }],
    },
    {
      name: 'says "was" for a review day',
      text: 'Date: 28.01.25\n\nReview date: 28.01.26\n',
      errors: [
        {
          messageId: 'passed',
          data: { date: '28.01.26', ended: 'was 28 January 2026', asOf: '24 November 2026' },
          message: 'The review date "28.01.26" has passed (it was 28 January 2026; checked as at 24 November 2026). Review the policy against current guidance and set a new review date.',
          severity: 'error',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'reports a blank review date at the label (seed 003 form)',
      text: 'Date: 28.01.25\n\nReview date:\n\nThe Hertfordshire Virtual School for Children Looked After\n',
      errors: [
        {
          messageId: 'blank',
          data: { cycle: '12 months' },
          message: 'The review date is blank. Fill in when the policy will next be reviewed (no more than 12 months after it was approved).',
          severity: 'error',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 12,
        },
      ],
    },
    {
      name: 'reports a blank review date in a table row',
      text: '| Date | April 2026 |\n|---|---|\n| Review date |  |\n',
      errors: [{ messageId: 'blank', data: { cycle: '12 months' }, line: 3, column: 3, endLine: 3, endColumn: 14 }],
    },
    {
      name: 'reports a review date that is not a date at its value',
      text: 'Date: April 2026\n\nReview date: TBC\n',
      errors: [
        {
          messageId: 'notADate',
          data: { value: 'TBC' },
          message: 'The review date "TBC" is not a date. Give the term, month or day when the policy will next be reviewed.',
          severity: 'error',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'reports a missing review date once, at 1:1',
      text: 'Policy for Children with a Social Worker\n\nDate: April 2026\n\nReview of Children in Need (2019)\n',
      errors: [
        {
          messageId: 'missing',
          data: { cycle: '12 months' },
          message:
            'This policy has no review date. Add one (for example "Review date: Autumn 2027") no more than 12 months after the date the policy was approved, so that governors know when to check it again.',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'reports a cycle longer than 12 months from the policy date before it',
      text: 'Date: 28.01.25\n\nReview date: February 2026\n',
      asOf: '2025-06-01',
      errors: [
        {
          messageId: 'tooLong',
          data: { date: 'February 2026', months: '13 months', issued: '28.01.25', cycle: '12 months' },
          message: 'The review date "February 2026" is 13 months after the policy date "28.01.25". Policies should be reviewed at least every 12 months: bring the review date forward.',
          severity: 'error',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 27,
        },
      ],
    },
    {
      name: 'measures the cycle from a policy date below the review date when none is above',
      text: 'Review date: Autumn 2027\n\nPolicy ratified: Autumn 2024\n',
      errors: [{ messageId: 'tooLong', data: { date: 'Autumn 2027', months: '36 months', issued: 'Autumn 2024', cycle: '12 months' }, line: 1, column: 14, endLine: 1, endColumn: 25 }],
    },
    {
      name: 'pairs each review date with its own policy date (the footer pair is 12 months apart, the header pair 24)',
      text: 'Date: April 2026\n\nReview date: April 2028\n\nText.\n\nDate: May 2027\n\nReview date: May 2028\n',
      errors: [{ messageId: 'tooLong', data: { date: 'April 2028', months: '24 months', issued: 'April 2026', cycle: '12 months' }, line: 3, column: 14, endLine: 3, endColumn: 24 }],
    },
    {
      name: 'takes the longest cycle from the maxCycleMonths option',
      text: 'Date: April 2026\n\nReview date: April 2028\n',
      options: { maxCycleMonths: 23 },
      errors: [{ messageId: 'tooLong', data: { date: 'April 2028', months: '24 months', issued: 'April 2026', cycle: '23 months' }, line: 3, column: 14, endLine: 3, endColumn: 24 }],
    },
    {
      name: 'reports a passed review date and a long cycle together',
      text: 'Date: Spring 2023\n\nReview date: Autumn 2025\n',
      errors: [
        { messageId: 'passed', data: { date: 'Autumn 2025', ended: 'ended on 31 December 2025', asOf: '24 November 2026' }, line: 3, column: 14, endLine: 3, endColumn: 25 },
        { messageId: 'tooLong', data: { date: 'Autumn 2025', months: '32 months', issued: 'Spring 2023', cycle: '12 months' }, line: 3, column: 14, endLine: 3, endColumn: 25 },
      ],
    },
    {
      name: 'reads a review date stated in a sentence',
      text: 'Date: April 2025\n\nThis policy will be reviewed in Spring 2026 by the governors.\n',
      errors: [{ messageId: 'passed', data: { date: 'Spring 2026', ended: 'ended on 30 April 2026', asOf: '24 November 2026' }, line: 3, column: 33, endLine: 3, endColumn: 44 }],
    },
  ],
});

describe('review-date', () => {
  it('reports exact columns in a CRLF file with a BOM', () => {
    const bytes = Buffer.from('\uFEFFDate: April 2023\r\n\r\n**Review date April 2024**\r\n', 'utf8');
    const file = `${process.env.TMPDIR ?? '/tmp'}/review-date-crlf-${process.pid}.md`;
    fs.writeFileSync(file, bytes);
    try {
      const found = lintDoc(docOfFile(file), { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['3:15-3:25']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  // Every review date in the seeds at 24 November 2026:
  // 000 "To be reviewed: Autumn 2025" (line 17) has passed; its cycle from "Policy ratified: Autumn 2024" is 12 months.
  // 001 "Review date: Spring 2024" (line 221) has passed; 10 months after "Date: Updated March 2023".
  // 002 "Review Date: April 2024" (line 14) and "**Review date April 2024**" (line 276) have passed; 12 months after April 2023.
  // 003 "Next Review: February 2026" (line 13) has passed (12 months after February 2025); "Review date:" (line 227) is blank.
  // 004 "Review Date:<TAB>March 2026" (line 193, in the tab-separated footer) has passed; 12 months after March 2025.
  const seeds: [string, string[]][] = [
    ['000', ['17:17']],
    ['001', ['221:14']],
    ['002', ['14:14', '276:15']],
    ['003', ['13:14', '227:1']],
    ['004', ['193:14']],
  ];
  it.each(seeds)('seed %s: every review date that has passed or is blank, nothing else', (seed, expected) => {
    const found = lintDoc(docOfFile(seedPath(seed)), { rules });
    expect(positions(found)).toEqual(expected);
    expect(found.every((d) => d.message.includes('has passed') || d.message.includes('is blank'))).toBe(true);
  });

  it('seed 003 blank review date is reported as blank', () => {
    const found = lintDoc(docOfFile(seedPath('003')), { rules });
    expect(found.map((d) => d.message.slice(0, 35))).toEqual(['The review date "February 2026" has', 'The review date is blank. Fill in w']);
  });

  it('the seeds had current review dates when they were written', () => {
    expect(lintDoc(docOfFile(seedPath('000')), { rules, asOf: '2025-06-01' })).toEqual([]);
    expect(lintDoc(docOfFile(seedPath('002')), { rules, asOf: '2023-09-01' })).toEqual([]);
    expect(lintDoc(docOfFile(seedPath('004')), { rules, asOf: '2025-09-01' })).toEqual([]);
  });
});

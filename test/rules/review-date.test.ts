/**
 * review-date: valid and invalid cases beyond the documented examples, and
 * every review date in the seed policies.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['review-date'];

describe('review-date', () => {
  it.each([
    ['Policy ratified: Autumn 2026\n\nTo be reviewed: Autumn 2027\n'],
    ['Date of Issue: February 2026\n\nNext Review: February 2027\n'],
    ['Date Policy Reviewed/Amended:\tMarch 2026\nChair of Governors:\tJames Hughes\nReview Date:\tMarch 2027\nReviewed by:\tFull Governing Body\n'],
    ['**Date April 2026**\n\n**Review date April 2027**\n'],
    ['Review date: Autumn 2026\n'], // the autumn term 2026 has not ended at 24 November 2026
    ['This policy will be reviewed in Summer 2027.\n'],
    ['| Review date | September 2027 |\n|---|---|\n'],
    ['Review date:\n\nSpring 2027\n'],
    ['Date: April 2026\n\nReview date: April 2027\n\n| Action | Review date |\n|---|---|\n| Train staff | Termly |\n'],
  ])('passes: %j', (text) => {
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports a passed review date at the date, with the day it ended', () => {
    const [d, ...rest] = lint('Policy ratified: Autumn 2024\n\nTo be reviewed: Autumn 2025\n', { rules });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'review-date', severity: 'error', line: 3, column: 17, endLine: 3, endColumn: 28 });
    expect(d!.message).toBe(
      'The review date "Autumn 2025" has passed (it ended on 31 December 2025; checked as at 24 November 2026). ' +
        'Review the policy against current guidance and set a new review date.',
    );
  });

  it('counts a term as passed only once its last day has gone', () => {
    const text = 'Date: Summer 2023\n\nReview date: Spring 2024\n';
    expect(lint(text, { rules, asOf: '2024-04-30' })).toEqual([]);
    expect(positions(lint(text, { rules, asOf: '2024-05-01' }))).toEqual(['3:14']);
  });

  it('says "was" for a review day', () => {
    const [d] = lint('Date: 28.01.25\n\nReview date: 28.01.26\n', { rules });
    expect(d!.message).toContain('(it was 28 January 2026;');
  });

  it('reports a blank review date at the label (seed 003 form)', () => {
    const found = lint('Date: 28.01.25\n\nReview date:\n\nThe Hertfordshire Virtual School for Children Looked After\n', { rules });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, column: 1, endLine: 3, endColumn: 12 });
    expect(found[0]!.message).toBe('The review date is blank. Fill in when the policy will next be reviewed (no more than 12 months after it was approved).');
  });

  it('reports a blank review date in a table row', () => {
    const found = lint('| Date | April 2026 |\n|---|---|\n| Review date |  |\n', { rules });
    expect(positions(found)).toEqual(['3:3']);
    expect(found[0]!.message).toContain('is blank');
  });

  it('reports a review date that is not a date at its value', () => {
    const found = lint('Date: April 2026\n\nReview date: TBC\n', { rules });
    expect(positions(found)).toEqual(['3:14']);
    expect(found[0]!.message).toBe('The review date "TBC" is not a date. Give the term, month or day when the policy will next be reviewed.');
  });

  it('reports a missing review date once, at 1:1', () => {
    const found = lint('Policy for Children with a Social Worker\n\nDate: April 2026\n\nReview of Children in Need (2019)\n', { rules });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1, column: 1 });
    expect(found[0]!.message).toContain('This policy has no review date.');
  });

  it('reports a cycle longer than 12 months from the policy date before it', () => {
    const found = lint('Date: 28.01.25\n\nReview date: February 2026\n', { rules, asOf: '2025-06-01' });
    expect(positions(found)).toEqual(['3:14']);
    expect(found[0]!.message).toBe(
      'The review date "February 2026" is 13 months after the policy date "28.01.25". Policies should be reviewed at least every 12 months: bring the review date forward.',
    );
  });

  it('measures the cycle from a policy date below the review date when none is above', () => {
    expect(positions(lint('Review date: Autumn 2027\n\nPolicy ratified: Autumn 2024\n', { rules }))).toEqual(['1:14']);
  });

  it('pairs each review date with its own policy date', () => {
    // The footer pair is 12 months apart; the header pair 24 (and only the header is reported).
    const text = 'Date: April 2026\n\nReview date: April 2028\n\nText.\n\nDate: May 2027\n\nReview date: May 2028\n';
    const found = lint(text, { rules });
    expect(positions(found)).toEqual(['3:14']);
    expect(found[0]!.message).toContain('24 months after the policy date "April 2026"');
  });

  it('takes the longest cycle from the maxCycleMonths option', () => {
    const text = 'Date: April 2026\n\nReview date: April 2028\n';
    expect(lint(text, { rules, options: { maxCycleMonths: 24 } })).toEqual([]);
    expect(lint(text, { rules, options: { maxCycleMonths: 23 } })[0]!.message).toContain('at least every 23 months');
  });

  it('reports a passed review date and a long cycle together', () => {
    const found = lint('Date: Spring 2023\n\nReview date: Autumn 2025\n', { rules });
    expect(found.map((d) => [`${d.line}:${d.column}`, d.message.slice(0, 40)])).toEqual([
      ['3:14', 'The review date "Autumn 2025" has passed'],
      ['3:14', 'The review date "Autumn 2025" is 32 mont'],
    ]);
  });

  it('reads a review date stated in a sentence', () => {
    expect(positions(lint('Date: April 2025\n\nThis policy will be reviewed in Spring 2026 by the governors.\n', { rules }))).toEqual(['3:33']);
  });

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

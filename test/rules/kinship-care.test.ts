/**
 * kinship-care: valid and invalid cases beyond the documented examples, both
 * ways of judging a policy, and each seed policy.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['kinship-care'];

describe('kinship-care', () => {
  it.each([
    ['Policy Objective\n\n- Children in kinship care\n'],
    ['Date: October 2024\n\nWe support kinship carers and the children they look after.\n'],
    ['Date: October 2024\n\nWe support children in Kinship Care arrangements.\n'],
  ])('passes: %j', (text) => {
    expect(lint(text, { rules })).toEqual([]);
  });

  it('warns once at the Policy Objective heading, with the date the policy is judged by', () => {
    const text = 'Education of all Children with a Social Worker\n\nPolicy ratified: Autumn 2024\n\nPolicy Objective\n\nTo implement the guidance.\n';
    const [d, ...rest] = lint(text, { rules });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'kinship-care', severity: 'warning', line: 5, column: 1, endLine: 5, endColumn: 17 });
    expect(d!.message).toBe(
      "This policy never mentions children in kinship care. Since 1 September 2024 the Virtual School Head's role covers them: " +
        'name them among the children this policy is for and say how the school supports them. ' +
        'It is dated "Policy ratified: Autumn 2024", when the change already applied.',
    );
  });

  it('warns at the title when there is no Policy Objective, and at 1:1 when there is no heading', () => {
    expect(positions(lint('# Policy for Children with a Social Worker\n\nDate: October 2024\n\nText.\n', { rules }))).toEqual(['1:3']);
    const found = lint('We support looked after children.\n', { rules });
    expect(positions(found)).toEqual(['1:1']);
    expect(found[0]!.message).toContain('It has no date and is checked as in use on 24 November 2026.');
  });

  it('judges an older policy at the as-of date by default, and by its own date when asked', () => {
    const text = 'Date: April 2023\n\nReview Date: April 2024\n\nPolicy Objective\n\nText.\n';
    const found = lint(text, { rules });
    expect(positions(found)).toEqual(['5:1']);
    expect(found[0]!.message).toContain('Its latest date, "Review Date: April 2024", is before the change, but it is checked as in use on 24 November 2026.');
    expect(lint(text, { rules, options: { judgeAt: 'document-date' } })).toEqual([]);
    expect(lint(text, { rules, asOf: '2024-08-31' })).toEqual([]);
  });

  it('judges a policy dated September 2024 or later even when checked before then', () => {
    const text = 'Date: September 2024\n\nPolicy Objective\n\nText.\n';
    expect(positions(lint(text, { rules, asOf: '2024-06-01' }))).toEqual(['3:1']);
    expect(positions(lint(text, { rules, asOf: '2024-06-01', options: { judgeAt: 'document-date' } }))).toEqual(['3:1']);
  });

  it('counts a date from the first day it can mean ("2024" alone is not September 2024 or later)', () => {
    const text = 'Date: 2024\n\nPolicy Objective\n\nText.\n';
    expect(lint(text, { rules, options: { judgeAt: 'document-date' } })).toEqual([]);
  });

  it('counts a review date after the change', () => {
    const found = lint('Date: April 2024\n\nReview date: April 2025\n\nPolicy Objective\n\nText.\n', { rules, asOf: '2024-06-01' });
    expect(positions(found)).toEqual(['5:1']);
    expect(found[0]!.message).toContain('It is in force until its review date "Review date: April 2025", after the change.');
  });

  it('judges an undated policy at the as-of date in both modes', () => {
    const text = 'Policy Objective\n\nText.\n';
    expect(lint(text, { rules, asOf: '2024-08-31', options: { judgeAt: 'document-date' } })).toEqual([]);
    expect(positions(lint(text, { rules, options: { judgeAt: 'document-date' } }))).toEqual(['1:1']);
  });

  it('takes what counts as a mention from the terms option', () => {
    const text = 'Date: October 2024\n\nPolicy Objective\n\nWe support family and friends carers.\n';
    expect(positions(lint(text, { rules }))).toEqual(['3:1']);
    expect(lint(text, { rules, options: { terms: ['\\bkinship\\b', 'family and friends carers?'] } })).toEqual([]);
  });

  // 000 (ratified Autumn 2024, To be reviewed Autumn 2025) never mentions kinship care: warned at its Policy Objective
  //   heading (line 31; line 21 is the contents list).
  // 001 ("Date: Updated March 2023", "Review date: Spring 2024") and 002 (April 2023 / April 2024) predate the
  //   change but are judged as in use at 24 November 2026 (judgeAt "as-of", the default): warned at Policy Objective
  //   (001 line 27, 002 line 60, a bold paragraph).
  // 003 and 004 name "Children in kinship care" (003 line 21, 004 line 14): nothing.
  const seeds: [string, string[], string[]][] = [
    ['000', ['31:1'], ['31:1']],
    ['001', ['27:1'], []],
    ['002', ['60:3'], []],
    ['003', [], []],
    ['004', [], []],
  ];
  it.each(seeds)('seed %s: warned by default at %j, by document date at %j', (seed, asOf, byDocument) => {
    const doc = docOfFile(seedPath(seed));
    expect(positions(lintDoc(doc, { rules }))).toEqual(asOf);
    expect(positions(lintDoc(doc, { rules, options: { judgeAt: 'document-date' } }))).toEqual(byDocument);
  });
});

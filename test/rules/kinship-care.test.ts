/**
 * kinship-care: valid and invalid cases beyond the documented examples, both
 * ways of judging a policy, and each seed policy.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['kinship-care'];

ruleTester('kinship-care', {
  valid: [
    'Policy Objective\n\n- Children in kinship care\n',
    'Date: October 2024\n\nWe support kinship carers and the children they look after.\n',
    'Date: October 2024\n\nWe support children in Kinship Care arrangements.\n',
    { name: 'an older policy judged by its own date', text: 'Date: April 2023\n\nReview Date: April 2024\n\nPolicy Objective\n\nText.\n', options: { judgeAt: 'document-date' } },
    { name: 'an older policy checked before the change', text: 'Date: April 2023\n\nReview Date: April 2024\n\nPolicy Objective\n\nText.\n', asOf: '2024-08-31' },
    {
      name: 'counts a date from the first day it can mean ("2024" alone is not September 2024 or later)',
      text: 'Date: 2024\n\nPolicy Objective\n\nText.\n',
      options: { judgeAt: 'document-date' },
    },
    { name: 'an undated policy checked before the change', text: 'Policy Objective\n\nText.\n', asOf: '2024-08-31', options: { judgeAt: 'document-date' } },
    {
      name: 'takes what counts as a mention from the terms option',
      text: 'Date: October 2024\n\nPolicy Objective\n\nWe support family and friends carers.\n',
      options: { terms: ['\\bkinship\\b', 'family and friends carers?'] },
    },
  ],
  invalid: [
    {
      name: 'warns once at the Policy Objective heading, with the date the policy is judged by',
      text: 'Education of all Children with a Social Worker\n\nPolicy ratified: Autumn 2024\n\nPolicy Objective\n\nTo implement the guidance.\n',
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'It is dated "Policy ratified: Autumn 2024", when the change already applied.',
            reason: 'It is dated "Policy ratified: Autumn 2024", when the change already applied.',
          },
          message:
            'This policy never mentions children in kinship care. Since 1 September 2024 the Virtual School Head\'s role covers them: name them among the children this policy is for and say how the school supports them. It is dated "Policy ratified: Autumn 2024", when the change already applied.',
          severity: 'warning',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 17,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'warns at the title when there is no Policy Objective',
      text: '# Policy for Children with a Social Worker\n\nDate: October 2024\n\nText.\n',
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'It is dated "Date: October 2024", when the change already applied.',
            reason: 'It is dated "Date: October 2024", when the change already applied.',
          },
          line: 1,
          column: 3,
          endLine: 1,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'warns at 1:1 when there is no heading',
      text: 'We support looked after children.\n',
      errors: [
        {
          messageId: 'missing',
          data: { since: '1 September 2024', asOfWhy: 'It has no date and is checked as in use on 24 November 2026.', reason: 'no date, in use' },
          message:
            "This policy never mentions children in kinship care. Since 1 September 2024 the Virtual School Head's role covers them: name them among the children this policy is for and say how the school supports them. It has no date and is checked as in use on 24 November 2026.",
          severity: 'warning',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'judges an older policy at the as-of date by default',
      text: 'Date: April 2023\n\nReview Date: April 2024\n\nPolicy Objective\n\nText.\n',
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'Its latest date, "Review Date: April 2024", is before the change, but it is checked as in use on 24 November 2026.',
            reason: 'latest date "Review Date: April 2024", in use',
          },
          message:
            'This policy never mentions children in kinship care. Since 1 September 2024 the Virtual School Head\'s role covers them: name them among the children this policy is for and say how the school supports them. Its latest date, "Review Date: April 2024", is before the change, but it is checked as in use on 24 November 2026.',
          severity: 'warning',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'judges a policy dated September 2024 or later even when checked before then',
      text: 'Date: September 2024\n\nPolicy Objective\n\nText.\n',
      asOf: '2024-06-01',
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'It is dated "Date: September 2024", when the change already applied.',
            reason: 'It is dated "Date: September 2024", when the change already applied.',
          },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
    {
      name: '... also by its own date',
      text: 'Date: September 2024\n\nPolicy Objective\n\nText.\n',
      asOf: '2024-06-01',
      options: { judgeAt: 'document-date' },
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'It is dated "Date: September 2024", when the change already applied.',
            reason: 'It is dated "Date: September 2024", when the change already applied.',
          },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'counts a review date after the change',
      text: 'Date: April 2024\n\nReview date: April 2025\n\nPolicy Objective\n\nText.\n',
      asOf: '2024-06-01',
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'It is in force until its review date "Review date: April 2025", after the change.',
            reason: 'It is in force until its review date "Review date: April 2025", after the change.',
          },
          message:
            'This policy never mentions children in kinship care. Since 1 September 2024 the Virtual School Head\'s role covers them: name them among the children this policy is for and say how the school supports them. It is in force until its review date "Review date: April 2025", after the change.',
          severity: 'warning',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'judges an undated policy at the as-of date by its own date too',
      text: 'Policy Objective\n\nText.\n',
      options: { judgeAt: 'document-date' },
      errors: [
        {
          messageId: 'missing',
          data: { since: '1 September 2024', asOfWhy: 'It has no date and is checked as in use on 24 November 2026.', reason: 'no date, in use' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 17,
        },
      ],
    },
    {
      name: '"family and friends carers" is not a mention by default',
      text: 'Date: October 2024\n\nPolicy Objective\n\nWe support family and friends carers.\n',
      errors: [
        {
          messageId: 'missing',
          data: {
            since: '1 September 2024',
            asOfWhy: 'It is dated "Date: October 2024", when the change already applied.',
            reason: 'It is dated "Date: October 2024", when the change already applied.',
          },
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 17,
        },
      ],
    },
  ],
});

describe('kinship-care', () => {
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

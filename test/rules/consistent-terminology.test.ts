/**
 * consistent-terminology: valid and invalid cases beyond the documented
 * examples, and the mixed terms of the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, fixText, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['consistent-terminology'];

ruleTester('consistent-terminology', {
  valid: [
    'Children Previously Looked After (PLA) and CLA. The Designated Teacher for CLA and PLA.',
    'Children Previously Looked After (CPLA). CLA and CPLA are prioritised.',
    // Longer words and other abbreviations are not the terms.
    'The PLAN for CLA and PLA; PLACEMENT; CPLAN; cpla in lower case.',
    // "CLA" inside "Post-CLA" is not a use of "CLA".
    'Post-CLA support is offered to every child who left care.',
    // CSW and CWSW are not a default group (the model itself uses both).
    'Children with a social worker (CSW). Who are CWSW?',
  ],
  invalid: [
    {
      name: 'reports the minority term with the exact range, message and a suggested change',
      text: 'CLA and CPLA. CLA and CPLA. CLA and PLA.',
      errors: [
        {
          messageId: 'mixed',
          data: { meaning: 'previously looked-after children', summary: '"CPLA" (twice) and "PLA" (once)', keep: 'CPLA' },
          message: 'This policy calls previously looked-after children both "CPLA" (twice) and "PLA" (once): use "CPLA" throughout.',
          severity: 'warning',
          line: 1,
          column: 37,
          endLine: 1,
          endColumn: 40,
          suggestions: ['CLA and CPLA. CLA and CPLA. CLA and CPLA.'],
        },
      ],
      // A suggestion only: no safe fix changes the text.
      output: null,
    },
  ],
});

describe('consistent-terminology', () => {
  it('suggests exactly one edit for the minority term', () => {
    const [d] = lint('CLA and CPLA. CLA and CPLA. CLA and PLA.', { rules });
    expect(d!.fix).toEqual({ safety: 'suggestion', edits: [{ start: 36, end: 39, text: 'CPLA' }] });
  });

  it('on a tie keeps the term used first', () => {
    const found = lint('Previously looked after (PLA).\n\nCLA and CPLA.\n', { rules });
    expect(positions(found)).toEqual(['3:9']);
    expect(found[0]!.message).toContain('use "PLA" throughout');
  });

  it('lists three terms when a policy uses three', () => {
    const found = lint('PLA, PLA and PLA; CPLA and CPLA; PLAC.', { rules });
    expect(positions(found)).toEqual(['1:19', '1:28', '1:34']);
    expect(found[0]!.message).toBe('This policy calls previously looked-after children both "PLA" (3 times), "CPLA" (twice) and "PLAC" (once): use "PLA" throughout.');
  });

  it('checks children looked after too (CLA / LAC / CiC)', () => {
    const found = lint('All CLA and LAC are supported; CLA attend.', { rules });
    expect(positions(found)).toEqual(['1:13']);
    expect(found[0]!.message).toContain('children looked after both "CLA" (twice) and "LAC" (once)');
  });

  it('finds terms in bold text, headings, list items and table cells, and keeps the markup when fixing', () => {
    const text = '# CPLA and CLA\n\n- **CPLA** first\n\n| Group | Term |\n| --- | --- |\n| previously looked after | **PLA** |\n';
    expect(positions(lint(text, { rules }))).toEqual(['7:31']);
    expect(fixText(text, { rules })).toBe(text.replace('**PLA**', '**CPLA**'));
  });

  it('takes groups from the options, as lists or { terms, meaning }', () => {
    const text = 'Children with a social worker (CSW). Who are CWSW? CSW again.';
    const found = lint(text, { rules, options: { groups: [['CSW', 'CWSW']] } });
    expect(positions(found)).toEqual(['1:46']);
    expect(found[0]!.message).toBe('This policy calls the same group both "CSW" (twice) and "CWSW" (once): use "CSW" throughout.');
    const named = lint(text, { rules, options: { groups: [{ terms: ['CSW', 'CWSW'], meaning: 'children with a social worker' }] } });
    expect(named[0]!.message).toContain('calls children with a social worker both');
    // Custom groups replace the defaults.
    expect(lint('CLA and PLA, CPLA.', { rules, options: { groups: [['CSW', 'CWSW']] } })).toEqual([]);
  });

  it('keeps the preferred term even when it is used less', () => {
    const text = 'CPLA, CPLA and PLA.';
    const found = lint(text, { rules, options: { preferred: ['PLA'] } });
    expect(positions(found)).toEqual(['1:1', '1:7']);
    expect(fixText(text, { rules, options: { preferred: ['PLA'] } })).toBe('PLA, PLA and PLA.');
  });

  // 003: "CPLA" 11 times (lines 18, 48, 63, 113, 143, 144, 146, 147, 175, 177, 188), "PLA" 8 times: the older
  // first "Policy Objective" (line 41), the role labels (51, 55), the Headteacher and Governing Body list (124, 133,
  // 135, 136) and Appendix 2 (321). 004: "CPLA" 18 times, "PLA" once, in the opening list (line 12).
  // 000, 001, 002 use "PLA" only; every seed writes "CLA" only.
  const seeds: [string, string[]][] = [
    ['000', []],
    ['001', []],
    ['002', []],
    ['003', ['41:150', '51:44', '55:52', '124:78', '133:95', '135:28', '136:36', '321:220']],
    ['004', ['12:37']],
  ];
  it.each(seeds)('seed %s: every use of the minority term', (seed, expected) => {
    const found = lintDoc(docOfFile(seedPath(seed)), { rules });
    expect(positions(found)).toEqual(expected);
    for (const d of found) expect(d.endColumn - d.column).toBe(3);
  });

  it('seed 003 and 004: the counts in the message', () => {
    expect(lintDoc(docOfFile(seedPath('003')), { rules })[0]!.message).toBe(
      'This policy calls previously looked-after children both "CPLA" (11 times) and "PLA" (8 times): use "CPLA" throughout.',
    );
    expect(lintDoc(docOfFile(seedPath('004')), { rules })[0]!.message).toContain('"CPLA" (18 times) and "PLA" (once)');
  });
});

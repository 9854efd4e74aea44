/**
 * duplicate-section: valid and invalid cases beyond the documented examples,
 * and the duplicates in the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['duplicate-section'];

ruleTester('duplicate-section', {
  valid: [
    'Attendance\n\nText.\n\nSafeguarding\n\nText.\n',
    // The same sub-heading under two different parents.
    'Appendix 1\n\nAttendance\n\nText.\n\nAppendix 2\n\nAttendance\n\nText.\n',
    // A top-level section and a sub-heading of an appendix.
    'Attendance\n\nText.\n\nAppendix 1\n\nAttendance\n\nText.\n',
    // A contents list names the sections; they are not sections themselves.
    'Content:\n\nPolicy Objective\n\nIntention\n\nPolicy Objective\n\nText.\n\nIntention\n\nText.\n',
    // Same model section, different titles: only with sameModelSection.
    'Policy Objective\n\nText.\n\nPolicy Objectives\n\nText.\n',
  ],
  invalid: [
    {
      name: 'reports the second heading, at its title, with the line of the first',
      text: 'Intention\n\nText.\n\n**Intention:**\n\nMore text.\n',
      errors: [
        {
          messageId: 'sameTitle',
          data: { title: 'Intention', line: 1 },
          message: 'The section "Intention" appears twice here (first at line 1): merge the two, or delete the one that is out of date.',
          severity: 'warning',
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 12,
        },
      ],
    },
    {
      name: 'with sameModelSection, reports different titles for the same model section',
      text: 'Roles and Responsibilities\n\nA.\n\nRole and Responsibilities:\n\nB.\n',
      options: { sameModelSection: true },
      errors: [
        {
          messageId: 'sameModelSection',
          data: { title: 'Role and Responsibilities', first: 'Roles and Responsibilities', line: 1 },
          message: '"Role and Responsibilities" repeats the section "Roles and Responsibilities" (line 1): merge the two, or delete the one that is out of date.',
          line: 5,
          column: 1,
        },
      ],
    },
  ],
});

describe('duplicate-section', () => {
  it('without sameModelSection, different titles for the same model section pass', () => {
    expect(lint('Roles and Responsibilities\n\nA.\n\nRole and Responsibilities:\n\nB.\n', { rules })).toEqual([]);
  });

  it('treats "&" and "and", case and spacing as the same title', () => {
    const text = '# Special Educational Needs & Disabilities\n\nText.\n\n# special educational needs and  disabilities\n\nText.\n';
    expect(positions(lint(text, { rules }))).toEqual(['5:3']);
  });

  it('reports each further copy against the first', () => {
    const found = lint('Impact\n\nA.\n\nImpact\n\nB.\n\nImpact\n\nC.\n', { rules });
    expect(positions(found)).toEqual(['5:1', '9:1']);
    expect(found.every((d) => d.message.includes('(first at line 1)'))).toBe(true);
  });

  it('finds duplicates among sub-sections of the same parent', () => {
    const text = 'Appendix 1\n\nAttendance\n\nText.\n\nSEN\n\nText.\n\nAttendance\n\nMore.\n';
    expect(positions(lint(text, { rules }))).toEqual(['11:1']);
  });

  // 003 keeps two "Policy Objective" sections (lines 35 and 44: the older text, with "PLA", and the newer one, with
  // "CPLA"). No other seed repeats a title under one parent: the "Attendance" and "SEND" sub-headings of Appendix 1
  // in 000-003 sit under the appendix, not beside the top-level sections.
  const seeds: [string, string[]][] = [
    ['000', []],
    ['001', []],
    ['002', []],
    ['003', ['44:1']],
    ['004', []],
  ];
  it.each(seeds)('seed %s: exactly the repeated sections', (seed, expected) => {
    expect(positions(lintDoc(docOfFile(seedPath(seed)), { rules }))).toEqual(expected);
  });

  it('seed 003: the second Policy Objective, pointing at the first', () => {
    const [d] = lintDoc(docOfFile(seedPath('003')), { rules });
    expect(d).toMatchObject({ line: 44, column: 1, endLine: 44, endColumn: 17 });
    expect(d!.message).toContain('"Policy Objective" appears twice here (first at line 35)');
  });

  it('seeds with sameModelSection: still only seed 003', () => {
    const all = ['000', '001', '002', '003', '004'].map((s) => positions(lintDoc(docOfFile(seedPath(s)), { rules, options: { sameModelSection: true } })));
    expect(all).toEqual([[], [], [], ['44:1'], []]);
  });
});

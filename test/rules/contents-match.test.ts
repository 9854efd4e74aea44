/**
 * contents-match: valid and invalid cases beyond the documented examples, and
 * the contents lists of the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['contents-match'];

const body = (titles: string[]): string => titles.map((t) => `${t}\n\nText of the section.\n`).join('\n');
const list = (entries: string[]): string => `Content:\n\n${entries.map((e) => `- ${e}`).join('\n')}\n\n`;

const MATCH_WORDING =
  list(['Role and Responsibilities', 'Special Educational Needs and Disabilities']) + body(['Roles and Responsibilities: Education planning', 'Special Educational Needs & Disabilities']);

ruleTester('contents-match', {
  valid: [
    { name: 'a document without a contents list', text: body(['Policy Objective', 'Intention']) },
    {
      name: 'a complete list matching its sections, in every style of heading',
      text:
        list(['Policy Objective', 'Intention', 'Admissions/Transitions', 'Appendix 2 Alternative Provision']) +
        body(['**Policy Objective**', '# Intention:', 'Admissions/ Transitions', 'Appendix 2', 'Alternative Provision: To be read with the guidance']),
    },
    {
      name: 'reverse "auto" skips a list that names fewer than half of the sections',
      text: list(['Policy Objective', 'Intention']) + body(['Policy Objective', 'Intention', 'Impact', 'Attendance', 'Safeguarding']),
    },
    {
      name: 'reverse "never" never checks for unlisted sections',
      text: list(['Policy Objective', 'Intention']) + body(['Policy Objective', 'Intention', 'Impact', 'Attendance']),
      options: { reverse: 'never' },
    },
    {
      name: 'ignores sections before the contents list (the title page)',
      text: 'Redbourn Primary School\n\nA school policy.\n\n' + list(['Policy Objective']) + body(['Policy Objective']),
      options: { reverse: 'always' },
    },
    { name: 'a heading that reads differently is tolerated by default', text: MATCH_WORDING },
  ],
  invalid: [
    {
      name: 'reports an entry that names no section, at the entry',
      text: list(['Policy Objective', 'Behaviour', 'Impact']) + body(['Policy Objective', 'Impact']),
      errors: [
        {
          messageId: 'noSection',
          data: { entry: 'Behaviour', place: '' },
          message: 'The contents list names "Behaviour", but the policy has no section of that name: make the entry match the heading, or remove it.',
          severity: 'warning',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 12,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'does not take a longer title for the entry unless punctuation separates them',
      text: list(['Policy', 'Impact']) + body(['Policy Objective', 'Impact']),
      options: { reverse: 'never' },
      errors: [{ messageId: 'noSection', data: { entry: 'Policy', place: ' (in its place is "Policy Objective", line 6)' }, line: 3, column: 3, endLine: 3, endColumn: 9 }],
    },
    {
      name: 'does not take the body text or an appendix sub-heading for a listed section',
      text: list(['Policy Objective', 'Attendance']) + body(['Policy Objective', 'Appendix 1', 'Attendance']),
      options: { reverse: 'never' },
      errors: [{ messageId: 'noSection', data: { entry: 'Attendance', place: ' (in its place is "Appendix 1", line 10)' }, line: 4, column: 3, endLine: 4, endColumn: 13 }],
    },
    {
      name: 'pairs an unmatched entry with the unlisted section in its place, and reports that section once',
      text: list(['Policy Objective', 'Implementation', 'Impact']) + body(['Policy Objective', 'Equality and Diversity:', 'Impact']),
      options: { reverse: 'always' },
      errors: [
        {
          messageId: 'noSection',
          data: { entry: 'Implementation', place: ' (in its place is "Equality and Diversity", line 11)' },
          message:
            'The contents list names "Implementation", but the policy has no section of that name (in its place is "Equality and Diversity", line 11): make the entry match the heading, or remove it.',
          severity: 'warning',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 17,
        },
      ],
    },
    {
      name: 'reports sections a complete list leaves out, at the "Content:" line',
      text: list(['Policy Objective', 'Intention', 'Impact']) + body(['Policy Objective', 'Intention', 'Attendance', 'Impact', 'Safeguarding']),
      errors: [
        {
          messageId: 'notListed',
          data: { heading: 'Attendance', line: 15 },
          message: 'The section "Attendance" (line 15) is not in the contents list: add it to the list.',
          severity: 'warning',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 9,
        },
        { messageId: 'notListed', data: { heading: 'Safeguarding', line: 23 }, line: 1, column: 1, endLine: 1, endColumn: 9 },
      ],
    },
    {
      name: 'reverse "always" checks a list that names fewer than half of the sections',
      text: list(['Policy Objective', 'Intention']) + body(['Policy Objective', 'Intention', 'Impact', 'Attendance', 'Safeguarding']),
      options: { reverse: 'always' },
      errors: [
        { messageId: 'notListed', data: { heading: 'Attendance', line: 18 }, line: 1, column: 1, endLine: 1, endColumn: 9 },
        { messageId: 'notListed', data: { heading: 'Impact', line: 14 }, line: 1, column: 1, endLine: 1, endColumn: 9 },
        { messageId: 'notListed', data: { heading: 'Safeguarding', line: 22 }, line: 1, column: 1, endLine: 1, endColumn: 9 },
      ],
    },
    {
      name: 'reverse "auto": exactly half listed counts as complete',
      text: list(['Policy Objective', 'Intention']) + body(['Policy Objective', 'Intention', 'Impact', 'Attendance']),
      errors: [
        { messageId: 'notListed', data: { heading: 'Attendance', line: 18 }, line: 1, column: 1, endLine: 1, endColumn: 9 },
        { messageId: 'notListed', data: { heading: 'Impact', line: 14 }, line: 1, column: 1, endLine: 1, endColumn: 9 },
      ],
    },
    {
      name: 'matchWording reports a listed section whose heading reads differently',
      text: MATCH_WORDING,
      options: { matchWording: true },
      errors: [
        {
          messageId: 'wording',
          data: { entry: 'Role and Responsibilities', heading: 'Roles and Responsibilities: Education planning', line: 6 },
          message: 'The contents list says "Role and Responsibilities" but the heading reads "Roles and Responsibilities: Education planning" (line 6): use the same words in both.',
          severity: 'warning',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 28,
        },
      ],
    },
    {
      name: 'reads a contents list of bold paragraphs (seed 002 style), reporting at the entry words',
      text: '**Content:**\n\n**Policy Objective**\n\n**Implementation**\n\n**Policy Objective**\n\nText.\n\n**Equality and Diversity**\n\nText.\n',
      errors: [{ messageId: 'noSection', data: { entry: 'Implementation', place: ' (in its place is "Equality and Diversity", line 11)' }, line: 5, column: 3, endLine: 5, endColumn: 17 }],
    },
  ],
});

describe('contents-match', () => {
  // 000, 002, 003 list "Implementation" where the body has "Equality and Diversity" (lines 86, 115, 91): reported at
  // the entry (000 line 25, 002 line 54 inside "**...**", 003 line 29). Their "Role and Responsibilities" entries name
  // the "Roles and Responsibilities: ..." sections (tolerated by default), and their lists name only 5 of 15 or 16 main
  // sections, so the reverse check is skipped. 001's list names all 15 main sections ("Role" for "Roles", "and" for
  // "&", "Appendix 2 Alternative Provision" for "Appendix 2 Alternative Provision: To be read ..."). 004 has no list.
  const seeds: [string, string[]][] = [
    ['000', ['25:1']],
    ['001', []],
    ['002', ['54:3']],
    ['003', ['29:1']],
    ['004', []],
  ];
  it.each(seeds)('seed %s: exactly the mismatches', (seed, expected) => {
    expect(positions(lintDoc(docOfFile(seedPath(seed)), { rules }))).toEqual(expected);
  });

  it('seed 000: the DOMAIN.md finding, Implementation listed but Equality and Diversity in the body', () => {
    const [d] = lintDoc(docOfFile(seedPath('000')), { rules });
    expect(d).toMatchObject({ line: 25, column: 1, endLine: 25, endColumn: 15 });
    expect(d!.message).toContain('"Implementation", but the policy has no section of that name (in its place is "Equality and Diversity", line 86)');
  });

  it('seeds with reverse "always" and matchWording: the partial lists show every unlisted main section', () => {
    const counts = ['000', '001', '002', '003', '004'].map((s) => lintDoc(docOfFile(seedPath(s)), { rules, options: { reverse: 'always', matchWording: true } }).length);
    // 000: Implementation + 10 unlisted + Role/Roles; 001: Role/Roles only; 002 likewise 12; 003: 9 unlisted (no AEN) + 2.
    expect(counts).toEqual([12, 1, 12, 11, 0]);
  });
});

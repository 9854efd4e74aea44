/**
 * role-name-consistency: tolerant name comparison, the places a later name is
 * read from, and the seed policies (whose names agree).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';
import { findRoleStatements, peopleOf, resolveRoles, samePerson } from '../../src/domain/roles.js';

const rules = ['role-name-consistency'];
const TOP = 'Name of the Designated Teacher for CLA and PLA\n\nHannah Badger, SENDCo\n\n';
const later = (name: string): string => `The Designated Teacher for Children Looked After is a Statutory Post and in 2024-2025 is ${name}.\n`;

const GOVERNOR = TOP + 'Name of the Designated School Governor for CLA and PLA: Jenny Shepherd\n\nThe Designated Governor is Mr Ron Hale.\n\n' + later('Mrs Jane Smith');

ruleTester('role-name-consistency', {
  valid: [
    { name: 'the same name with a title', text: TOP + later('Mrs Hannah Badger') },
    { name: 'an initial', text: TOP + later('Mrs H. Badger') },
    { name: 'one of two people named at the top', text: 'Designated Safeguarding Lead: Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)\n\nThe DSL is Mrs McLellan.\n' },
    { name: 'different people for different posts', text: TOP + 'Name of the Designated Safeguarding Lead: Tom Price\n\n' + later('Hannah Badger') },
    { name: 'a post named only once', text: TOP },
    { name: 'a later blank or placeholder (that is required-roles)', text: TOP + 'Designated Teacher: [insert name]\n' },
    { name: 'a mention of the post without a name', text: TOP + 'Staff refer to the Designated Teacher for advice. Mrs Smith is a qualified teacher.\n' },
  ],
  invalid: [
    {
      name: 'reports a different person at the later name, naming both',
      text: TOP + later('Mrs Jane Smith'),
      errors: [
        {
          messageId: 'different',
          data: { role: 'Designated Teacher for CLA and PLA', later: 'Mrs Jane Smith', first: 'Hannah Badger, SENDCo', line: 3 },
          message:
            'The Designated Teacher for CLA and PLA is named as "Mrs Jane Smith" here but "Hannah Badger, SENDCo" at line 3: name the same person in both places (update whichever is out of date).',
          severity: 'warning',
          line: 5,
          column: 90,
          endLine: 5,
          endColumn: 104,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'reports "was taken over by" someone else',
      text: 'Name of the Designated Teacher for CLA and PLA\n\nMiss Daisy Ambler\n\nThe Designated Teacher for Children Looked After is a Statutory Post and in January 2024 was taken over by Mr Tom Reed.\n',
      errors: [
        {
          messageId: 'different',
          data: { role: 'Designated Teacher for CLA and PLA', later: 'Mr Tom Reed', first: 'Miss Daisy Ambler', line: 3 },
          line: 5,
          column: 108,
          endLine: 5,
          endColumn: 119,
        },
      ],
    },
    {
      name: 'reports a later label (a footer table) that names someone else',
      text: 'Designated Safeguarding Lead: Penny Barefoot\n\nPolicy text.\n\n| Post | Name |\n|---|---|\n| DSL | Mr Ian Gold |\n',
      errors: [
        { messageId: 'different', data: { role: 'Designated Safeguarding Lead', later: 'Mr Ian Gold', first: 'Penny Barefoot', line: 1 }, line: 7, column: 9, endLine: 7, endColumn: 20 },
      ],
    },
    {
      name: 'reports a later statement that adds someone not named at the top',
      text: 'Designated Safeguarding Lead: Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)\n\nThe DSL is Miss Emma Fenn or Mr Paul Kerr.\n',
      errors: [
        {
          messageId: 'different',
          data: { role: 'Designated Safeguarding Lead', later: 'Miss Emma Fenn or Mr Paul Kerr', first: 'Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)', line: 1 },
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'compares each post separately',
      text: GOVERNOR,
      errors: [
        {
          messageId: 'different',
          data: { role: 'Designated School Governor for CLA and PLA', later: 'Mr Ron Hale', first: 'Jenny Shepherd', line: 5 },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 39,
        },
        {
          messageId: 'different',
          data: { role: 'Designated Teacher for CLA and PLA', later: 'Mrs Jane Smith', first: 'Hannah Badger, SENDCo', line: 3 },
          line: 9,
          column: 90,
          endLine: 9,
          endColumn: 104,
        },
      ],
    },
    {
      name: '... only the posts of the roles option',
      text: GOVERNOR,
      options: { roles: ['designated-governor'] },
      errors: [
        {
          messageId: 'different',
          data: { role: 'Designated School Governor for CLA and PLA', later: 'Mr Ron Hale', first: 'Jenny Shepherd', line: 5 },
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 39,
        },
      ],
    },
  ],
});

describe('role-name-consistency', () => {
  describe('samePerson', () => {
    it.each([
      ['Hannah Badger', 'Hannah Badger'],
      ['Hannah Badger', 'hannah badger'],
      ['Mrs Katie Linnane', 'Katie Linnane'],
      ['Miss Daisy Ambler', 'Ms. Daisy Ambler'],
      ['Claire Short', 'Mrs Short'],
      ['James Hughes', 'J. Hughes'],
      ['Miss Emma Fenn (HT)', 'Emma Fenn'],
      ['Dr Anne-Marie O’Neil', "Anne-Marie O'Neil"],
    ])('%s = %s', (a, b) => {
      expect(samePerson(a, b)).toBe(true);
      expect(samePerson(b, a)).toBe(true);
    });

    it.each([
      ['Hannah Badger', 'Jenny Shepherd'],
      ['Claire Short', 'Sally Short'],
      ['James Hughes', 'K. Hughes'],
      ['Lorna Allett', 'Lorna Allen'],
    ])('%s != %s', (a, b) => {
      expect(samePerson(a, b)).toBe(false);
    });
  });

  it('splits several people and drops job titles', () => {
    expect(peopleOf('Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)')).toEqual(['Miss Emma Fenn', 'Mrs Louise McLellan']);
    expect(peopleOf('Hannah Badger, SENDCo')).toEqual(['Hannah Badger']);
    expect(peopleOf('Jo Bloggs and Ann Lee')).toEqual(['Jo Bloggs', 'Ann Lee']);
  });

  it('reports exact columns in a CRLF file with a BOM', () => {
    const text = ('\uFEFF' + TOP + later('Mrs Jane Smith')).replace(/\n/g, '\r\n');
    const file = `${process.env.TMPDIR ?? '/tmp'}/rnc-crlf-${process.pid}.md`;
    fs.writeFileSync(file, Buffer.from(text, 'utf8'));
    try {
      const found = lintDoc(docOfFile(file), { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['5:90-5:104']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  describe('seeds', () => {
    // Each seed names its Designated Teacher at the top and again in Roles and Responsibilities; the names agree.
    const expected: [string, string][] = [
      ['000', 'Hannah Badger, SENDCo (line 42) = Hannah Badger (line 129)'],
      ['001', 'Claire Short (line 36) = Claire Short (line 116)'],
      ['002', 'Mrs Katie Linnane (line 71) = Mrs Katie Linnane (line 164)'],
      ['003', 'Miss Daisy Ambler (line 53) = Miss Daisy Ambler (line 131)'],
      ['004', 'Lorna Allett (line 25) = Lorna Allett (line 98)'],
    ];
    it.each(expected)('seed %s: %s, nothing reported', (seed, pair) => {
      const doc = docOfFile(seedPath(seed));
      const dt = findRoleStatements(doc, resolveRoles(['designated-teacher'])).filter((s) => s.kind === 'name');
      expect(dt.map((s) => `${s.value} (line ${doc.pointAt(s.valueStart).line})`).join(' = ')).toBe(pair);
      expect(lintDoc(doc, { rules })).toEqual([]);
    });

    it('seed 001 with a new Designated Teacher at the top reports the old name later', () => {
      const text = fs.readFileSync(seedPath('001'), 'utf8').replace('for CLA and PLA: Claire Short', 'for CLA and PLA: Mr Dan Webb');
      const found = lint(text, { rules });
      expect(positions(found)).toEqual(['116:144']);
      expect(found[0]!.message).toContain('"Claire Short" here but "Mr Dan Webb" at line 36');
    });

    it('seed 003 names two DSLs at the top; a later DSL statement naming one of them agrees', () => {
      const text = fs.readFileSync(seedPath('003'), 'utf8').replace('Attendance:\n', 'The DSL is Mrs Louise McLellan.\n\nAttendance:\n');
      expect(lint(text, { rules })).toEqual([]);
    });
  });
});

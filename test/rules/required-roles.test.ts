/**
 * required-roles: every form of naming a post, every way of failing to, and
 * the seed policies (which all name their three posts).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOf, docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';
import { classifyValue, findRoleStatements, resolveRoles } from '../../src/domain/roles.js';

const rules = ['required-roles'];

const GOV = 'Name of the Designated School Governor for CLA and PLA: Jenny Shepherd\n\n';
const DSL = 'Name of the Designated Safeguarding Lead with responsibility for children with a Social Worker: Mr Tom Price\n\n';
const DT = 'Name of the Designated Teacher for CLA and PLA: Hannah Badger\n\n';

ruleTester('required-roles', {
  valid: [
    { name: 'label: name on one line', text: DT + GOV + DSL },
    { name: 'label paragraph, then the name', text: 'Name of the Designated Teacher for CLA and PLA\n\nHannah Badger, SENDCo\n\n' + GOV + DSL },
    { name: 'bold label paragraph, then the name', text: '**Name of the Designated Teacher for CLA and PLA**\n\nMrs Katie Linnane\n\n' + GOV + DSL },
    { name: 'CPLA and "Children Looked After" labels', text: 'Name of the Designated Teacher for CLA and CPLA\n\nLorna Allett\n\n' + GOV + DSL },
    { name: '"Designated Teacher for Children Looked After"', text: 'Designated Teacher for Children Looked After: Lorna Allett\n\n' + GOV + DSL },
    { name: 'a label with "Name:" before the name', text: 'Designated Teacher\n\nName: Lorna Allett\n\n' + GOV + DSL },
    { name: '"DSL" as the label', text: DT + GOV + 'DSL: Penny Barefoot\n' },
    { name: 'two people for one post', text: DT + GOV + 'Designated Safeguarding Lead\n\nMiss Emma Fenn (HT) or Mrs Louise McLellan (DHT)\n' },
    { name: 'a GFM table of roles', text: '| Role | Name |\n|---|---|\n| Designated Teacher | Hannah Badger |\n| Designated School Governor | Jenny Shepherd |\n| DSL | Tom Price |\n' },
    { name: 'a table with the roles as column headings', text: '| Designated Teacher | Designated School Governor | DSL |\n|---|---|---|\n| Jo Bloggs | Ann Lee | Tom Price |\n' },
    {
      name: 'tab-separated footer lines',
      text: 'Date Policy Reviewed/Amended:	March 2025\nDesignated Teacher:	Lorna Allett\nDesignated Governor:	James Hughes\nDSL:	Penny Barefoot\nReview Date:	March 2026\n',
    },
    {
      name: 'an inline sentence for the Designated Teacher',
      text: 'The Designated Teacher for Children Looked After and Children Previously Looked After is a Statutory Post and in 2024-2025 is Hannah Badger.\n\n' + GOV + DSL,
    },
    { name: '"was taken over by"', text: 'The Designated Teacher for CLA is a Statutory Post and in January 2024 was taken over by Miss Daisy Ambler.\n\n' + GOV + DSL },
    { name: 'the DSL named after a job title', text: DT + GOV + 'The DSL is the Headteacher, Mrs Ann Smith.\n' },
    {
      name: 'does not treat body text that mentions a post as a label',
      text:
        DT +
        GOV +
        DSL +
        '- working alongside the Designated Safeguarding Lead to support and promote the education of children with a Social Worker\n- referring to the Designated Teacher for advice\n\nThe Headteacher, Designated Teacher, Designated Safeguarding Lead and Governing Body will ensure that all staff are briefed.\n\nThe Designated Teacher (DT) should contact the VSH as soon as possible.\n\n**The Designated Safeguarding Lead:**\n\n- will support staff with child protection concerns\n\nDesignated Safeguarding Lead\n\nThe DSL leads on all child protection matters and will support staff.\n\n| Role | Duties |\n|---|---|\n| DSL | Leads on child protection and works with social workers every week |\n\n- Designated Safeguarding Lead\n- Designated Teacher\n',
    },
    { name: 'the roles option: requires only the posts listed', text: DT, options: { roles: ['designated-teacher'] } },
  ],
  invalid: [
    {
      name: '[insert name], reported at the whole label',
      text: 'Name of the Designated Teacher for CLA and PLA: [insert name]\n\n' + GOV + DSL,
      errors: [
        {
          messageId: 'placeholder',
          data: { role: 'Designated Teacher for CLA and PLA', value: '[insert name]' },
          message: 'The Designated Teacher for CLA and PLA is not named: "[insert name]" is template text. Replace it with the name of the person who holds this post.',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 47,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'XXXX in the next paragraph',
      text: 'Name of the Designated Teacher for CLA and PLA\n\nXXXX\n\n' + GOV + DSL,
      errors: [{ messageId: 'placeholder', data: { role: 'Designated Teacher for CLA and PLA', value: 'XXXX' }, line: 1, column: 1, endLine: 1, endColumn: 47 }],
    },
    {
      name: 'TBC',
      text: GOV + DSL + 'Designated Teacher: TBC\n',
      errors: [{ messageId: 'placeholder', data: { role: 'Designated Teacher for CLA and PLA', value: 'TBC' }, line: 5, column: 1, endLine: 5, endColumn: 19 }],
    },
    {
      name: '*enter name*',
      text: GOV + DSL + 'Designated Teacher: *enter name*\n',
      errors: [{ messageId: 'placeholder', data: { role: 'Designated Teacher for CLA and PLA', value: 'enter name' }, line: 5, column: 1, endLine: 5, endColumn: 19 }],
    },
    {
      name: 'a job title only',
      text: DT + GOV + 'Designated Safeguarding Lead: the Headteacher\n',
      errors: [
        {
          messageId: 'roleOnly',
          data: { role: 'Designated Safeguarding Lead', value: 'the Headteacher' },
          message: 'The Designated Safeguarding Lead is given only as a job title ("the Headteacher"): write the name of the person who holds this post.',
          severity: 'error',
          line: 5,
          column: 1,
          endLine: 5,
          endColumn: 29,
        },
      ],
    },
    {
      name: '"Name:" with nothing',
      text: 'Name of the Designated Teacher for CLA and PLA\n\nName:\n\n' + GOV + DSL,
      errors: [
        {
          messageId: 'blank',
          data: { role: 'Designated Teacher for CLA and PLA', value: '' },
          message: 'No name is given for the Designated Teacher for CLA and PLA: write the name of the person who holds this post after the label.',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'a blank label at the end',
      text: GOV + DSL + 'Name of the Designated Teacher for CLA and PLA:\n',
      errors: [{ messageId: 'blank', data: { role: 'Designated Teacher for CLA and PLA', value: '' }, line: 5, column: 1, endLine: 5, endColumn: 47 }],
    },
    {
      name: 'a "Name of" label followed by a sentence',
      text: 'Name of the Designated Teacher for CLA and PLA\n\nAt Strathmore Infant and Nursery School we will ensure that children looked after are prioritised.\n\n' + GOV + DSL,
      errors: [{ messageId: 'blank', data: { role: 'Designated Teacher for CLA and PLA', value: '' }, line: 1, column: 1, endLine: 1, endColumn: 47 }],
    },
    {
      name: 'an empty table cell',
      text: DT + GOV + '| Role | Name |\n|---|---|\n| DSL |  |\n',
      errors: [{ messageId: 'blank', data: { role: 'Designated Safeguarding Lead', value: '' }, line: 7, column: 3, endLine: 7, endColumn: 6 }],
    },
    {
      name: 'a placeholder in a column-heading table',
      text: '| Designated Teacher | Designated School Governor | DSL |\n|---|---|---|\n| Jo Bloggs | Ann Lee | TBC |\n',
      errors: [{ messageId: 'placeholder', data: { role: 'Designated Safeguarding Lead', value: 'TBC' }, line: 1, column: 53, endLine: 1, endColumn: 56 }],
    },
    {
      name: 'a blank tab-separated footer line',
      text: DT + GOV + 'Chair of Governors:	James Hughes\nDSL:	\nReview Date:	March 2026\n',
      errors: [{ messageId: 'blank', data: { role: 'Designated Safeguarding Lead', value: '' }, line: 6, column: 1, endLine: 6, endColumn: 4 }],
    },
    {
      name: 'a placeholder in an inline sentence',
      text: DT + GOV + 'The Designated Safeguarding Lead is XXXX.\n',
      errors: [{ messageId: 'placeholder', data: { role: 'Designated Safeguarding Lead', value: 'XXXX' }, line: 5, column: 5, endLine: 5, endColumn: 33 }],
    },
    {
      name: 'reports a post whose label never appears once, at 1:1, naming the label it expected',
      text: 'Intro\n\n' + DT + DSL + 'The Governing Body will monitor the Designated Teacher.\n',
      errors: [
        {
          messageId: 'notNamed',
          data: { role: 'Designated School Governor for CLA and PLA', label: 'Name of the Designated School Governor for CLA and PLA' },
          message:
            'The policy does not name the Designated School Governor for CLA and PLA: add "Name of the Designated School Governor for CLA and PLA" followed by the name of the person who holds the post.',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'does not take a Deputy DSL for the DSL',
      text: DT + GOV + 'Deputy Designated Safeguarding Lead: Mr Ben Cole\n',
      errors: [
        {
          messageId: 'notNamed',
          data: { role: 'Designated Safeguarding Lead', label: 'Name of the Designated Safeguarding Lead with responsibility for children with a Social Worker' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'reports each unnamed post: the missing ones at 1:1 (in the order of their messages), the unfinished one at its label',
      text: 'Hello\n\nDesignated Teacher: TBC\n',
      errors: [
        {
          messageId: 'notNamed',
          data: { role: 'Designated Safeguarding Lead', label: 'Name of the Designated Safeguarding Lead with responsibility for children with a Social Worker' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        {
          messageId: 'notNamed',
          data: { role: 'Designated School Governor for CLA and PLA', label: 'Name of the Designated School Governor for CLA and PLA' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        { messageId: 'placeholder', data: { role: 'Designated Teacher for CLA and PLA', value: 'TBC' }, line: 3, column: 1, endLine: 3, endColumn: 19 },
      ],
    },
    {
      name: 'the roles option takes other text as the label of an extra post',
      text: DT + GOV + DSL + 'Mental Health Lead: [insert name]\n',
      options: { roles: ['designated-teacher', 'designated-governor', 'designated-safeguarding-lead', 'Mental Health Lead'] },
      errors: [{ messageId: 'placeholder', data: { role: 'Mental Health Lead', value: '[insert name]' }, line: 7, column: 1, endLine: 7, endColumn: 19 }],
    },
    {
      name: '... and reports it missing',
      text: DT,
      options: { roles: ['designated-teacher', 'Senior Mental Health Lead'] },
      errors: [
        {
          messageId: 'notNamed',
          data: { role: 'Senior Mental Health Lead', label: 'Senior Mental Health Lead' },
          message: 'The policy does not name the Senior Mental Health Lead: add "Senior Mental Health Lead" followed by the name of the person who holds the post.',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
  ],
});

describe('required-roles', () => {
  describe('classifyValue', () => {
    it.each([
      ['Hannah Badger, SENDCo', 'name'],
      ['Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)', 'name'],
      ['Fr Norbert Fernandes', 'name'],
      ['Mrs. A. Smith', 'name'],
      ['', 'blank'],
      ['Name:', 'blank'],
      ['  :  ', 'blank'],
      ['[insert name]', 'placeholder'],
      ['XXXX', 'placeholder'],
      ['Mrs XXXX', 'placeholder'],
      ['TBC', 'placeholder'],
      ['enter name', 'placeholder'],
      ['(enter name here)', 'placeholder'],
      ['To be confirmed', 'placeholder'],
      ['the Headteacher', 'role-only'],
      ['Headteacher and Deputy Headteacher', 'role-only'],
      ['At Strathmore Infant and Nursery School we will ensure that children looked after have access to excellent provision.', 'prose'],
      ['will support staff with child protection', 'prose'],
    ])('%j is %s', (value, kind) => {
      expect(classifyValue(value)).toBe(kind);
    });
  });

  it('reports exact columns in a CRLF file with a BOM', () => {
    const text = '\uFEFFPolicy\r\n\r\n' + (GOV + DSL).replace(/\n/g, '\r\n') + '**Name of the Designated Teacher for CLA and PLA:** XXXX\r\n';
    const file = `${process.env.TMPDIR ?? '/tmp'}/rr-crlf-${process.pid}.md`;
    fs.writeFileSync(file, Buffer.from(text, 'utf8'));
    try {
      const found = lintDoc(docOfFile(file), { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['7:3-7:49']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  describe('seeds', () => {
    // Each seed names all three posts: 000/002/003/004 label then next paragraph (002 in bold), 001 on the same line,
    // 003 two people for the DSL; 004 also has a tab-separated footer whose labels (Chair of Governors, Headteacher) are
    // not these posts.
    const expected: Record<string, string[]> = {
      '000': ['designated-teacher 40:1 Hannah Badger, SENDCo', 'designated-governor 44:1 Jenny Shepherd', 'designated-safeguarding-lead 48:1 Hannah Badger, SENDCo'],
      '001': ['designated-teacher 36:1 Claire Short', 'designated-governor 38:1 Liz Polson', 'designated-safeguarding-lead 40:1 Sally Short'],
      '002': ['designated-teacher 69:3 Mrs Katie Linnane', 'designated-governor 73:3 Fr Norbert Fernandes', 'designated-safeguarding-lead 77:3 Mrs Katie Linnane'],
      '003': [
        'designated-teacher 51:1 Miss Daisy Ambler',
        'designated-governor 55:1 Mrs Sarah Moriarty',
        'designated-safeguarding-lead 59:1 Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)',
      ],
      '004': ['designated-teacher 23:1 Lorna Allett', 'designated-governor 27:1 James Hughes', 'designated-safeguarding-lead 31:1 Penny Barefoot'],
    };

    it.each(Object.keys(expected))('seed %s names all three posts at the top and draws nothing', (seed) => {
      const doc = docOfFile(seedPath(seed));
      const labels = findRoleStatements(doc, resolveRoles(undefined)).filter((s) => s.form !== 'inline');
      expect(labels.map((s) => `${s.role.id} ${doc.pointAt(s.labelStart).line}:${doc.pointAt(s.labelStart).column} ${s.value}`)).toEqual(expected[seed]);
      expect(labels.every((s) => s.kind === 'name')).toBe(true);
      expect(lintDoc(doc, { rules })).toEqual([]);
    });

    it('seed 000 with the governor removed reports it at the label', () => {
      const text = fs.readFileSync(seedPath('000'), 'utf8').replace('\nJenny Shepherd\n', '\n[insert name]\n');
      const found = lint(text, { rules });
      expect(positions(found)).toEqual(['44:1']);
      expect(found[0]!.message).toContain('The Designated School Governor for CLA and PLA is not named: "[insert name]"');
    });

    it('seed 001 with the DSL line emptied reports it at the label', () => {
      const text = fs.readFileSync(seedPath('001'), 'utf8').replace('Social Worker: Sally Short', 'Social Worker:');
      expect(positions(lint(text, { rules }))).toEqual(['40:1']);
    });

    it('seed 004 without its Designated Teacher lines reports the post missing once', () => {
      const text = fs
        .readFileSync(seedPath('004'), 'utf8')
        .replace('Name of the Designated Teacher for CLA and CPLA\n\nLorna Allett\n', '')
        .replace('is a Statutory Post is Lorna Allett', 'is a Statutory Post');
      const found = lint(text, { rules });
      expect(positions(found)).toEqual(['1:1']);
      expect(found[0]!.message).toContain('does not name the Designated Teacher for CLA and PLA');
    });
  });

  it('finds no statements in a document that names no posts', () => {
    expect(findRoleStatements(docOf('Attendance\n\nWe will contact the social worker promptly.\n'), resolveRoles(undefined))).toEqual([]);
  });
});

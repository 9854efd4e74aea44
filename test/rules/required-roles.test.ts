/**
 * required-roles: every form of naming a post, every way of failing to, and
 * the seed policies (which all name their three posts).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOf, docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { classifyValue, findRoleStatements, resolveRoles } from '../../src/domain/roles.js';

const rules = ['required-roles'];

const GOV = 'Name of the Designated School Governor for CLA and PLA: Jenny Shepherd\n\n';
const DSL = 'Name of the Designated Safeguarding Lead with responsibility for children with a Social Worker: Mr Tom Price\n\n';
const DT = 'Name of the Designated Teacher for CLA and PLA: Hannah Badger\n\n';

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

  describe('names in every form pass', () => {
    it.each([
      ['label: name on one line', DT + GOV + DSL],
      ['label paragraph, then the name', 'Name of the Designated Teacher for CLA and PLA\n\nHannah Badger, SENDCo\n\n' + GOV + DSL],
      ['bold label paragraph, then the name', '**Name of the Designated Teacher for CLA and PLA**\n\nMrs Katie Linnane\n\n' + GOV + DSL],
      ['CPLA and "Children Looked After" labels', 'Name of the Designated Teacher for CLA and CPLA\n\nLorna Allett\n\n' + GOV + DSL],
      ['"Designated Teacher for Children Looked After"', 'Designated Teacher for Children Looked After: Lorna Allett\n\n' + GOV + DSL],
      ['a label with "Name:" before the name', 'Designated Teacher\n\nName: Lorna Allett\n\n' + GOV + DSL],
      ['"DSL" as the label', DT + GOV + 'DSL: Penny Barefoot\n'],
      ['two people for one post', DT + GOV + 'Designated Safeguarding Lead\n\nMiss Emma Fenn (HT) or Mrs Louise McLellan (DHT)\n'],
      [
        'a GFM table of roles',
        '| Role | Name |\n|---|---|\n| Designated Teacher | Hannah Badger |\n| Designated School Governor | Jenny Shepherd |\n| DSL | Tom Price |\n',
      ],
      ['a table with the roles as column headings', '| Designated Teacher | Designated School Governor | DSL |\n|---|---|---|\n| Jo Bloggs | Ann Lee | Tom Price |\n'],
      [
        'tab-separated footer lines',
        'Date Policy Reviewed/Amended:\tMarch 2025\nDesignated Teacher:\tLorna Allett\nDesignated Governor:\tJames Hughes\nDSL:\tPenny Barefoot\nReview Date:\tMarch 2026\n',
      ],
      [
        'an inline sentence for the Designated Teacher',
        'The Designated Teacher for Children Looked After and Children Previously Looked After is a Statutory Post and in 2024-2025 is Hannah Badger.\n\n' +
          GOV +
          DSL,
      ],
      ['"was taken over by"', 'The Designated Teacher for CLA is a Statutory Post and in January 2024 was taken over by Miss Daisy Ambler.\n\n' + GOV + DSL],
      ['the DSL named after a job title', DT + GOV + 'The DSL is the Headteacher, Mrs Ann Smith.\n'],
    ])('%s', (_title, text) => {
      expect(lint(text, { rules })).toEqual([]);
    });
  });

  it('does not treat body text that mentions a post as a label', () => {
    const text =
      DT +
      GOV +
      DSL +
      '- working alongside the Designated Safeguarding Lead to support and promote the education of children with a Social Worker\n' +
      '- referring to the Designated Teacher for advice\n\n' +
      'The Headteacher, Designated Teacher, Designated Safeguarding Lead and Governing Body will ensure that all staff are briefed.\n\n' +
      'The Designated Teacher (DT) should contact the VSH as soon as possible.\n\n' +
      '**The Designated Safeguarding Lead:**\n\n- will support staff with child protection concerns\n\n' +
      'Designated Safeguarding Lead\n\nThe DSL leads on all child protection matters and will support staff.\n\n' +
      '| Role | Duties |\n|---|---|\n| DSL | Leads on child protection and works with social workers every week |\n\n' +
      '- Designated Safeguarding Lead\n- Designated Teacher\n';
    expect(lint(text, { rules })).toEqual([]);
  });

  describe('reports a post left unnamed at its label', () => {
    it.each([
      ['[insert name]', 'Name of the Designated Teacher for CLA and PLA: [insert name]\n\n' + GOV + DSL, '1:1', '"[insert name]" is template text'],
      ['XXXX in the next paragraph', 'Name of the Designated Teacher for CLA and PLA\n\nXXXX\n\n' + GOV + DSL, '1:1', '"XXXX" is template text'],
      ['TBC', GOV + DSL + 'Designated Teacher: TBC\n', '5:1', '"TBC" is template text'],
      ['*enter name*', GOV + DSL + 'Designated Teacher: *enter name*\n', '5:1', '"enter name" is template text'],
      ['a job title only', DT + GOV + 'Designated Safeguarding Lead: the Headteacher\n', '5:1', 'given only as a job title ("the Headteacher")'],
      ['"Name:" with nothing', 'Name of the Designated Teacher for CLA and PLA\n\nName:\n\n' + GOV + DSL, '1:1', 'No name is given for the Designated Teacher'],
      ['a blank label at the end', GOV + DSL + 'Name of the Designated Teacher for CLA and PLA:\n', '5:1', 'No name is given for the Designated Teacher'],
      [
        'a "Name of" label followed by a sentence',
        'Name of the Designated Teacher for CLA and PLA\n\nAt Strathmore Infant and Nursery School we will ensure that children looked after are prioritised.\n\n' + GOV + DSL,
        '1:1',
        'No name is given',
      ],
      ['an empty table cell', DT + GOV + '| Role | Name |\n|---|---|\n| DSL |  |\n', '7:3', 'No name is given for the Designated Safeguarding Lead'],
      ['a placeholder in a column-heading table', '| Designated Teacher | Designated School Governor | DSL |\n|---|---|---|\n| Jo Bloggs | Ann Lee | TBC |\n', '1:53', '"TBC" is template text'],
      ['a blank tab-separated footer line', DT + GOV + 'Chair of Governors:\tJames Hughes\nDSL:\t\nReview Date:\tMarch 2026\n', '6:1', 'No name is given for the Designated Safeguarding Lead'],
      ['a placeholder in an inline sentence', DT + GOV + 'The Designated Safeguarding Lead is XXXX.\n', '5:5', '"XXXX" is template text'],
    ])('%s', (_title, text, at, words) => {
      const found = lint(text, { rules });
      expect(positions(found)).toEqual([at]);
      expect(found[0]!.ruleId).toBe('required-roles');
      expect(found[0]!.severity).toBe('error');
      expect(found[0]!.message).toContain(words);
    });
  });

  it('reports the whole label as the range', () => {
    const [d] = lint('Name of the Designated Teacher for CLA and PLA: [insert name]\n\n' + GOV + DSL, { rules });
    expect(d).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 47 });
    expect(d!.message).toBe(
      'The Designated Teacher for CLA and PLA is not named: "[insert name]" is template text. Replace it with the name of the person who holds this post.',
    );
  });

  it('reports a post whose label never appears once, at 1:1, naming the label it expected', () => {
    const found = lint('Intro\n\n' + DT + DSL + 'The Governing Body will monitor the Designated Teacher.\n', { rules });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(found[0]!.message).toBe(
      'The policy does not name the Designated School Governor for CLA and PLA: add "Name of the Designated School Governor for CLA and PLA" followed by the name of the person who holds the post.',
    );
  });

  it('does not take a Deputy DSL for the DSL', () => {
    const found = lint(DT + GOV + 'Deputy Designated Safeguarding Lead: Mr Ben Cole\n', { rules });
    expect(positions(found)).toEqual(['1:1']);
    expect(found[0]!.message).toContain('does not name the Designated Safeguarding Lead');
  });

  it('reports each unnamed post: the missing ones at 1:1, the unfinished one at its label', () => {
    const found = lint('Hello\n\nDesignated Teacher: TBC\n', { rules });
    // The engine orders findings at the same position by message.
    expect(found.map((d) => `${d.line}:${d.column} ${d.message.split(':')[0]}`)).toEqual([
      '1:1 The policy does not name the Designated Safeguarding Lead',
      '1:1 The policy does not name the Designated School Governor for CLA and PLA',
      '3:1 The Designated Teacher for CLA and PLA is not named',
    ]);
  });

  describe('the roles option', () => {
    it('requires only the posts listed', () => {
      expect(lint(DT, { rules, options: { roles: ['designated-teacher'] } })).toEqual([]);
    });

    it('takes other text as the label of an extra post', () => {
      const text = DT + GOV + DSL + 'Mental Health Lead: [insert name]\n';
      const found = lint(text, { rules, options: { roles: [...['designated-teacher', 'designated-governor', 'designated-safeguarding-lead'], 'Mental Health Lead'] } });
      expect(positions(found)).toEqual(['7:1']);
      expect(found[0]!.message).toContain('The Mental Health Lead is not named');
      const missing = lint(DT, { rules, options: { roles: ['designated-teacher', 'Senior Mental Health Lead'] } });
      expect(missing.map((d) => d.message)).toEqual([
        'The policy does not name the Senior Mental Health Lead: add "Senior Mental Health Lead" followed by the name of the person who holds the post.',
      ]);
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

/**
 * Structure that survives real exports: each seed rewritten with numbered headings (bold, plain, `#`,
 * Markdown list items) and with a table glued directly above every heading draws exactly the
 * contents-match and required-sections findings of the original (same messages, on the headings that
 * moved with them), and its outline has the same sections with the same nesting.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOf, lint, SEEDS, FIXTURES } from '../helpers.js';
import { numberedVariant, shape, tableGluedVariant } from '../variants.js';
import path from 'node:path';

const STRUCTURE_RULES = ['contents-match', 'required-sections'];

/** The messages, with the quoted heading titles stripped of their numbers and line numbers dropped. */
function findings(text: string): string[] {
  return lint(text, { rules: STRUCTURE_RULES })
    .map((d) => `${d.ruleId}: ${d.message.replace(/\b(?:line \d+)/g, 'line N').replace(/"(?:\d+(?:\.\d+)*\.? )/g, '"')}`)
    .sort();
}

describe.each(SEEDS)('seed %s', (name) => {
  const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  const original = findings(text);
  const originalShape = shape(text);

  it.each(['bold', 'plain', 'atx', 'list'] as const)('numbered %s headings: same structure findings and outline', (form) => {
    const variant = numberedVariant(text, form);
    expect(variant).not.toEqual(text);
    expect(shape(variant)).toEqual(originalShape);
    expect(findings(variant)).toEqual(original);
  });

  it('a heading glued under a table: same structure findings and outline', () => {
    const variant = tableGluedVariant(text);
    expect(variant).not.toEqual(text);
    expect(shape(variant)).toEqual(originalShape);
    expect(findings(variant)).toEqual(original);
  });
});

describe('numbered headings', () => {
  const titles = (text: string): string[] => shape(text);

  it('takes the level from the number, keeps the number in the title, matches the model section without it', () => {
    const doc = docOf(
      '**1. Policy Objective**\n\nText.\n\n**2. Roles and Responsibilities**\n\nText.\n\n5.1 The Designated Teacher\n\nText.\n\n5.1.1 Training\n\nText.\n\n**3. Attendance**\n\nText.\n',
    );
    expect(doc.sections.map((s) => [s.title, s.level, s.number, s.canonical ?? ''])).toEqual([
      ['1. Policy Objective', 1, '1', 'policy-objective'],
      ['2. Roles and Responsibilities', 1, '2', 'roles-and-responsibilities'],
      ['5.1 The Designated Teacher', 2, '5.1', ''],
      ['5.1.1 Training', 3, '5.1.1', ''],
      ['3. Attendance', 1, '3', 'attendance'],
    ]);
  });

  it('reads 1), (a), A., i. and Section 3: as numbers, each scheme one level below the one it first follows', () => {
    expect(
      titles(
        'Section 1: Purpose\n\nText.\n\nA. Scope\n\nText.\n\n(a) Pupils\n\nText.\n\n(b) Staff\n\nText.\n\nB. Roles\n\nText.\n\ni. The governors\n\nText.\n\nii. The head\n\nText.\n\nSection 2: Attendance\n\nText.\n',
      ),
    ).toEqual(['Purpose', '  Scope', '    Pupils', '    Pupils'.replace('Pupils', 'Staff'), '  Roles', '    The governors', '    The head', 'Attendance']);
    expect(titles('1) Intention\n\nText.\n\n2) Impact\n\nText.\n')).toEqual(['Intention', 'Impact']);
  });

  it('a numbered list of sentences stays a list; numbers that are not headings are text', () => {
    const doc = docOf('Policy Objective\n\nWe will:\n\n1. Meet every child.\n\nThat is:\n\n2. Review the plan termly.\n\n32.5 hours of provision\n\n10 October 2025\n\n1 in 10 children\n');
    expect(doc.sections.map((s) => s.title)).toEqual(['Policy Objective']);
  });

  it('a plain numbered list item that names a section is a heading (Word exports "1. Intention" that way)', () => {
    const doc = docOf('1. Policy Objective\n\nText.\n\n2. Intention\n\nText.\n\n3) Impact\n\nText.\n');
    expect(doc.sections.map((s) => [s.title, s.level, s.canonical])).toEqual([
      ['1. Policy Objective', 1, 'policy-objective'],
      ['2. Intention', 1, 'intention'],
      ['3) Impact', 1, 'impact'],
    ]);
    expect(doc.sections[0]!.start.column).toBe(1);
  });

  it('### after ### stays a sibling', () => {
    expect(titles('## Our school\n\nText.\n\n### Ethos\n\nText.\n\n### Values\n\nText.\n\n### 1. Aims\n\nText.\n\n### 2. Scope\n\nText.\n')).toEqual([
      'Our school',
      '  Ethos',
      '  Values',
      'Aims',
      'Scope',
    ]);
  });
});

describe('headings glued to the block before them', () => {
  it('a heading right after a table is a heading', () => {
    const doc = docOf('Roles and Responsibilities\n\n| Role | Name |\n| --- | --- |\n| Designated Teacher | Ms A. Example |\nAttendance\n\nWe track attendance.\n');
    expect(doc.sections.map((s) => s.title)).toEqual(['Roles and Responsibilities', 'Attendance']);
    const attendance = doc.sections[1]!;
    expect(attendance.start.line).toBe(6);
    expect(doc.text.slice(attendance.titleStart, attendance.titleEnd)).toBe('Attendance');
  });

  it('a bold or numbered heading right after a list is a heading; a wrapped list line is not', () => {
    const doc = docOf('Intention\n\n- We will meet every child\n- and review\n**Impact**\n\nText.\n\n- one point\ncontinued on the next line\n');
    expect(doc.sections.map((s) => [s.title, s.start.line])).toEqual([
      ['Intention', 1],
      ['Impact', 5],
    ]);
    const doc2 = docOf('Intention\n\n- We will meet every child\n2. Impact\n\nText.\n');
    expect(doc2.sections.map((s) => s.title)).toEqual(['Intention', '2. Impact']);
  });
});

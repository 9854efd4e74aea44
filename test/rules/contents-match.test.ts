/**
 * contents-match: valid and invalid cases beyond the documented examples, and
 * the contents lists of the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['contents-match'];

const body = (titles: string[]): string => titles.map((t) => `${t}\n\nText of the section.\n`).join('\n');
const list = (entries: string[]): string => `Content:\n\n${entries.map((e) => `- ${e}`).join('\n')}\n\n`;

describe('contents-match', () => {
  it('passes a document without a contents list', () => {
    expect(lint(body(['Policy Objective', 'Intention']), { rules })).toEqual([]);
  });

  it('passes a complete list matching its sections, in every style of heading', () => {
    const text =
      list(['Policy Objective', 'Intention', 'Admissions/Transitions', 'Appendix 2 Alternative Provision']) +
      body(['**Policy Objective**', '# Intention:', 'Admissions/ Transitions', 'Appendix 2', 'Alternative Provision: To be read with the guidance']);
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports an entry that names no section, at the entry', () => {
    const text = list(['Policy Objective', 'Behaviour', 'Impact']) + body(['Policy Objective', 'Impact']);
    const found = lint(text, { rules });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'contents-match', severity: 'warning', line: 4, column: 3, endLine: 4, endColumn: 12 });
    expect(found[0]!.message).toBe(
      'The contents list names "Behaviour", but the policy has no section of that name: make the entry match the heading, or remove it.',
    );
  });

  it('does not take a longer title for the entry unless punctuation separates them', () => {
    const text = list(['Policy', 'Impact']) + body(['Policy Objective', 'Impact']);
    expect(positions(lint(text, { rules, options: { reverse: 'never' } }))).toEqual(['3:3']);
  });

  it('does not take the body text or an appendix sub-heading for a listed section', () => {
    const text = list(['Policy Objective', 'Attendance']) + body(['Policy Objective', 'Appendix 1', 'Attendance']);
    const found = lint(text, { rules, options: { reverse: 'never' } });
    expect(positions(found)).toEqual(['4:3']);
    expect(found[0]!.message).toContain('"Attendance", but the policy has no section of that name');
  });

  it('pairs an unmatched entry with the unlisted section in its place, and reports that section once', () => {
    const text = list(['Policy Objective', 'Implementation', 'Impact']) + body(['Policy Objective', 'Equality and Diversity:', 'Impact']);
    const found = lint(text, { rules, options: { reverse: 'always' } });
    expect(positions(found)).toEqual(['4:3']);
    expect(found[0]!.message).toBe(
      'The contents list names "Implementation", but the policy has no section of that name (in its place is "Equality and Diversity", line 11): make the entry match the heading, or remove it.',
    );
  });

  it('reports sections a complete list leaves out, at the "Content:" line', () => {
    const text = list(['Policy Objective', 'Intention', 'Impact']) + body(['Policy Objective', 'Intention', 'Attendance', 'Impact', 'Safeguarding']);
    const found = lint(text, { rules });
    expect(found.map((d) => [d.line, d.column, d.endLine, d.endColumn])).toEqual([
      [1, 1, 1, 9],
      [1, 1, 1, 9],
    ]);
    expect(found.map((d) => d.message)).toEqual([
      'The section "Attendance" (line 15) is not in the contents list: add it to the list.',
      'The section "Safeguarding" (line 23) is not in the contents list: add it to the list.',
    ]);
  });

  it('reverse "auto" skips a list that names fewer than half of the sections; "always" checks it; "never" never does', () => {
    const text = list(['Policy Objective', 'Intention']) + body(['Policy Objective', 'Intention', 'Impact', 'Attendance', 'Safeguarding']);
    expect(lint(text, { rules })).toEqual([]);
    expect(lint(text, { rules, options: { reverse: 'always' } })).toHaveLength(3);
    // Exactly half listed counts as complete.
    const half = list(['Policy Objective', 'Intention']) + body(['Policy Objective', 'Intention', 'Impact', 'Attendance']);
    expect(lint(half, { rules })).toHaveLength(2);
    expect(lint(half, { rules, options: { reverse: 'never' } })).toEqual([]);
  });

  it('ignores sections before the contents list (the title page)', () => {
    const text = 'Redbourn Primary School\n\nA school policy.\n\n' + list(['Policy Objective']) + body(['Policy Objective']);
    expect(lint(text, { rules, options: { reverse: 'always' } })).toEqual([]);
  });

  it('matchWording reports a listed section whose heading reads differently', () => {
    const text = list(['Role and Responsibilities', 'Special Educational Needs and Disabilities']) +
      body(['Roles and Responsibilities: Education planning', 'Special Educational Needs & Disabilities']);
    expect(lint(text, { rules })).toEqual([]);
    const found = lint(text, { rules, options: { matchWording: true } });
    expect(positions(found)).toEqual(['3:3']);
    expect(found[0]!.message).toBe(
      'The contents list says "Role and Responsibilities" but the heading reads "Roles and Responsibilities: Education planning" (line 6): use the same words in both.',
    );
  });

  it('reads a contents list of bold paragraphs (seed 002 style), reporting at the entry words', () => {
    const text = '**Content:**\n\n**Policy Objective**\n\n**Implementation**\n\n**Policy Objective**\n\nText.\n\n**Equality and Diversity**\n\nText.\n';
    const found = lint(text, { rules });
    expect(found.map((d) => [d.line, d.column, d.endColumn])).toEqual([[5, 3, 17]]);
  });

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
    const counts = ['000', '001', '002', '003', '004'].map(
      (s) => lintDoc(docOfFile(seedPath(s)), { rules, options: { reverse: 'always', matchWording: true } }).length,
    );
    // 000: Implementation + 10 unlisted + Role/Roles; 001: Role/Roles only; 002 likewise 12; 003: 9 unlisted (no AEN) + 2.
    expect(counts).toEqual([12, 1, 12, 11, 0]);
  });
});

/**
 * placeholder-text: valid and invalid cases beyond the documented examples,
 * and every placeholder in the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['placeholder-text'];

describe('placeholder-text', () => {
  it.each([
    ['We have reviewed the school behaviour policy (March 2025) alongside the guidance.'],
    ['Dates for meetings are to be confirmed with parents.'],
    ['The TBC column of the tracker lists actions.'],
    ['Intention ........ 3\n\nImpact ........ 4'],
    ['See guidance [here](#).'],
    ['In force from 1<sup>st</sup> September 2022.'],
    ['Staff should enter dates in the register.'],
    ['Name of the Designated Teacher: Miss Daisy Ambler'],
    ['Roman numeral XX and the XL size.'],
    ['Email: <https://www.gov.uk/government/publications/pupil-premium/pupil-premium>'],
  ])('passes: %j', (text) => {
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports "(*enter date*)" over the whole source placeholder, markup included', () => {
    const [d, ...rest] = lint('We have reviewed the school behaviour policy (*enter date*) alongside the guidance.\n', { rules });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'placeholder-text', severity: 'error', line: 1, column: 46, endLine: 1, endColumn: 60 });
    expect(d!.message).toBe('"(enter date)" is template text that was never filled in: replace it with the date.');
  });

  it.each([
    ['Name: [insert name]', '1:7', '"[insert name]"', 'the name'],
    ['At [Insert school name] we ensure...', '1:4', '"[Insert school name]"', 'the name'],
    ['[School name] will ensure...', '1:1', '"[School name]"', 'the name'],
    ['Designated Teacher: XXXX', '1:21', '"XXXX"', 'the real value'],
    ['Governor: ……', '1:11', '"……"', 'the real value'],
    ['Governor: .....', '1:11', '"....."', 'the real value'],
    ['Signed: ________', '1:9', '"________"', 'the real value'],
    ['Review date: TBC', '1:14', '"TBC"', 'the real value'],
    ['Designated Safeguarding Lead (TBA)', '1:31', '"TBA"', 'the real value'],
    ['The Designated Teacher is TBC.', '1:27', '"TBC"', 'the real value'],
    ['Chair of Governors:\tto be confirmed', '1:21', '"to be confirmed"', 'the real value'],
    ['Name: *enter name*', '1:8', '"enter name"', 'the name'],
    ['Headteacher: <name>', '1:14', '"<name>"', 'the name'],
    ['Date: <insert date>', '1:7', '"<insert date>"', 'the date'],
  ])('reports %j', (text, at, quoted, what) => {
    const found = lint(text, { rules });
    expect(positions(found)).toEqual([at]);
    expect(found[0]!.message).toContain(`${quoted} is template text`);
    expect(found[0]!.message).toContain(`replace it with ${what}.`);
  });

  it('reports a table cell holding only "TBC"', () => {
    expect(positions(lint('| Role | Name |\n|---|---|\n| DSL | TBC |\n', { rules }))).toEqual(['3:9']);
  });

  it('reports each placeholder of a paragraph once', () => {
    expect(positions(lint('Name: [insert name] (enter date) XXXX', { rules }))).toEqual(['1:7', '1:21', '1:34']);
  });

  it('uses the patterns option instead of the default list', () => {
    const text = 'Headteacher: XXXX\n\nTODO: add the DSL\n';
    const found = lint(text, { rules, options: { patterns: ['\\bTODO\\b'], sourcePatterns: [] } });
    expect(positions(found)).toEqual(['3:1']);
    expect(found[0]!.message).toContain('"TODO"');
  });

  // Every placeholder in the seeds: the model's "(*enter date*)" for the date the behaviour policy was reviewed,
  // in the Suspensions and Exclusion section of seeds 000 (line 216), 002 (253), 003 (203) and 004 (170).
  // Seed 001 rewrote that sentence ("Our school Behaviour Policy review is done so alongside ...") and has none.
  const seeds: [string, string[]][] = [
    ['000', ['216:46']],
    ['001', []],
    ['002', ['253:46']],
    ['003', ['203:46']],
    ['004', ['170:46']],
  ];
  it.each(seeds)('seed %s: every placeholder, nothing else', (seed, expected) => {
    const doc = docOfFile(seedPath(seed));
    const found = lintDoc(doc, { rules });
    expect(positions(found)).toEqual(expected);
    for (const d of found) expect(doc.text.slice(d.start, d.end)).toBe('(*enter date*)');
  });
});

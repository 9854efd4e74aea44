/**
 * ended-programme: valid and invalid cases beyond the documented examples,
 * and every ended programme and lapsed promise in the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';

const rules = ['ended-programme'];

describe('ended-programme', () => {
  it.each([
    ['The National Tutoring Programme ended in August 2024.'],
    ['Schools used the former Recovery Premium for tutoring.'],
    ['Funding for this strategic leadership role is confirmed until the end of March 2027.'],
    ['Funding is confirmed for the role.'],
    ['Our summer school programme runs in August.'],
    ['Schools can use the Pupil Premium (not Pupil Premium Plus) to support other pupils.'],
    ['The Children\'s Wellbeing and Schools Act 2026 requires a register of children not in school.'],
  ])('passes: %j', (text) => {
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports an ended programme at its name, with the registry note', () => {
    const [d, ...rest] = lint('- [The National Tutoring Programme](#)\n', { rules });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'ended-programme', severity: 'error', line: 1, column: 8, endLine: 1, endColumn: 35 });
    expect(d!.message).toBe(
      '"National Tutoring Programme" refers to the National Tutoring Programme, which has ended: DfE funding for the National ' +
        'Tutoring Programme ended in August 2024. Remove the reference or say what is available now.',
    );
  });

  it('reports a lapsed promise at its date', () => {
    const [d] = lint('Funding for this strategic leadership role for children with a social worker is confirmed until the end of March 2024.\n', { rules });
    expect(d).toMatchObject({ line: 1, column: 108, endLine: 1, endColumn: 118 });
    expect(d!.message).toBe(
      '"confirmed until the end of March 2024": that date has passed (31 March 2024). Find out the current position and update or remove this statement.',
    );
  });

  it('judges programmes and promises at the as-of date', () => {
    const text = 'Schools may use the NTP.\n\nFunding is confirmed until the end of March 2024.\n';
    expect(lint(text, { rules, asOf: '2024-03-31' })).toEqual([]);
    expect(positions(lint(text, { rules, asOf: '2024-04-01' }))).toEqual(['3:39']);
    expect(positions(lint(text, { rules, asOf: '2024-09-01' }))).toEqual(['1:21', '3:39']);
  });

  it('reports the Children\'s Wellbeing and Schools Bill once, by its own name, after Royal Assent', () => {
    const text = "The Children's Wellbeing and Schools Bill will require a register of children not in school.\n";
    expect(lint(text, { rules, asOf: '2026-04-28' })).toEqual([]);
    const found = lint(text, { rules });
    expect(positions(found)).toEqual(['1:5']);
    expect(found[0]!.message).toContain("refers to the Children's Wellbeing and Schools Bill, which has ended: The Children's Wellbeing and Schools Bill received Royal Assent on 29 April 2026");
  });

  it('reports "was confirmed until" too: the tense does not bring the statement up to date (seed 003)', () => {
    expect(positions(lint('Funding for this role was confirmed until the end of March 2023.\n', { rules }))).toEqual(['1:54']);
  });

  it('reads other phrases and date forms', () => {
    expect(positions(lint('The service is funded until 31.03.25.\n\nSupport is available until Summer 2025.\n', { rules }))).toEqual(['1:29', '3:28']);
  });

  it('takes its phrases from the lapsePhrases option', () => {
    const text = 'Funding is confirmed until the end of March 2024.\n\nThe grant lasts until July 2025.\n';
    expect(positions(lint(text, { rules, options: { lapsePhrases: ['lasts until'] } }))).toEqual(['3:23']);
  });

  // Every ended programme and lapsed promise in the seeds at 24 November 2026, all in Appendix 1 (the New Duty):
  // "Funding ... is confirmed until the end of March 2024" (000 line 253) / "March 2023" (001 243, 002 299) /
  // "was confirmed until the end of March 2023" (003 247); "Schools Bill in May 2022" (000 283, 001 280, 002 333,
  // 003 276); the Recovery programmes list: National Tutoring Programme, Summer School Programme, Recovery Premium
  // (000 298-300, 001 299/301/303, 002 348-350, 003 291-293). Seed 004 has no Appendix 1: nothing.
  const seeds: [string, string[]][] = [
    ['000', ['253:108', '283:22', '298:9', '299:9', '300:5']],
    ['001', ['243:108', '280:20', '299:6', '301:6', '303:2']],
    ['002', ['299:108', '333:22', '348:10', '349:10', '350:6']],
    ['003', ['247:109', '276:22', '291:9', '292:9', '293:5']],
    ['004', []],
  ];
  it.each(seeds)('seed %s: every ended programme and lapsed promise, nothing else', (seed, expected) => {
    const doc = docOfFile(seedPath(seed));
    const found = lintDoc(doc, { rules });
    expect(positions(found)).toEqual(expected);
    if (expected.length) {
      expect(found.map((d) => doc.text.slice(d.start, d.end)).slice(1)).toEqual(['Schools Bill', 'National Tutoring Programme', 'Summer School Programme', 'Recovery Premium']);
    }
  });
});

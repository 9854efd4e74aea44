/**
 * ended-programme: valid and invalid cases beyond the documented examples,
 * and every ended programme and lapsed promise in the seed policies.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['ended-programme'];

ruleTester('ended-programme', {
  valid: [
    'The National Tutoring Programme ended in August 2024.',
    'Schools used the former Recovery Premium for tutoring.',
    'Funding for this strategic leadership role is confirmed until the end of March 2027.',
    'Funding is confirmed for the role.',
    'Our summer school programme runs in August.',
    'Schools can use the Pupil Premium (not Pupil Premium Plus) to support other pupils.',
    "The Children's Wellbeing and Schools Act 2026 requires a register of children not in school.",
    { name: 'before the programme ended and the promise lapsed', text: 'Schools may use the NTP.\n\nFunding is confirmed until the end of March 2024.\n', asOf: '2024-03-31' },
    { name: 'the Bill before Royal Assent', text: "The Children's Wellbeing and Schools Bill will require a register of children not in school.\n", asOf: '2026-04-28' },
  ],
  invalid: [
    {
      name: 'reports an ended programme at its name, with the registry note',
      text: '- [The National Tutoring Programme](#)\n',
      errors: [
        {
          messageId: 'ended',
          data: { match: 'National Tutoring Programme', programme: 'National Tutoring Programme', note: 'DfE funding for the National Tutoring Programme ended in August 2024.' },
          message:
            '"National Tutoring Programme" refers to the National Tutoring Programme, which has ended: DfE funding for the National Tutoring Programme ended in August 2024. Remove the reference or say what is available now.',
          severity: 'error',
          line: 1,
          column: 8,
          endLine: 1,
          endColumn: 35,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'reports a lapsed promise at its date',
      text: 'Funding for this strategic leadership role for children with a social worker is confirmed until the end of March 2024.\n',
      errors: [
        {
          messageId: 'lapsed',
          data: { phrase: 'confirmed until the end of', date: 'March 2024', passed: '31 March 2024' },
          message: '"confirmed until the end of March 2024": that date has passed (31 March 2024). Find out the current position and update or remove this statement.',
          severity: 'error',
          line: 1,
          column: 108,
          endLine: 1,
          endColumn: 118,
          suggestions: [],
        },
      ],
    },
    {
      name: 'the day after the promise lapsed',
      text: 'Schools may use the NTP.\n\nFunding is confirmed until the end of March 2024.\n',
      asOf: '2024-04-01',
      errors: [{ messageId: 'lapsed', data: { phrase: 'confirmed until the end of', date: 'March 2024', passed: '31 March 2024' }, line: 3, column: 39, endLine: 3, endColumn: 49 }],
    },
    {
      name: 'once the programme has ended too',
      text: 'Schools may use the NTP.\n\nFunding is confirmed until the end of March 2024.\n',
      asOf: '2024-09-01',
      errors: [
        {
          messageId: 'ended',
          data: { match: 'NTP', programme: 'National Tutoring Programme', note: 'DfE funding for the National Tutoring Programme ended in August 2024.' },
          line: 1,
          column: 21,
          endLine: 1,
          endColumn: 24,
        },
        { messageId: 'lapsed', data: { phrase: 'confirmed until the end of', date: 'March 2024', passed: '31 March 2024' }, line: 3, column: 39, endLine: 3, endColumn: 49 },
      ],
    },
    {
      name: "reports the Children's Wellbeing and Schools Bill once, by its own name, after Royal Assent",
      text: "The Children's Wellbeing and Schools Bill will require a register of children not in school.\n",
      errors: [
        {
          messageId: 'ended',
          data: {
            match: "Children's Wellbeing and Schools Bill",
            programme: "Children's Wellbeing and Schools Bill",
            note: "The Children's Wellbeing and Schools Bill received Royal Assent on 29 April 2026 and is now the Children's Wellbeing and Schools Act 2026.",
          },
          line: 1,
          column: 5,
          endLine: 1,
          endColumn: 42,
        },
      ],
    },
    {
      name: 'reports "was confirmed until" too: the tense does not bring the statement up to date (seed 003)',
      text: 'Funding for this role was confirmed until the end of March 2023.\n',
      errors: [{ messageId: 'lapsed', data: { phrase: 'confirmed until the end of', date: 'March 2023', passed: '31 March 2023' }, line: 1, column: 54, endLine: 1, endColumn: 64 }],
    },
    {
      name: 'reads other phrases and date forms',
      text: 'The service is funded until 31.03.25.\n\nSupport is available until Summer 2025.\n',
      errors: [
        { messageId: 'lapsed', data: { phrase: 'funded until', date: '31.03.25', passed: '31 March 2025' }, line: 1, column: 29, endLine: 1, endColumn: 37 },
        { messageId: 'lapsed', data: { phrase: 'available until', date: 'Summer 2025', passed: '31 July 2025' }, line: 3, column: 28, endLine: 3, endColumn: 39 },
      ],
    },
    {
      name: 'takes its phrases from the lapsePhrases option',
      text: 'Funding is confirmed until the end of March 2024.\n\nThe grant lasts until July 2025.\n',
      options: { lapsePhrases: ['lasts until'] },
      errors: [{ messageId: 'lapsed', data: { phrase: 'lasts until', date: 'July 2025', passed: '31 July 2025' }, line: 3, column: 23, endLine: 3, endColumn: 32 }],
    },
  ],
});

describe('ended-programme', () => {
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

/**
 * therapeutic-thinking-naming: valid and invalid cases beyond the documented
 * examples, and every instance in the seed policies.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';

const rules = ['therapeutic-thinking-naming'];

ruleTester('therapeutic-thinking-naming', {
  valid: [
    'Therapeutic Thinking (formerly Hertfordshire Steps) is used here.',
    'Therapeutic Thinking Hertfordshire is our approach.',
    'We agree next steps with the family.',
    'Staff step up support when a child is dysregulated.',
    'The assessment should identify any steps deemed necessary.',
    'Email: relationalapproach@HFLEducation.org',
  ],
  invalid: [
    {
      name: 'reports "Herts Steps" with the current name',
      text: 'Training from Herts Steps tutors.',
      errors: [
        {
          messageId: 'renamed',
          data: { found: 'Herts Steps', replacement: 'Therapeutic Thinking Hertfordshire', since: '6 September 2024' },
          message: '"Herts Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024).',
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'reports a heading in bold and keeps the markup when fixing',
      text: '**Hertfordshire Steps**\n\nText.\n',
      errors: [{ messageId: 'renamed', line: 1, column: 3, suggestions: [] }],
      output: '**Therapeutic Thinking Hertfordshire**\n\nText.\n',
    },
    {
      name: 'suggests the current contact for the old mailbox, in the link text and its mailto target together (no safe fix)',
      text: '**Email:** [steps@hertfordshire.gov.uk](mailto:steps@hertfordshire.gov.uk)\n',
      errors: [
        {
          messageId: 'contact',
          line: 1,
          column: 13,
          suggestions: ['**Email:** [relationalapproach@HFLEducation.org](mailto:relationalapproach@HFLEducation.org)\n'],
        },
      ],
      output: null,
    },
  ],
});

describe('therapeutic-thinking-naming', () => {
  it('reports exact columns in a CRLF file with a BOM', () => {
    const bytes = Buffer.from('\uFEFFIntro\r\n\r\nWe use the Steps approach.\r\n', 'utf8');
    const file = `${process.env.TMPDIR ?? '/tmp'}/ttn-crlf-${process.pid}.md`;
    fs.writeFileSync(file, bytes);
    try {
      expect(positions(lintDoc(docOfFile(file), { rules }))).toEqual(['3:8']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  const seeds: [string, string[]][] = [
    ['000', ['369:8']],
    ['001', ['68:299', '366:1', '368:1', '368:134', '370:9', '372:1', '372:160', '381:8']],
    ['002', ['411:5', '413:1', '413:134', '417:12', '419:1', '419:160', '428:13']],
    ['003', ['85:419', '354:1', '356:1', '356:134', '358:9', '360:1', '360:160', '369:8']],
    ['004', []],
  ];
  it.each(seeds)('seed %s: every old name, nothing else', (seed, expected) => {
    expect(positions(lintDoc(docOfFile(seedPath(seed)), { rules }))).toEqual(expected);
  });

  it('seed 000 (Therapeutic Thinking appendix) draws only its unconfirmed mailbox', () => {
    const doc = docOfFile(seedPath('000'));
    expect(doc.text).toContain('Hertfordshire Therapeutic Thinking');
    expect(lintDoc(doc, { rules }).map((d) => doc.text.slice(d.start, d.end))).toEqual(['therapeuticthinking@hertfordshire.gov.uk']);
  });
});

/**
 * ap-full-time-hours: the transitional wording, lower figures, hours that are
 * not alternative provision, a missing commitment, and the seed policies.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, fixText, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';
import { GUIDANCE } from '../../src/domain/guidance.js';

const rules = ['ap-full-time-hours'];
const AP = 'Alternative Provision\n\nWe will make every effort to ensure that any arrangements for provision alternative to daily attendance at school will be:\n\n';

ruleTester('ap-full-time-hours', {
  valid: [
    { name: 'the model wording', text: AP + '- full time (32.5 hours) or contribute to full time attendance and be of high quality\n' },
    { name: 'more than the minimum', text: AP + '- full time (35 hours a week)\n' },
    { name: 'hours of training in the AP section', text: AP + '- staff who arrange it have had 25 hours of training\n- full time (32.5 hours)\n' },
    { name: 'days of training elsewhere', text: AP + '- full time (32.5 hours)\n\nThe Designated Teacher will have at least 2 days per year training.\n' },
    { name: 'a daily figure', text: AP + '- full time (32.5 hours), usually 6.5 hours a day\n' },
    { name: 'a deadline', text: AP + '- full time (32.5 hours)\n- the Virtual School is told within 24 hours\n' },
    { name: 'a part-time placement', text: AP + '- full time (32.5 hours)\n- a part time placement (15 hours) may contribute to full time attendance\n' },
    { name: 'hours outside any AP context', text: 'Attendance\n\nThe breakfast club runs 7.5 hours per week. Alternative provision will be full time (32.5 hours).\n' },
    { name: 'requireCommitment: false leaves a policy without AP alone', text: 'Attendance\n\nWe will contact the social worker promptly.\n', options: { requireCommitment: false } },
  ],
  invalid: [
    {
      name: 'the transitional wording is reported at the figures, with a safe fix to 32.5 hours',
      text: AP + '- full time (25 hours or 32.5 by September 2023) or contribute to full time attendance and be of high quality\n',
      errors: [
        {
          messageId: 'transitional',
          data: { span: '25 hours or 32.5 by September 2023', hours: '32.5', expected: ' (expected from September 2024)', replacement: '32.5 hours' },
          message:
            '"25 hours or 32.5 by September 2023" is out of date: full-time alternative provision means 32.5 hours a week, the DfE\'s minimum school week (expected from September 2024). Write "full time (32.5 hours)".',
          severity: 'error',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 48,
          suggestions: [],
        },
      ],
      output: AP + '- full time (32.5 hours) or contribute to full time attendance and be of high quality\n',
    },
    {
      name: 'the transitional wording is judged in a sentence about alternative provision outside the section',
      text: 'Suspensions\n\nAny alternative provision will be full-time (25 hrs or 32.5 hrs from September 2024).\n',
      errors: [
        {
          messageId: 'transitional',
          data: { span: '25 hrs or 32.5 hrs from September 2024', hours: '32.5', expected: ' (expected from September 2024)', replacement: '32.5 hours' },
          line: 3,
          column: 46,
          endLine: 3,
          endColumn: 84,
        },
      ],
      output: 'Suspensions\n\nAny alternative provision will be full-time (32.5 hours).\n',
    },
    {
      name: 'a lower full-time figure is reported at the figure with a suggestion (not a safe fix)',
      text: AP + '- full time (25 hours) or contribute to full time attendance\n',
      errors: [
        {
          messageId: 'belowFullTime',
          data: { digits: '25', hours: '32.5', expected: ', expected from September 2024' },
          message:
            "25 hours is less than full time: alternative provision should be full time, 32.5 hours a week (the DfE's minimum school week, expected from September 2024), or contribute to full-time attendance.",
          severity: 'error',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 22,
          suggestions: [AP + '- full time (32.5 hours) or contribute to full time attendance\n'],
        },
      ],
      output: null,
    },
    {
      name: '"30 hours per week" in a sentence about alternative provision, in another section',
      text: 'Attendance\n\nPupils in alternative provision attend 30 hours per week. Staff have 2 days per year training.\n',
      errors: [{ messageId: 'belowFullTime', data: { digits: '30', hours: '32.5', expected: ', expected from September 2024' }, line: 3, column: 40, endLine: 3, endColumn: 48 }],
    },
    {
      name: '"25 hours of training" beside it is left alone',
      text: AP + '- full time (30 hours); staff have 25 hours of training\n',
      errors: [{ messageId: 'belowFullTime', data: { digits: '30', hours: '32.5', expected: ', expected from September 2024' }, line: 5, column: 14, endLine: 5, endColumn: 22 }],
    },
    {
      name: 'an AP section without hours is reported once at its heading',
      text: 'Appendix 2\n\nAlternative Provision: To be read with the Behaviour in Schools guidance\n\nWe will make every effort.\n\nMulti-Agency Working\n\nStaff swap roles for a day.\n',
      errors: [
        {
          messageId: 'noHours',
          data: { hours: '32.5' },
          message:
            'The Alternative Provision section does not say how many hours alternative provision will be: add that it will be "full time (32.5 hours) or contribute to full time attendance".',
          severity: 'error',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 73,
          suggestions: [],
        },
      ],
    },
    {
      name: 'an appendix that speaks of alternative provision counts as the section',
      text: 'Appendix 2\n\nArrangements for alternative provision will be agreed with the Virtual School.\n',
      errors: [{ messageId: 'noHours', data: { hours: '32.5' }, line: 1, column: 1, endLine: 1, endColumn: 11 }],
    },
    {
      name: '... and its hours are judged',
      text: 'Appendix 2\n\nArrangements for alternative provision will be agreed with the Virtual School.\n\n- full time (25 hours)\n',
      errors: [{ messageId: 'belowFullTime', data: { digits: '25', hours: '32.5', expected: ', expected from September 2024' }, line: 5, column: 14, endLine: 5, endColumn: 22 }],
    },
    {
      name: 'a policy without any AP commitment is reported once at 1:1',
      text: 'Attendance\n\nWe will contact the social worker promptly. Staff have 25 hours of training.\n',
      errors: [
        {
          messageId: 'noCommitment',
          data: { hours: '32.5' },
          message:
            'The policy makes no commitment on alternative provision: add the model policy\'s Alternative Provision section, saying that any alternative provision will be "full time (32.5 hours) or contribute to full time attendance".',
          severity: 'error',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    },
    {
      name: 'takes the figure from the guidance registry',
      text: AP + '- full time (32.5 hours)\n',
      guidance: { ...GUIDANCE, fullTimeHours: 35 },
      errors: [{ messageId: 'belowFullTime', data: { digits: '32.5', hours: '35', expected: ', expected from September 2024' }, line: 5, column: 14, endLine: 5, endColumn: 24 }],
    },
  ],
});

describe('ap-full-time-hours', () => {
  it('reports exact columns in a CRLF file with a BOM', () => {
    const text = ('\uFEFF' + AP + '- **full time** (25 hours or 32.5 by September 2023)\n').replace(/\n/g, '\r\n');
    const file = `${process.env.TMPDIR ?? '/tmp'}/ap-crlf-${process.pid}.md`;
    fs.writeFileSync(file, Buffer.from(text, 'utf8'));
    try {
      const found = lintDoc(docOfFile(file), { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['5:18-5:52']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  describe('seeds', () => {
    // 000:324 "full time (32.5 hours)" is correct; 001:337, 002:383 and 003:323 have the transitional wording;
    // 004 has no Alternative Provision section and no full-time statement at all.
    const seeds: [string, string[]][] = [
      ['000', []],
      ['001', ['337:14-337:48']],
      ['002', ['383:14-383:48']],
      ['003', ['323:14-323:48']],
      ['004', ['1:1-1:1']],
    ];
    it.each(seeds)('seed %s', (seed, expected) => {
      const found = lintDoc(docOfFile(seedPath(seed)), { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(expected);
    });

    it('seed 004 is told the commitment is missing', () => {
      const [d] = lintDoc(docOfFile(seedPath('004')), { rules });
      expect(d!.message).toContain('makes no commitment on alternative provision');
    });

    it('seed 002: the safe fix gives the model wording', () => {
      const text = fs.readFileSync(seedPath('002'), 'utf8');
      const fixed = fixText(text, { rules, level: 'safe' });
      expect(fixed.split('\n')[382]).toBe('- full time (32.5 hours) or contribute to full time attendance and be of high quality');
      expect(lint(fixed, { rules })).toEqual([]);
    });

    it('seed 000: its 32.5 hours is what keeps it clean', () => {
      const text = fs.readFileSync(seedPath('000'), 'utf8').replace('full time (32.5 hours)', 'full time (30 hours)');
      expect(positions(lint(text, { rules }))).toEqual(['324:14']);
    });
  });
});

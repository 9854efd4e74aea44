/**
 * required-sections: valid and invalid cases beyond the documented examples,
 * and the missing sections of each seed policy.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';
import { DEFAULT_SECTIONS } from '../../rules/required-sections.js';

const rules = ['required-sections'];

/** A policy with every default section, each heading in one of the styles seen in the seeds. */
const COMPLETE = [
  'Policy Objective',
  'Intention',
  '**Implementation**',
  'Impact:',
  '## Statutory Educational Planning for all Children Looked After',
  '**Roles and Responsibilities: Education planning for all children with a Social Worker**',
  'Attendance:',
  'Admissions/ Transitions',
  'Additional Educational Needs',
  'Special Educational Needs and Disabilities',
  'Safeguarding',
  'Suspensions and Exclusion',
  'Appendix 1 – the Revised New Duty June 2022',
  'Appendix 2',
  'Alternative Provision: To be read in conjunction with the 2022 Behaviour in Schools guidance',
  'Multi-Agency Working:',
  'Appendix 3. Risk Assessment to Support Behaviour Policy',
]
  .map((h) => `${h}\n\nBody text for this section.\n`)
  .join('\n');

ruleTester('required-sections', {
  valid: [
    { name: 'a policy with every model section in the heading styles seen in the seeds', text: COMPLETE },
    {
      name: 'accepts "Equality and Diversity" for "Implementation" and the ePEP sub-heading for the planning section',
      text: COMPLETE.replace('**Implementation**', 'Equality and Diversity:').replace(
        '## Statutory Educational Planning for all Children Looked After',
        'Statutory Personal Education Plans (ePEP)',
      ),
    },
    {
      name: 'matches custom titles by heading text, including longer headings and a trailing colon',
      text: '# Mental health and wellbeing: our approach\n\nText.\n\nBehaviour\n\nText.\n',
      options: { sections: ['Mental health and wellbeing', 'Behaviour:'] },
    },
    {
      name: 'accepts { name, aliases } entries, aliases being titles or model-section ids',
      text: 'Looked after children\n\nText.\n\nSEND\n\nText.\n',
      options: {
        sections: [
          { name: 'Children Looked After', aliases: ['Looked after children'] },
          { name: 'Special educational needs', aliases: ['send'] },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'reports a missing body section at the heading of the next section, naming both',
      text: COMPLETE.replace('Safeguarding\n\nBody text for this section.\n\n', ''),
      errors: [
        {
          messageId: 'missing',
          data: { name: 'Safeguarding', where: ' (it belongs before "Suspensions and Exclusion")' },
          message: 'The policy has no "Safeguarding" section (it belongs before "Suspensions and Exclusion"): add it from the current model policy.',
          severity: 'warning',
          line: 41,
          column: 1,
          endLine: 41,
          endColumn: 26,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'reports missing appendices after the last section present, in model order',
      text: COMPLETE.slice(0, COMPLETE.indexOf('Appendix 1')),
      errors: [
        {
          messageId: 'missing',
          data: { name: 'Appendix 1: the Revised New Duty', where: ' (it belongs after "Suspensions and Exclusion")' },
          line: 45,
          column: 1,
          endLine: 45,
          endColumn: 26,
        },
        {
          messageId: 'missing',
          data: { name: 'Appendix 2: Alternative Provision', where: ' (it belongs after "Suspensions and Exclusion")' },
          line: 45,
          column: 1,
          endLine: 45,
          endColumn: 26,
        },
        {
          messageId: 'missing',
          data: { name: 'Appendix 2: Multi-Agency Working', where: ' (it belongs after "Suspensions and Exclusion")' },
          line: 45,
          column: 1,
          endLine: 45,
          endColumn: 26,
        },
        {
          messageId: 'missing',
          data: { name: 'Appendix 3: Risk Assessment to Support Behaviour Policy', where: ' (it belongs after "Suspensions and Exclusion")' },
          line: 45,
          column: 1,
          endLine: 45,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'reports at 1:1 when none of the required sections is present',
      text: 'Our policy\n\nSome text.\n',
      options: { sections: ['Attendance', 'Safeguarding'] },
      errors: [
        {
          messageId: 'missing',
          data: { name: 'Attendance', where: '' },
          message: 'The policy has no "Attendance" section: add it from the current model policy.',
          severity: 'warning',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        { messageId: 'missing', data: { name: 'Safeguarding', where: '' }, line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
    },
    {
      name: 'does not count mentions in the text, a contents entry, or an appendix sub-heading as the section',
      text: 'Content:\n\nAttendance\n\nSafeguarding\n\nSafeguarding\n\nWe take attendance seriously.\n\nAppendix 1\n\nAttendance\n\nThe Virtual School Head promotes attendance.\n',
      options: { sections: ['Attendance', 'Safeguarding'] },
      errors: [{ messageId: 'missing', data: { name: 'Attendance', where: ' (it belongs before "Safeguarding")' }, line: 7, column: 1, endLine: 7, endColumn: 13 }],
    },
    {
      name: '"Behaviour policy" is not "Behaviour" followed by punctuation: a different title',
      text: 'Behaviour policy\n\nText.\n',
      options: { sections: ['Behaviour'] },
      errors: [{ messageId: 'missing', data: { name: 'Behaviour', where: '' }, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
  ],
});

describe('required-sections', () => {
  it('default list: sixteen sections, Therapeutic Thinking not among them', () => {
    expect(DEFAULT_SECTIONS).toHaveLength(16);
    expect(DEFAULT_SECTIONS.map((s) => s.name).join('|')).not.toMatch(/Therapeutic/);
  });

  // 000, 001, 002: every default section is present (001 has "Implementation" and no ePEP sub-heading, which the
  // one-of requirements allow). 003 lost "Additional Educational Needs" between Admissions/ Transitions (173) and
  // Special Educational Needs & Disabilities (186). 004 ends at Suspensions and Exclusion (168): no Additional
  // Educational Needs (before SEND at 154) and none of the appendices.
  const seeds: [string, string[]][] = [
    ['000', []],
    ['001', []],
    ['002', []],
    ['003', ['186:1']],
    ['004', ['154:1', '168:1', '168:1', '168:1', '168:1']],
  ];
  it.each(seeds)('seed %s: exactly the missing sections', (seed, expected) => {
    expect(positions(lintDoc(docOfFile(seedPath(seed)), { rules }))).toEqual(expected);
  });

  it('seed 004: names what is missing and where it belongs', () => {
    const found = lintDoc(docOfFile(seedPath('004')), { rules });
    expect(found.map((d) => d.message)).toEqual([
      'The policy has no "Additional Educational Needs" section (it belongs before "Special Educational Needs & Disabilities"): add it from the current model policy.',
      'The policy has no "Appendix 1: the Revised New Duty" section (it belongs after "Suspensions and Exclusion"): add it from the current model policy.',
      'The policy has no "Appendix 2: Alternative Provision" section (it belongs after "Suspensions and Exclusion"): add it from the current model policy.',
      'The policy has no "Appendix 2: Multi-Agency Working" section (it belongs after "Suspensions and Exclusion"): add it from the current model policy.',
      'The policy has no "Appendix 3: Risk Assessment to Support Behaviour Policy" section (it belongs after "Suspensions and Exclusion"): add it from the current model policy.',
    ]);
  });

  it('seed 003: Additional Educational Needs only', () => {
    const [d] = lintDoc(docOfFile(seedPath('003')), { rules });
    expect(d!.message).toContain('"Additional Educational Needs"');
  });
});

/**
 * required-sections: valid and invalid cases beyond the documented examples,
 * and the missing sections of each seed policy.
 */
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
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

describe('required-sections', () => {
  it('passes a policy with every model section in the heading styles seen in the seeds', () => {
    expect(lint(COMPLETE, { rules })).toEqual([]);
  });

  it('accepts "Equality and Diversity" for "Implementation" and the ePEP sub-heading for the planning section', () => {
    const text = COMPLETE.replace('**Implementation**', 'Equality and Diversity:').replace(
      '## Statutory Educational Planning for all Children Looked After',
      'Statutory Personal Education Plans (ePEP)',
    );
    expect(lint(text, { rules })).toEqual([]);
  });

  it('reports a missing body section at the heading of the next section, naming both', () => {
    const text = COMPLETE.replace('Safeguarding\n\nBody text for this section.\n\n', '');
    const found = lint(text, { rules });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'required-sections', severity: 'warning', line: 41, column: 1, endLine: 41, endColumn: 26 });
    expect(found[0]!.message).toBe(
      'The policy has no "Safeguarding" section (it belongs before "Suspensions and Exclusion"): add it from the current model policy.',
    );
  });

  it('reports missing appendices after the last section present, in model order', () => {
    const text = COMPLETE.slice(0, COMPLETE.indexOf('Appendix 1'));
    const found = lint(text, { rules });
    expect(positions(found)).toEqual(['45:1', '45:1', '45:1', '45:1']);
    expect(found.map((d) => /no "([^"]+)"/.exec(d.message)![1])).toEqual([
      'Appendix 1: the Revised New Duty',
      'Appendix 2: Alternative Provision',
      'Appendix 2: Multi-Agency Working',
      'Appendix 3: Risk Assessment to Support Behaviour Policy',
    ]);
    expect(found[0]!.message).toContain('(it belongs after "Suspensions and Exclusion")');
  });

  it('reports at 1:1 when none of the required sections is present', () => {
    const found = lint('Our policy\n\nSome text.\n', { rules, options: { sections: ['Attendance', 'Safeguarding'] } });
    expect(found.map((d) => [d.line, d.column, d.endColumn])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(found[0]!.message).toBe('The policy has no "Attendance" section: add it from the current model policy.');
  });

  it('does not count mentions in the text, a contents entry, or an appendix sub-heading as the section', () => {
    const text =
      'Content:\n\nAttendance\n\nSafeguarding\n\nSafeguarding\n\nWe take attendance seriously.\n\n' +
      'Appendix 1\n\nAttendance\n\nThe Virtual School Head promotes attendance.\n';
    const found = lint(text, { rules, options: { sections: ['Attendance', 'Safeguarding'] } });
    expect(positions(found)).toEqual(['7:1']);
    expect(found[0]!.message).toContain('no "Attendance" section (it belongs before "Safeguarding")');
  });

  it('matches custom titles by heading text, including longer headings and a trailing colon', () => {
    const text = '# Mental health and wellbeing: our approach\n\nText.\n\nBehaviour\n\nText.\n';
    expect(lint(text, { rules, options: { sections: ['Mental health and wellbeing', 'Behaviour:'] } })).toEqual([]);
    // "Behaviour policy" is not "Behaviour" followed by punctuation: a different title.
    const other = 'Behaviour policy\n\nText.\n';
    expect(positions(lint(other, { rules, options: { sections: ['Behaviour'] } }))).toEqual(['1:1']);
  });

  it('accepts { name, aliases } entries, aliases being titles or model-section ids', () => {
    const text = 'Looked after children\n\nText.\n\nSEND\n\nText.\n';
    const sections = [
      { name: 'Children Looked After', aliases: ['Looked after children'] },
      { name: 'Special educational needs', aliases: ['send'] },
    ];
    expect(lint(text, { rules, options: { sections } })).toEqual([]);
  });

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

/**
 * superseded-guidance: valid and invalid cases beyond the documented
 * examples, configured editions, fixes, and every citation in the seeds.
 */
import { describe, expect, it } from 'vitest';
import { docOf, docOfFile, fixText, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { runRules } from '../../src/engine/engine.js';
import { GUIDANCE } from '../../src/domain/guidance.js';
import type { Guidance } from '../../src/domain/guidance.js';
import rule from '../../rules/superseded-guidance.js';
import { RULES_BY_ID } from '../../rules/index.js';
import { ruleTester } from '../rule-tester.js';

/** These tests pin the day before the July 2026 exclusion guidance came into force (from then on see test/currency.test.ts). */
const BEFORE = '2026-07-25';

const rules = ['superseded-guidance'];

/** Lint with a guidance registry of our own (as a user's configuration would give). */
function lintWith(text: string, guidance: Guidance, asOf = BEFORE): string[] {
  const found = runRules(docOf(text), [{ rule, severity: 'error', options: {} }], { asOf: new Date(`${asOf}T00:00:00Z`), guidance });
  return found.map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe('superseded-guidance', () => {
  it.each([
    ['We have reviewed the policy alongside the Behaviour in Schools (2024) and the Suspension and Permanent Exclusion guidance (2024).'],
    ['**DfE: Behaviour in schools Advice for headteachers and school staff** February 2024. See [here](#) for new guidance.'],
    ['In force from 1st September 2022, replacing the 2017 guidance.'],
    ['This replaces the 2022 Behaviour in Schools guidance.'],
    ['We read the Behaviour in Schools guidance with parents in 2022.'],
    ['(Section 60: [School suspensions and permanent exclusions - GOV.UK (www.gov.uk)](#))'],
    ['Section 59 of our own procedures sets out how we work together 2018 onwards.'],
    ['Working Together to Safeguard Children (December 2023) sets out multi-agency arrangements.'],
    ["Keeping Children Safe in Education 2022 is cited here but that is kcsie-current's job."],
    ['Behaviour in Schools guidance (no year) is the current edition.'],
  ])('passes: %j', (text) => {
    expect(lint(text, { rules, asOf: BEFORE })).toEqual([]);
  });

  it('reports a year cited in a link text and suggests the current year', () => {
    const text = 'We follow the [Behaviour in Schools Guidance 2022](#).\n';
    const [d, ...rest] = lint(text, { rules, asOf: BEFORE });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ ruleId: 'superseded-guidance', severity: 'error', line: 1, column: 46, endLine: 1, endColumn: 50 });
    expect(d!.message).toBe(
      '"2022" cites the September 2022 edition of "Behaviour in schools: advice for headteachers and school staff", ' +
        'replaced by the February 2024 edition (in force from 1 February 2024). Cite the current edition and check the policy still agrees with it.',
    );
    expect(d!.fix).toEqual({ safety: 'suggestion', edits: [{ start: 45, end: 49, text: '2024' }] });
    expect(fixText(text, { rules, asOf: BEFORE })).toBe('We follow the [Behaviour in Schools Guidance 2024](#).\n');
    expect(fixText(text, { rules, level: 'safe' })).toBe(text);
  });

  it('fixes the year of the exclusion guidance inside escaped brackets', () => {
    const text =
      'The new [Suspension and Permanent Exclusion from Maintained Schools, Academies and Pupil Referral Units in England, Including Pupil Movement, guidance \\(2022\\)](#).\n';
    const found = lint(text, { rules, asOf: BEFORE });
    expect(positions(found)).toEqual(['1:154']);
    expect(found[0]!.message).toContain('replaced by the August 2024 edition (in force from 1 August 2024)');
    expect(fixText(text, { rules, asOf: BEFORE })).toBe(text.replace('\\(2022\\)', '\\(2024\\)'));
  });

  it('reads "Behaviour in schools. Advice for headteachers and school staff. September 2022" as one citation', () => {
    const text = '**DfE: Behaviour in schools. Advice for headteachers and school staff.** September 2022 see [here](#) for new guidance.\n';
    expect(positions(lint(text, { rules, asOf: BEFORE }))).toEqual(['1:74']);
    expect(fixText(text, { rules, asOf: BEFORE })).toBe(text.replace('September 2022', 'February 2024'));
  });

  it('reports "Section 59" of the exclusion guidance without a fix', () => {
    const found = lint('(Section 59: [Suspension and Permanent Exclusion from maintained schools (publishing.service.gov.uk)](#))\n', { rules, asOf: BEFORE });
    expect(positions(found)).toEqual(['1:2']);
    expect(found[0]!.fix).toBeUndefined();
    expect(found[0]!.message).toContain('Cite the August 2024 edition and check the paragraph number in it.');
  });

  it('tells the exclusion editions apart by month', () => {
    const found = lint('See the Suspension and Permanent Exclusion guidance, September 2023.\n', { rules, asOf: BEFORE });
    expect(positions(found)).toEqual(['1:54']);
    expect(found[0]!.message).toContain('cites the September 2023 edition');
    expect(fixText('See the Suspension and Permanent Exclusion guidance, September 2023.\n', { rules, asOf: BEFORE })).toBe(
      'See the Suspension and Permanent Exclusion guidance, August 2024.\n',
    );
  });

  it('reports Working Together 2018 and Arranging alternative provision 2013', () => {
    const text = 'We follow Working Together to Safeguard Children 2018.\n\nSee Arranging alternative provision (2013).\n';
    const found = lint(text, { rules, asOf: BEFORE });
    expect(positions(found)).toEqual(['1:50', '3:38']);
    expect(found[0]!.message).toContain('replaced by the December 2023 edition');
    expect(found[1]!.message).toContain('replaced by the February 2025 edition (in force from 5 February 2025)');
    expect(fixText(text, { rules, asOf: BEFORE })).toBe('We follow Working Together to Safeguard Children 2023.\n\nSee Arranging alternative provision (2025).\n');
  });

  it('matches a two-word name such as "Working Together" only as written', () => {
    expect(positions(lint('Working Together 2018 applies.\n', { rules, asOf: BEFORE }))).toEqual(['1:18']);
    expect(lint('Staff and parents working together 2018 onwards.\n', { rules, asOf: BEFORE })).toEqual([]);
  });

  it('judges at the as-of date', () => {
    const text = 'Arranging alternative provision (2013) applies.\n';
    expect(lint(text, { rules, asOf: '2025-02-04' })).toEqual([]);
    expect(positions(lint(text, { rules, asOf: '2025-02-05' }))).toEqual(['1:34']);
  });

  it('reports a year older than every known edition', () => {
    const found = lint('Working Together to Safeguard Children 2015 applies.\n', { rules, asOf: BEFORE });
    expect(found[0]!.message).toContain('cites an edition older than any we know (2015)');
  });

  it('the confirmed 2026 exclusion guidance replaces August 2024 from 26 July 2026; an expected edition would not', () => {
    const text = 'The Suspension and Permanent Exclusion guidance (2024) applies.\n';
    expect(lintWith(text, GUIDANCE)).toEqual([]);
    expect(lintWith(text, GUIDANCE, '2026-07-26')).toEqual([
      '1:50 "2024" cites the August 2024 edition of "Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England", replaced by the July 2026 edition (in force from 26 July 2026). Cite the current edition and check the policy still agrees with it.',
    ]);
    const exclusions = GUIDANCE.series.exclusions!;
    const configured: Guidance = {
      ...GUIDANCE,
      series: {
        ...GUIDANCE.series,
        exclusions: { ...exclusions, editions: exclusions.editions.map((e) => (e.year === 2026 ? { ...e, certainty: 'expected' as const, inForce: undefined, expected: '2026-07-26' } : e)) },
      },
    };
    // An expected edition never makes an error: the August 2024 citation is left to expected-guidance's warning.
    expect(lintWith(text, configured, '2026-12-01')).toEqual([]);
    const expected = RULES_BY_ID.get('expected-guidance')!;
    const warnings = runRules(docOf(text), [{ rule: expected, severity: 'warning', options: {} }], { asOf: new Date('2026-12-01T00:00:00Z'), guidance: configured });
    expect(warnings.map((w) => w.message)).toEqual([
      '"2024" cites the August 2024 edition of "Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England", which may be out of date: a new edition was expected from 26 July 2026; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
    ]);
  });

  it('checks only the series in the series option', () => {
    const text = 'We follow the Behaviour in Schools Guidance 2022 and Working Together 2018.\n';
    expect(positions(lint(text, { rules, options: { series: ['working-together'] } }))).toEqual(['1:71']);
    expect(lint(text, { rules, options: { series: [] } })).toEqual([]);
  });

  // Every citation in the seeds at 24 November 2026:
  // 000/001/002: "DfE: Behaviour in schools ... September 2022" (Intention: lines 72, 62, 101); "Behaviour in Schools
  //   Guidance 2022" and the exclusion "guidance (2022)" (Suspensions and Exclusion: lines 216, 191, 253); "Section 59"
  //   of the 2022 exclusion guidance (lines 226, 211, 268); Appendix 2 "the 2022 Behaviour in Schools guidance"
  //   (lines 318, 331, 377). "In force from 1st September 2022, replacing the 2017 guidance" is history: nothing.
  // 003: Appendix 2 "the 2022 Behaviour in Schools guidance" (line 317) only; its "February 2024", "Behaviour in
  //   Schools (2024)", exclusion "guidance (2024)" and "Section 60" are current.
  // 004: "February 2024", "(2024)", "(2024)" and "Section 60" are current; it has no Appendix 2.
  const seeds: [string, string[]][] = [
    ['000', ['72:315', '216:106', '216:272', '226:353', '318:59']],
    ['001', ['62:317', '191:92', '191:258', '211:350', '331:70']],
    ['002', ['101:317', '253:106', '253:272', '268:353', '377:61']],
    ['003', ['317:59']],
    ['004', []],
  ];
  it.each(seeds)('seed %s: every superseded citation, nothing else', (seed, expected) => {
    const doc = docOfFile(seedPath(seed));
    const found = lintDoc(doc, { rules, asOf: BEFORE });
    expect(positions(found)).toEqual(expected);
  });

  it('seed 000: what each citation reads and what it is replaced with', () => {
    const doc = docOfFile(seedPath('000'));
    const found = lintDoc(doc, { rules, asOf: BEFORE });
    expect(found.map((d) => [doc.text.slice(d.start, d.end), d.fix?.edits[0]?.text ?? null, /February 2024|August 2024/.exec(d.message)?.[0]])).toEqual([
      ['September 2022', 'February 2024', 'February 2024'],
      ['2022', '2024', 'February 2024'],
      ['2022', '2024', 'August 2024'],
      ['Section 59', null, 'August 2024'],
      ['2022', '2024', 'February 2024'],
    ]);
  });
});

// The shared citation finder (src/domain/citations.ts) reads a year before the name as kcsie-current always did:
// "the September 2022 edition of Behaviour in Schools" cites that edition (superseded-guidance's own finder missed it).
ruleTester('superseded-guidance', {
  invalid: [
    {
      text: 'Staff follow the September 2022 edition of Behaviour in Schools.',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: { written: 'September 2022', cited: 'the September 2022 edition', title: 'Behaviour in schools: advice for headteachers and school staff', current: 'February 2024', since: '1 February 2024' },
          line: 1,
          column: 18,
          endLine: 1,
          endColumn: 32,
          suggestions: ['Staff follow the February 2024 edition of Behaviour in Schools.'],
        },
      ],
    },
  ],
});

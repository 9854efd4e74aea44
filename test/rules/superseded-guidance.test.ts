/**
 * superseded-guidance: valid and invalid cases beyond the documented
 * examples, configured editions, fixes, and every citation in the seeds.
 */
import { describe, expect, it } from 'vitest';
import { docOf, docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
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

ruleTester('superseded-guidance', {
  valid: [
    { text: 'We have reviewed the policy alongside the Behaviour in Schools (2024) and the Suspension and Permanent Exclusion guidance (2024).', asOf: BEFORE },
    { text: '**DfE: Behaviour in schools Advice for headteachers and school staff** February 2024. See [here](#) for new guidance.', asOf: BEFORE },
    { text: 'In force from 1st September 2022, replacing the 2017 guidance.', asOf: BEFORE },
    { text: 'This replaces the 2022 Behaviour in Schools guidance.', asOf: BEFORE },
    { text: 'We read the Behaviour in Schools guidance with parents in 2022.', asOf: BEFORE },
    { text: '(Section 60: [School suspensions and permanent exclusions - GOV.UK (www.gov.uk)](#))', asOf: BEFORE },
    { text: 'Section 59 of our own procedures sets out how we work together 2018 onwards.', asOf: BEFORE },
    { text: 'Working Together to Safeguard Children (December 2023) sets out multi-agency arrangements.', asOf: BEFORE },
    { text: "Keeping Children Safe in Education 2022 is cited here but that is kcsie-current's job.", asOf: BEFORE },
    { text: 'Behaviour in Schools guidance (no year) is the current edition.', asOf: BEFORE },
    { name: 'matches a two-word name such as "Working Together" only as written', text: 'Staff and parents working together 2018 onwards.\n', asOf: BEFORE },
    { name: 'judges at the as-of date: the day before the new edition', text: 'Arranging alternative provision (2013) applies.\n', asOf: '2025-02-04' },
    { name: 'checks only the series in the series option (none)', text: 'We follow the Behaviour in Schools Guidance 2022 and Working Together 2018.\n', options: { series: [] } },
  ],
  invalid: [
    {
      name: 'reports a year cited in a link text and suggests the current year',
      text: 'We follow the [Behaviour in Schools Guidance 2022](#).\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: {
            written: '2022',
            cited: 'the September 2022 edition',
            title: 'Behaviour in schools: advice for headteachers and school staff',
            current: 'February 2024',
            since: '1 February 2024',
          },
          message:
            '"2022" cites the September 2022 edition of "Behaviour in schools: advice for headteachers and school staff", replaced by the February 2024 edition (in force from 1 February 2024). Cite the current edition and check the policy still agrees with it.',
          severity: 'error',
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 50,
          suggestions: ['We follow the [Behaviour in Schools Guidance 2024](#).\n'],
        },
      ],
      output: null,
    },
    {
      name: 'fixes the year of the exclusion guidance inside escaped brackets',
      text: 'The new [Suspension and Permanent Exclusion from Maintained Schools, Academies and Pupil Referral Units in England, Including Pupil Movement, guidance \\(2022\\)](#).\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: {
            written: '2022',
            cited: 'the September 2022 edition',
            title: 'Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England',
            current: 'August 2024',
            since: '1 August 2024',
          },
          line: 1,
          column: 154,
          endLine: 1,
          endColumn: 158,
          suggestions: [
            'The new [Suspension and Permanent Exclusion from Maintained Schools, Academies and Pupil Referral Units in England, Including Pupil Movement, guidance \\(2024\\)](#).\n',
          ],
        },
      ],
    },
    {
      name: 'reads "Behaviour in schools. Advice for headteachers and school staff. September 2022" as one citation',
      text: '**DfE: Behaviour in schools. Advice for headteachers and school staff.** September 2022 see [here](#) for new guidance.\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: {
            written: 'September 2022',
            cited: 'the September 2022 edition',
            title: 'Behaviour in schools: advice for headteachers and school staff',
            current: 'February 2024',
            since: '1 February 2024',
          },
          line: 1,
          column: 74,
          endLine: 1,
          endColumn: 88,
          suggestions: ['**DfE: Behaviour in schools. Advice for headteachers and school staff.** February 2024 see [here](#) for new guidance.\n'],
        },
      ],
    },
    {
      name: 'reports "Section 59" of the exclusion guidance without a fix',
      text: '(Section 59: [Suspension and Permanent Exclusion from maintained schools (publishing.service.gov.uk)](#))\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededParagraph',
          data: {
            written: 'Section 59',
            cited: 'the September 2022 edition',
            title: 'Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England',
            current: 'August 2024',
            since: '1 August 2024',
          },
          message:
            '"Section 59" cites the September 2022 edition of "Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England", replaced by the August 2024 edition (in force from 1 August 2024). Cite the August 2024 edition and check the paragraph number in it.',
          severity: 'error',
          line: 1,
          column: 2,
          endLine: 1,
          endColumn: 12,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'tells the exclusion editions apart by month',
      text: 'See the Suspension and Permanent Exclusion guidance, September 2023.\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: {
            written: 'September 2023',
            cited: 'the September 2023 edition',
            title: 'Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England',
            current: 'August 2024',
            since: '1 August 2024',
          },
          line: 1,
          column: 54,
          endLine: 1,
          endColumn: 68,
          suggestions: ['See the Suspension and Permanent Exclusion guidance, August 2024.\n'],
        },
      ],
    },
    {
      name: 'reports Working Together 2018 and Arranging alternative provision 2013',
      text: 'We follow Working Together to Safeguard Children 2018.\n\nSee Arranging alternative provision (2013).\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: { written: '2018', cited: 'the 2018 edition', title: 'Working Together to Safeguard Children', current: 'December 2023', since: '15 December 2023' },
          line: 1,
          column: 50,
          endLine: 1,
          endColumn: 54,
          suggestions: ['We follow Working Together to Safeguard Children 2023.\n\nSee Arranging alternative provision (2013).\n'],
        },
        {
          messageId: 'supersededDate',
          data: {
            written: '2013',
            cited: 'the 2013 edition',
            title: 'Arranging alternative provision: a guide for local authorities and schools',
            current: 'February 2025',
            since: '5 February 2025',
          },
          line: 3,
          column: 38,
          endLine: 3,
          endColumn: 42,
          suggestions: ['We follow Working Together to Safeguard Children 2018.\n\nSee Arranging alternative provision (2025).\n'],
        },
      ],
    },
    {
      name: 'matches a two-word name such as "Working Together" as written',
      text: 'Working Together 2018 applies.\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: { written: '2018', cited: 'the 2018 edition', title: 'Working Together to Safeguard Children', current: 'December 2023', since: '15 December 2023' },
          line: 1,
          column: 18,
          endLine: 1,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'judges at the as-of date: from the day the new edition is in force',
      text: 'Arranging alternative provision (2013) applies.\n',
      asOf: '2025-02-05',
      errors: [
        {
          messageId: 'supersededDate',
          data: {
            written: '2013',
            cited: 'the 2013 edition',
            title: 'Arranging alternative provision: a guide for local authorities and schools',
            current: 'February 2025',
            since: '5 February 2025',
          },
          line: 1,
          column: 34,
          endLine: 1,
          endColumn: 38,
        },
      ],
    },
    {
      name: 'reports a year older than every known edition',
      text: 'Working Together to Safeguard Children 2015 applies.\n',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: { written: '2015', cited: 'an edition older than any we know (2015)', title: 'Working Together to Safeguard Children', current: 'December 2023', since: '15 December 2023' },
          message:
            '"2015" cites an edition older than any we know (2015) of "Working Together to Safeguard Children", replaced by the December 2023 edition (in force from 15 December 2023). Cite the current edition and check the policy still agrees with it.',
          severity: 'error',
          line: 1,
          column: 40,
          endLine: 1,
          endColumn: 44,
          suggestions: ['Working Together to Safeguard Children 2023 applies.\n'],
        },
      ],
    },
    {
      name: 'checks only the series in the series option',
      text: 'We follow the Behaviour in Schools Guidance 2022 and Working Together 2018.\n',
      options: { series: ['working-together'] },
      errors: [
        {
          messageId: 'supersededDate',
          data: { written: '2018', cited: 'the 2018 edition', title: 'Working Together to Safeguard Children', current: 'December 2023', since: '15 December 2023' },
          line: 1,
          column: 71,
          endLine: 1,
          endColumn: 75,
        },
      ],
    },
    {
      name: 'a year before the name, with its month and "edition of" (the shared finder reads it as kcsie-current always did)',
      text: 'Staff follow the September 2022 edition of Behaviour in Schools.',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'supersededDate',
          data: {
            written: 'September 2022',
            cited: 'the September 2022 edition',
            title: 'Behaviour in schools: advice for headteachers and school staff',
            current: 'February 2024',
            since: '1 February 2024',
          },
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

describe('superseded-guidance', () => {
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

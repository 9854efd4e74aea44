/**
 * kcsie-current: citation forms, what is not a citation's year, the as-of
 * date and the registry, and the seed policies (all cite an old edition).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lintDoc, positions, seedPath } from '../helpers.js';
import { GUIDANCE, type Guidance } from '../../src/domain/guidance.js';
import { ruleTester } from '../rule-tester.js';

/** These tests pin the day before KCSIE 2026 was expected (from then on see test/currency.test.ts). */
const BEFORE = '2026-08-31';

const rules = ['kcsie-current'];

function withEdition2026(): Guidance {
  const kcsie = GUIDANCE.series['kcsie']!;
  return {
    ...GUIDANCE,
    series: {
      ...GUIDANCE.series,
      kcsie: { ...kcsie, editions: [...kcsie.editions.filter((e) => e.edition !== '2026'), { edition: '2026', year: 2026, inForce: '2026-09-01', certainty: 'confirmed' }] },
    },
  };
}

/** The registry with one more name for KCSIE. */
function withAlias(alias: string): Guidance {
  const kcsie = GUIDANCE.series['kcsie']!;
  return { ...GUIDANCE, series: { ...GUIDANCE.series, kcsie: { ...kcsie, aliases: [...kcsie.aliases, alias] } } };
}

ruleTester('kcsie-current', {
  valid: [
    { name: 'the edition in force', text: "Staff read 'Keeping Children Safe in Education' (September 2025).", asOf: BEFORE },
    { name: 'no year', text: 'Staff familiarise themselves with the current KCSIE guidance.', asOf: BEFORE },
    { name: 'a year newer than the registry knows', text: 'Staff read KCSIE 2026.', asOf: BEFORE },
    { name: 'an unrelated later date in the same paragraph', text: 'Staff read the current KCSIE. The policy was reviewed in September 2022.', asOf: BEFORE },
    { name: 'another document cited after it', text: 'Staff read the current KCSIE and the Behaviour in Schools guidance (2022).', asOf: BEFORE },
    { name: 'another series named after it', text: 'Staff read the current KCSIE, Working Together to Safeguard Children 2018.', asOf: BEFORE },
    { name: 'a year too far from the name', text: 'Staff read the current KCSIE guidance which every member of staff who joined the school read in September 2021.', asOf: BEFORE },
    { name: 'KCSIE as part of a longer word', text: 'See KCSIEguidance 2021.', asOf: BEFORE },
    { name: 'maxWords bounds the distance between the name and the year', text: 'Staff read KCSIE guidance for all staff in every school, September 2022.', options: { maxWords: 3 } },
    { name: 'before 1 September 2025, KCSIE 2024 is current', text: 'Staff follow KCSIE 2024.', asOf: '2025-08-31' },
    { name: 'before the first edition in the registry, nothing is judged', text: 'Staff follow KCSIE 2019.', asOf: '2020-01-01' },
    { name: 'history is not a citation (the shared finder leaves it alone, as superseded-guidance always did)', text: 'This policy follows KCSIE 2025, replacing KCSIE 2023.', asOf: BEFORE },
    { name: '... nor after a date', text: 'In force from September 2025, replacing KCSIE 2023, this policy follows the current guidance.', asOf: BEFORE },
    { name: 'an edition added to the registry: 2025 is current until it is in force', text: 'Staff follow KCSIE 2025.', asOf: BEFORE, guidance: withEdition2026() },
    { name: 'an edition added to the registry is itself current', text: 'Staff follow KCSIE 2026.', guidance: withEdition2026() },
  ],
  invalid: [
    {
      name: 'an edition added to the registry makes 2025 out of date once in force, and says since when',
      text: 'Staff follow KCSIE 2025.',
      guidance: withEdition2026(),
      errors: [
        {
          messageId: 'outOfDate',
          data: { name: 'KCSIE', year: 2025, current: '2026', since: '1 September 2026' },
          message: 'KCSIE 2025 is out of date: the edition in force is KCSIE 2026, since 1 September 2026. Check the policy against KCSIE 2026 and cite it.',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'KCSIE 2023',
      text: 'Staff follow KCSIE 2023.',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'outOfDate',
          data: { name: 'KCSIE', year: 2023, current: '2025', since: '1 September 2025' },
          message: 'KCSIE 2023 is out of date: the edition in force is KCSIE 2025, since 1 September 2025. Check the policy against KCSIE 2025 and cite it.',
          severity: 'error',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'KCSiE 2022',
      text: 'Staff follow KCSiE 2022.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2022, current: '2025', since: '1 September 2025' }, line: 1, column: 20, endLine: 1, endColumn: 24 }],
    },
    {
      name: 'the full name with the month in brackets',
      text: "the current DfE 'Keeping Children Safe in Education' (September 2024) [guidance](#)",
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2024, current: '2025', since: '1 September 2025' }, line: 1, column: 55, endLine: 1, endColumn: 69 }],
    },
    {
      name: "'DfE: Keeping Children Safe in Education' (All staff) September 2022; the short and the full name lead to one citation, reported once",
      text: "the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2022, if there are concerns.",
      asOf: BEFORE,
      errors: [
        {
          messageId: 'outOfDate',
          data: { name: 'KCSIE', year: 2022, current: '2025', since: '1 September 2025' },
          message: 'KCSIE 2022 is out of date: the edition in force is KCSIE 2025, since 1 September 2025. Check the policy against KCSIE 2025 and cite it.',
          severity: 'error',
          line: 1,
          column: 87,
          endLine: 1,
          endColumn: 101,
          suggestions: ["the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2025, if there are concerns."],
        },
      ],
      output: null,
    },
    {
      name: 'the year a few words after the name',
      text: 'Staff read KCSIE [guidance](#) for all staff, September 2024.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2024, current: '2025', since: '1 September 2025' }, line: 1, column: 47, endLine: 1, endColumn: 61 }],
    },
    {
      name: 'the year before the name',
      text: 'Staff read the 2023 KCSIE.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2023, current: '2025', since: '1 September 2025' }, line: 1, column: 16, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'a month and year before the full name',
      text: 'Staff read the September 2022 edition of Keeping Children Safe in Education.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2022, current: '2025', since: '1 September 2025' }, line: 1, column: 16, endLine: 1, endColumn: 30 }],
    },
    {
      name: 'an academic-year form',
      text: 'Staff read KCSIE 2023/24.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2023, current: '2025', since: '1 September 2025' }, line: 1, column: 18, endLine: 1, endColumn: 22 }],
    },
    {
      name: 'the title with "schools and colleges"',
      text: 'Keeping Children Safe in Education: Statutory guidance for schools and colleges (September 2023).',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2023, current: '2025', since: '1 September 2025' }, line: 1, column: 82, endLine: 1, endColumn: 96 }],
    },
    {
      name: 'the year within maxWords words (default 12)',
      text: 'Staff read KCSIE guidance for all staff in every school, September 2022.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2022, current: '2025', since: '1 September 2025' }, line: 1, column: 58, endLine: 1, endColumn: 72 }],
    },
    {
      name: 'from 1 September 2025, KCSIE 2024 is out of date',
      text: 'Staff follow KCSIE 2024.',
      asOf: '2025-09-01',
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2024, current: '2025', since: '1 September 2025' }, line: 1, column: 20, endLine: 1, endColumn: 24 }],
    },
    {
      name: 'names the edition in force at the as-of date',
      text: 'Staff follow KCSIE 2022.',
      asOf: '2024-01-15',
      errors: [
        {
          messageId: 'outOfDate',
          data: { name: 'KCSIE', year: 2022, current: '2023', since: '1 September 2023' },
          message: 'KCSIE 2022 is out of date: the edition in force is KCSIE 2023, since 1 September 2023. Check the policy against KCSIE 2023 and cite it.',
          severity: 'error',
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 24,
        },
      ],
    },
    {
      name: 'the suggested fix replaces the year with the current edition, keeping the month; it is not a safe fix',
      text: "the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2022, if needed.\n",
      asOf: BEFORE,
      errors: [
        {
          messageId: 'outOfDate',
          data: { name: 'KCSIE', year: 2022, current: '2025', since: '1 September 2025' },
          line: 1,
          column: 87,
          endLine: 1,
          endColumn: 101,
          suggestions: ["the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2025, if needed.\n"],
        },
      ],
      output: null,
    },
    {
      name: 'history after a citation is left alone',
      text: 'This policy follows KCSIE 2023, replacing KCSIE 2022.',
      asOf: BEFORE,
      errors: [
        {
          messageId: 'outOfDate',
          data: { name: 'KCSIE', year: 2023, current: '2025', since: '1 September 2025' },
          line: 1,
          column: 27,
          endLine: 1,
          endColumn: 31,
          suggestions: ['This policy follows KCSIE 2025, replacing KCSIE 2022.'],
        },
      ],
    },
    {
      name: 'a new alias in the registry is recognised',
      text: 'Staff read Keeping Children Safe (2024).',
      asOf: BEFORE,
      guidance: withAlias('Keeping Children Safe'),
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2024, current: '2025', since: '1 September 2025' }, line: 1, column: 35, endLine: 1, endColumn: 39 }],
    },
  ],
});

describe('kcsie-current', () => {
  it('reports exact columns in a CRLF file with a BOM', () => {
    const text = "\uFEFFSafeguarding:\r\n\r\nStaff read the current DfE 'Keeping Children Safe in Education' (September 2024) guidance.\r\n";
    const file = `${process.env.TMPDIR ?? '/tmp'}/kc-crlf-${process.pid}.md`;
    fs.writeFileSync(file, Buffer.from(text, 'utf8'));
    try {
      const found = lintDoc(docOfFile(file), { rules, asOf: BEFORE });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['3:66-3:80']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  describe('seeds', () => {
    // Each seed has one KCSIE citation, in its Safeguarding section:
    // 000:212 "... (All staff) September 2024'", 001:187 and 002:249 "... (All staff) September 2022",
    // 003:199 and 004:166 "'Keeping Children Safe in Education' (September 2024)". At 2026-11-24 KCSIE 2025 is in force.
    const seeds: [string, string, string][] = [
      ['000', '212:284-212:298', 'KCSIE 2024'],
      ['001', '187:283-187:297', 'KCSIE 2022'],
      ['002', '249:288-249:302', 'KCSIE 2022'],
      ['003', '199:230-199:244', 'KCSIE 2024'],
      ['004', '166:252-166:266', 'KCSIE 2024'],
    ];
    it.each(seeds)('seed %s: %s', (seed, range, cited) => {
      const doc = docOfFile(seedPath(seed));
      const found = lintDoc(doc, { rules, asOf: BEFORE });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([range]);
      expect(found[0]!.message.startsWith(`${cited} is out of date: the edition in force is KCSIE 2025, since 1 September 2025.`)).toBe(true);
      expect(doc.text.slice(found[0]!.start, found[0]!.end)).toMatch(/^September 20(22|24)$/);
    });

    it('at 2025-08-31 the seeds citing September 2024 are current', () => {
      expect(positions(lintDoc(docOfFile(seedPath('003')), { rules, asOf: '2025-08-31' }))).toEqual([]);
      expect(positions(lintDoc(docOfFile(seedPath('001')), { rules, asOf: '2025-08-31' }))).toEqual(['187:283']);
    });
  });
});

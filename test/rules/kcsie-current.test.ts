/**
 * kcsie-current: citation forms, what is not a citation's year, the as-of
 * date and the registry, and the seed policies (all cite an old edition).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOf, docOfFile, fixText, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { runRules } from '../../src/engine/engine.js';
import { GUIDANCE, type Guidance } from '../../src/domain/guidance.js';
import { RULES_BY_ID } from '../../rules/index.js';
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

function lintWith(text: string, guidance: Guidance, asOf = BEFORE): string[] {
  const rule = RULES_BY_ID.get('kcsie-current')!;
  return runRules(docOf(text), [{ rule, severity: 'error', options: {} }], { asOf: new Date(`${asOf}T00:00:00Z`), guidance }).map(
    (d) => `${d.line}:${d.column} ${d.message}`,
  );
}

describe('kcsie-current', () => {
  describe('citation forms', () => {
    it.each([
      ['KCSIE 2023', 'Staff follow KCSIE 2023.', '1:20-1:24', 2023],
      ['KCSiE 2022', 'Staff follow KCSiE 2022.', '1:20-1:24', 2022],
      ['the full name with the month in brackets', "the current DfE 'Keeping Children Safe in Education' (September 2024) [guidance](#)", '1:55-1:69', 2024],
      [
        "'DfE: Keeping Children Safe in Education' (All staff) September 2022",
        "the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2022, if there are concerns.",
        '1:87-1:101',
        2022,
      ],
      ['the year a few words after the name', 'Staff read KCSIE [guidance](#) for all staff, September 2024.', '1:47-1:61', 2024],
      ['the year before the name', 'Staff read the 2023 KCSIE.', '1:16-1:20', 2023],
      ['a month and year before the full name', 'Staff read the September 2022 edition of Keeping Children Safe in Education.', '1:16-1:30', 2022],
      ['an academic-year form', 'Staff read KCSIE 2023/24.', '1:18-1:22', 2023],
      ['the title with "schools and colleges"', 'Keeping Children Safe in Education: Statutory guidance for schools and colleges (September 2023).', '1:82-1:96', 2023],
    ])('%s', (_title, text, range, year) => {
      const found = lint(text, { rules, asOf: BEFORE });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([range]);
      expect(found[0]!.ruleId).toBe('kcsie-current');
      expect(found[0]!.severity).toBe('error');
      expect(found[0]!.message).toBe(
        `KCSIE ${year} is out of date: the edition in force is KCSIE 2025, since 1 September 2025. Check the policy against KCSIE 2025 and cite it.`,
      );
    });
  });

  describe('not stale', () => {
    it.each([
      ['the edition in force', "Staff read 'Keeping Children Safe in Education' (September 2025)."],
      ['no year', 'Staff familiarise themselves with the current KCSIE guidance.'],
      ['a year newer than the registry knows', 'Staff read KCSIE 2026.'],
      ['an unrelated later date in the same paragraph', 'Staff read the current KCSIE. The policy was reviewed in September 2022.'],
      ['another document cited after it', 'Staff read the current KCSIE and the Behaviour in Schools guidance (2022).'],
      ['another series named after it', 'Staff read the current KCSIE, Working Together to Safeguard Children 2018.'],
      [
        'a year too far from the name',
        'Staff read the current KCSIE guidance which every member of staff who joined the school read in September 2021.',
      ],
      ['KCSIE as part of a longer word', 'See KCSIEguidance 2021.'],
    ])('%s', (_title, text) => {
      expect(lint(text, { rules, asOf: BEFORE })).toEqual([]);
    });
  });

  it('maxWords bounds the distance between the name and the year', () => {
    const text = 'Staff read KCSIE guidance for all staff in every school, September 2022.';
    expect(positions(lint(text, { rules, asOf: BEFORE }))).toEqual(['1:58']);
    expect(lint(text, { rules, options: { maxWords: 3 } })).toEqual([]);
  });

  it('reports one citation once when both the short and the full name lead to its year', () => {
    const text = "the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2022.";
    expect(lint(text, { rules, asOf: BEFORE })).toHaveLength(1);
  });

  describe('the as-of date', () => {
    it('before 1 September 2025, KCSIE 2024 is current', () => {
      expect(lint('Staff follow KCSIE 2024.', { rules, asOf: '2025-08-31' })).toEqual([]);
      expect(positions(lint('Staff follow KCSIE 2024.', { rules, asOf: '2025-09-01' }))).toEqual(['1:20']);
    });

    it('names the edition in force at the as-of date', () => {
      const [d] = lint('Staff follow KCSIE 2022.', { rules, asOf: '2024-01-15' });
      expect(d!.message).toBe('KCSIE 2022 is out of date: the edition in force is KCSIE 2023, since 1 September 2023. Check the policy against KCSIE 2023 and cite it.');
    });

    it('before the first edition in the registry, nothing is judged', () => {
      expect(lint('Staff follow KCSIE 2019.', { rules, asOf: '2020-01-01' })).toEqual([]);
    });
  });

  describe('an edition added to the registry', () => {
    it('makes 2025 out of date once in force, and says since when', () => {
      expect(lintWith('Staff follow KCSIE 2025.', withEdition2026(), '2026-11-24')).toEqual([
        '1:20 KCSIE 2025 is out of date: the edition in force is KCSIE 2026, since 1 September 2026. Check the policy against KCSIE 2026 and cite it.',
      ]);
      expect(lintWith('Staff follow KCSIE 2025.', withEdition2026(), '2026-08-31')).toEqual([]);
      expect(lintWith('Staff follow KCSIE 2026.', withEdition2026(), '2026-11-24')).toEqual([]);
    });

    it('a new alias in the registry is recognised', () => {
      const guidance = withEdition2026();
      guidance.series['kcsie'] = { ...guidance.series['kcsie']!, aliases: [...guidance.series['kcsie']!.aliases, 'Keeping Children Safe'] };
      expect(lintWith('Staff read Keeping Children Safe (2024).', guidance)).toHaveLength(1);
    });
  });

  describe('the suggested fix', () => {
    const text = "the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2022, if needed.\n";

    it('replaces the year with the current edition, keeping the month', () => {
      expect(fixText(text, { rules, asOf: BEFORE })).toBe("the current KCSIE [guidance](#) 'DfE: Keeping Children Safe in Education' (All staff) September 2025, if needed.\n");
    });

    it('is a suggestion: not applied at the safe level', () => {
      expect(lint(text, { rules, asOf: BEFORE })[0]!.fix?.safety).toBe('suggestion');
      expect(fixText(text, { rules, level: 'safe' })).toBe(text);
    });
  });

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

// The shared citation finder (src/domain/citations.ts) leaves history alone, as superseded-guidance always did:
// "replacing KCSIE 2023" says what the policy no longer follows (kcsie-current's own finder used to report it).
ruleTester('kcsie-current', {
  valid: [
    { text: 'This policy follows KCSIE 2025, replacing KCSIE 2023.', asOf: BEFORE },
    { text: 'In force from September 2025, replacing KCSIE 2023, this policy follows the current guidance.', asOf: BEFORE },
  ],
  invalid: [
    {
      text: 'This policy follows KCSIE 2023, replacing KCSIE 2022.',
      asOf: BEFORE,
      errors: [{ messageId: 'outOfDate', data: { name: 'KCSIE', year: 2023, current: '2025', since: '1 September 2025' }, line: 1, column: 27, endLine: 1, endColumn: 31, suggestions: ['This policy follows KCSIE 2025, replacing KCSIE 2022.'] }],
    },
  ],
});

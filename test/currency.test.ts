/**
 * Issue 11: currency a school can trust. Each "what must hold" is pinned here,
 * on the seeds and on examples, with the as-of date pinned.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docOfFile, fixText, lint, lintDoc, runMain, SEEDS, seedPath, spawnCli, writeIn, FIXTURES } from './helpers.js';
import { GUIDANCE, registryNotice } from '../src/domain/guidance.js';
import { applyFixes } from '../src/engine/fix.js';

const EXCLUSIONS = 'Suspension and Permanent Exclusion from Maintained Schools, Academies and Pupil Referral Units in England';

describe('exclusions 2026 is confirmed: older citations are errors naming the July 2026 edition', () => {
  const cases = [
    `We follow the ${EXCLUSIONS} guidance (2022).\n`,
    `We follow the ${EXCLUSIONS} guidance (September 2023).\n`,
    `We follow the ${EXCLUSIONS} guidance (August 2024).\n`,
    `We follow the 2024 ${EXCLUSIONS} guidance.\n`,
    `(Section 59: ${EXCLUSIONS})\n`,
  ];
  for (const text of cases) {
    it(`at 2026-12-01: ${text.trim().slice(0, 60)}...`, () => {
      const found = lint(text, { rules: ['superseded-guidance'], asOf: '2026-12-01' });
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe('error');
      expect(found[0]!.message).toContain('replaced by the July 2026 edition (in force from 26 July 2026)');
    });
  }

  it('the July 2026 edition itself passes, and before 26 July 2026 the August 2024 edition was current', () => {
    expect(lint(`We follow the ${EXCLUSIONS} guidance (July 2026).\n`, { rules: ['superseded-guidance'], asOf: '2026-12-01' })).toEqual([]);
    expect(lint(`We follow the ${EXCLUSIONS} guidance (August 2024).\n`, { rules: ['superseded-guidance'], asOf: '2026-07-25' })).toEqual([]);
  });

  it('on every seed, every exclusion citation (by year or "Section 59") is an error naming July 2026', () => {
    let total = 0;
    for (const seed of SEEDS) {
      const found = lintDoc(docOfFile(path.join(FIXTURES, seed)), { rules: ['superseded-guidance'], asOf: '2026-12-01' }).filter((d) =>
        d.message.includes('Suspension and permanent exclusion'),
      );
      for (const d of found) {
        expect(d.severity).toBe('error');
        expect(d.message).toContain('the July 2026 edition');
      }
      total += found.length;
    }
    // 000, 001, 002: "(2022)" and "Section 59"; 003, 004: "(2024)".
    expect(total).toBe(8);
  });
});

describe('KCSIE 2026 is expected from 1 September 2026: a warning that asks to check, never an error or a fix', () => {
  const text = "Staff read 'Keeping Children Safe in Education' (September 2025).\n";
  it('at 2026-12-01 a KCSIE 2025 citation is a warning saying KCSIE 2026 was expected and asking to check', () => {
    expect(lint(text, { rules: ['kcsie-current'], asOf: '2026-12-01' })).toEqual([]);
    const found = lint(text, { rules: ['expected-guidance'], asOf: '2026-12-01' });
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toBe(
      'KCSIE 2025 may be out of date: KCSIE 2026 was expected to come into force on 1 September 2026; policy-lint has no confirmed edition. Check gov.uk and cite the edition in force.',
    );
    expect(found[0]!.fix).toBeUndefined();
  });

  it('at 2026-08-31 the same citation draws nothing', () => {
    expect(lint(text, { rules: ['kcsie-current', 'expected-guidance'], asOf: '2026-08-31' })).toEqual([]);
  });

  it('an older citation is still an error, but its message does not call 2025 "in force" without the caveat, and it has no fix', () => {
    const [d] = lint('We follow KCSIE 2023.\n', { rules: ['kcsie-current'], asOf: '2026-12-01' });
    expect(d!.severity).toBe('error');
    expect(d!.message).toContain('the latest confirmed edition is KCSIE 2025');
    expect(d!.message).toContain('KCSIE 2026 was expected to come into force on 1 September 2026');
    expect(d!.message).not.toContain('the edition in force is');
    expect(d!.fix).toBeUndefined();
  });

  it('on the seeds: the KCSIE citations of 000-004 are errors with the caveat, and current-policy.md (no year) draws nothing', () => {
    for (const seed of SEEDS) {
      const found = lintDoc(docOfFile(path.join(FIXTURES, seed)), { rules: ['kcsie-current'], asOf: '2026-12-01' });
      expect(found.length, seed).toBeGreaterThan(0);
      for (const d of found) expect(d.message).toContain('KCSIE 2026 was expected to come into force on 1 September 2026');
    }
    expect(lintDoc(docOfFile(path.join(FIXTURES, 'current-policy.md')), { rules: ['kcsie-current', 'expected-guidance'], asOf: '2026-12-01' })).toEqual([]);
  });

  it('a user who confirms KCSIE 2026 in settings.guidance turns the warning into an error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-confirm-'));
    try {
      writeIn(dir, 'p.md', text);
      writeIn(
        dir,
        '.policylintrc.yaml',
        'settings:\n  guidance:\n    series:\n      kcsie:\n        editions:\n          - { edition: "2026", certainty: confirmed, inForce: 2026-09-01, checked: 2026-12-02 }\n',
      );
      const r = await runMain(['--format', 'json', 'p.md'], { cwd: dir, asOf: '2026-12-01' });
      const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; severity: number; message: string }[] }[])[0]!.messages;
      const kcsie = messages.filter((m) => m.ruleId === 'kcsie-current' || m.ruleId === 'expected-guidance');
      expect(kcsie.map((m) => [m.ruleId, m.severity])).toEqual([['kcsie-current', 2]]);
      expect(kcsie[0]!.message).toContain('the edition in force is KCSIE 2026, since 1 September 2026');
      // Writing an in-force date without confirming is refused, with its position.
      writeIn(dir, '.policylintrc.yaml', 'settings:\n  guidance:\n    series:\n      kcsie:\n        editions:\n          - { edition: "2026", inForce: 2026-09-01 }\n');
      const bad = await runMain(['p.md'], { cwd: dir, asOf: '2026-12-01' });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^policy-lint: \.policylintrc\.yaml:6:13: settings\.guidance\.series\.kcsie\.editions\[edition=2026\]: an expected edition gives its date as "expected"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Working Together 2026 is expected with no date: nothing until a date is configured', () => {
  const text = 'We follow Working Together to Safeguard Children (December 2023).\n';
  it('never makes 2023 stale on its own, at any date', () => {
    for (const asOf of ['2026-12-01', '2027-12-01', '2030-01-01']) expect(lint(text, { rules: ['superseded-guidance', 'expected-guidance'], asOf })).toEqual([]);
    const wt = GUIDANCE.series['working-together']!.editions.find((e) => e.year === 2026)!;
    expect(wt.certainty).toBe('expected');
    expect(wt.expected).toBeUndefined();
  });
});

describe('Arranging alternative provision (February 2025) replaced the 2013/2016 guidance', () => {
  it('a 2013 or 2016 citation is an error naming February 2025', () => {
    for (const year of ['2013', '2016']) {
      const [d] = lint(`See Arranging alternative provision (${year}).\n`, { rules: ['superseded-guidance'], asOf: '2026-12-01' });
      expect(d!.message).toContain('replaced by the February 2025 edition');
    }
  });
});

describe('"Statutory policies for schools and academy trusts" was withdrawn in March 2024', () => {
  it('is reported, pointing to the governance guides', () => {
    const [d] = lint('See the DfE list Statutory policies for schools and academy trusts.\n', { rules: ['ended-programme'], asOf: '2026-12-01' });
    expect(d!.message).toContain('governance guides');
  });
});

describe('the Therapeutic Thinking contact is relationalapproach@HFLEducation.org from 1 April 2025', () => {
  for (const old of ['steps@hertfordshire.gov.uk', 'therapeuticthinking@hertfordshire.gov.uk']) {
    it(`${old} is reported naming the current address, with only a suggested change`, () => {
      const [d] = lint(`Email: ${old}\n`, { rules: ['therapeutic-thinking-naming'], asOf: '2026-12-01' });
      expect(d!.message).toContain('relationalapproach@HFLEducation.org');
      expect(d!.fix!.safety).toBe('suggestion');
      expect(fixText(`Email: ${old}\n`, { rules: ['therapeutic-thinking-naming'], asOf: '2026-12-01', level: 'safe' })).toBe(`Email: ${old}\n`);
    });
  }

  it('--fix (safe) on every seed writes neither therapeuticthinking@hertfordshire.gov.uk nor an expected KCSIE year; suggestions write no expected year', () => {
    for (const seed of SEEDS) {
      const text = fs.readFileSync(seedPath(seed.slice(0, 3)), 'utf8');
      const count = (t: string, s: string): number => t.split(s).length - 1;
      for (const level of ['safe', 'suggestion'] as const) {
        const found = lint(text, { asOf: '2026-12-01' });
        const inserted = found.flatMap((d) => (d.fix && (level === 'suggestion' || d.fix.safety === 'safe') ? d.fix.edits.map((e) => e.text) : []));
        expect(inserted.filter((t) => t.includes('therapeuticthinking@'))).toEqual([]);
        const kcsieFixes = found.filter((d) => d.ruleId === 'kcsie-current' && d.fix);
        expect(kcsieFixes, `${seed} ${level}`).toEqual([]);
        const fixed = applyFixes(text, found, level).text;
        expect(count(fixed, 'therapeuticthinking@hertfordshire.gov.uk')).toBeLessThanOrEqual(count(text, 'therapeuticthinking@hertfordshire.gov.uk'));
        expect(count(fixed, 'KCSIE 2026')).toBe(count(text, 'KCSIE 2026'));
        if (level === 'safe') expect(count(fixed, 'therapeuticthinking@hertfordshire.gov.uk')).toBe(count(text, 'therapeuticthinking@hertfordshire.gov.uk'));
      }
    }
  });
});

describe('historical mentions are not old names in use', () => {
  const forms = [
    'Therapeutic Thinking Hertfordshire (formerly known as Hertfordshire Steps) is our approach.',
    'Therapeutic Thinking (formerly Hertfordshire Steps) is our approach.',
    'Our approach was previously called Hertfordshire Steps.',
    'Our approach, previously known as Herts Steps, is Therapeutic Thinking.',
    'Therapeutic Thinking Hertfordshire was renamed from Hertfordshire Steps in 2024.',
    'Staff attend Therapeutic Thinking (was Step On) training.',
    'What used to be called the Steps approach is now Therapeutic Thinking.',
    'Hertfordshire Steps, as the approach was formerly known, is now Therapeutic Thinking.',
    'Staff attended Step On, previously, and now attend Therapeutic Thinking.',
  ];
  for (const form of forms) {
    it(`draws nothing: ${form}`, () => {
      expect(lint(`${form}\n`, { rules: ['therapeutic-thinking-naming'], asOf: '2026-12-01' })).toEqual([]);
    });
  }

  it('an old name in use in another sentence is still reported, and no fix produces "formerly" + the new name', () => {
    const text = 'Therapeutic Thinking (formerly known as Hertfordshire Steps) is our approach. We train with Hertfordshire Steps.\n';
    const found = lint(text, { rules: ['therapeutic-thinking-naming'], asOf: '2026-12-01' });
    expect(found.map((d) => d.column)).toEqual([93]);
    const fixed = fixText(text, { rules: ['therapeutic-thinking-naming'], asOf: '2026-12-01', level: 'safe' });
    expect(fixed).toBe('Therapeutic Thinking (formerly known as Hertfordshire Steps) is our approach. We train with Therapeutic Thinking Hertfordshire.\n');
    expect(fixed).not.toMatch(/formerly (?:known as )?Therapeutic Thinking/);
  });

  it('a pack substitution (a rename in a rule pack) leaves a historical mention alone too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-pack-history-'));
    try {
      writeIn(
        dir,
        'la.yaml',
        "name: la\nrules:\n  - id: la/new-name\n    type: substitution\n    severity: error\n    message: '{match} is now {replacement}'\n    swap:\n      Old Service: New Service\n",
      );
      writeIn(dir, '.policylintrc.yaml', 'packs: [./la.yaml]\n');
      writeIn(dir, 'p.md', 'New Service (formerly Old Service) helps. Old Service helps.\n');
      const r = await runMain(['--format', 'json', 'p.md'], { cwd: dir, asOf: '2026-12-01' });
      const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; column: number }[] }[])[0]!.messages;
      expect(messages.filter((m) => m.ruleId === 'la/new-name').map((m) => m.column)).toEqual([43]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('legal status: the VSH duty "non-statutory" / "to be made statutory when Parliamentary time allows"', () => {
  it('seed 001 line 34 draws a warning citing section 6 of the 2026 Act, asking to check', () => {
    const found = lintDoc(docOfFile(seedPath('001')), { rules: ['legal-status'], asOf: '2026-12-01' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((d) => d.line)).toContain(34);
    for (const d of found) {
      expect(d.severity).toBe('warning');
      expect(d.message).toContain("Children's Wellbeing and Schools Act 2026");
      expect(d.message).toContain('Check whether the duty is now in force');
    }
  });

  it('"non-statutory" about something else passes', () => {
    expect(lint('Our uniform advice is non-statutory.\n', { rules: ['legal-status'], asOf: '2026-12-01' })).toEqual([]);
  });
});

describe('a registry that says how old it is', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-notice-'));
    writeIn(dir, 'a.md', 'We follow KCSIE 2023.\n');
    writeIn(dir, 'b.md', 'We follow KCSIE 2024.\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const notice = `${registryNotice(GUIDANCE)}\n`;
  it('the notice reads as issue 11 asks', () => {
    expect(notice).toBe(
      'policy-lint: note: the guidance facts were last checked on 1 December 2026; editions published since then are not known. Update policy-lint, or add them in configuration.\n',
    );
  });

  for (const format of ['stylish', 'compact', 'json', 'sarif', 'github', 'junit']) {
    it(`--as-of 2027-06-01 prints it once on standard error in ${format}; --as-of 2026-12-01 does not`, async () => {
      const late = await runMain(['--format', format, 'a.md', 'b.md'], { cwd: dir, asOf: '2027-06-01' });
      expect(late.stderr.split(notice).length - 1).toBe(1);
      expect(late.stdout).not.toContain('guidance facts were last checked');
      const now = await runMain(['--format', format, 'a.md', 'b.md'], { cwd: dir, asOf: '2026-12-01' });
      expect(now.stderr).not.toContain('guidance facts were last checked');
    });
  }

  it('the human report shows the check date next to the as-of date; --version prints both versions', async () => {
    const r = await runMain(['a.md'], { cwd: dir, asOf: '2026-12-02' });
    expect(r.stdout).toContain('Judged as on 2 December 2026; guidance facts last checked on 1 December 2026.');
    const v = await spawnCli(['--version'], { cwd: dir });
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+ \(guidance facts last checked on 1 December 2026\)\n$/);
  });
});

describe('stable findings across days', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-days-'));
    for (const seed of SEEDS) fs.copyFileSync(path.join(FIXTURES, seed), path.join(dir, seed));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a baseline written on 2026-12-01 hides every seed finding on 2026-12-02 and 2027-03-01', { timeout: 60_000 }, async () => {
    const written = await runMain(['--write-baseline', 'b.json', '.'], { cwd: dir, asOf: '2026-12-01' });
    expect(written.code).not.toBe(2);
    for (const asOf of ['2026-12-02', '2027-03-01']) {
      const r = await runMain(['--baseline', 'b.json', '--format', 'json', '.'], { cwd: dir, asOf });
      const messages = (JSON.parse(r.stdout) as { messages: unknown[] }[]).flatMap((x) => x.messages);
      expect(messages, asOf).toEqual([]);
    }
  });

  it('a review date that passes between the two days is a new finding; the date in a message is not', async () => {
    writeIn(dir, 'later/p.md', 'Review date: January 2027\n\nThis policy covers children in kinship care.\n');
    await runMain(['--write-baseline', 'b2.json', 'later'], { cwd: dir, asOf: '2026-12-01' });
    const r = await runMain(['--baseline', 'b2.json', '--format', 'json', 'later'], { cwd: dir, asOf: '2027-03-01' });
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[]).flatMap((x) => x.messages);
    expect(messages.map((m) => m.ruleId)).toEqual(['review-date']);
  });
});

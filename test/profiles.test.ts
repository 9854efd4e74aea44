/**
 * Profiles (src/config/profiles.ts, docs/profiles.md): detected from the document and said, forced by
 * `profile:` in configuration or --profile, declared by packs; a profile only chooses rules.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runMain, seedPath, writeIn, docOf } from './helpers.js';
import { BUILTIN_PROFILES, detectProfile } from '../src/config/profiles.js';
import { withoutNumber } from '../src/domain/vocabulary.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-profiles-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const corpus = (name: string): string => fs.readFileSync(path.join(FIXTURES, 'corpus', name), 'utf8');

describe('detection', () => {
  it('reads the seeds as the Hertfordshire model, other policies of the subject as lac, others as generic', () => {
    const detect = (text: string): string => detectProfile(docOf(text), BUILTIN_PROFILES, withoutNumber).profile.id;
    for (const seed of ['000', '001', '002', '003', '004']) expect(detect(fs.readFileSync(seedPath(seed), 'utf8'))).toBe('herts-csw');
    expect(detect(corpus('devon-style-cic.md'))).toBe('lac');
    expect(detect(corpus('generic-attendance-policy.md'))).toBe('generic');
  });

  it('gives a fragment too short to tell every rule, and says so', () => {
    const { profile, reason } = detectProfile(docOf('Hertfordshire Steps training is booked.\n'), BUILTIN_PROFILES, withoutNumber);
    expect(profile.id).toBe('herts-csw');
    expect(reason).toBe('5 words: too short to tell which model it follows, so every rule runs');
  });
});

describe('the command line', () => {
  const file = writeIn(dir, 'cic.md', corpus('devon-style-cic.md'));
  writeIn(dir, 'herts.txt', fs.readFileSync(seedPath('001'), 'utf8'));

  it('names the profile per file: a "read as" line in stylish, a profile field in JSON', async () => {
    const json = await runMain(['--format', 'json', 'cic.md', 'herts.txt'], { cwd: dir });
    const results = JSON.parse(json.stdout) as { profile: { id: string; title: string; reason: string } }[];
    expect(results.map((r) => r.profile.id)).toEqual(['lac', 'herts-csw']);
    expect(results[1]!.profile.reason).toBe('16 of 16 model sections found, names Hertfordshire');
    const stylish = await runMain(['herts.txt'], { cwd: dir });
    expect(stylish.stdout.replace(/\s+/g, ' ')).toContain(
      'herts.txt read as: Hertfordshire model policy for children with a social worker (16 of 16 model sections found, names Hertfordshire)',
    );
  });

  it('--profile forces one; an unknown one is one line and exit 2', async () => {
    const forced = await runMain(['--format', 'json', '--profile', 'herts-csw', 'cic.md'], { cwd: dir });
    const [r] = JSON.parse(forced.stdout) as { profile: { id: string; reason: string }; messages: { ruleId: string }[] }[];
    expect(r!.profile).toMatchObject({ id: 'herts-csw', reason: 'set by --profile' });
    expect(r!.messages.some((m) => m.ruleId === 'required-sections')).toBe(true);
    const bad = await runMain(['--profile', 'lacc', 'cic.md'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('policy-lint: --profile: unknown profile "lacc"; did you mean "lac"? (profiles: herts-csw, lac, generic)\n');
    expect(fs.existsSync(file)).toBe(true);
  });

  it('profile: in configuration forces one, and --print-config shows it with the profiles known', async () => {
    const sub = path.join(dir, 'forced');
    writeIn(sub, '.policylintrc.yaml', 'profile: generic\n');
    writeIn(sub, 'herts.txt', fs.readFileSync(seedPath('001'), 'utf8'));
    const run = await runMain(['--format', 'json', 'herts.txt'], { cwd: sub });
    const [r] = JSON.parse(run.stdout) as { profile: { id: string; reason: string }; messages: { ruleId: string }[] }[];
    expect(r!.profile).toMatchObject({ id: 'generic', reason: 'set by profile: in .policylintrc.yaml' });
    expect(r!.messages.length).toBeGreaterThan(0);
    expect(r!.messages.every((m) => ['review-date', 'kcsie-current', 'superseded-guidance', 'empty-link', 'placeholder-text'].includes(m.ruleId))).toBe(true);
    const printed = JSON.parse((await runMain(['--print-config', 'herts.txt'], { cwd: sub })).stdout) as { profile: unknown; profiles: { id: string }[] };
    expect(printed.profile).toEqual({ by: 'profile: in .policylintrc.yaml', id: 'generic' });
    expect(printed.profiles.map((p) => p.id)).toEqual(['herts-csw', 'lac', 'generic']);
    writeIn(sub, '.policylintrc.yaml', 'profile: hertz\n');
    const bad = await runMain(['herts.txt'], { cwd: sub });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('policy-lint: .policylintrc.yaml:1:10: profile: unknown profile "hertz" (profiles: herts-csw, lac, generic)\n');
  });

  it('a pack declares its own profile: detected by its phrases and sections, running its rules and the built-in ones it names', async () => {
    const sub = path.join(dir, 'pack');
    writeIn(sub, '.policylintrc.yaml', 'packs: [./exshire.yaml]\n');
    writeIn(
      sub,
      'exshire.yaml',
      [
        'name: exshire',
        'rules:',
        '  - id: exshire/virtual-school-contact',
        '    type: required',
        '    message: The policy gives no contact for the Exshire Virtual School.',
        '    patterns: ["virtual\\\\.school@exshire\\\\.gov\\\\.uk"]',
        'profiles:',
        '  - id: exshire-lac',
        '    title: Exshire model policy for children in care',
        '    rules: [required-roles, review-date]',
        '    detect:',
        '      phrases: [Exshire Virtual School]',
        '',
      ].join('\n'),
    );
    writeIn(sub, 'policy.md', `${corpus('devon-style-cic.md')}\nWe work with the Exshire Virtual School.\n`);
    const run = await runMain(['--format', 'json', 'policy.md'], { cwd: sub });
    const [r] = JSON.parse(run.stdout) as { profile: { id: string; reason: string }; messages: { ruleId: string }[] }[];
    expect(r!.profile).toMatchObject({ id: 'exshire-lac', reason: 'mentions "Exshire Virtual School"' });
    expect(r!.messages.map((m) => m.ruleId)).toEqual(['exshire/virtual-school-contact']);
  });
});

describe('currency under every profile', () => {
  it('a citation of KCSIE 2025 after the date KCSIE 2026 was expected asks to check, whatever the profile', async () => {
    writeIn(dir, 'kcsie.md', '# Safeguarding policy\n\nAll staff read KCSIE 2025 every year.\n');
    for (const profile of ['herts-csw', 'lac', 'generic']) {
      const run = await runMain(['--format', 'json', '--profile', profile, 'kcsie.md'], { cwd: dir, asOf: '2026-12-01' });
      const ids = (JSON.parse(run.stdout) as { messages: { ruleId: string; severity: number }[] }[])[0]!.messages.map((m) => `${m.ruleId}:${m.severity}`);
      expect(ids, profile).toContain('expected-guidance:1');
      const before = await runMain(['--format', 'json', '--profile', profile, 'kcsie.md'], { cwd: dir, asOf: '2026-08-31' });
      const idsBefore = (JSON.parse(before.stdout) as { messages: { ruleId: string }[] }[])[0]!.messages.map((m) => m.ruleId);
      expect(idsBefore, profile).not.toContain('expected-guidance');
    }
  });
});

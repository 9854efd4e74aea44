/**
 * The real-corpus test (as markdownlint runs its rules over real document sets): every built-in rule,
 * under the profile policy-lint detects, over policies of this subject written in the styles of other
 * authorities and trusts (fixtures/corpus/). A finding that fixtures/corpus/expected.yaml does not
 * list is a false alarm and fails the test; so does an expected finding that is not reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';
import { lintFiles } from '../src/runner/api.js';

const dir = path.join(FIXTURES, 'corpus');
const expected = parse(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as Record<string, { profile: string; findings: string[] }>;
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(md|txt)$/.test(f))
  .sort();

describe('corpus of policies from other models', () => {
  it('lists every policy in expected.yaml', () => {
    expect(Object.keys(expected).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s: only the expected findings, under the detected profile', async (name) => {
    const run = await lintFiles([path.join(dir, name)], { cwd: dir, asOf: new Date('2026-11-24T00:00:00Z'), threads: 1 });
    const [result] = run.results;
    expect(result!.profile?.id).toBe(expected[name]!.profile);
    const got = result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
    const want = (expected[name]!.findings ?? []).map((f) =>
      f
        .replace(/\s+#.*$/, '')
        .trim()
        .replace(/\s+/g, ' '),
    );
    expect(got).toEqual(want);
  });

  it('quotes a post holder named with an initial in full ("Mrs D. Example", not "Mrs")', async () => {
    const run = await lintFiles([path.join(dir, 'hull-style-dt-policy.md')], { cwd: dir, asOf: new Date('2026-11-24T00:00:00Z'), threads: 1 });
    const stale = run.results[0]!.messages.filter((m) => m.ruleId === 'stale-academic-year');
    expect(stale.map((m) => m.message)).toEqual([expect.stringContaining('Check that Mrs D. Example still holds it')]);
  });

  it('no Hertfordshire-only rule fires on them unless the profile is forced', async () => {
    const hertsOnly = /^(?:hertfordshire\/|required-sections$|contents-match$|therapeutic-thinking-naming$|ap-full-time-hours$|kinship-care$|duplicate-section$)/;
    const detected = await lintFiles(
      files.map((f) => path.join(dir, f)),
      { cwd: dir, asOf: new Date('2026-11-24T00:00:00Z'), threads: 1 },
    );
    expect(detected.results.flatMap((r) => r.messages.filter((m) => hertsOnly.test(m.ruleId)))).toEqual([]);
    const forced = await lintFiles([path.join(dir, 'bradford-style-lac.md')], { cwd: dir, asOf: new Date('2026-11-24T00:00:00Z'), threads: 1, profile: 'herts-csw' });
    expect(forced.results[0]!.profile).toEqual({ id: 'herts-csw', title: 'Hertfordshire model policy for children with a social worker', reason: 'set by --profile' });
    expect(forced.results[0]!.messages.some((m) => m.ruleId === 'required-sections')).toBe(true);
  });
});

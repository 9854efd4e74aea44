/**
 * The programmatic API (src/runner/api.ts, exported as the package's main
 * entry): the same findings as the command line, nothing printed, problems as
 * notices or thrown errors, and the built package importable by name.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFiles, lintText, outlineFiles, LintUsageError } from '../src/index.js';
import { ConfigError } from '../src/config/errors.js';
import { FIXTURES, ROOT, runMain, seedPath, writeIn } from './helpers.js';

const asOf = new Date('2026-11-24T00:00:00Z');

describe('lintFiles', () => {
  it('finds what the command line finds, in the same order, and prints nothing', async () => {
    const seed = seedPath('001');
    const run = await lintFiles([seed], { cwd: ROOT, asOf, threads: 1 });
    const cli = await runMain([seed, '--format', 'json'], { cwd: ROOT, asOf: '2026-11-24' });
    const fromCli = JSON.parse(cli.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[];
    expect(run.results).toHaveLength(1);
    expect(run.results[0]!.messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual(fromCli[0]!.messages.map((m) => [m.ruleId, m.line, m.column, m.message]));
    expect(run.results[0]!.errorCount).toBeGreaterThan(0);
    expect(run.notices).toEqual([]);
    expect(run.inputProblems).toBe(0);
    expect(run.rules.get('kcsie-current')?.id).toBe('kcsie-current');
  });

  it('collects the lines meant for standard error as notices, or passes them to onNotice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-api-'));
    writeIn(dir, 'good.md', '# Policy\n\nNothing here.\n');
    writeIn(dir, 'bad.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const run = await lintFiles(['.'], { cwd: dir, asOf });
    expect(run.results.map((r) => path.basename(r.filePath))).toEqual(['good.md']);
    expect(run.inputProblems).toBe(1);
    expect(run.notices).toHaveLength(1);
    expect(run.notices[0]).toMatch(/^policy-lint: bad\.md: /);
    const seen: string[] = [];
    const streamed = await lintFiles(['.'], { cwd: dir, asOf, onNotice: (line) => seen.push(line) });
    expect(streamed.notices).toEqual([]);
    expect(seen).toEqual(run.notices);
  });

  it('throws the errors that end a run: a missing --config, a broken configuration', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-api-'));
    writeIn(dir, 'a.md', '# A\n');
    await expect(lintFiles(['a.md'], { cwd: dir, configFile: 'nope.yaml' })).rejects.toThrow(LintUsageError);
    writeIn(dir, '.policylintrc.yaml', 'rules: [\n');
    await expect(lintFiles(['a.md'], { cwd: dir })).rejects.toThrow(ConfigError);
  });
});

describe('lintText', () => {
  it('lints a string and returns the fixed text without writing anything', async () => {
    const text = 'Staff attend Hertfordshire Steps training.\n';
    const run = await lintText(text, { cwd: FIXTURES, asOf, fix: 'safe' });
    expect(run.results).toHaveLength(1);
    expect(run.results[0]!.filePath).toBe(path.join(FIXTURES, '<stdin>'));
    expect(run.results[0]!.output).toBeDefined();
    expect(run.results[0]!.output).not.toContain('Hertfordshire Steps');
    expect(fs.existsSync(path.join(FIXTURES, '<stdin>'))).toBe(false);
  });
});

describe('outlineFiles', () => {
  it('returns the section tree of each file', async () => {
    const run = await outlineFiles([seedPath('000')], { cwd: ROOT });
    expect(run.outlines).toHaveLength(1);
    expect(run.outlines[0]!.sections.length).toBeGreaterThan(5);
    expect(run.outlines[0]!.text.split('\n')[0]).toContain('000_');
  });
});

describe('the built package', () => {
  it('is importable by name, with its types, and lints from a script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> };
    expect(fs.existsSync(path.join(ROOT, pkg.exports['.']!.default))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, pkg.exports['.']!.types))).toBe(true);
    // Node resolves a package's own name from inside it (self-reference through "exports").
    const script = `import { lintFiles } from 'policy-lint';
const run = await lintFiles([${JSON.stringify(seedPath('003'))}], { asOf: new Date('2026-11-24') });
console.log(JSON.stringify({ files: run.results.length, errors: run.results[0].errorCount }));`;
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const parsed = JSON.parse(out.stdout) as { files: number; errors: number };
    expect(parsed.files).toBe(1);
    expect(parsed.errors).toBeGreaterThan(0);
  });
});

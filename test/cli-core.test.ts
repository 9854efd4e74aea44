/**
 * The command line as a user runs it (a subprocess of the built CLI): paths,
 * --outline, --as-of, --version, --help, and one-line errors with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, seedPath, testFolder } from './helpers.js';

function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env } as NodeJS.ProcessEnv,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = testFolder('cli');

describe('CLI basics', () => {
  it('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`${pkg.version} (guidance facts last checked on 1 December 2026)`);
  });

  it('--help shows usage and examples', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: policy-lint');
    expect(r.stdout).toContain('--as-of');
    expect(r.stdout).toContain('Examples:');
  });

  it('lints a seed with stylish output, rule ids and exit code 1', () => {
    const r = run([path.relative(ROOT, seedPath('001')), '--as-of', '2026-11-24']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^fixtures\/001_240c3c96cc5773fb\.txt$/m);
    // Said once: the five renames are one entry naming its lines, with the sentence quoted and the words marked.
    expect(r.stdout).toMatch(
      /^ {2}5 times +error {4}"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire"\s+\(renamed 6\s+September 2024\)\. {2}therapeutic-thinking-naming\n {2,}at lines 68, 366, 368, 370 and 372\n {2,}\| .*«Hertfordshire Steps».*$/m,
    );
    expect(r.stdout).toMatch(/✖ \d+ things to change before this policy is approved; \d+ to tidy up\.\s\d+ can be changed for you: run policy-lint --fix\.\n/);
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(r.stderr).toBe('');
  });

  it('exits 0 and prints nothing for a clean file', () => {
    const file = path.join(tmp, 'clean.md');
    fs.writeFileSync(file, 'Hertfordshire Therapeutic Thinking\n\nWe use Therapeutic Thinking.\n');
    const r = run([file, '--as-of', '2026-11-24', '--format', 'json']);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string }[] }[];
    expect(result!.messages.filter((m) => m.ruleId === 'therapeutic-thinking-naming')).toEqual([]);
  });

  it("JSON output follows ESLint's shape", () => {
    const r = run([seedPath('002'), '--as-of', '2026-11-24', '--format', 'json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ filePath: seedPath('002') });
    const m = (results[0]!.messages as Record<string, unknown>[]).find((x) => x.ruleId === 'therapeutic-thinking-naming' && x.line === 411);
    expect(m).toMatchObject({ severity: 2, line: 411, column: 5, endLine: 411, endColumn: 24 });
    expect(typeof results[0]!.errorCount).toBe('number');
    expect(typeof results[0]!.warningCount).toBe('number');
  });

  it('recurses into directories for .md, .markdown and .txt, and expands globs', () => {
    const dir = path.join(tmp, 'tree');
    fs.mkdirSync(path.join(dir, 'sub', 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.md'), 'Hertfordshire Steps\n');
    fs.writeFileSync(path.join(dir, 'sub', 'b.markdown'), 'Herts Steps\n');
    fs.writeFileSync(path.join(dir, 'sub', 'c.txt'), 'the Steps approach\n');
    fs.writeFileSync(path.join(dir, 'sub', 'd.docx'), 'Hertfordshire Steps\n');
    fs.writeFileSync(path.join(dir, 'sub', 'node_modules', 'e.md'), 'Hertfordshire Steps\n');
    const viaDir = JSON.parse(run([dir, '--format', 'json', '--as-of', '2026-11-24']).stdout) as { filePath: string }[];
    expect(viaDir.map((r) => path.relative(dir, r.filePath)).sort()).toEqual(['a.md', 'sub/b.markdown', 'sub/c.txt']);
    const viaGlob = JSON.parse(run(['**/*.md', '--format', 'json', '--as-of', '2026-11-24'], { cwd: dir }).stdout) as { filePath: string }[];
    expect(viaGlob.map((r) => path.relative(dir, r.filePath))).toEqual(['a.md']);
  });
});

describe('--outline', () => {
  it('prints the section tree as indented text', () => {
    const r = run(['--outline', seedPath('000')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n  Appendix 2  316-332');
    expect(r.stdout).toContain('\n    Multi-Agency Working  329-332  [multi-agency-working]');
  });

  it('prints JSON with title, level, line, column, endLine and children', () => {
    const r = run(['--outline', '--format', 'json', seedPath('003')]);
    const [file] = JSON.parse(r.stdout) as { filePath: string; sections: Record<string, unknown>[] }[];
    expect(file!.filePath).toBe(seedPath('003'));
    const objective = file!.sections.find((s) => s.title === 'Policy Objective');
    expect(objective).toEqual({ title: 'Policy Objective', level: 1, line: 35, column: 1, endLine: 42, children: [] });
  });
});

describe('input problems: one line, exit code 2, no stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['no-such-policy.md'], /^policy-lint: no-such-policy\.md: no such file or directory\n$/],
    ['glob matching nothing', ['nothing/**/*.md'], /^policy-lint: nothing\/\*\*\/\*\.md: no files match this pattern\n$/],
    ['unknown option', ['--frobnicate', 'x.md'], /^policy-lint: unknown option '--frobnicate' \(policy-lint --help lists the options\)\n$/],
    ['bad --as-of', [seedPathRel('000'), '--as-of', '2026-02-30'], /^policy-lint: --as-of: "2026-02-30" is not a real date \(February 2026 has 28 days\)\n$/],
    ['unknown format', [seedPathRel('000'), '--format', 'xml'], /^policy-lint: --format: "xml" is not one of stylish, compact, .*\n$/],
    ['no paths', [], /^policy-lint: no files given: try "policy-lint policy\.md" or "policy-lint --help"\n$/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a directory with no policy files', () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    fs.writeFileSync(path.join(empty, 'notes.odt'), 'x');
    const r = run([empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`policy-lint: ${empty}: no policy files (.md, .markdown, .txt, .docx, .pdf) in this directory\n`);
  });

  it('a binary file is reported and skipped, the rest linted', () => {
    const bin = path.join(tmp, 'scan.txt');
    fs.writeFileSync(bin, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x00, 0x01]));
    const r = run([bin, seedPath('001'), '--format', 'json', '--as-of', '2026-11-24']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-lint: .*scan\.txt: binary file \(contains NUL bytes\); policy-lint reads Markdown or plain text; skipped\n$/);
    const results = JSON.parse(r.stdout) as { filePath: string }[];
    expect(results.map((x) => x.filePath)).toEqual([seedPath('001')]);
  });
});

function seedPathRel(prefix: string): string {
  return path.relative(
    ROOT,
    path.join(
      FIXTURES,
      fs.readdirSync(FIXTURES).find((f) => f.startsWith(prefix))!,
    ),
  );
}

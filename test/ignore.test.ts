/**
 * Ignoring files: .policylintignore (gitignore syntax) in the current
 * directory, repeatable --ignore-pattern, --no-ignore, and a warning for a
 * file named explicitly but ignored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filterIgnored, loadIgnore } from '../src/runner/ignore.js';
import { main } from '../src/cli/main.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-ignore-'));
  for (const f of ['a.md', 'drafts/b.md', 'drafts/keep.md', 'old/c.txt', 'notes/d.markdown']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), 'Text.\n');
  }
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function linted(args: string[]): Promise<{ code: number; files: string[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'policy-lint', '--as-of', '2026-11-24', '--format', 'json', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: dir,
    env: {},
    isTTY: false,
  });
  const files = stdout ? (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath).split(path.sep).join('/')) : [];
  return { code, files, stderr };
}

describe('loadIgnore', () => {
  it('reads gitignore syntax from .policylintignore, with negation and comments', () => {
    fs.writeFileSync(path.join(dir, '.policylintignore'), '# drafts are not policies yet\r\ndrafts/\n!drafts/keep.md\n*.txt\n');
    const m = loadIgnore(dir);
    expect(m.reason(path.join(dir, 'drafts/b.md'))).toBe('pattern "drafts/" in .policylintignore');
    expect(m.reason(path.join(dir, 'old/c.txt'))).toBe('pattern "*.txt" in .policylintignore');
    expect(m.reason(path.join(dir, 'a.md'))).toBeUndefined();
    // As in git, a file cannot be re-included when its folder is excluded.
    expect(m.reason(path.join(dir, 'drafts/keep.md'))).toBe('pattern "drafts/" in .policylintignore');
  });

  it('adds --ignore-pattern patterns and never ignores files outside the current directory', () => {
    const m = loadIgnore(dir, ['notes/**', 'a.md']);
    expect(m.reason(path.join(dir, 'notes/d.markdown'))).toBe('--ignore-pattern "notes/**"');
    expect(m.reason(path.join(dir, 'a.md'))).toBe('--ignore-pattern "a.md"');
    expect(m.reason('/somewhere/else/a.md')).toBeUndefined();
  });

  it('ignores nothing without a file or patterns, or with useFile false', () => {
    expect(loadIgnore(dir).reason(path.join(dir, 'a.md'))).toBeUndefined();
    fs.writeFileSync(path.join(dir, '.policylintignore'), 'a.md\n');
    expect(loadIgnore(dir, [], false).reason(path.join(dir, 'a.md'))).toBeUndefined();
  });

  it('filterIgnored warns only about explicitly named files', () => {
    const m = loadIgnore(dir, ['drafts/']);
    const b = path.join(dir, 'drafts/b.md');
    const keep = path.join(dir, 'drafts/keep.md');
    const a = path.join(dir, 'a.md');
    expect(filterIgnored([a, b, keep], m, new Set([b]))).toEqual({ kept: [a], warnings: [{ file: b, reason: '--ignore-pattern "drafts/"' }] });
  });
});

describe('ignoring on the command line', () => {
  it('skips ignored files found in folders silently', async () => {
    fs.writeFileSync(path.join(dir, '.policylintignore'), 'drafts/\nold/\n');
    expect(await linted(['.'])).toMatchObject({ files: ['a.md', 'notes/d.markdown'], stderr: '' });
  });

  it('skips an explicitly named but ignored file with a warning', async () => {
    fs.writeFileSync(path.join(dir, '.policylintignore'), 'drafts/\n');
    const res = await linted(['a.md', 'drafts/b.md']);
    expect(res.files).toEqual(['a.md']);
    expect(res.stderr).toBe('policy-lint: warning: drafts/b.md skipped: it is ignored (pattern "drafts/" in .policylintignore); use --no-ignore to lint it\n');
    expect(res.code).not.toBe(2);
  });

  it('takes repeatable --ignore-pattern, and --no-ignore turns all ignoring off', async () => {
    expect((await linted(['.', '--ignore-pattern', 'drafts/', '--ignore-pattern', '*.txt'])).files).toEqual(['a.md', 'notes/d.markdown']);
    fs.writeFileSync(path.join(dir, '.policylintignore'), 'drafts/\n');
    expect((await linted(['.', '--ignore-pattern', 'notes/', '--no-ignore'])).files).toEqual(['a.md', 'drafts/b.md', 'drafts/keep.md', 'notes/d.markdown', 'old/c.txt']);
  });

  it('applies to files matched by a glob', async () => {
    expect((await linted(['**/*.md', '--ignore-pattern', 'drafts/b.md'])).files).toEqual(['a.md', 'drafts/keep.md']);
  });
});

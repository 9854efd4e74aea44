/**
 * Hardening, round three (issue 17 items 17-20 and the messages on standard
 * error): one regression test per defect. Each test failed before its fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli, writeIn } from './helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-hardening3-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, content: string | Uint8Array): string => writeIn(tmp, name, content);
const AS_OF = ['--as-of', '2026-11-24'];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('item 18: --fix keeps the mode bits (setuid, setgid, sticky) and the owner', () => {
  // "Hertfordshire Steps" has one safe fix (therapeutic-thinking-naming).
  it.skipIf(!isRoot)(`a file of another owner with mode 6755 keeps both${isRoot ? '' : ' (skipped: only root can give a file another owner)'}`, async () => {
    const file = write('mode/setid.md', 'Hertfordshire Steps\n');
    fs.chownSync(file, 1234, 5678);
    fs.chmodSync(file, 0o6755);
    const r = await spawnCli(['mode/setid.md', '--fix', '--quiet', ...AS_OF], { cwd: tmp });
    expect(r.stderr).toBe('policy-lint: fixed 1 problem in 1 file\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('Therapeutic Thinking Hertfordshire\n');
    const stat = fs.statSync(file);
    expect((stat.mode & 0o7777).toString(8)).toBe('6755');
    expect([stat.uid, stat.gid]).toEqual([1234, 5678]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['setid.md']);
  });

  it('a file of our own with mode 6750 or 1640 keeps its set-id and sticky bits', async () => {
    for (const mode of [0o6750, 0o1640]) {
      const file = write(`mode/own-${mode.toString(8)}.md`, 'Hertfordshire Steps\n');
      fs.chmodSync(file, mode);
      const r = await spawnCli([path.relative(tmp, file), '--fix', '--quiet', ...AS_OF], { cwd: tmp });
      expect(r.stderr).toBe('policy-lint: fixed 1 problem in 1 file\n');
      expect((fs.statSync(file).mode & 0o7777).toString(8)).toBe(mode.toString(8));
    }
  });
});

describe('standard error names files visibly (no control character from a file name reaches the terminal raw)', () => {
  const evil = 'evil\u001b[2J\n::error file=x.md::owned\u009b31m\u202e';
  const shown = 'evil\\x1b[2J\\n::error file=x.md::owned\\x9b31m\\u202e';

  it('a skipped binary file, a read-only file --fix cannot write, a missing path, a missing baseline, --print-text', async () => {
    const dir = `names/${evil}`;
    write(`${dir}/binary.md`, '\u0000\u0001binary');
    const readOnly = write(`${dir}/ro.md`, 'Hertfordshire Steps\n');
    fs.chmodSync(readOnly, 0o444);
    const lint = await spawnCli([dir, `gone-${evil}.md`, '--fix', '--quiet', '-f', 'compact', ...AS_OF], { cwd: tmp });
    expect(lint.stderr).toBe(
      `policy-lint: gone-${shown}.md: no such file or directory\n` +
        `policy-lint: names/${shown}/binary.md: binary file (contains NUL bytes); policy-lint reads Markdown or plain text; skipped\n` +
        `policy-lint: names/${shown}/ro.md: is read-only, so it was not changed\n`,
    );
    expect(lint.code).toBe(2);
    const baseline = await spawnCli([`${dir}/ro.md`, '--baseline', `${evil}.json`, ...AS_OF], { cwd: tmp });
    expect(baseline.stderr).toBe(`policy-lint: ${shown}.json: no such baseline file (create one with --write-baseline)\n`);
    expect(baseline.code).toBe(2);
    const text = await spawnCli(['--print-text', `${dir}/binary.md`], { cwd: tmp });
    expect(text.stderr).toBe(`policy-lint: names/${shown}/binary.md: binary file (contains NUL bytes); policy-lint reads Markdown or plain text\n`);
    expect(text.code).toBe(2);
  });
});

describe('--as-of takes a four-digit year', () => {
  it('a two-digit year is not a date in the form YYYY-MM-DD; year 0026 is out of range, not "not a real date"', async () => {
    write('asof.md', 'Fine.\n');
    const two = await spawnCli(['asof.md', '--as-of', '26-09-01'], { cwd: tmp });
    expect([two.code, two.stdout, two.stderr]).toEqual([2, '', 'policy-lint: --as-of: "26-09-01" is not a date in the form YYYY-MM-DD\n']);
    const early = await spawnCli(['asof.md', '--as-of', '0026-09-01'], { cwd: tmp });
    expect([early.code, early.stdout, early.stderr]).toEqual([2, '', 'policy-lint: --as-of: the date 0026-09-01 is out of range: give a day from 1900-01-01 to 2199-12-31\n']);
    const leap = await spawnCli(['asof.md', '--as-of', '2100-02-29'], { cwd: tmp });
    expect(leap.stderr).toBe('policy-lint: --as-of: "2100-02-29" is not a real date (February 2100 has 28 days)\n');
  });
});

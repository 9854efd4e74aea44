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

/**
 * policy-lint on the Node.js LTS lines it supports besides the one running the tests: 22 and 24 (20 reached its
 * end of life on 30 April 2026 but still works; `engines` says >=20.19.0). Each is fetched from the npm registry's
 * `node` package with npx, which needs network access, and runs the built CLI over the seeds, with worker
 * threads and without: the report must be byte for byte the one this Node.js gives.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, SEEDS } from '../helpers.js';

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const seeds = SEEDS.map((s) => `fixtures/${s}`);
const cases = [
  ['--format', 'json', '--no-threads', ...seeds],
  ['--format', 'sarif', '--threads', '2', ...seeds, 'fixtures/current-policy.md'],
];

describe.each(['22', '24'])('on Node.js %s', (major) => {
  it('gives the same reports and exit codes as on this Node.js', async () => {
    const version = await run('npx', ['-y', '-p', `node@${major}`, '--', 'node', '--version']);
    expect(version.stdout.trim()).toMatch(new RegExp(`^v${major}\\.`));
    for (const args of cases) {
      const here = await run(process.execPath, [BIN, '--as-of', '2026-11-24', ...args]);
      const there = await run('npx', ['-y', '-p', `node@${major}`, '--', 'node', BIN, '--as-of', '2026-11-24', ...args]);
      expect(here.code).toBe(1);
      expect(there.stderr).toBe(here.stderr);
      expect(there.stdout).toBe(here.stdout);
      expect(there.code).toBe(here.code);
    }
  }, 600_000);
});

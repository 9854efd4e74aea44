/**
 * Slow tier: inputs of 2 MB and 20 MB, linted as a user runs them (the built
 * CLI in a subprocess), to show that size alone never crashes a run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliRun, FIXTURES, SEEDS, spawnCli, testFolder, writeIn } from '../helpers.js';

const tmp = testFolder('large');

function run(args: string[], options: { cwd?: string; node?: string[]; uid?: number; timeout?: number } = {}): Promise<CliRun> {
  return spawnCli(args, { ...options, cwd: options.cwd ?? tmp });
}

function write(name: string, content: string | Uint8Array): string {
  return writeIn(tmp, name, content);
}

const AS_OF = ['--as-of', '2026-11-24'];

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

describe('large inputs', () => {
  it('a 20 MB policy (the seeds, repeated) lints without crashing', async () => {
    const seeds = SEEDS.map((s) => fs.readFileSync(path.join(FIXTURES, s), 'utf8'));
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const part = `${seeds[i % seeds.length]}\n\n`;
      parts.push(part);
      size += part.length;
    }
    const text = parts.join('');
    const f = write('big/twenty.md', text);
    const lines = text.split('\n').length;
    const r = await run([f, '--format', 'compact', '--no-threads', ...AS_OF], { timeout: 600_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    // Findings all the way to the last copy of the seeds.
    const last = Math.max(...r.stdout.split('\n').map((l) => Number(/^big\/twenty\.md:(\d+):/.exec(l)?.[1] ?? 0)));
    expect(last).toBeGreaterThan(lines - 1000);
  }, 600_000);

  it('a 2 MB single line of policy text lints, with positions far along the line', async () => {
    const words = SEEDS.map((s) => fs.readFileSync(path.join(FIXTURES, s), 'utf8'))
      .join(' ')
      .replace(/\s+/g, ' ');
    let line = '';
    while (line.length < 2 * 1024 * 1024) line += `${words} `;
    const f = write('big/line.md', `Title\n\n${line}\n`);
    const r = await run([f, '--format', 'json', ...AS_OF], { timeout: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    expect(result!.messages.some((m) => m.line === 3 && m.column > 2_000_000)).toBe(true);
  }, 300_000);
});

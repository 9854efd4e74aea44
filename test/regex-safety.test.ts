/**
 * Regular expressions cannot freeze a run (issue 17, items 4-6): the built-in
 * placeholder patterns stay fast on long runs of spaces, tabs and dots, and
 * every pattern a user supplies (packs, rule options, settings.guidance) is
 * compiled and checked for super-linear backtracking before it is used.
 * Each test failed before its fix; a hung case is bounded by the subprocess
 * timeout, not by a timing assertion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli, writeIn } from './helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-regex-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Long enough that the old patterns took minutes; the fixed ones take a moment. */
const BOUND = { timeout: 30_000 };

describe('item 4: placeholder-text is linear on long runs of white space and dots', () => {
  const cases: [string, string, string[]][] = [
    // The TBC pattern's lookbehind read back over every space before each position.
    ['spaces.md', `Review ${' '.repeat(100_000)}date\n`, []],
    ['tabs.md', `${'\t'.repeat(100_000)}x\n`, []],
    // The same, with a finding after the run (the lookbehind still applies).
    ['tbc.md', `Review date:${' '.repeat(50_000)}TBC\n`, ['1:50013 "TBC"']],
    // "enter name" as a value, after a long run of spaces.
    ['enter.md', `Name:${' '.repeat(50_000)}enter name\n`, ['1:50006 "enter name"']],
    // A dotted leader with a page number: the run of dots was re-tried from every dot, and at every length.
    ['leader.md', `Contents${'.'.repeat(20_000)} 3\n`, []],
    ['blank.md', `Signed${'.'.repeat(20_000)}\n`, ['1:7 "....."']],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: finishes and reports ${expected.length ? expected.join(', ') : 'nothing'}`, async () => {
      writeIn(tmp, name, text);
      const run = await spawnCli(['--as-of', '2026-11-24', '--format', 'json', name], { cwd: tmp, ...BOUND });
      expect(run.stderr).toBe('');
      expect([0, 1]).toContain(run.code);
      const found = (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[])[0]!.messages
        .filter((m) => m.ruleId === 'placeholder-text')
        .map((m) => `${m.line}:${m.column} ${m.message.slice(0, m.message.indexOf('"', 1) + 1)}`);
      expect(found.map((f) => f.replace(/"\.{5,}"/, '"....."'))).toEqual(expected);
    });
  }
});

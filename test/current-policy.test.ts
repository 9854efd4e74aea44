/**
 * A current, complete policy (fixtures/current-policy.md, written from seed
 * 000 with everything brought up to date to the facts checked on 1 December 2026:
 * the July 2026 exclusion guidance, KCSIE cited without a year while the 2026
 * edition is only expected, the Therapeutic Thinking contact of April 2025) draws nothing from any rule, built-in
 * or from the Hertfordshire pack; and the same text made stale again is caught,
 * so the clean result is not an accident of the file failing to be read.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT } from './helpers.js';

const CURRENT = path.join(FIXTURES, 'current-policy.md');

function lintJson(file: string): { code: number | null; messages: { ruleId: string; line: number; severity: number }[] } {
  const r = spawnSync(process.execPath, [BIN, file, '--as-of', '2026-11-24', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; severity: number }[] }[];
  return { code: r.status, messages: result!.messages };
}

describe('a current, complete policy', () => {
  it('draws no error and no warning from any rule at 2026-11-24', () => {
    const { code, messages } = lintJson(CURRENT);
    expect(messages).toEqual([]);
    expect(code).toBe(0);
  });

  it('is caught again when its facts are made stale', () => {
    const text = fs
      .readFileSync(CURRENT, 'utf8')
      .replace('(All staff), the edition in force,', '(All staff) September 2023')
      .replace('full time (32.5 hours)', 'full time (25 hours)')
      .replace('Hertfordshire Therapeutic Thinking\n', 'Hertfordshire Steps\n')
      .replace('To be reviewed: Autumn 2027', 'To be reviewed: Autumn 2025');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-current-'));
    const file = path.join(dir, 'stale.md');
    fs.writeFileSync(file, text);
    try {
      const { code, messages } = lintJson(file);
      expect(code).toBe(1);
      expect(messages.map((m) => m.ruleId).sort()).toEqual(['ap-full-time-hours', 'kcsie-current', 'review-date', 'therapeutic-thinking-naming']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * No severity escalation anywhere: over every fixture (the seeds, current-policy.md and the corpus of
 * policies from other models), every finding has exactly the severity its rule is configured at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';
import { lintFiles } from '../src/runner/api.js';
import { ConfigResolver } from '../src/config/index.js';

const corpus = path.join(FIXTURES, 'corpus');
const files = [
  ...fs
    .readdirSync(FIXTURES)
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => path.join(FIXTURES, f)),
  ...(fs.existsSync(corpus)
    ? fs
        .readdirSync(corpus)
        .filter((f) => /\.(md|txt)$/.test(f))
        .map((f) => path.join(corpus, f))
    : []),
];

describe('severities', () => {
  it("every finding's severity is its rule's configured severity", async () => {
    const asOf = new Date('2026-11-24T00:00:00Z');
    const run = await lintFiles(files, { cwd: FIXTURES, asOf, threads: 1 });
    const resolver = new ConfigResolver({ cwd: FIXTURES, asOf });
    let checked = 0;
    for (const result of run.results) {
      const config = resolver.forFile(result.filePath);
      for (const m of result.messages) {
        if (m.ruleId.startsWith('policy-lint/')) continue; // directive and encoding checks are not configurable rules
        const configured = config.rules[m.ruleId]?.severity;
        expect(`${path.basename(result.filePath)}:${m.line} ${m.ruleId} ${m.severity}`).toBe(`${path.basename(result.filePath)}:${m.line} ${m.ruleId} ${configured}`);
        checked++;
      }
    }
    expect(run.results.length).toBe(files.length);
    expect(checked).toBeGreaterThan(100);
  });
});

#!/usr/bin/env node
/**
 * Writes docs/example-report.html: the html report of the five seed policies
 * and the current model policy in fixtures/, as a reader will get it, judged
 * as at a pinned date so that the example changes only when policy-lint's
 * findings or the report itself change. test/example-report.test.ts fails
 * when the committed file is stale; then run (after npm run build):
 *
 *   node scripts/build-example-report.mjs
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const AS_OF = '2026-11-24';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The inputs, relative to the repository (so that the report names them so). */
export function exampleInputs() {
  return fs
    .readdirSync(path.join(root, 'fixtures'))
    .filter((name) => /^\d{3}_.*\.txt$/.test(name) || name === 'current-policy.md')
    .sort()
    .map((name) => `fixtures/${name}`);
}

/** The report, as text (written to `out`). */
export function buildExampleReport(out) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'policy-lint.js'), '--as-of', AS_OF, '--no-color', '--format', 'html', '-o', out, ...exampleInputs()], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`policy-lint failed (exit ${result.status}): ${result.stderr}`);
  return fs.readFileSync(out, 'utf8');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.join(root, 'docs', 'example-report.html');
  buildExampleReport(out);
  process.stdout.write(`wrote ${path.relative(root, out)}\n`);
}

#!/usr/bin/env node
/**
 * Writes policy-lint's report on every fixture and seed, in every format, to a
 * folder, so that two versions of the code can be compared byte for byte:
 *
 *   node scripts/report-snapshot.mjs /tmp/before      (on the old commit)
 *   node scripts/report-snapshot.mjs /tmp/after       (on the new one)
 *   diff -r /tmp/before /tmp/after
 *
 * Runs the built CLI (npm run build first) with a pinned --as-of date, one
 * process per file and format, and records the exit code beside the output.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node scripts/report-snapshot.mjs OUTPUT-FOLDER [AS-OF]\n');
  process.exit(2);
}
const asOf = process.argv[3] ?? '2026-11-24';
const formats = (process.env.SNAPSHOT_FORMATS ?? 'stylish,compact,json,sarif,github,junit,html,csv,csv-summary').split(',');
const inputs = fs
  .readdirSync(path.join(root, 'fixtures'))
  .filter((name) => /\.(md|txt)$/.test(name))
  .map((name) => path.join('fixtures', name));
fs.mkdirSync(out, { recursive: true });
for (const input of inputs) {
  const runs = formats.map((format) => [format, ['--format', format]]);
  runs.push(['outline', ['--outline']]);
  for (const [label, args] of runs) {
    const result = spawnSync(process.execPath, [path.join(root, 'bin', 'policy-lint.js'), '--as-of', asOf, '--no-color', ...args, input], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', GITHUB_STEP_SUMMARY: '' },
    });
    const file = path.join(out, `${path.basename(input)}.${label}`);
    // Paths are written relative to the checkout, so that two checkouts can be compared.
    const strip = (text) => text.split(root).join('<root>');
    fs.writeFileSync(file, `exit ${result.status}\n--- stdout\n${strip(result.stdout)}--- stderr\n${strip(result.stderr)}`);
  }
}
process.stdout.write(`${inputs.length} inputs x ${formats.length + 1} reports written to ${out}\n`);

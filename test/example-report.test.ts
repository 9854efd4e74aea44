/**
 * docs/example-report.html is what `scripts/build-example-report.mjs` makes
 * from the seeds now: a reader sees the report they will get. When this
 * fails, run `npm run build && node scripts/build-example-report.mjs` and
 * commit the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// @ts-expect-error a plain ES module script without types
const { buildExampleReport, exampleInputs } = (await import('../scripts/build-example-report.mjs')) as {
  buildExampleReport: (out: string) => string;
  exampleInputs: () => string[];
};

/** policy-lint's own version is the one thing allowed to differ (a release bumps it). */
const unversioned = (html: string): string =>
  html.replace(/policy-lint( version)? \d+\.\d+\.\d+[\w.+-]*/g, 'policy-lint$1 VERSION').replace(/(<dd>)version \d+\.\d+\.\d[\w.+-]*(<\/dd>)/g, '$1version VERSION$2');

it('docs/example-report.html is up to date (regenerate: node scripts/build-example-report.mjs)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-example-'));
  try {
    const fresh = buildExampleReport(path.join(dir, 'report.html'));
    const committed = fs.readFileSync(path.join(ROOT, 'docs', 'example-report.html'), 'utf8');
    expect(exampleInputs().length).toBe(6);
    for (const input of exampleInputs()) expect(committed).toContain(input);
    expect(unversioned(committed) === unversioned(fresh), 'docs/example-report.html is stale: run node scripts/build-example-report.mjs').toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

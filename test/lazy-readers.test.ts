// The Word and PDF readers are loaded only when a run has such a file (issue 13: a Markdown-only run must
// not get slower). The built CLI runs with a loader hook that records every module it loads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, spawnCli } from './helpers.js';

const HOOK = path.join(ROOT, 'test', 'support', 'record-imports.mjs');

async function loaded(file: string): Promise<{ code: number | null; modules: string[] }> {
  const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-lazy-')), 'modules.txt');
  const run = await spawnCli([file, '--as-of', '2026-11-24', '--no-threads'], {
    cwd: ROOT,
    node: ['--import', HOOK],
    env: { POLICY_LINT_RECORD_IMPORTS: record },
  });
  const modules = fs.readFileSync(record, 'utf8').trim().split('\n');
  return { code: run.code, modules };
}

const wordReader = (m: string) => /\/dist\/bundle\/docx-[^/]*\.js$/.test(m);
const pdfReader = (m: string) => /\/dist\/bundle\/pdf-[^/]*\.js$/.test(m) || m.includes('/node_modules/pdfjs-dist/');

describe('readers are loaded only when a run needs them', () => {
  it('a Markdown file loads neither the Word nor the PDF reader', async () => {
    const { code, modules } = await loaded(path.join(FIXTURES, 'current-policy.md'));
    expect(code).toBe(0);
    expect(modules.some((m) => m.endsWith('/dist/bundle/cli.js'))).toBe(true);
    expect(modules.filter(wordReader)).toEqual([]);
    expect(modules.filter(pdfReader)).toEqual([]);
  });

  it('a .docx loads the Word reader and not the PDF one', async () => {
    const { modules } = await loaded(path.join(FIXTURES, 'formats', 'seed-001.docx'));
    expect(modules.filter(wordReader)).toHaveLength(1);
    expect(modules.filter(pdfReader)).toEqual([]);
  });

  it('a PDF loads pdf.js', async () => {
    const { modules } = await loaded(path.join(FIXTURES, 'formats', 'seed-001.pdf'));
    expect(modules.some((m) => m.includes('/node_modules/pdfjs-dist/'))).toBe(true);
    expect(modules.filter(wordReader)).toEqual([]);
  });
});

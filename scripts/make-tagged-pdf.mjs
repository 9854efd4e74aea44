#!/usr/bin/env node
/**
 * Build fixtures/formats/tagged.pdf: a tagged PDF (with a structure tree) as a browser prints one, for the test
 * that the PDF reader takes headings from structure tags. Chromium's "print to PDF" tags headings in the
 * structure tree only (the page's content is marked /NonStruct), so a reader that looks at marked-content tags
 * alone, or at font sizes, misses them. The page has:
 * - an H1 title in a larger font (a heading by its size too);
 * - two H2 headings in the body text's own size and weight, one of them a sentence with a comma and a full stop
 *   (nothing but its tag makes it a heading), each followed by body text;
 * - under the sentence-like heading, a citation of KCSIE 2022, so that a finding's section shows the heading
 *   was read.
 *
 *   node scripts/make-tagged-pdf.mjs [path-to-chromium]   (default: $CHROMIUM, else "chromium" on the PATH)
 *
 * The PDF is committed; tests read it and do not need Chromium. Chromium writes the time of printing into the
 * file, so each run gives different bytes with the same content.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'fixtures', 'formats', 'tagged.pdf');
const chromium = process.argv[2] ?? process.env.CHROMIUM ?? 'chromium';

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Children Looked After Policy</title>
<style>
  body { font-family: sans-serif; font-size: 11pt; line-height: 1.4; margin: 2cm; }
  h1 { font-size: 20pt; }
  h2 { font-size: 11pt; font-weight: normal; margin: 1em 0 0; }
</style>
</head>
<body>
<h1>Children Looked After Policy</h1>
<p>This policy sets out how the school supports children looked after and previously looked after, and who is
responsible for each part of that support.</p>
<h2>How we work with the Virtual School, and when.</h2>
<p>The Designated Teacher meets the Virtual School Head each term to review each child's Personal Education Plan,
and follows KCSIE 2022 in all safeguarding work.</p>
<h2>Roles and Responsibilities</h2>
<p>The Designated Teacher for Children Looked After is Ms A. Example.</p>
</body>
</html>
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-tagged-'));
try {
  const page = path.join(dir, 'policy.html');
  fs.writeFileSync(page, html);
  const pdf = path.join(dir, 'policy.pdf');
  execFileSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${pdf}`, `file://${page}`],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 },
  );
  const bytes = fs.readFileSync(pdf);
  if (!bytes.includes('/StructTreeRoot')) throw new Error(`${chromium} wrote a PDF without a structure tree: it is not tagged`);
  fs.writeFileSync(out, bytes);
  console.log(`wrote ${path.relative(root, out)} (${bytes.length} bytes)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

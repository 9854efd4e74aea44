/**
 * The --outline of every fixture, pinned in test/outlines/: a change to how headings are found or
 * nested shows up here as a reviewed diff (run `npx vitest run test/outline-pinned.test.ts -u` to accept).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docOfFile, FIXTURES, ROOT } from './helpers.js';
import { outlineText } from '../src/document/outline.js';

const files = [
  ...fs
    .readdirSync(FIXTURES)
    .filter((f) => /\.(md|txt)$/.test(f))
    .map((f) => path.join(FIXTURES, f)),
  ...(fs.existsSync(path.join(FIXTURES, 'corpus'))
    ? fs
        .readdirSync(path.join(FIXTURES, 'corpus'))
        .filter((f) => /\.(md|txt)$/.test(f))
        .map((f) => path.join(FIXTURES, 'corpus', f))
    : []),
].sort();

describe('--outline of every fixture', () => {
  it.each(files.map((f) => [path.relative(ROOT, f).split(path.sep).join('/'), f]))('%s', async (shown, file) => {
    const text = `${outlineText(shown, docOfFile(file))}\n`;
    await expect(text).toMatchFileSnapshot(path.join(ROOT, 'test', 'outlines', `${path.basename(file)}.outline.txt`));
  });
});

/**
 * Hardening, round two (issue 17): one regression test per defect an
 * adversarial test found. Each test failed before its fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docOf, runMain, spawnCli, writeIn } from './helpers.js';
import { stylish } from '../src/formatters/stylish.js';
import { compact } from '../src/formatters/compact.js';
import { github } from '../src/formatters/github.js';
import { visible } from '../src/formatters/shared.js';
import { outlineText } from '../src/document/outline.js';
import { summarize } from '../src/engine/summary.js';
import type { Diagnostic } from '../src/types.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-hardening2-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, content: string | Uint8Array): string => writeIn(tmp, name, content);

/** No raw control character other than the line breaks a report is made of. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('items 13-14: control characters from policies and file names are shown, not acted on', () => {
  const hostile = 'Link \u001b]0;pwned\u0007\u001b[2J\u001b[1A\u001b[2K\u2714 No problems found\u009b31m\u202e';
  const diag: Diagnostic = {
    ruleId: 'placeholder-text',
    severity: 'error',
    message: `"${hostile}" is a placeholder`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 5,
  } as Diagnostic;
  const results = [summarize(path.join(tmp, 'evil\n::error file=x.md::owned\u001b[0m.md'), [diag])];
  const ctx = { cwd: tmp, color: false, rules: new Map(), version: '0', suppressed: 0 };

  it('visible() shows every control character as an escape', () => {
    expect(visible('a\u001b[2Jb\nc\td\u0007\u009b\u202e\u2028')).toBe('a\\x1b[2Jb\\nc\\td\\x07\\x9b\\u202e\\u2028');
    expect(visible('plain text, caf\u00e9 \u2714')).toBe('plain text, caf\u00e9 \u2714');
  });

  for (const [name, formatter] of [
    ['stylish', stylish],
    ['compact', compact],
    ['github', github],
  ] as const) {
    it(`${name} (no colour) prints no raw control character from the message or the file name`, () => {
      const out = formatter(results, ctx);
      expect(out).not.toMatch(RAW_CONTROL);
      expect(out).toContain('\\x1b]0;pwned\\x07');
      // The file name's newline cannot start a line of its own (a workflow command in a CI log).
      for (const line of out.split('\n')) expect(line).not.toMatch(/^::error file=x\.md/);
    });
  }

  it('--outline shows control characters in headings and file names visibly', () => {
    const doc = docOf('# Policy \u001b]0;pwned\u0007\n\nText.\n\n## Part \u001b[2J two\n\nMore.\n');
    const out = outlineText('a\nb.md', doc);
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain('Policy \\x1b]0;pwned\\x07');
    expect(out.split('\n')[0]).toBe('a\\nb.md');
  });

  it('the command line, end to end: a link text with escape sequences in stylish --no-color', async () => {
    // `\\]` and `\\[` are Markdown escapes: the link text holds ESC ] 0;pwned BEL (retitle the terminal) and ESC [2J (clear the screen).
    const file = write('escape/policy.md', '# Policy \u001b[2J\n\nSee [click \u001b\\]0;pwned\u0007here\u001b\\[2J](#) and more.\n');
    const r = await runMain([file, '--no-color'], { cwd: tmp });
    expect(r.stdout).toContain('Link "click \\x1b]0;pwned\\x07here\\x1b[2J" goes nowhere');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const o = await runMain([file, '--outline'], { cwd: tmp });
    expect(o.stdout).toContain('Policy \\x1b[2J');
    expect(o.stdout).not.toMatch(RAW_CONTROL);
  });
});

/**
 * Hardening, round two (issue 17): one regression test per defect an
 * adversarial test found. Each test failed before its fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { docOf, FIXTURES, runMain, seedPath, SEEDS, spawnCli, testFolder, writeIn } from './helpers.js';
import { checkReadable, checkReadableSize, decodeSource, encodeSource, measureText, ReadLimitError } from '../src/document/source.js';
import { parseMarkdown } from '../src/document/parse.js';
import { sectionBlocks } from '../src/rule-api/kit.js';
import { stylish } from '../src/formatters/stylish.js';
import { compact } from '../src/formatters/compact.js';
import { github } from '../src/formatters/github.js';
import { visible } from '../src/formatters/shared.js';
import { outlineText } from '../src/document/outline.js';
import { summarize } from '../src/engine/summary.js';
import type { Diagnostic } from '../src/types.js';

const tmp = testFolder('hardening2');

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

describe('item 3: many unclosed "<!--" in one paragraph are refused at once, not parsed for minutes', () => {
  it('the reading limits count inline HTML openings per paragraph', () => {
    const text = `Text ${'<!-- '.repeat(20_000)}`;
    expect(measureText(text).htmlMarks).toBe(20_000);
    expect(() => parseMarkdown(text)).toThrow(ReadLimitError);
    expect(() => checkReadable(text)).toThrow(/opens 20,000 HTML comments or declarations/);
    // The other openings that look ahead to the end of the paragraph.
    for (const open of ['<![CDATA[ ', '<? ', '<!X ']) expect(() => checkReadable(`Text ${open.repeat(5_000)}`)).toThrow(ReadLimitError);
    // Closed comments in separate paragraphs, and the seeds, are far inside the limit.
    expect(() => checkReadable('Text <!-- a --> b.\n\n'.repeat(5_000))).not.toThrow();
    for (const seed of SEEDS) expect(measureText(fs.readFileSync(path.join(FIXTURES, seed), 'utf8')).htmlMarks).toBe(0);
  });

  it('the command line skips such a file on one line and lints the others', async () => {
    const bad = write('html/bad.md', `Text ${'<!-- '.repeat(20_000)}\n`);
    const good = write('html/good.md', '# Policy\n\nText.\n');
    const r = await runMain([bad, good, '--format', 'json'], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-lint: html\/bad\.md: too complex to read .*; skipped\n$/);
    expect((JSON.parse(r.stdout) as { filePath: string }[]).map((x) => path.basename(x.filePath))).toEqual(['good.md']);
  });
});

describe('item 10: the memory estimate charges what wide tables really cost; a worker that dies costs one file', () => {
  it('a 2.4 MB table of 1000 x 1200 cells is refused by the estimate (it needs about 8 KB a cell)', () => {
    const row = `|${'a|'.repeat(1200)}\n`;
    const table = `# Appendix\n\n${row}|${'-|'.repeat(1200)}\n${row.repeat(1000)}`;
    expect(table.length).toBeGreaterThan(2_400_000);
    expect(measureText(table).memory).toBeGreaterThan(1200 * 1000 * 8_000);
    expect(() => checkReadable(table, 4 * 1024 ** 3)).toThrow(/too large to read/);
  });

  it('a worker thread that runs out of memory: that file is reported on one line, the others as usual', async () => {
    const dir = path.join(tmp, 'oom');
    const seed = fs.readFileSync(seedPath('004'));
    for (const name of ['a.md', 'b.md', 'c.md', 'die.md', 'e.md']) write(`oom/${name}`, seed);
    // In each worker: linting die.md allocates until the worker's heap is full.
    const hook = write(
      'oom/hook.mjs',
      `import { isMainThread, parentPort } from 'node:worker_threads';
if (!isMainThread) {
  const on = parentPort.on.bind(parentPort);
  parentPort.on = (event, listener) => on(event, event !== 'message' ? listener : (task) => {
    if (task.job.file.endsWith('die.md')) { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); }
    listener(task);
  });
}
`,
    );
    const r = await spawnCli(['--threads', '2', '--format', 'json', '--as-of', '2026-11-24', 'a.md', 'b.md', 'c.md', 'die.md', 'e.md'], {
      cwd: dir,
      node: ['--max-old-space-size=200', '--import', pathToFileURL(hook).href],
    });
    expect(r.stderr).toBe(
      'policy-lint: die.md: the worker thread linting this file stopped: it ran out of memory; skipped (lint it alone, or with more memory: NODE_OPTIONS=--max-old-space-size=...)\n',
    );
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: unknown[] }[];
    expect(results.map((x) => path.basename(x.filePath))).toEqual(['a.md', 'b.md', 'c.md', 'e.md']);
    for (const x of results) expect(x.messages.length).toBeGreaterThan(0);
  });
});

describe('item 11: a file too large to decode is refused by its size, before decoding', () => {
  it('checkReadableSize refuses 512 MiB of UTF-8 by the bytes alone', () => {
    expect(() => checkReadableSize(512 * 1024 * 1024, false)).toThrow(ReadLimitError);
    expect(() => checkReadableSize(512 * 1024 * 1024, false)).toThrow(/512 MB on disk/);
    // Even with a heap large enough for the estimate, no string can be that long.
    expect(() => checkReadableSize(2 ** 31, false, 2 ** 40)).toThrow(ReadLimitError);
    expect(() => checkReadableSize(20 * 1024 * 1024, false)).not.toThrow();
  });
});

describe('item 26: UTF-16 without a byte order mark is read, not refused as binary', () => {
  const text = '# Policy for the Education of all Children with a Social Worker\r\n\r\nCaf\u00e9 and the Virtual School Head \u2013 XXXX.\r\n';
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();

  it('decodeSource detects both byte orders by the pattern of NUL bytes', () => {
    for (const [bytes, encoding] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      const source = decodeSource(bytes);
      expect(source).toMatchObject({ encoding, bom: false, eol: '\r\n' });
      expect(source.original).toBe(text);
      expect(Buffer.from(encodeSource(source.original, source.encoding, source.bom)).equals(bytes)).toBe(true);
    }
    // Real binary content is still refused.
    expect(() => decodeSource(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toThrow(/binary file/);
    expect(() => decodeSource(Buffer.from('a\u0000b\u0000\u0000\u0000c\u0000', 'latin1'))).toThrow(/binary file/);
  });

  it('the command line lints it', async () => {
    const file = write('utf16/nobom.txt', le);
    const r = await runMain([file, '--format', 'json'], { cwd: tmp });
    expect(r.stderr).toBe('');
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number }[] }[];
    expect(result!.messages.some((m) => m.ruleId === 'placeholder-text' && m.line === 3)).toBe(true);
  });
});

describe('item 27: the memory refusal gives figures that explain it', () => {
  it('names the marks, the memory they need and the memory node allows', () => {
    const text = '[a](#) '.repeat(50_000);
    let message = '';
    try {
      checkReadable(text.replace(/(.{7000})/g, '$1\n\n'), 200 * 1024 * 1024);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^too large to read with the memory node allows \(0\.3 MB of text with 250,000 Markdown marks need about (\d+) MB to parse and lint; node allows policy-lint about 170 MB\)/,
    );
    const need = Number(/need about (\d+) MB/.exec(message)![1]);
    expect(need).toBeGreaterThan(170);
  });
});

describe('item 9: a huge section does not overflow the stack', () => {
  it('sectionBlocks gathers 300,000 blocks of a child section without spreading them into arguments', () => {
    const doc = docOf('# Policy\n\n## Appendix\n\nCell.\n');
    const root = doc.sections.find((s) => s.title === 'Policy')!;
    const appendix = root.children[0]!;
    const block = appendix.blocks[0]!;
    const many = Array.from({ length: 300_000 }, (_, i) => ({ ...block, index: block.index + i }));
    const big = { ...appendix, blocks: many };
    const blocks = sectionBlocks({ ...root, children: [big] });
    expect(blocks.length).toBe(300_000 + 1 + root.blocks.length);
    expect(blocks.at(-1)!.index).toBe(block.index + 299_999);
  });
});

describe('item 12: baselines work for files named like Object.prototype properties', () => {
  it('--write-baseline then --baseline with files named constructor, __proto__, hasOwnProperty, toString', async () => {
    const dir = path.join(tmp, 'proto');
    const names = ['constructor', '__proto__', 'hasOwnProperty', 'toString'];
    for (const n of names) write(`proto/${n}.md`, '# Policy\n\nXXXX is the Designated Teacher.\n');
    write(`proto/constructor`, '# Policy\n\nXXXX.\n');
    const files = [...names.map((n) => `${n}.md`), 'constructor'];
    const recorded = await runMain([...files, '--write-baseline', 'b.json'], { cwd: dir });
    expect(recorded.stderr).toMatch(/^policy-lint: recorded \d+ findings in 5 files in b\.json/);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(saved.files).sort()).toEqual([...files].sort());
    const again = await runMain([...files, '--baseline', 'b.json', '--format', 'json'], { cwd: dir });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    for (const r of JSON.parse(again.stdout) as { messages: unknown[] }[]) expect(r.messages).toEqual([]);
    // A baseline that records nothing for them still applies cleanly.
    write('proto/empty.json', '{"version": 1, "files": {}}');
    const none = await runMain([...files, '--baseline', 'empty.json', '--format', 'json'], { cwd: dir });
    expect(none.stderr).toBe('');
    expect(none.code).toBe(1);
  });
});

describe('item 28: baseline errors name the line and column', () => {
  it('a wrong value deep in the file, and invalid JSON', async () => {
    const dir = path.join(tmp, 'baseline-pos');
    write('baseline-pos/a.md', 'Text.\n');
    write('baseline-pos/b.json', '{\n  "version": 1,\n  "files": {\n    "a.md": [\n      {"rule": "r", "message": 7, "lineHash": "h", "count": 1}\n    ]\n  }\n}\n');
    const r = await runMain(['a.md', '--baseline', 'b.json'], { cwd: dir });
    expect(r.stderr).toBe('policy-lint: b.json:5:32: not a policy-lint baseline: files["a.md"][0].message must be a string\n');
    expect(r.code).toBe(2);
    write('baseline-pos/c.json', '{\n  "version": 1,\n  "files": {,}\n}\n');
    const c = await runMain(['a.md', '--baseline', 'c.json'], { cwd: dir });
    expect(c.stderr).toMatch(/^policy-lint: c\.json:3:13: not a policy-lint baseline: invalid JSON \(.+\)\n$/);
  });
});

describe('items 15, 23, 24, 25: configuration errors say what is wrong in policy-lint words, and echo nothing long or secret', () => {
  const config = async (name: string, yaml: string): Promise<string> => {
    const dir = path.join(tmp, 'config-errors', name);
    write(`config-errors/${name}/a.md`, '# Policy\n');
    write(`config-errors/${name}/.policylintrc.yaml`, yaml);
    const r = await runMain(['a.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    return r.stderr;
  };

  it('15: extends naming a file that is not a configuration does not print its first line', async () => {
    const secret = write('config-errors/secret.txt', 'admin: hunter2hash\nbackup: s3cret\n');
    const err = await config('extends', `extends: ${secret}\n`);
    expect(err).not.toContain('admin');
    expect(err).not.toContain('hash');
    expect(err).toMatch(/secret\.txt:1:1: not a policy-lint configuration: none of its top-level keys is one of .*\(its content is not shown\)\n$/);
  });

  it('23: a 1 MB value is quoted as a short excerpt', async () => {
    const err = await config('long', `settings:\n  asOf: ${'x'.repeat(500_000)}\n`);
    expect(err.length).toBeLessThan(400);
    expect(err).toContain(`got "${'x'.repeat(60)}..."`);
  });

  it('24: settings.asOf 0001-01-01 is out of range, not in the wrong form', async () => {
    expect(await config('asof', 'settings:\n  asOf: 0001-01-01\n')).toBe(
      'policy-lint: .policylintrc.yaml:2:9: settings.asOf: the date 0001-01-01 is out of range: give a day from 1900-01-01 to 2199-12-31\n',
    );
  });

  it('25: several YAML documents: one is expected, in policy-lint words', async () => {
    const err = await config('multi', 'settings:\n  asOf: 2026-01-01\n---\nrules: {}\n');
    expect(err).toBe('policy-lint: .policylintrc.yaml:3:1: more than one YAML document (a second "---" or "..."): a YAML settings file holds one; remove the separator or split the file\n');
    expect(err).not.toContain('parseAllDocuments');
  });
});

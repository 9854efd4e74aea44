/**
 * Bad input (issue 6, part 1): whatever a pre-commit hook or a CI job hands
 * policy-lint, it answers with one line naming the file and what is wrong, a
 * defined exit code, and it lints every other file. Run as a user runs it:
 * the built CLI in a subprocess (`npm test` builds it first).
 *
 * Already covered elsewhere, not repeated here: a missing path, a glob that
 * matches nothing, a folder with no policy files, a binary file
 * (cli-core.test.ts), configuration errors, alias bombs and bad pack regexes
 * (config.test.ts, cli-config.test.ts), --fix on a read-only file and on a
 * file that is not valid UTF-8 (cli.test.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, type CliRun, FIXTURES, ROOT, SEEDS, seedPath, spawnCli, testFolder, writeIn } from '../helpers.js';
import { checkReadable, decodeSource, measureText, READ_LIMITS, ReadLimitError } from '../../src/document/source.js';
import { parseMarkdown, linearEditMap } from '../../src/document/parse.js';

const tmp = testFolder('hardening', (dir) => {
  // Give back permissions taken away, so that the folder can be removed.
  for (const p of [path.join(dir, 'perm', 'locked'), path.join(dir, 'perm', 'secret.md')]) if (fs.existsSync(p)) fs.chmodSync(p, 0o755);
});
fs.chmodSync(tmp, 0o755); // readable by the unprivileged user of the permission tests

function run(args: string[], options: { cwd?: string; node?: string[]; uid?: number; timeout?: number } = {}): Promise<CliRun> {
  return spawnCli(args, { ...options, cwd: options.cwd ?? tmp });
}

function write(name: string, content: string | Uint8Array): string {
  return writeIn(tmp, name, content);
}

/** A preload module (node --import) that changes what the CLI sees, to simulate what cannot be arranged from outside. */
function hook(name: string, code: string): string[] {
  const file = write(`hooks/${name}.mjs`, code);
  return ['--import', pathToFileURL(file).href];
}

/** No stack trace: every line of standard error is a policy-lint message. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^policy-lint: /);
}

const SMALL = seedPath('004');
const SMALL_REL = () => path.relative(tmp, SMALL);
const AS_OF = ['--as-of', '2026-11-24'];

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

describe('text that is not valid UTF-8 or UTF-16: linted as read, with a warning at the first bad byte', () => {
  // The Windows-1252 fixture with its first right quote (0x92, line 3 column 43) turned into 0x9D,
  // a byte Windows-1252 leaves undefined: valid in neither encoding.
  const cp1252 = fs.readFileSync(path.join(FIXTURES, 'hostile', 'windows-1252.txt'));
  const broken = Buffer.from(cp1252);
  broken[broken.indexOf(0x92)] = 0x9d;
  const file = write('broken/neither.txt', broken);

  it('reports policy-lint/encoding at the first bad byte and still runs every rule', async () => {
    const r = await run([file, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as (JsonResult & { encoding: string })[];
    expect(result!.encoding).toBe('utf-8');
    const encoding = result!.messages.filter((m) => m.ruleId === 'policy-lint/encoding');
    // Line 3: "Hertfordshire Steps is the local authority\x9Ds ..." (at column 43).
    expect(encoding).toHaveLength(1);
    expect(encoding[0]).toMatchObject({ severity: 1, line: 3, column: 43, endLine: 3, endColumn: 44 });
    expect(encoding[0]!.message).toBe(
      'This file is not valid UTF-8: its first bad byte is here, and every bad byte was read as the replacement character U+FFFD (\uFFFD). ' +
        'Re-save the file as UTF-8; until then --fix will not write to it.',
    );
    // The rest of the text is linted as usual: the old name on line 3 is still found.
    expect(result!.messages.some((m) => m.ruleId === 'therapeutic-thinking-naming' && m.line === 3 && m.column === 1)).toBe(true);
  });

  it('--fix leaves the file byte for byte as it was, says why, and still reports the warning', async () => {
    const copy = write('latin/neither.txt', broken);
    const r = await run([copy, '--fix', '--format', 'compact', ...AS_OF]);
    expect(r.stderr).toBe(
      'policy-lint: latin/neither.txt: not fixed: it is not valid UTF-8 (first bad byte on line 3), and writing it back would replace the bad bytes; re-save it as UTF-8 and run again\n',
    );
    expect(fs.readFileSync(copy).equals(broken)).toBe(true);
    expect(r.stdout).toContain('latin/neither.txt:3:43: warning This file is not valid UTF-8');
    expect(r.code).toBe(1);
  });

  it('the SARIF report describes the pseudo-rule', async () => {
    const r = await run([file, '--format', 'sarif', ...AS_OF]);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } } }[] };
    const rule = log.runs[0]!.tool.driver.rules.find((x) => x.id === 'policy-lint/encoding');
    expect(rule?.shortDescription.text).toMatch(/^A policy file should be valid UTF-8/);
  });

  it('a UTF-16 file with half of a surrogate pair is reported the same way', async () => {
    // UTF-16 LE with BOM: "Title\r\n\r\nAb" + a lone high surrogate (D800) + "c\r\n".
    const units = [...'Title\r\n\r\nAb']
      .map((c) => c.charCodeAt(0))
      .concat(
        [0xd800],
        [...'c\r\n'].map((c) => c.charCodeAt(0)),
      );
    const bytes = Buffer.alloc(2 + units.length * 2);
    bytes.writeUInt16LE(0xfeff, 0);
    units.forEach((u, i) => bytes.writeUInt16LE(u, 2 + i * 2));
    const f = write('utf16/lone.txt', bytes);
    const r = await run([f, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('');
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    const m = result!.messages.find((x) => x.ruleId === 'policy-lint/encoding');
    expect(m).toMatchObject({ line: 3, column: 3, endColumn: 4, severity: 1 });
    expect(m!.message).toMatch(/^This file is not valid UTF-16: its first broken character is here/);
  });

  it('names the first bad byte even after a real U+FFFD in the text (library)', async () => {
    const bytes = Buffer.concat([Buffer.from('a\uFFFDb\r\nc'), Buffer.from([0xff]), Buffer.from('d')]);
    const s = decodeSource(bytes);
    expect(s.text).toBe('a\uFFFDb\nc\uFFFDd');
    expect(s.invalidUtf8At).toBe(5);
  });
});

describe('empty and whitespace-only files: linted, the rules that expect content say what is missing', () => {
  const files: [string, string | Uint8Array][] = [
    ['empty.md', ''],
    ['blank.md', ' \t\r\n\r\n   \n\t'],
    ['bom-only.md', Buffer.from([0xef, 0xbb, 0xbf])],
  ];

  it.each(files)('%s', async (name, content) => {
    const f = write(`empty/${name}`, content);
    const r = await run([f, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout) as JsonResult[];
    // Whole-document findings, all at 1:1: what the policy lacks.
    expect(result!.messages.length).toBeGreaterThan(0);
    expect(result!.messages.every((m) => m.line === 1 && m.column === 1)).toBe(true);
    expect(result!.messages.map((m) => m.message)).toContain(
      'The policy does not name the Designated Teacher for CLA and PLA: add "Name of the Designated Teacher for CLA and PLA" followed by the name of the person who holds the post.',
    );
    expect(result!.messages.some((m) => m.ruleId === 'policy-lint/encoding')).toBe(false);
  });

  it('--outline shows no sections and --fix writes nothing', async () => {
    const f = write('empty/again.md', ' \n\n');
    const outline = await run(['--outline', f]);
    expect(outline).toEqual({ code: 0, stdout: 'empty/again.md\n', stderr: '' });
    const fixed = await run([f, '--fix', '--format', 'compact', ...AS_OF]);
    expect(fixed.stderr).toBe('');
    expect(fs.readFileSync(f, 'utf8')).toBe(' \n\n');
  });
});

describe('deep nesting and parser limits: one line, the file skipped, the others linted', () => {
  it('5,000 nested block quotes', async () => {
    const f = write('deep/quotes.md', `Title\n\n${'> '.repeat(5000)}deep\n`);
    const r = await run([f, SMALL, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('policy-lint: deep/quotes.md: too deeply nested to read (lists or quotes 5,000 levels deep at line 3; policy-lint reads up to 100); skipped\n');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as JsonResult[]).map((x) => x.filePath)).toEqual([SMALL]);
  });

  it('3,000 nested list items, each indented two more spaces', async () => {
    let text = 'Title\n\n';
    for (let i = 0; i < 3000; i++) text += `${' '.repeat(2 * i)}- item ${i}\n`;
    const f = write('deep/list.md', text);
    const r = await run([f, SMALL, '--format', 'compact', ...AS_OF]);
    expect(r.stderr).toBe('policy-lint: deep/list.md: too deeply nested to read (lists or quotes 3,000 levels deep at line 3002; policy-lint reads up to 100); skipped\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${SMALL_REL()}:`);
  });

  it('--outline skips such a file the same way', async () => {
    const f = write('deep/outline.md', `Title\n\n${'> '.repeat(500)}deep\n`);
    const r = await run(['--outline', f, SMALL]);
    expect(r.stderr).toBe('policy-lint: deep/outline.md: too deeply nested to read (lists or quotes 500 levels deep at line 3; policy-lint reads up to 100); skipped\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^.*004_addb693bfc0f3b99\.txt\n/);
  });

  it('100 levels are read; 101 are not', async () => {
    let list = 'Title\n\n';
    for (let i = 0; i < 100; i++) list += `${' '.repeat(2 * i)}- item ${i}\n`;
    const ok = [write('limit/quotes-100.md', `Title\n\n${'> '.repeat(100)}deep\n`), write('limit/list-100.md', list)];
    const r = await run([...ok, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as JsonResult[]).map((x) => path.basename(x.filePath))).toEqual(['list-100.md', 'quotes-100.md']);
    const over = write('limit/quotes-101.md', `Title\n\n${'> '.repeat(100)}\n\n${'> '.repeat(101)}deep\n`);
    expect((await run([over, ...AS_OF])).stderr).toBe(
      'policy-lint: limit/quotes-101.md: too deeply nested to read (lists or quotes 101 levels deep at line 5; policy-lint reads up to 100); skipped\n',
    );
  });

  it('emphasis nested deeper than the parser has stack for (a small stack, to get there quickly)', async () => {
    const f = write('deep/emphasis.md', `Title\n\n${'*a '.repeat(9500)}x${' a*'.repeat(9500)}\n`);
    const r = await run([f, SMALL, '--format', 'compact', '--no-threads', ...AS_OF], { node: ['--stack-size=80'] });
    expect(r.stderr).toBe('policy-lint: deep/emphasis.md: too deeply nested to read (the Markdown parser ran out of stack); skipped\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${SMALL_REL()}:`);
  });

  it('a paragraph with too many emphasis or link marks', async () => {
    const ok = write('marks/ok.md', `Title\n\n${'['.repeat(20_000)}\n`);
    const r = await run([ok, '--format', 'json', ...AS_OF]);
    expect(r.stderr).toBe('');
    const over = write('marks/over.md', `Title\n\n${'['.repeat(20_001)}\n`);
    // Two paragraphs of 15,000 marks: each alone would be read, together they are too much work.
    const two = write('marks/two.md', `Title\n\n${'a* '.repeat(15_000)}\n\n${'_a '.repeat(15_000)}\n`);
    const r2 = await run([over, two, SMALL, '--format', 'compact', ...AS_OF]);
    expect(r2.stderr).toBe(
      "policy-lint: marks/over.md: too complex to read (the paragraph at line 3 has 20,001 emphasis or link marks * _ ~ [ ]; the parser's work grows with the square of that number, and policy-lint allows the work of one paragraph of 20,000: split long paragraphs with blank lines); skipped\n" +
        "policy-lint: marks/two.md: too complex to read (the paragraph at line 3 has 15,000 emphasis or link marks * _ ~ [ ]; the parser's work grows with the square of that number, and policy-lint allows the work of one paragraph of 20,000: split long paragraphs with blank lines); skipped\n",
    );
    expect(r2.code).toBe(2);
    expect(r2.stdout).toContain(`${SMALL_REL()}:`);
  });

  it('a file too large for the memory node allows is refused by name, not by an out-of-memory crash', async () => {
    const seeds = SEEDS.map((s) => fs.readFileSync(path.join(FIXTURES, s), 'utf8')).join('\n\n');
    const f = write('big/heap.md', seeds.repeat(16)); // 2.6 MB
    const r = await run([f, SMALL, '--format', 'compact', '--no-threads', ...AS_OF], { node: ['--max-old-space-size=96'] });
    expect(r.stderr).toMatch(
      /^policy-lint: big\/heap\.md: too large to read with the memory node allows \(2\.\d MB of text with [\d,]+ Markdown marks need about \d+ MB to parse and lint; node allows policy-lint about \d+ MB\): split the file, or raise the limit with NODE_OPTIONS=--max-old-space-size=\d+; skipped\n$/,
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`${SMALL_REL()}:`);
  });
});

describe('files that vanish or change while they are linted', () => {
  it('a file deleted between listing the folder and reading it', async () => {
    for (const n of ['a', 'b', 'c']) write(`vanish/${n}.md`, fs.readFileSync(SMALL));
    const pre = hook(
      'vanish',
      // Policies are opened (after a stat: only regular files), then read through the descriptor.
      `import fs from 'node:fs';
const open = fs.openSync;
fs.openSync = function (file, ...rest) {
  if (String(file).endsWith('vanish/b.md')) fs.unlinkSync(file);
  return open.call(this, file, ...rest);
};`,
    );
    const r = await run(['vanish', '--format', 'json', ...AS_OF], { node: pre });
    expect(r.stderr).toBe('policy-lint: vanish/b.md: no such file (it may have been moved or deleted while linting)\n');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as JsonResult[]).map((x) => path.basename(x.filePath))).toEqual(['a.md', 'c.md']);
  });

  const editedWhileLinting = (name: string, action: string): string[] =>
    hook(
      name,
      // Policies are read through a descriptor (src/document/regular-file.ts): the name it was opened by says which.
      `import fs from 'node:fs';
const open = fs.openSync;
const read = fs.readFileSync;
const names = new Map();
fs.openSync = function (path, ...rest) {
  const fd = open.call(this, path, ...rest);
  names.set(fd, String(path));
  return fd;
};
let done = false;
fs.readFileSync = function (fd, ...rest) {
  const bytes = read.call(this, fd, ...rest);
  const file = typeof fd === 'number' ? names.get(fd) ?? '' : String(fd);
  if (!done && file.endsWith('race/policy.md')) {
    done = true;
    ${action}
  }
  return bytes;
};`,
    );

  it('--fix does not overwrite a file that was changed after it was read', async () => {
    const f = write('race/policy.md', 'Title\n\nWe use Hertfordshire Steps.\n');
    const pre = editedWhileLinting('changed', `fs.writeFileSync(file, 'Edited by someone else meanwhile.\\n');`);
    const r = await run(['race/policy.md', '--fix', '--no-threads', '--format', 'compact', ...AS_OF], { node: pre });
    expect(r.stderr).toBe('policy-lint: race/policy.md: changed while it was being linted, so the fixes were not written; run again\n');
    expect(r.code).toBe(2);
    expect(fs.readFileSync(f, 'utf8')).toBe('Edited by someone else meanwhile.\n');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['policy.md']); // no temporary file left
  });

  it('--fix does not bring back a file that was deleted after it was read', async () => {
    const f = write('race/policy.md', 'Title\n\nWe use Hertfordshire Steps.\n');
    const pre = editedWhileLinting('deleted', `fs.unlinkSync(file);`);
    const r = await run(['race/policy.md', '--fix', '--no-threads', '--format', 'compact', ...AS_OF], { node: pre });
    expect(r.stderr).toBe('policy-lint: race/policy.md: was deleted or moved while it was being linted, so the fixes were not written\n');
    expect(r.code).toBe(2);
    expect(fs.existsSync(f)).toBe(false);
  });
});

describe('permission denied', () => {
  // chmod 000 stops a read only for an unprivileged user: root reads anything. When the tests run as root,
  // the CLI is run as "nobody" (uid 65534), which needs to read the repository (it does unless it was
  // checked out somewhere private: then the test is skipped, saying so).
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const nobodyCanRead = (() => {
    if (!isRoot) return true;
    const r = spawnSync(process.execPath, [BIN, '--version'], { uid: 65534, gid: 65534, cwd: tmp, encoding: 'utf8' });
    return r.status === 0;
  })();
  const reason = 'running as root, and user "nobody" (uid 65534) cannot run the built CLI from this checkout, so chmod cannot deny root a read';

  it.skipIf(!nobodyCanRead)(`an unreadable file and an unreadable folder are reported, the rest linted${nobodyCanRead ? '' : ` (skipped: ${reason})`}`, async () => {
    write('perm/open.md', fs.readFileSync(SMALL));
    const secret = write('perm/secret.md', fs.readFileSync(SMALL));
    write('perm/locked/inside.md', fs.readFileSync(SMALL));
    fs.chmodSync(path.join(tmp, 'perm'), 0o755);
    fs.chmodSync(secret, 0o000);
    fs.chmodSync(path.join(tmp, 'perm', 'locked'), 0o000);
    const r = await run(['perm', '--format', 'json', ...AS_OF], isRoot ? { uid: 65534 } : {});
    expect(r.stderr).toBe(
      'policy-lint: perm/locked: this folder cannot be read (permission denied), so the policy files in it were not linted\n' + 'policy-lint: perm/secret.md: permission denied\n',
    );
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as JsonResult[]).map((x) => path.basename(x.filePath))).toEqual(['open.md']);
  });
});

describe('no stack trace unless --debug', () => {
  const crash = (): string[] =>
    hook(
      'crash',
      `const { loadRuleRegistry } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'bundle', 'cli.js')).href)});
const { RULES_BY_ID } = await loadRuleRegistry();
RULES_BY_ID.get('kinship-care').check = () => { throw new TypeError('Cannot read properties of undefined'); };`,
    );

  it('a rule that throws: one line, with the hint', async () => {
    const r = await run([SMALL, '--no-threads', ...AS_OF], { node: crash() });
    expect(r.stderr).toBe('policy-lint: internal error: rule "kinship-care" failed: Cannot read properties of undefined (run with --debug for details)\n');
    expect(r.code).toBe(2);
  });

  it('with --debug, the stack follows', async () => {
    const r = await run([SMALL, '--no-threads', '--debug', ...AS_OF], { node: crash() });
    // After what --debug says before linting (the configuration, the files found).
    expect(r.stderr.split('\n').find((l) => !l.startsWith('policy-lint: debug: '))).toBe('policy-lint: internal error: rule "kinship-care" failed: Cannot read properties of undefined');
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('none of the input problems above prints a stack', async () => {
    const f = write('nostack/quotes.md', `${'> '.repeat(300)}x\n`);
    const g = write('nostack/bad.txt', Buffer.from([0x25, 0x00]));
    const r = await run([f, g, 'nostack/missing.md', ...AS_OF]);
    expect(r.code).toBe(2);
    expectNoStack(r.stderr);
    const r2 = await run([f, g, ...AS_OF]);
    expectNoStack(r2.stderr);
    expect(r2.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('reading limits (library)', () => {
  it('measures nesting from above, through quotes, tabs and several markers on one line', async () => {
    expect(measureText('- a\n  - b\n    - c\n').nesting).toBe(3);
    expect(measureText('- a\n- b\n- c\n').nesting).toBe(1);
    expect(measureText('> - a\n>   - b\n').nesting).toBe(3);
    expect(measureText('- - - x\n').nesting).toBe(3);
    expect(measureText('\t- a\n\t\t- b\n').nesting).toBe(2);
    // A thematic break is not a list; text after a blank line closes the items to its right.
    expect(measureText('* * * * * * * *\n').nesting).toBe(0);
    expect(measureText('- a\n  - b\n\nText\n- c\n').nesting).toBe(2);
    // A lazy line does not close an item: the parser keeps it open, so the estimate does too.
    expect(measureText('- a\nlazy\n  - b\n').nesting).toBe(2);
  });

  it('the seeds are far inside every limit', async () => {
    for (const seed of SEEDS) {
      const shape = measureText(fs.readFileSync(path.join(FIXTURES, seed), 'utf8'));
      expect(shape.nesting, seed).toBeLessThanOrEqual(2);
      expect(shape.inlineMarks, seed).toBeLessThanOrEqual(18);
    }
  });

  it('parseMarkdown refuses text beyond the limits too (library callers are protected)', async () => {
    expect(() => parseMarkdown(`${'> '.repeat(101)}x`)).toThrow(ReadLimitError);
    expect(() => checkReadable('x'.repeat(1000), 1000)).toThrow(/too large to read/);
    expect(READ_LIMITS.maxNesting).toBe(100);
  });

  it("the linear EditMap.consume gives the same trees as micromark's own", async () => {
    const texts = SEEDS.map((s) => fs.readFileSync(path.join(FIXTURES, s), 'utf8'));
    texts.push('- a\n  - b\n    > c\n    > - d\n\n| x | y |\n|---|---|\n| **1** | [2](#) |\n\n1. one\n2. two\n   - three\n');
    const before = linearEditMap(false);
    const original = texts.map((t) => JSON.stringify(parseMarkdown(t)));
    linearEditMap(true);
    const linear = texts.map((t) => JSON.stringify(parseMarkdown(t)));
    expect(before.available).toBe(true);
    expect(linearEditMap().calls).toBeGreaterThan(before.calls); // it was the one micromark used
    expect(linear).toEqual(original);
  });
});

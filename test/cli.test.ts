/**
 * The command line's lint / fix / output flow, run in-process on files in a
 * temporary folder, plus the repository's smoke test: the built CLI over
 * fixtures/.
 *
 * The rule list is replaced here by therapeutic-thinking-naming (the real
 * rule: safe fixes) and three small stand-in rules, and the built-in rule
 * pack is switched off in a .policylintrc.yaml in the test folder, so that
 * each option can be checked against exact findings whatever rules other
 * modules add:
 *   test-warning    warning at every "WARNME", no fix
 *   test-suggestion error at every "utilise", suggestion fix -> "use"
 *   test-split      error at every "SPLITHERE", safe fix inserting a line break -> "SPLIT\nHERE"
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Rule } from '../src/types.js';

const testRules = vi.hoisted(() => {
  const word = (id: string, severity: 'error' | 'warning', pattern: RegExp, fix?: { safety: 'safe' | 'suggestion'; text: string }): Rule => ({
    meta: {
      id,
      description: `Test rule ${id}.`,
      severity,
      fixable: fix ? fix.safety : false,
      rationale: 'A stand-in rule for the command-line tests.',
      sources: [{ title: 'test' }],
      examples: [],
    },
    check({ doc, report }) {
      for (const m of doc.text.matchAll(new RegExp(pattern.source, 'g'))) {
        const start = m.index;
        const end = start + m[0].length;
        report({ message: `Found ${m[0]}: change it.`, start, end, ...(fix ? { fix: { safety: fix.safety, edits: [{ start, end, text: fix.text }] } } : {}) });
      }
    },
  });
  return [
    word('test-split', 'error', /SPLITHERE/, { safety: 'safe', text: 'SPLIT\nHERE' }),
    word('test-suggestion', 'error', /utilise/, { safety: 'suggestion', text: 'use' }),
    word('test-warning', 'warning', /WARNME/),
  ];
});

vi.mock('../rules/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../rules/index.js')>();
  const ttn = original.RULES_BY_ID.get('therapeutic-thinking-naming')!;
  const RULES = [...testRules, ttn];
  return { ...original, RULES, RULES_BY_ID: new Map(RULES.map((r) => [r.meta.id, r])), default: RULES };
});

const { BIN, FIXTURES, ROOT, SEEDS, seedPath, runMain, writeIn } = await import('./helpers.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built-in Hertfordshire rule pack is part of the default preset: switched off here, as its docs say. */
const CONFIG = 'root: true\nrules:\n  hertfordshire/*: off\n';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-cli-'));
  fs.writeFileSync(path.join(dir, '.policylintrc.yaml'), CONFIG);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], opts: { stdin?: Uint8Array | string; cwd?: string } = {}): Promise<Run> {
  return runMain(args, { cwd: opts.cwd ?? dir, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
}

function write(name: string, content: string | Uint8Array): string {
  return writeIn(dir, name, content);
}

/** Set a file's mtime to a fixed past moment, to see whether anything writes it. */
function age(file: string): number {
  const past = new Date('2020-01-01T00:00:00Z');
  fs.utimesSync(file, past, past);
  return fs.statSync(file).mtimeMs;
}

describe('smoke test: the built CLI over fixtures/', () => {
  it('exits 1, prints JSON, and finds something in every seed', () => {
    const out = spawnSync(process.execPath, [BIN, 'fixtures/', '--format', 'json', '--as-of', '2026-11-24'], { cwd: ROOT, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(1);
    const results = JSON.parse(out.stdout) as { filePath: string; messages: unknown[] }[];
    for (const seed of SEEDS) {
      const r = results.find((x) => x.filePath === path.join(FIXTURES, seed));
      expect(r, seed).toBeDefined();
      expect(r!.messages.length, `${seed} has findings`).toBeGreaterThan(0);
    }
  });
});

describe('--fix', () => {
  it('fixes a seed, reports the rest, and a second run touches nothing', async () => {
    const file = write('policy.txt', fs.readFileSync(seedPath('001')));
    const first = await run(['policy.txt', '--fix', '--format', 'json']);
    expect(first.stderr).toBe('policy-lint: fixed 7 problems in 1 file\n');
    const [result] = JSON.parse(first.stdout);
    // Left: the old mailbox, whose change is only a suggestion.
    expect(result.messages.map((m: { ruleId: string; message: string }) => m.message.slice(0, 30))).toEqual(['"steps@hertfordshire.gov.uk" i']);
    expect(first.code).toBe(1);
    const fixed = fs.readFileSync(file, 'utf8');
    expect(result.output).toBe(fixed);
    expect(fixed).not.toMatch(/Hertfordshire Steps/);
    // The old mailbox stays (a suggestion), and no unconfirmed address is written.
    expect(fixed).toContain('steps@hertfordshire.gov.uk');
    expect(fixed).not.toContain('therapeuticthinking@hertfordshire.gov.uk');
    expect(fixed.split('\n')).toHaveLength(fs.readFileSync(seedPath('001'), 'utf8').split('\n').length);

    const mtime = age(file);
    const second = await run(['policy.txt', '--fix']);
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 1, stderr: '' });
    expect(second.stdout).toContain('steps@hertfordshire.gov.uk');
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('keeps CRLF and the UTF-8 BOM, and changes no byte outside the edits', async () => {
    const text = 'Behaviour\r\n\r\nWe use Hertfordshire Steps.\r\nA SPLITHERE point.\r\n\r\nNothing else changes: caf\u00e9 \u2019quotes\u2019\r\n';
    const file = write('crlf.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const res = await run(['crlf.md', '--fix']);
    expect(res.code).toBe(0);
    const expected = text.replace('Hertfordshire Steps', 'Therapeutic Thinking Hertfordshire').replace('SPLITHERE', 'SPLIT\r\nHERE');
    const bytes = fs.readFileSync(file);
    expect(bytes.equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(expected, 'utf8')]))).toBe(true);
    expect(bytes.includes(Buffer.from('\n\n'))).toBe(false); // no bare LF crept in
  });

  it('keeps a Word "Unicode text" file (UTF-16 LE with BOM, CRLF) byte for byte outside the edits', async () => {
    const text = 'Policy for the Education of all Children with a Social Worker\r\n\r\nHertfordshire Steps\r\n\r\nEmail: steps@hertfordshire.gov.uk \u2013 and SPLITHERE.\r\n';
    const utf16 = (s: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    const file = write('word.txt', utf16(text));
    const res = await run(['word.txt', '--fix']);
    // The old mailbox is changed only as a suggestion (it changes whom to contact): --fix leaves it.
    expect(res.stderr).toBe('policy-lint: fixed 2 problems in 1 file\n');
    const expected = text.replace('Hertfordshire Steps', 'Therapeutic Thinking Hertfordshire').replace('SPLITHERE', 'SPLIT\r\nHERE');
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    // Byte by byte: the unchanged prefix, the unchanged suffix, and the whole file.
    const original = utf16(text);
    const prefix = utf16(text.slice(0, text.indexOf('Hertfordshire Steps')));
    expect(bytes.subarray(0, prefix.length).equals(original.subarray(0, prefix.length))).toBe(true);
    const tail = Buffer.from(text.slice(text.indexOf('HERE.') + 'HERE'.length - 1), 'utf16le');
    expect(bytes.subarray(bytes.length - tail.length + 2).equals(original.subarray(original.length - tail.length + 2))).toBe(true);
    expect(bytes.equals(utf16(expected))).toBe(true);
    expect(res.code).toBe(1);
  });

  it('applies suggestions only with --fix-suggestions', async () => {
    const file = write('s.md', 'We utilise a SPLITHERE.\n');
    const safe = await run(['s.md', '--fix', '--format', 'compact']);
    expect(fs.readFileSync(file, 'utf8')).toBe('We utilise a SPLIT\nHERE.\n');
    expect(safe.stdout).toBe('s.md:1:4: error Found utilise: change it. [test-suggestion]\n\n1 problem (1 error, 0 warnings)\n');
    expect(safe.code).toBe(1);
    const all = await run(['s.md', '--fix-suggestions']);
    expect(fs.readFileSync(file, 'utf8')).toBe('We use a SPLIT\nHERE.\n');
    expect(all).toEqual({ code: 0, stdout: '', stderr: 'policy-lint: fixed 1 problem in 1 file\n' });
  });

  it('keeps the file mode, and writes through a symbolic link', async () => {
    const file = write('mode.md', 'Hertfordshire Steps\n');
    fs.chmodSync(file, 0o640);
    fs.symlinkSync(file, path.join(dir, 'link.md'));
    const res = await run(['link.md', '--fix']);
    expect(res.code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('Therapeutic Thinking Hertfordshire\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir).sort()).toEqual(['.policylintrc.yaml', 'link.md', 'mode.md']); // no temporary file left
  });

  it('a read-only file: one line naming the file, exit 2, the file untouched', async () => {
    const file = write('ro.md', 'Hertfordshire Steps\n');
    fs.chmodSync(file, 0o444);
    const mtime = age(file);
    const res = await run(['ro.md', '--fix', '--format', 'compact']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('policy-lint: ro.md: is read-only, so it was not changed\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('Hertfordshire Steps\n');
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    // The report shows the findings of the file as it still is.
    expect(res.stdout).toContain('ro.md:1:1: error "Hertfordshire Steps" is now');
  });

  it('a read-only file without anything to fix is fine', async () => {
    const file = write('ro.md', 'Fine.\n');
    fs.chmodSync(file, 0o444);
    expect(await run(['ro.md', '--fix'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('never writes a file that is not valid UTF-8, and says so', async () => {
    const bytes = Buffer.concat([Buffer.from('Title\n\nHertfordshire Steps caf'), Buffer.from([0x81]), Buffer.from('\n')]);
    const file = write('latin1.md', bytes);
    const mtime = age(file);
    const res = await run(['latin1.md', '--fix', '--format', 'compact']);
    expect(res.stderr).toBe(
      'policy-lint: latin1.md: not fixed: it is not valid UTF-8 (first bad byte on line 3), and writing it back would replace the bad bytes; re-save it as UTF-8 and run again\n',
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(res.stdout).toContain('latin1.md:3:1: error "Hertfordshire Steps" is now');
    expect(res.code).toBe(1);
  });

  it('--fix with --fix-dry-run is a usage error', async () => {
    const res = await run(['x.md', '--fix', '--fix-dry-run']);
    expect(res).toEqual({ code: 2, stdout: '', stderr: 'policy-lint: --fix writes the fixes and --fix-dry-run only shows them: use one of them\n' });
  });
});

describe('--fix-dry-run', () => {
  it('prints the fixed text (own line endings) and the report on stderr, writing nothing', async () => {
    const text = 'Hertfordshire Steps\r\n\r\nWARNME\r\n';
    const file = write('d.md', text);
    const mtime = age(file);
    const res = await run(['d.md', '--fix-dry-run']);
    expect(res.stdout).toBe('Therapeutic Thinking Hertfordshire\r\n\r\nWARNME\r\n');
    expect(res.stderr).toContain('line 3  warning  Found WARNME: change it.  test-warning');
    expect(res.stderr).toContain('\u2716 1 thing to tidy up.');
    expect(res.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it('with --format json puts the fixed text in "output"', async () => {
    const file = write('d.md', 'Hertfordshire Steps\n');
    const mtime = age(file);
    const res = await run(['d.md', '--fix-dry-run', '--format', 'json']);
    const [r] = JSON.parse(res.stdout);
    expect(r.output).toBe('Therapeutic Thinking Hertfordshire\n');
    expect(r.messages).toEqual([]);
    expect(res.stderr).toBe('');
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
  });

  it("on a CRLF file, the JSON fix ranges count its CRLF endings and a line break in a fix is the file's own (CRLF)", async () => {
    const text = 'Title\r\n\r\nWe utilise a SPLITHERE.\r\n';
    write('crlf.md', text);
    const [r] = JSON.parse((await run(['crlf.md', '--format', 'json'])).stdout);
    expect(r.messages.map((m: { ruleId: string; fix?: unknown; suggestions?: { fix: unknown }[] }) => [m.ruleId, m.fix ?? m.suggestions?.[0]?.fix])).toEqual([
      ['test-suggestion', { range: [12, 19], text: 'use' }],
      ['test-split', { range: [22, 31], text: 'SPLIT\r\nHERE' }],
    ]);
    expect(text.slice(12, 19)).toBe('utilise');
    expect(text.slice(22, 31)).toBe('SPLITHERE');
    await run(['crlf.md', '--fix']);
    expect(fs.readFileSync(path.join(dir, 'crlf.md'), 'utf8')).toBe(`${text.slice(0, 22)}SPLIT\r\nHERE${text.slice(31)}`);
  });

  it('with several files, heads each fixed text with its name; unchanged files are not printed', async () => {
    write('a.md', 'Hertfordshire Steps\n');
    write('b.md', 'Fine.\n');
    write('c.md', 'SPLITHERE\n');
    const res = await run(['.', '--fix-dry-run']);
    expect(res.stdout).toBe('==> a.md (fixed) <==\nTherapeutic Thinking Hertfordshire\n==> c.md (fixed) <==\nSPLIT\nHERE\n');
    expect(fs.readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe('Hertfordshire Steps\n');
  });
});

describe('--max-warnings and --quiet', () => {
  it('exits 1 with a note when warnings exceed the limit', async () => {
    write('w.md', 'WARNME WARNME\n\nWARNME\n');
    expect((await run(['w.md', '--max-warnings', '3'])).code).toBe(0);
    const over = await run(['w.md', '--max-warnings', '2', '--format', 'compact']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('policy-lint: 3 warnings found, more than --max-warnings 2 allows\n');
    expect((await run(['w.md'])).code).toBe(0);
  });

  it('errors still exit 1 within the warning limit; a bad limit is a usage error', async () => {
    write('e.md', 'SPLITHERE\n');
    expect((await run(['e.md', '--max-warnings', '10'])).code).toBe(1);
    const bad = await run(['e.md', '--max-warnings', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^policy-lint: --max-warnings: "many" is not valid: give a whole number of 0 or more, or -1 for no limit\n$/);
  });

  it('--quiet reports errors only, but warnings still count for --max-warnings', async () => {
    write('q.md', 'WARNME\n\nSPLITHERE\n');
    const quiet = await run(['q.md', '--quiet', '--format', 'compact']);
    expect(quiet.stdout).toBe('q.md:3:1: error Found SPLITHERE: change it. [test-split]\n\n1 problem (1 error, 0 warnings)\n');
    write('q.md', 'WARNME\n');
    const hidden = await run(['q.md', '--quiet', '--max-warnings', '0']);
    expect(hidden).toEqual({ code: 1, stdout: '', stderr: 'policy-lint: 1 warning found, more than --max-warnings 0 allows\n' });
  });
});

describe('--stdin', () => {
  it('lints standard input under --stdin-filename', async () => {
    const res = await run(['--stdin', '--stdin-filename', 'policies/p.md', '--format', 'compact'], { stdin: 'Intro\n\nWARNME\n' });
    expect(res).toEqual({ code: 0, stdout: 'policies/p.md:3:1: warning Found WARNME: change it. [test-warning]\n\n1 problem (0 errors, 1 warning)\n', stderr: '' });
  });

  it('with --fix prints the fixed text on stdout and the report on stderr', async () => {
    const res = await run(['--stdin', '--stdin-filename', 'p.md', '--fix'], { stdin: 'Hertfordshire Steps\r\nWARNME\r\n' });
    expect(res.stdout).toBe('Therapeutic Thinking Hertfordshire\r\nWARNME\r\n');
    expect(res.stderr.replace(/\s+/g, ' ')).toContain(
      'p.md read as: Hertfordshire model policy for children with a social worker (3 words: too short to tell which model it follows, so every rule runs) Before the first heading line 2 warning Found WARNME: change it. test-warning',
    );
    expect(res.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'p.md'))).toBe(false);
  });

  it('with --fix prints the text unchanged when there is nothing to fix; json carries it as output', async () => {
    expect((await run(['--stdin', '--fix'], { stdin: 'Fine.\n' })).stdout).toBe('Fine.\n');
    const json = await run(['--stdin', '--stdin-filename', 'p.md', '--fix', '--format', 'json'], { stdin: 'SPLITHERE\n' });
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ filePath: path.join(dir, 'p.md'), output: 'SPLIT\nHERE\n', messages: [] });
  });

  it('rejects --stdin with file paths, and --stdin-filename without --stdin', async () => {
    expect(await run(['--stdin', 'a.md'])).toEqual({ code: 2, stdout: '', stderr: 'policy-lint: give either files to lint or --stdin, not both\n' });
    expect((await run(['--stdin-filename', 'a.md', 'a.md'])).stderr).toBe('policy-lint: --stdin-filename only makes sense with --stdin\n');
  });

  it('an ignored --stdin-filename is not linted, with a warning', async () => {
    write('.policylintignore', 'drafts/\n');
    const res = await run(['--stdin', '--stdin-filename', 'drafts/x.md', '--fix'], { stdin: 'SPLITHERE\n' });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('SPLITHERE\n');
    expect(res.stderr).toBe('policy-lint: warning: drafts/x.md is ignored (pattern "drafts/" in .policylintignore), so standard input was not linted; use --no-ignore to lint it\n');
  });
});

describe('--format and --output-file', () => {
  it('writes the report to a file (creating its folder) instead of stdout', async () => {
    write('a.md', 'SPLITHERE\n');
    const res = await run(['a.md', '--format', 'sarif', '--output-file', 'reports/out.sarif']);
    expect(res).toEqual({ code: 1, stdout: '', stderr: '' });
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'reports', 'out.sarif'), 'utf8'));
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'test-split', locations: [{ physicalLocation: { artifactLocation: { uri: 'a.md', uriBaseId: '%SRCROOT%' } } }] });
    expect(log.runs[0].tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('github and junit through the command line', async () => {
    write('a,b.md', 'SPLITHERE: WARNME\n');
    const gh = await run(['a,b.md', '--format', 'github']);
    expect(gh.stdout).toBe(
      '::error file=a%2Cb.md,line=1,col=1,endLine=1,endColumn=10,title=test-split::Found SPLITHERE: change it.\n' +
        '::warning file=a%2Cb.md,line=1,col=12,endLine=1,endColumn=18,title=test-warning::Found WARNME: change it.\n',
    );
    const junit = await run(['a,b.md', '--format', 'junit']);
    expect(junit.stdout).toContain('<testcase classname="a,b" name="test-split: a,b.md:1:1" file="a,b.md" time="0">');
    expect(junit.stdout).toContain('<failure message="Found SPLITHERE: change it." type="test-split">a,b.md:1:1: Found SPLITHERE: change it. [test-split]</failure>');
  });

  it('an --output-file that cannot be written is a one-line error, exit 2', async () => {
    write('a.md', 'Fine.\n');
    write('taken', 'x');
    const res = await run(['a.md', '--output-file', 'taken/report.txt']);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('policy-lint: taken/report.txt: cannot be written (part of its path is a file, not a folder)\n');
  });
});

describe('hooks and recipes', () => {
  it('.pre-commit-hooks.yaml defines policy-lint and policy-lint-fix', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string }[];
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['policy-lint', 'policy-lint', 'node'],
      ['policy-lint-fix', 'policy-lint --fix', 'node'],
    ]);
  });

  it("the README's CI section points at docs/pre-commit.md and docs/ci.md, whose recipes are valid YAML and JSON", async () => {
    const { parse } = await import('yaml');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- ci:start -->'), readme.indexOf('<!-- ci:end -->'));
    expect(section).toContain('(docs/pre-commit.md)');
    expect(section).toContain('(docs/ci.md)');
    // --cache writes .policylintcache into the policy repository: the README says not to commit it (issue 16 item 9).
    expect(section.replace(/\s+/g, ' ')).toMatch(/`\.policylintcache` file in the current folder: add it to `\.gitignore`/);
    expect(readme).not.toContain('rev: v0.1.0            # a release tag'); // the old recipe, now in docs/pre-commit.md
    for (const page of ['pre-commit.md', 'ci.md']) {
      const text = fs.readFileSync(path.join(ROOT, 'docs', page), 'utf8');
      const blocks = [...text.matchAll(/```(yaml|json)\n([\s\S]*?)```/g)];
      expect(blocks.length).toBeGreaterThan(0);
      for (const [, lang, body] of blocks) expect(() => (lang === 'json' ? JSON.parse(body!) : parse(body!))).not.toThrow();
    }
  });
});

/**
 * Regular expressions cannot freeze a run (issue 17, items 4-6): the built-in
 * placeholder patterns stay fast on long runs of spaces, tabs and dots, and
 * every pattern a user supplies (packs, rule options, settings.guidance) is
 * compiled and checked for super-linear backtracking before it is used.
 * Each test failed before its fix; a hung case is bounded by the subprocess
 * timeout, not by a timing assertion.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli, writeIn } from '../helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-regex-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Long enough that the old patterns took minutes; the fixed ones take a moment. */
const BOUND = { timeout: 30_000 };

describe('item 4: placeholder-text is linear on long runs of white space and dots', () => {
  const cases: [string, string, string[]][] = [
    // The TBC pattern's lookbehind read back over every space before each position.
    ['spaces.md', `Review ${' '.repeat(100_000)}date\n`, []],
    ['tabs.md', `${'\t'.repeat(100_000)}x\n`, []],
    // The same, with a finding after the run (the lookbehind still applies).
    ['tbc.md', `Review date:${' '.repeat(50_000)}TBC\n`, ['1:50013 "TBC"']],
    // "enter name" as a value, after a long run of spaces.
    ['enter.md', `Name:${' '.repeat(50_000)}enter name\n`, ['1:50006 "enter name"']],
    // A dotted leader with a page number: the run of dots was re-tried from every dot, and at every length.
    ['leader.md', `Contents${'.'.repeat(20_000)} 3\n`, []],
    ['blank.md', `Signed${'.'.repeat(20_000)}\n`, ['1:7 "....."']],
  ];
  for (const [name, text, expected] of cases) {
    it(`${name}: finishes and reports ${expected.length ? expected.join(', ') : 'nothing'}`, async () => {
      writeIn(tmp, name, text);
      const run = await spawnCli(['--as-of', '2026-11-24', '--format', 'json', name], { cwd: tmp, ...BOUND });
      expect(run.stderr).toBe('');
      expect([0, 1]).toContain(run.code);
      const found = (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[])[0]!.messages
        .filter((m) => m.ruleId === 'placeholder-text')
        .map((m) => `${m.line}:${m.column} ${m.message.slice(0, m.message.indexOf('"', 1) + 1)}`);
      expect(found.map((f) => f.replace(/"\.{5,}"/, '"....."'))).toEqual(expected);
    });
  }
});

describe('item 4 (the same defect in the role reader): a long run of spaces after a named post', () => {
  it('finishes: the separator before a post holder is tried from the start of a run only', async () => {
    writeIn(tmp, 'post.md', `The Designated Teacher is Mrs A Example${' '.repeat(100_000)},\n`);
    const run = await spawnCli(['--as-of', '2026-11-24', '--format', 'json', 'post.md'], { cwd: tmp, ...BOUND });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect((JSON.parse(run.stdout) as { filePath: string }[])[0]!.filePath).toBe(path.join(tmp, 'post.md'));
  });

  // A post holder's value is split into people at commas and "or"/"and" and stripped of "(...)": the split
  // patterns with spaces around the separator, and "(" up to the next ")", were quadratic.
  const values: [string, string][] = [
    ['spaces-colon.md', `Designated Teacher: Mrs A Example${' '.repeat(60_000)}:\n`],
    ['spaces-word.md', `Designated Teacher: Mrs A Example${' '.repeat(60_000)}x\n`],
    ['brackets.md', `Designated Teacher: Mrs A Example ${'('.repeat(150_000)}\n`],
    // "<...>" and "[...]" are template marks: "<" up to the next ">" on the line was tried from every "<".
    ['angles.md', `Designated Teacher: Mrs A Example ${'<'.repeat(250_000)}\n`],
  ];
  for (const [name, text] of values) {
    it(`finishes: a named post's value of ${name.replace(/\.md$/, '')} is read in one pass`, async () => {
      writeIn(tmp, name, text);
      const run = await spawnCli(['--as-of', '2026-11-24', '--profile', 'lac', '--format', 'json', name], { cwd: tmp, ...BOUND });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const roles = (JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[])[0]!.messages.filter((m) => m.ruleId === 'required-roles');
      // The Designated Teacher is named; the other two posts are not.
      expect(roles.map((m) => m.message.slice(0, m.message.indexOf(':')))).toEqual([
        'The policy does not name the Designated Safeguarding Lead',
        'The policy does not name the Designated School Governor for CLA and PLA',
      ]);
    });
  }
});

/** Run the CLI in a folder of its own holding `files`; returns the exit code and the lines of standard error. */
async function runIn(name: string, files: Record<string, string>, extra: string[] = [], node: string[] = []): Promise<{ code: number | null; stderr: string[]; stdout: string }> {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) writeIn(dir, file, text);
  const run = await spawnCli(['--as-of', '2026-11-24', ...extra, 'policy.md'], { cwd: dir, node, ...BOUND });
  return { code: run.code, stderr: run.stderr.split('\n').filter(Boolean), stdout: run.stdout };
}

/** "file:line:column" of the first occurrence of `needle` in `text` (1-based, as the CLI reports it). */
function at(file: string, text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle));
  const lines = before.split('\n');
  return `${file}:${lines.length}:${lines[lines.length - 1]!.length + 1}`;
}

const POLICY = { 'policy.md': 'Policy Objective\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n' };

describe('item 5: regular expressions in rule options are checked', () => {
  it('placeholder-text patterns: ["(a+)+$"] is a configuration error at the pattern, not a hang', async () => {
    const rc = 'root: true\nrules:\n  placeholder-text: [error, { patterns: ["(a+)+$"] }]\n';
    const run = await runIn('option-redos', { ...POLICY, '.policylintrc.yaml': rc });
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(
      new RegExp(
        `^policy-lint: ${at('.policylintrc.yaml', rc, '"(a+)+$"').replace(/\./g, '\\.')}: rules\\.placeholder-text\\.patterns\\[0\\]: the pattern "\\(a\\+\\)\\+\\$" can take exponential time`,
      ),
    );
    expect(run.stderr[0]).toContain('"a" can match the same characters in more than one way');
  });

  it('a pattern that does not compile is a configuration error with file:line:column, not an internal error', async () => {
    const rc = 'root: true\nrules:\n  placeholder-text:\n    - error\n    - sourcePatterns: ["<(name"]\n';
    const run = await runIn('option-syntax', { ...POLICY, '.policylintrc.yaml': rc });
    expect(run.code).toBe(2);
    expect(run.stderr).toEqual([
      `policy-lint: ${at('.policylintrc.yaml', rc, '"<(name"')}: rules.placeholder-text.sourcePatterns[0]: the pattern "<(name" does not compile (Unterminated group)`,
    ]);
  });

  it('kinship-care terms are checked too, with the flags the rule uses', async () => {
    const rc = 'root: true\nrules:\n  kinship-care: [warn, { terms: ["kinship\\\\s+care", "(k+)+$"] }]\n';
    const run = await runIn('option-kinship', { ...POLICY, '.policylintrc.yaml': rc });
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(
      new RegExp(
        `^policy-lint: ${at('.policylintrc.yaml', rc, '"(k+)+$"').replace(/\./g, '\\.')}: rules\\.kinship-care\\.terms\\[1\\]: the pattern "\\(k\\+\\)\\+\\$" can take exponential time`,
      ),
    );
  });

  it('a safe pattern in an option is used', async () => {
    const rc = 'root: true\nrules:\n  placeholder-text: [error, { patterns: ["\\\\bwidget\\\\b"] }]\n';
    const run = await runIn('option-safe', { 'policy.md': 'Policy Objective\n\nThe widget is here.\n', '.policylintrc.yaml': rc }, ['--format', 'json']);
    expect(run.stderr).toEqual([]);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number }[] }[])[0]!.messages;
    expect(messages.filter((m) => m.ruleId === 'placeholder-text').map((m) => `${m.line}:${m.column}`)).toEqual(['3:5']);
  });
});

describe('item 6: polynomial backtracking is refused in packs and settings.guidance', () => {
  it('a pack pattern ".*.*.*.*.*=" is refused at the pattern, as polynomial', async () => {
    const pack = 'name: p\nrules:\n  - id: p/x\n    type: existence\n    message: m\n    patterns: [".*.*.*.*.*="]\n';
    const run = await runIn('pack-poly', { ...POLICY, '.policylintrc.yaml': 'root: true\npacks: [./p.yaml]\n', 'p.yaml': pack });
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(
      /^policy-lint: p\.yaml:6:16: rules\[0\] \(p\/x\)\.patterns\[0\]: the regular expression "\.\*\.\*\.\*\.\*\.\*=" can take polynomial time \(it grows with the 6th power of the length\) on some text: /,
    );
  });

  it('a quadratic pattern in settings.guidance is refused at the pattern', async () => {
    const rc = 'root: true\nsettings:\n  guidance:\n    renames:\n      - { id: steps-email, pattern: "steps.*@herts" }\n';
    const run = await runIn('guidance-poly', { ...POLICY, '.policylintrc.yaml': rc });
    expect(run.code).toBe(2);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(
      new RegExp(
        `^policy-lint: ${at('.policylintrc.yaml', rc, '"steps.*@herts"').replace(/\./g, '\\.')}: settings\\.guidance\\.renames\\[id=steps-email\\]\\.pattern: the regular expression "steps\\.\\*@herts" can take polynomial time \\(it grows with the 2nd power of the length, "quadratic"\\)`,
      ),
    );
  });

  it('the checker is loaded only by a run with patterns from outside the package', async () => {
    const hook = writeIn(
      tmp,
      'hook.cjs',
      "const M = require('node:module');\nconst load = M._load;\nM._load = function (request, ...rest) {\n  if (request === 'recheck') process.stderr.write('loaded recheck\\n');\n  return load.call(this, request, ...rest);\n};\n",
    );
    const builtIn = await runIn('load-default', POLICY, [], ['--require', hook]);
    expect(builtIn.stderr).not.toContain('loaded recheck');
    expect([0, 1]).toContain(builtIn.code);
    const rc = 'root: true\nrules:\n  placeholder-text: [error, { patterns: ["\\\\bwidget\\\\b"] }]\n';
    const user = await runIn('load-user', { ...POLICY, '.policylintrc.yaml': rc }, [], ['--require', hook]);
    expect(user.stderr).toContain('loaded recheck');
    expect([0, 1]).toContain(user.code);
  });
});

/**
 * Configuration through the built CLI (`node bin/policy-lint.js`, after
 * `npm run build`): every kind of configuration error with its exit code and
 * exact one-line message, hostile files, the cascade, --config, --as-of,
 * --print-config, --init, --list-rules with packs, ignores and directives.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, seedPath, testFolder } from './helpers.js';

const tmpRoot = testFolder('cli-config');
let counter = 0;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.js'))) throw new Error('run "npm run build" first: these tests run the built CLI');
});

function tree(files: Record<string, string | Buffer>): string {
  const root = path.join(tmpRoot, `t${counter++}`);
  fs.mkdirSync(root, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(cwd: string, args: string[]): Run {
  const out = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const POLICY = 'Roles and Responsibilities\n\nStaff attend the Virtual School training; see [the guidance](#).\n\nPhone: 01992 556915\n';

/** Lint POLICY with a configuration file; expect exit 2, nothing on stdout and exactly `message` on stderr. */
function expectConfigError(files: Record<string, string>, message: string, args: string[] = ['policy.md']): void {
  const cwd = tree({ 'policy.md': POLICY, ...files });
  const run = cli(cwd, args);
  expect(run.stderr).toBe(`${message}\n`);
  expect(run.stdout).toBe('');
  expect(run.status).toBe(2);
}

describe('configuration errors: one line with file:line:column, exit code 2', () => {
  it('bad YAML', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  empty-link: warn\n   review-date: off\n' },
      'policy-lint: .policylintrc.yaml:3:15: invalid YAML: Nested mappings are not allowed in compact mappings',
    );
  });

  it('bad JSON', () => {
    expectConfigError(
      { '.policylintrc.json': '{\n  "root": true,\n  "rules": { "empty-link": "warn", }\n}\n' },
      'policy-lint: .policylintrc.json:3:36: invalid JSON: Expected double-quoted property name',
    );
  });

  it('wrong types', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  review-date: [error, { maxCycleMonths: "24" }]\n' },
      'policy-lint: .policylintrc.yaml:3:42: rules.review-date.maxCycleMonths: expected a number, got the text "24"',
    );
    expectConfigError({ '.policylintrc.yaml': 'root: true\nignores: { a: 1 }\n' }, 'policy-lint: .policylintrc.yaml:2:10: ignores: expected a text or a list of texts, got a mapping');
  });

  it('huge numbers', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  review-date: [error, { maxCycleMonths: 1e400 }]\n' },
      'policy-lint: .policylintrc.yaml:3:42: rules.review-date.maxCycleMonths: expected a number, got the number Infinity',
    );
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nsettings:\n  reviewCycleMonths: 123456789012345678901234567890\n' },
      'policy-lint: .policylintrc.yaml:3:22: settings.reviewCycleMonths: 1.2345678901234568e+29 is far too large a number',
    );
  });

  it('unknown rule, with the nearest id suggested', () => {
    expectConfigError({ '.policylintrc.yaml': 'root: true\nrules:\n  empty-lnk: off\n' }, 'policy-lint: .policylintrc.yaml:3:3: rules: unknown rule "empty-lnk"; did you mean "empty-link"?');
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  hertfordshire/virtual-school-adress: off\n' },
      'policy-lint: .policylintrc.yaml:3:3: rules: unknown rule "hertfordshire/virtual-school-adress"; did you mean "hertfordshire/virtual-school-address"?',
    );
  });

  it('unknown option', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  review-date: [error, { maxCycle: 24 }]\n' },
      'policy-lint: .policylintrc.yaml:3:26: rules.review-date: unknown option "maxCycle" for rule "review-date"; did you mean "maxCycleMonths"? (options: maxCycleMonths)',
    );
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  therapeutic-thinking-naming: [error, { strict: true }]\n' },
      'policy-lint: .policylintrc.yaml:3:42: rules.therapeutic-thinking-naming: rule "therapeutic-thinking-naming" has no options, so "strict" cannot be set',
    );
  });

  it('bad severity', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nrules:\n  empty-link: high\n' },
      'policy-lint: .policylintrc.yaml:3:15: rules.empty-link: expected a severity "off", "warn" or "error", got "high"',
    );
  });

  it('extends cycle', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\nextends: ./shared/a.yaml\n', 'shared/a.yaml': 'extends: [./b.yaml]\n', 'shared/b.yaml': 'extends: ./a.yaml\n' },
      'policy-lint: shared/b.yaml:1:10: extends: cycle: shared/a.yaml -> shared/b.yaml -> shared/a.yaml',
    );
  });

  it('missing pack file', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\npacks:\n  - ./packs/our-authority.yaml\n' },
      'policy-lint: .policylintrc.yaml:3:5: pack file "./packs/our-authority.yaml" not found (paths in packs are relative to the folder of this configuration file)',
    );
  });

  it('bad pack regex (catastrophic backtracking), reported in the pack file', () => {
    expectConfigError(
      { '.policylintrc.yaml': 'root: true\npacks: [./bad-regex.yaml]\n', 'bad-regex.yaml': fs.readFileSync(path.join(FIXTURES, 'config', 'packs', 'bad-regex.yaml'), 'utf8') },
      `policy-lint: bad-regex.yaml:7:9: rules[0] (bad-regex/repeated-words).patterns[0]: the regular expression "(\\w+\\s?)+$" can take exponential time (each extra character can double it) on some text: "\\w" can match the same characters in more than one way; for example on '0' + '0'.repeat(31) + '\\x00'; rewrite it so that each character can be matched in one way only (e.g. (a+)+ as a+)`,
    );
  });

  it('bad pack regex (does not compile)', () => {
    expectConfigError(
      {
        '.policylintrc.yaml': 'root: true\npacks: [./p.yaml]\n',
        'p.yaml': 'name: p\nrules:\n  - id: p/x\n    type: existence\n    message: m\n    patterns: ["[unclosed"]\n',
      },
      'policy-lint: p.yaml:6:16: rules[0] (p/x).patterns[0]: the regular expression "[unclosed" does not compile (Unterminated character class)',
    );
  });

  it('a YAML alias bomb ("billion laughs") is refused with one line', () => {
    let bomb = 'root: true\nsettings:\n  guidance:\n    series:\n      a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    let prev = 'a';
    for (const name of 'bcdefghijk') {
      bomb += `      ${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = name;
    }
    expectConfigError(
      { '.policylintrc.yaml': bomb },
      'policy-lint: .policylintrc.yaml:6:14: refused: the YAML aliases (*name) would expand to an enormous amount of data (more than 100 alias expansions); write the values out instead',
    );
  });

  it('a missing --config file is a usage error', () => {
    expectConfigError({}, 'policy-lint: --config: "nope.yaml" not found', ['policy.md', '--config', 'nope.yaml']);
  });
});

describe('configuration that works', () => {
  function ruleIds(run: Run): string[] {
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; severity: number | string; line: number; column: number }[] }[];
    return result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity}`);
  }

  it('cascades from the file folder up, nearest first, and stops at root: true', () => {
    const policy = 'Attendance\n\nSee [here](#) and [there](#).\n';
    const cwd = tree({
      '.policylintrc.yaml': 'rules:\n  review-date: error\n',
      'trust/.policylintrc.yaml': 'root: true\nrules:\n  empty-link: error\n  hertfordshire/*: off\n',
      'trust/school/.policylintrc.json': '{ "rules": { "empty-link": "off" } }',
      'trust/p.md': policy,
      'trust/school/p.md': policy,
    });
    const trustRun = cli(cwd, ['trust/p.md', '--format', 'json', '--as-of', '2026-11-24']);
    expect(trustRun.stderr).toBe('');
    expect(ruleIds(trustRun).filter((r) => r.includes('empty-link'))).toEqual(['3:6 empty-link 2', '3:20 empty-link 2']);
    expect(ruleIds(trustRun).filter((r) => r.includes('hertfordshire/'))).toEqual([]);
    const schoolRun = cli(cwd, ['trust/school/p.md', '--format', 'json', '--as-of', '2026-11-24']);
    expect(ruleIds(schoolRun).filter((r) => r.includes('empty-link'))).toEqual([]);
  });

  it('--config uses one file and no cascade; --as-of overrides settings.asOf', () => {
    const cwd = tree({
      'policy.md': "Staff read 'Keeping Children Safe in Education' (September 2024).\n",
      'ci.yaml': 'extends: policy-lint:strict\npacks: [./test-pack.yaml]\nsettings:\n  asOf: 2026-11-24\n',
      'test-pack.yaml': fs.readFileSync(path.join(FIXTURES, 'config', 'packs', 'test-pack.yaml'), 'utf8'),
      '.policylintrc.yaml': 'root: true\nrules: { empty-lnk: off }\n',
    });
    const stale = cli(cwd, ['policy.md', '--config', 'ci.yaml', '--format', 'json']);
    expect(ruleIds(stale)).toContain('1:60 test-pack/kcsie-year 2');
    const then = cli(cwd, ['policy.md', '--config', 'ci.yaml', '--format', 'json', '--as-of', '2025-06-01']);
    expect(ruleIds(then).filter((r) => r.includes('test-pack/kcsie-year'))).toEqual([]);
  });

  it('--print-config prints the resolved configuration as stable JSON', () => {
    const cwd = tree({
      '.policylintrc.yaml':
        'root: true\nextends: policy-lint:strict\nrules:\n  empty-link: off\n  review-date: [warn, { maxCycleMonths: 24 }]\nsettings:\n  asOf: 2026-09-01\nignores: [archive/]\n',
      'school/p.md': 'x\n',
    });
    const run = cli(cwd, ['--print-config', 'school/p.md']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as {
      configFiles: string[];
      ignores: unknown;
      packs: { file: string }[];
      rules: Record<string, unknown>;
      settings: { asOf: string; guidance: { series: Record<string, unknown> } };
    };
    expect(Object.keys(printed)).toEqual(['configFiles', 'ignores', 'packs', 'profile', 'profiles', 'rules', 'settings']);
    expect(printed.configFiles).toEqual(['.policylintrc.yaml']);
    expect(printed.ignores).toEqual([{ base: '.', patterns: ['archive/'] }]);
    expect(printed.packs.map((p) => p.file)).toEqual(['policy-lint:hertfordshire']);
    expect((printed.rules['empty-link'] as unknown[])[0]).toBe('off');
    expect(printed.rules['review-date']).toEqual(['warn', { maxCycleMonths: 24 }]);
    expect(printed.rules['hertfordshire/virtual-school-in-roles']).toBe('error');
    expect(Object.keys(printed.rules)).toEqual(Object.keys(printed.rules).sort());
    expect(printed.settings.asOf).toBe('2026-09-01');
    expect(Object.keys(printed.settings.guidance.series)).toContain('kcsie');
    // Stable: the same output twice.
    expect(cli(cwd, ['--print-config', 'school/p.md']).stdout).toBe(run.stdout);
  });

  it('--init writes a commented starter, and refuses to overwrite one', () => {
    const cwd = tree({});
    const first = cli(cwd, ['--init']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('Wrote .policylintrc.yaml (extends policy-lint:recommended). Edit it to switch rules off, change their severity or add rule packs.\n');
    expect(first.status).toBe(0);
    const written = fs.readFileSync(path.join(cwd, '.policylintrc.yaml'), 'utf8');
    expect(written).toContain('# policy-lint configuration.');
    expect(written).toContain('extends:\n  - policy-lint:recommended\n');
    const second = cli(cwd, ['--init']);
    expect(second.stderr).toBe('policy-lint: .policylintrc.yaml already exists in this folder; edit it, or delete it and run policy-lint --init again\n');
    expect(second.status).toBe(2);
    expect(fs.readFileSync(path.join(cwd, '.policylintrc.yaml'), 'utf8')).toBe(written);
    // The starter is a working configuration.
    fs.writeFileSync(path.join(cwd, 'p.md'), 'x\n');
    expect(cli(cwd, ['--print-config', 'p.md']).status).toBe(0);
    const json = tree({ '.policylintrc.json': '{}' });
    expect(cli(json, ['--init']).stderr).toBe('policy-lint: .policylintrc.json already exists in this folder; edit it, or delete it and run policy-lint --init again\n');
  });

  it('--init asks one question on a terminal (in process, with the question answered)', async () => {
    const { main } = await import('../src/cli/main.js');
    const cwd = tree({});
    const out: string[] = [];
    const asked: string[] = [];
    const code = await main(['node', 'policy-lint', '--init'], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      cwd,
      env: {},
      isTTY: true,
      ask: async (q) => {
        asked.push(q);
        return 'y';
      },
    });
    expect(code).toBe(0);
    expect(asked).toEqual(['Make every warning an error (the policy-lint:strict preset)? [y/N] ']);
    expect(out.join('')).toBe('Wrote .policylintrc.yaml (extends policy-lint:strict). Edit it to switch rules off, change their severity or add rule packs.\n');
    expect(fs.readFileSync(path.join(cwd, '.policylintrc.yaml'), 'utf8')).toContain('extends:\n  - policy-lint:strict\n');
  });

  it('--list-rules includes the rules of the packs the configuration loads', () => {
    const cwd = tree({
      '.policylintrc.yaml': 'root: true\npacks: [./test-pack.yaml]\n',
      'test-pack.yaml': fs.readFileSync(path.join(FIXTURES, 'config', 'packs', 'test-pack.yaml'), 'utf8'),
    });
    const run = cli(cwd, ['--list-rules', '--format', 'json']);
    expect(run.status).toBe(0);
    const ids = (JSON.parse(run.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids).toContain('hertfordshire/virtual-school-address');
    expect(ids).toContain('test-pack/kcsie-year');
    expect(ids).toContain('therapeutic-thinking-naming');
  });

  it('skips files matched by "ignores", with a warning when the file was named', () => {
    const cwd = tree({ '.policylintrc.yaml': 'root: true\nignores: [archive/]\n', 'archive/old.md': 'Hertfordshire Steps\n', 'now.md': 'Hertfordshire Steps\n' });
    const named = cli(cwd, ['archive/old.md', 'now.md', '--format', 'json', '--as-of', '2026-11-24']);
    expect(named.stderr).toBe('policy-lint: warning: archive/old.md skipped: it is ignored ("ignores" in .policylintrc.yaml); use --no-ignore to lint it\n');
    expect((JSON.parse(named.stdout) as { filePath: string }[]).map((r) => path.relative(cwd, r.filePath))).toEqual(['now.md']);
    const folder = cli(cwd, ['.', '--format', 'json', '--as-of', '2026-11-24']);
    expect(folder.stderr).toBe('');
    expect((JSON.parse(folder.stdout) as { filePath: string }[]).map((r) => path.relative(cwd, r.filePath))).toEqual(['now.md']);
  });
});

/** A configuration with every rule off but the ones given. */
function onlyRules(on: Record<string, string>): string {
  const ids = (JSON.parse(cli(ROOT, ['--list-rules', '--format', 'json']).stdout) as { id: string }[]).map((r) => r.id);
  return `root: true\nrules:\n${ids.map((id) => `  ${id}: ${on[id] ?? 'off'}\n`).join('')}`;
}

describe('directives through the CLI', () => {
  it('silences with a reason, reports unknown ids (exit 1) and unused directives only when asked', () => {
    const cwd = tree({
      'p.md':
        '<!-- policy-lint-disable-next-line empty-link -- the trust adds links on publication -->\n' +
        'See [the guidance](#).\n\n' +
        'See [more](#). <!-- policy-lint-disable-line empty-lnk -->\n\n' +
        '<!-- policy-lint-disable-next-line therapeutic-thinking-naming -->\n' +
        'Therapeutic Thinking Hertfordshire.\n',
      '.policylintrc.yaml': onlyRules({ 'empty-link': 'warn', 'therapeutic-thinking-naming': 'error' }),
    });
    const run = cli(cwd, ['p.md', '--format', 'json', '--as-of', '2026-11-24']);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number; message: string }[] }[])[0]!.messages;
    expect(messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['4:6 empty-link', '4:46 policy-lint/directive']);
    expect(messages[1]!.message).toBe('Unknown rule "empty-lnk" in a policy-lint-disable-line directive, so it silences nothing; did you mean "empty-link"?');
    expect(run.status).toBe(1);

    const unused = cli(cwd, ['p.md', '--format', 'json', '--as-of', '2026-11-24', '--report-unused-directives']);
    const after = (JSON.parse(unused.stdout) as { messages: { ruleId: string; line: number; column: number; severity: number; message: string }[] }[])[0]!.messages;
    expect(after.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.severity}`)).toEqual(['4:6 empty-link 1', '4:46 policy-lint/directive 2', '6:36 policy-lint/directive 1']);
    expect(after[2]!.message).toBe(
      'Unused policy-lint-disable-next-line directive for "therapeutic-thinking-naming": no problems from that rule were reported on the next line, so "therapeutic-thinking-naming" can be removed from it.',
    );
  });

  it('unused directives are warnings: they do not change a clean exit code', () => {
    const cwd = tree({ 'p.md': '<!-- policy-lint-disable-next-line empty-link -->\nNothing to see.\n', '.policylintrc.yaml': onlyRules({}) });
    const run = cli(cwd, ['p.md', '--format', 'json', '--report-unused-directives']);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; severity: number }[] }[])[0]!.messages;
    expect(messages.map((m) => [m.ruleId, m.severity])).toEqual([['policy-lint/directive', 1]]);
    expect(run.status).toBe(0);
  });

  it('"*" is not a rule id: rules are configured one by one, or a whole pack with "pack/*"', () => {
    const cwd = tree({ 'p.md': 'x\n', '.policylintrc.yaml': 'root: true\nrules:\n  "*": off\n' });
    expect(cli(cwd, ['p.md']).stderr).toBe('policy-lint: .policylintrc.yaml:3:3: rules: unknown rule "*" (policy-lint --list-rules lists the rules)\n');
  });
});

describe('the built-in pack in the built CLI', () => {
  it('finds rules/packs/hertfordshire.yaml from dist/src and reports seed 002', () => {
    const run = cli(ROOT, [path.relative(ROOT, seedPath('002')), '--format', 'json', '--as-of', '2026-11-24']);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; line: number; column: number }[] }[])[0]!.messages;
    expect(messages.filter((m) => m.ruleId.startsWith('hertfordshire/')).map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '280:40 hertfordshire/virtual-school-address',
      '282:13 hertfordshire/virtual-school-address',
    ]);
  });
});

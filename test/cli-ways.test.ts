/**
 * The command line as a new user meets it (issue 16): a closed pipe, --fix-dry-run on a file with nothing to
 * fix, an --output-file whose folder cannot be made, --explain on a pack rule.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, runMain, spawnCli, writeIn } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-ways-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run a shell pipeline; its standard error and the exit code of the pipeline's first command. */
function pipeline(command: string): Promise<{ stdout: string; stderr: string; first: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `${command}; echo "first=\${PIPESTATUS[0]}" >&2`], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const m = /first=(\d+)\n$/.exec(stderr);
      resolve({ stdout, stderr: stderr.replace(/first=\d+\n$/, ''), first: Number(m?.[1]) });
    });
  });
}

describe('a closed pipe ends the run quietly', () => {
  it('policy-lint --help | head -1', async () => {
    const r = await pipeline(`node ${BIN} --help | head -1`);
    expect(r.stdout).toBe('Usage: policy-lint [options] [paths...]\n');
    expect(r.stderr).toBe('');
    expect(r.first).toBe(0);
  });

  it('policy-lint fixtures -f sarif | head -3 (a report larger than the pipe holds)', async () => {
    const r = await pipeline(`node ${BIN} fixtures -f sarif --as-of 2026-11-24 | head -3`);
    expect(r.stdout.split('\n')[0]).toBe('{');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(r.stderr).toBe('');
  });
});

describe('--print-text', () => {
  it('a file that is not there is one line, in the words a lint run uses, and exit 2', async () => {
    const r = await spawnCli(['--print-text', 'missing.md'], { cwd: dir });
    expect(r.stderr).toBe('policy-lint: missing.md: no such file or directory\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });
});

describe('--fix-dry-run', () => {
  it('prints the text unchanged when there is nothing to fix (so that > out.txt is the text)', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'current-policy.md'), 'utf8');
    writeIn(dir, 'clean.md', text);
    const r = await runMain(['clean.md', '--fix-dry-run'], { cwd: dir });
    expect(r.stdout).toBe(text);
    expect(r.code).toBe(0);
  });

  it('prints a single file with nothing to fix even when it has findings', async () => {
    writeIn(dir, 'a.md', 'Nothing to fix here.\n');
    const r = await runMain(['a.md', '--fix-dry-run'], { cwd: dir });
    expect(r.stdout).toBe('Nothing to fix here.\n');
    expect(r.stderr).toContain('a.md');
  });
});

describe('--output-file whose folder cannot be made', () => {
  it('-o /proc/nope/x is one line and exit 2, at once (no endless mkdir)', async () => {
    writeIn(dir, 'a.md', 'Fine.\n');
    const r = await spawnCli(['a.md', '-o', '/proc/nope/x'], { cwd: dir, timeout: 30_000 });
    expect(r.stderr).toBe('policy-lint: /proc/nope/x: cannot create the folder /proc/nope (the file system there does not allow it)\n');
    expect(r.code).toBe(2);
  });

  it('creates missing folders one level at a time, and names a file in the way', async () => {
    writeIn(dir, 'a.md', 'Fine.\n');
    expect((await runMain(['a.md', '-o', 'x/y/z/report.txt'], { cwd: dir })).stderr).toBe('');
    expect(fs.existsSync(path.join(dir, 'x', 'y', 'z', 'report.txt'))).toBe(true);
    writeIn(dir, 'taken', 'x');
    const r = await runMain(['a.md', '-o', 'taken/deeper/report.txt'], { cwd: dir });
    expect(r.stderr).toBe('policy-lint: taken/deeper/report.txt: cannot be written (part of its path is a file, not a folder)\n');
    expect(r.code).toBe(2);
  });
});

describe('--explain with an unknown rule', () => {
  it('suggests a rule only when the name is near one', async () => {
    const typo = await spawnCli(['--explain', 'reveiw-date'], { cwd: dir });
    expect(typo.stderr).toBe('policy-lint: --explain: unknown rule "reveiw-date"; did you mean "review-date"? (policy-lint --list-rules lists them)\n');
    expect(typo.code).toBe(2);
    const far = await spawnCli(['--explain', 'nope-rule'], { cwd: dir });
    expect(far.stderr).toBe('policy-lint: --explain: unknown rule "nope-rule" (policy-lint --list-rules lists them)\n');
    expect(far.code).toBe(2);
  });
});

describe('--explain on a pack rule', () => {
  it('says "an existence rule" and, with no examples, no empty examples heading', async () => {
    writeIn(dir, 'la.yaml', "name: la\nrules:\n  - id: la/old\n    type: existence\n    message: 'Old: {match}.'\n    tokens: [Old Team]\n");
    writeIn(dir, '.policylintrc.yaml', 'packs: [./la.yaml]\n');
    const r = await runMain(['--explain', 'la/old'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('as an existence rule');
    expect(r.stdout).not.toContain('as a existence');
    expect(r.stdout).toMatch(/\nExamples\n {2}none\n/);
  });

  it('a rule with examples names the day its dates are judged at', async () => {
    const r = await runMain(['--explain', 'review-date'], { cwd: dir });
    expect(r.stdout).toMatch(/\nExamples \(run now, with dates judged as on \d{4}-\d{2}-\d{2} unless stated\)\n {2}1\. /);
  });
});

describe('a missing path among several', () => {
  it('is one line and exit 2, and the other files are still linted and reported', async () => {
    writeIn(dir, 'a.md', 'We use Hertfordshire Steps.\n');
    const r = await runMain(['a.md', 'missing.md', 'nothing/*.md', '-f', 'compact'], { cwd: dir });
    expect(r.stderr).toBe('policy-lint: missing.md: no such file or directory\npolicy-lint: nothing/*.md: no files match this pattern\n');
    expect(r.stdout).toContain('a.md:1:8: error "Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire"');
    expect(r.code).toBe(2);
  });

  it('when no path names anything, each is one line and nothing is reported', async () => {
    const r = await runMain(['missing.md', 'other.md'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'policy-lint: missing.md: no such file or directory\npolicy-lint: other.md: no such file or directory\n' });
  });
});

describe('--init', () => {
  it('writes a template in which uncommenting any example line, or all of them, gives a valid configuration', async () => {
    const { starterConfig } = await import('../src/config/init.js');
    const { parseConfig } = await import('../src/config/schema.js');
    const { parse } = await import('yaml');
    for (const parent of [undefined, '../.policylintrc.yaml']) {
      const text = starterConfig('policy-lint:recommended', parent);
      expect(() => parseConfig('/x/.policylintrc.yaml', text)).not.toThrow();
      const lines = text.split('\n');
      const examples = lines.map((l, i) => [l, i] as const).filter(([l]) => /^# {2,}\S/.test(l));
      expect(examples.length).toBeGreaterThanOrEqual(7);
      for (const [line, i] of examples) {
        const one = [...lines.slice(0, i), line.slice(1), ...lines.slice(i + 1)].join('\n');
        expect(() => parse(one), line).not.toThrow();
        expect(() => parseConfig('/x/.policylintrc.yaml', one), line).not.toThrow();
      }
      const all = lines.map((l) => (/^# {2,}\S/.test(l) ? l.slice(1) : l)).join('\n');
      const config = parseConfig('/x/.policylintrc.yaml', all);
      expect(config.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['empty-link', 'review-date']));
      expect(config.packs.length).toBe(1);
    }
  });

  it('accepts an empty rules: (and settings:, ignores:, packs:)', async () => {
    writeIn(dir, '.policylintrc.yaml', 'rules:\nsettings:\nignores:\npacks:\n');
    writeIn(dir, 'a.md', 'We use Hertfordshire Steps.\n');
    const r = await runMain(['a.md', '-f', 'compact'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('therapeutic-thinking-naming');
  });

  it('below an existing configuration, writes a file that inherits from it, and says so', async () => {
    writeIn(dir, '.policylintrc.yaml', 'root: true\nrules:\n  therapeutic-thinking-naming: off\n');
    fs.mkdirSync(path.join(dir, 'school', 'policies'), { recursive: true });
    const cwd = path.join(dir, 'school', 'policies');
    const r = await runMain(['--init'], { cwd });
    expect(r.stdout).toBe('Wrote .policylintrc.yaml, which inherits from ../../.policylintrc.yaml (found in a folder above). Edit it to change rules, settings or packs for this folder.\n');
    expect(r.code).toBe(0);
    const written = fs.readFileSync(path.join(cwd, '.policylintrc.yaml'), 'utf8');
    expect(written).not.toMatch(/^root: true/m);
    expect(written).not.toMatch(/^extends:/m);
    expect(written).toContain('It inherits everything from ../../.policylintrc.yaml');
    // The trust's setting still applies in the school's folder.
    writeIn(cwd, 'a.md', 'We use Hertfordshire Steps.\n');
    const lint = await runMain(['a.md', '-f', 'compact'], { cwd });
    expect(lint.stdout).not.toContain('therapeutic-thinking-naming');
  });
});

describe("the command line in policy-lint's own words", () => {
  const line = async (args: string[]): Promise<string> => {
    const r = await runMain(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };

  it('unknown options, bad values and missing values are one line each', async () => {
    writeIn(dir, 'a.md', 'Fine.\n');
    expect(await line(['a.md', '--colour'])).toBe("policy-lint: unknown option '--colour' (did you mean --color?)\n");
    expect(await line(['a.md', '--zzzzzz'])).toBe("policy-lint: unknown option '--zzzzzz' (policy-lint --help lists the options)\n");
    expect(await line(['a.md', '--threads', '0'])).toBe('policy-lint: --threads: "0" is not valid: give a whole number of 1 or more, or "auto"\n');
    expect(await line(['a.md', '--max-warnings', 'x'])).toBe('policy-lint: --max-warnings: "x" is not valid: give a whole number of 0 or more, or -1 for no limit\n');
    expect(await line(['a.md', '-f', 'nope'])).toMatch(/^policy-lint: --format: "nope" is not one of stylish, compact, json, sarif, github, junit\b.*\n$/);
    expect(await line(['a.md', '--format'])).toBe('policy-lint: --format needs a value (--format <name>)\n');
  });

  it('a mistyped --format value gets a did-you-mean, a far one none', async () => {
    writeIn(dir, 'a.md', 'Fine.\n');
    const all = 'stylish, compact, json, sarif, github, junit, html, csv, csv-summary';
    expect(await line(['a.md', '-f', 'jsn'])).toBe(`policy-lint: --format: "jsn" is not one of ${all}; did you mean "json"?\n`);
    expect(await line(['a.md', '--format', 'SARIF2'])).toBe(`policy-lint: --format: "SARIF2" is not one of ${all}; did you mean "sarif"?\n`);
    expect(await line(['a.md', '-f', 'nope'])).toBe(`policy-lint: --format: "nope" is not one of ${all}\n`);
  });

  it('--as-of with a date that does not exist says it is not a real date', async () => {
    writeIn(dir, 'a.md', 'Fine.\n');
    expect(await line(['a.md', '--as-of', '2025-02-30'])).toBe('policy-lint: --as-of: "2025-02-30" is not a real date (February 2025 has 28 days)\n');
    expect(await line(['a.md', '--as-of', '2025-13-01'])).toBe('policy-lint: --as-of: "2025-13-01" is not a real date (there is no month 13)\n');
    expect(await line(['a.md', '--as-of', 'tomorrow'])).toBe('policy-lint: --as-of: "tomorrow" is not a date in the form YYYY-MM-DD\n');
  });

  it('a date in the configuration that does not exist says so too (settings.asOf, a guidance edition)', async () => {
    writeIn(dir, 'a.md', 'Fine.\n');
    writeIn(dir, '.policylintrc.yaml', 'settings:\n  asOf: 2024-02-30\n');
    expect(await line(['a.md'])).toBe('policy-lint: .policylintrc.yaml:2:9: settings.asOf: "2024-02-30" is not a real date (February 2024 has 29 days)\n');
    writeIn(dir, '.policylintrc.yaml', 'settings:\n  guidance: { series: { kcsie: { editions: [{ edition: "2026", certainty: confirmed, inForce: 2026-09-31 }] } } }\n');
    expect(await line(['a.md'])).toBe(
      'policy-lint: .policylintrc.yaml:2:95: settings.guidance.series.kcsie.editions[edition=2026].inForce: "2026-09-31" is not a real date (September 2026 has 30 days)\n',
    );
  });
});

describe('conventions of ESLint and markdownlint-cli2', () => {
  it('--color colours the output even when it is not a terminal; --no-color still wins over FORCE_COLOR', async () => {
    writeIn(dir, 'a.md', 'We use Hertfordshire Steps.\n');
    expect((await runMain(['a.md', '--color'], { cwd: dir })).stdout).toContain('\u001b[');
    expect((await runMain(['a.md'], { cwd: dir })).stdout).not.toContain('\u001b[');
  });

  it('"-" as a path lints standard input', async () => {
    const r = await runMain(['-', '-f', 'compact'], { cwd: dir, stdin: 'We use Hertfordshire Steps.\n' });
    expect(r.stdout).toContain('<stdin>:1:8: error "Hertfordshire Steps"');
  });

  it('a path starting with "!" excludes what it matches', async () => {
    writeIn(dir, 'a.md', 'We use Hertfordshire Steps.\n');
    writeIn(dir, 'drafts/b.md', 'We use Hertfordshire Steps.\n');
    const r = await runMain(['.', '!drafts/**', '-f', 'compact'], { cwd: dir });
    expect(r.stdout).toContain('a.md:1:8');
    expect(r.stdout).not.toContain('drafts/b.md');
  });

  it('--max-warnings -1 means no limit', async () => {
    writeIn(dir, 'w.md', fs.readFileSync(path.join(FIXTURES, 'current-policy.md'), 'utf8').replace(/\n\n/, '\n\n[a link]()\n\n'));
    const limited = await runMain(['w.md', '--max-warnings', '0'], { cwd: dir });
    expect(limited.code).toBe(1);
    const unlimited = await runMain(['w.md', '--max-warnings', '-1'], { cwd: dir });
    expect(unlimited.stderr).toBe('');
    expect(unlimited.code).toBe(0);
  });

  it('--outline with a format other than text or JSON is refused', async () => {
    writeIn(dir, 'a.md', '# A\n');
    expect((await runMain(['--outline', 'a.md', '-f', 'sarif'], { cwd: dir })).stderr).toBe('policy-lint: --outline prints text, or JSON with --format json (not "sarif")\n');
  });

  it('folder search finds extensions in any case (POLICY.TXT)', async () => {
    writeIn(dir, 'school/POLICY.TXT', 'We use Hertfordshire Steps.\n');
    writeIn(dir, 'school/Other.Md', 'We use Hertfordshire Steps.\n');
    const r = await runMain(['school', '-f', 'compact'], { cwd: dir });
    expect(r.stdout).toContain('school/POLICY.TXT:1:8');
    expect(r.stdout).toContain('school/Other.Md:1:8');
  });
});

describe('settings.reportUnusedDirectives', () => {
  it('reports unused directives as --report-unused-directives does, and a later file can turn it off', async () => {
    writeIn(dir, 'a.md', '<!-- policy-lint-disable empty-link -->\n\nFine.\n');
    const plain = await runMain(['a.md', '-f', 'compact'], { cwd: dir });
    expect(plain.stdout).not.toContain('Unused policy-lint-disable');
    writeIn(dir, '.policylintrc.yaml', 'settings:\n  reportUnusedDirectives: true\n');
    const configured = await runMain(['a.md', '-f', 'compact'], { cwd: dir });
    const flagged = await runMain(['a.md', '-f', 'compact', '--report-unused-directives'], { cwd: path.join(dir) });
    expect(configured.stdout).toContain('Unused policy-lint-disable directive for "empty-link"');
    expect(configured.stdout).toBe(flagged.stdout);
    writeIn(dir, 'school/.policylintrc.yaml', 'settings:\n  reportUnusedDirectives: false\n');
    writeIn(dir, 'school/b.md', '<!-- policy-lint-disable empty-link -->\n\nFine.\n');
    expect((await runMain(['school/b.md', '-f', 'compact'], { cwd: dir })).stdout).not.toContain('Unused policy-lint-disable');
    writeIn(dir, '.policylintrc.yaml', 'settings:\n  reportUnusedDirectives: maybe\n');
    expect((await runMain(['a.md'], { cwd: dir })).stderr).toMatch(/settings\.reportUnusedDirectives/);
  });
});

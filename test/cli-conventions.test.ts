/**
 * Command-line conventions of ESLint that users expect (issue 16, item 14): --rule over the configuration
 * files, --no-inline-config (and settings.noInlineConfig), what --debug tells, and a progress line on a
 * terminal only. The built CLI runs as a subprocess.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, spawnCli, writeIn } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-conventions-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const AS_OF = ['--as-of', '2026-11-24'];

/** The compact report's lines for one rule. */
function linesOf(stdout: string, ruleId: string): string[] {
  return stdout.split('\n').filter((l) => l.endsWith(`[${ruleId}]`));
}

describe('--rule', () => {
  const policy = 'We use Hertfordshire Steps.\n\nNext review date: to be set\n';

  it("sets a rule's severity over the configuration files, and is repeatable", async () => {
    writeIn(dir, 'a.md', policy);
    writeIn(dir, '.policylintrc.yaml', 'rules:\n  review-date: off\n  therapeutic-thinking-naming: warn\n');
    const configured = await spawnCli(['a.md', '-f', 'compact', ...AS_OF], { cwd: dir });
    expect(linesOf(configured.stdout, 'review-date')).toEqual([]);
    expect(linesOf(configured.stdout, 'therapeutic-thinking-naming')).toEqual([
      'a.md:1:8: warning "Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024). [therapeutic-thinking-naming]',
    ]);
    const flagged = await spawnCli(['a.md', '-f', 'compact', ...AS_OF, '--rule', 'review-date: error', '--rule', '{"therapeutic-thinking-naming": "off"}'], { cwd: dir });
    expect(flagged.stderr).toBe('');
    expect(linesOf(flagged.stdout, 'review-date')).toEqual([
      'a.md:3:19: error The review date "to be set" is not a date. Give the term, month or day when the policy will next be reviewed. [review-date]',
    ]);
    expect(linesOf(flagged.stdout, 'therapeutic-thinking-naming')).toEqual([]);
    // The last --rule for a rule wins, as a later configuration file does; several rules in one value.
    const both = await spawnCli(['a.md', '-f', 'compact', ...AS_OF, '--rule', 'review-date: error, therapeutic-thinking-naming: error', '--rule', 'review-date: off'], { cwd: dir });
    expect(linesOf(both.stdout, 'review-date')).toEqual([]);
    expect(linesOf(both.stdout, 'therapeutic-thinking-naming')).toEqual([
      'a.md:1:8: error "Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024). [therapeutic-thinking-naming]',
    ]);
    expect(both.code).toBe(1);
  });

  it('takes options, checked as in a configuration file, and --print-config shows them', async () => {
    writeIn(dir, 'a.md', policy);
    const printed = await spawnCli(['--print-config', 'a.md', ...AS_OF, '--rule', 'review-date: [warn, {maxCycleMonths: 12}]'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect((JSON.parse(printed.stdout) as { rules: Record<string, unknown> }).rules['review-date']).toEqual(['warn', { maxCycleMonths: 12 }]);
  });

  it('applies on worker threads as on one thread', async () => {
    writeIn(dir, 'a.md', policy);
    writeIn(dir, 'b.md', policy);
    const args = ['a.md', 'b.md', '-f', 'compact', ...AS_OF, '--rule', 'review-date: off', '--rule', 'therapeutic-thinking-naming: warn'];
    const one = await spawnCli([...args, '--no-threads'], { cwd: dir });
    const two = await spawnCli([...args, '--threads', '2'], { cwd: dir });
    expect(linesOf(two.stdout, 'review-date')).toEqual([]);
    expect(linesOf(two.stdout, 'therapeutic-thinking-naming')).toHaveLength(2);
    expect(two.stdout).toBe(one.stdout);
  });

  it('a wrong value is one line naming --rule and the value, exit code 2, nothing on standard output', async () => {
    writeIn(dir, 'a.md', policy);
    const cases: [string, string][] = [
      ['review-date: sometimes', 'policy-lint: --rule "review-date: sometimes": rules.review-date: expected a severity "off", "warn" or "error", got "sometimes"\n'],
      ['review-date', 'policy-lint: --rule "review-date": expected "id: severity" or "id: [severity, {options}]", e.g. --rule "review-date: off" (no severity given for "review-date")\n'],
      ['review-dat: off', 'policy-lint: --rule "review-dat: off": rules: unknown rule "review-dat"; did you mean "review-date"?\n'],
      [
        'review-date: [warn, {maxCycleMonths: 0}]',
        'policy-lint: --rule "review-date: [warn, {maxCycleMonths: 0}]": rules.review-date.maxCycleMonths: expected a number of at least 1, got 0\n',
      ],
      [
        'review-date: [warn, {cycle: 12}]',
        'policy-lint: --rule "review-date: [warn, {cycle: 12}]": rules.review-date: unknown option "cycle" for rule "review-date" (options: maxCycleMonths)\n',
      ],
      ['policy-lint/directive: off', 'policy-lint: --rule "policy-lint/directive: off": rules.policy-lint/directive: the directive checks cannot be configured\n'],
    ];
    for (const [value, line] of cases) {
      const r = await spawnCli(['a.md', ...AS_OF, '--rule', value], { cwd: dir });
      expect(r.stderr).toBe(line);
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
    }
  });
});

describe('--no-inline-config and settings.noInlineConfig', () => {
  const silenced =
    'We use Hertfordshire Steps. <!-- policy-lint-disable-line therapeutic-thinking-naming -- agreed with the LA -->\n\n' +
    '<!-- policy-lint-disable review-date -->\nNext review date: to be set\n';

  it('let no directive silence anything, and report each directive with its reason', async () => {
    writeIn(dir, 'a.md', silenced);
    const normal = await spawnCli(['a.md', '-f', 'compact', ...AS_OF], { cwd: dir });
    expect(linesOf(normal.stdout, 'therapeutic-thinking-naming')).toEqual([]);
    expect(linesOf(normal.stdout, 'review-date')).toEqual([]);
    expect(linesOf(normal.stdout, 'policy-lint/directive')).toEqual([]);
    const audit = await spawnCli(['a.md', '-f', 'compact', ...AS_OF, '--no-inline-config'], { cwd: dir });
    expect(linesOf(audit.stdout, 'therapeutic-thinking-naming')).toEqual([
      'a.md:1:8: error "Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024). [therapeutic-thinking-naming]',
    ]);
    expect(linesOf(audit.stdout, 'review-date')).toEqual([
      'a.md:4:19: error The review date "to be set" is not a date. Give the term, month or day when the policy will next be reviewed. [review-date]',
    ]);
    expect(linesOf(audit.stdout, 'policy-lint/directive')).toEqual([
      'a.md:1:29: warning "policy-lint-disable-line therapeutic-thinking-naming" has no effect: inline directives are off (--no-inline-config); its reason: "agreed with the LA". [policy-lint/directive]',
      'a.md:3:1: warning "policy-lint-disable review-date" has no effect: inline directives are off (--no-inline-config). [policy-lint/directive]',
    ]);
    expect(audit.code).toBe(1);
  });

  it("can be set in a configuration file (a trust's), and a folder's file below can set it back", async () => {
    writeIn(dir, '.policylintrc.yaml', 'settings:\n  noInlineConfig: true\n');
    writeIn(dir, 'school/a.md', silenced);
    const r = await spawnCli(['school/a.md', '-f', 'compact', ...AS_OF], { cwd: dir });
    expect(linesOf(r.stdout, 'therapeutic-thinking-naming')).toHaveLength(1);
    expect(linesOf(r.stdout, 'policy-lint/directive')[1]).toBe(
      'school/a.md:3:1: warning "policy-lint-disable review-date" has no effect: inline directives are off (settings.noInlineConfig in .policylintrc.yaml). [policy-lint/directive]',
    );
    writeIn(dir, 'school/.policylintrc.yaml', 'settings:\n  noInlineConfig: false\n');
    const back = await spawnCli(['school/a.md', '-f', 'compact', ...AS_OF], { cwd: dir });
    expect(linesOf(back.stdout, 'therapeutic-thinking-naming')).toEqual([]);
    expect(linesOf(back.stdout, 'policy-lint/directive')).toEqual([]);
    // --no-inline-config wins over a file that allows directives.
    const forced = await spawnCli(['school/a.md', '-f', 'compact', ...AS_OF, '--no-inline-config'], { cwd: dir });
    expect(linesOf(forced.stdout, 'policy-lint/directive')).toHaveLength(2);
    writeIn(dir, '.policylintrc.yaml', 'settings:\n  noInlineConfig: yes please\n');
    const bad = await spawnCli(['school/a.md', ...AS_OF], { cwd: dir });
    expect(bad.stderr).toMatch(/^policy-lint: \.policylintrc\.yaml:2:19: settings\.noInlineConfig: expected true or false/);
    expect(bad.code).toBe(2);
  });
});

describe('--debug', () => {
  it('tells on standard error the configuration used, the files found and the time per stage, and leaves the report as it was', async () => {
    writeIn(dir, 'a.md', 'We use Hertfordshire Steps.\n');
    writeIn(dir, 'shared.yaml', 'rules:\n  review-date: warn\n');
    writeIn(dir, '.policylintrc.yaml', 'rules:\n  empty-link: warn\n');
    writeIn(dir, 'school/.policylintrc.yaml', 'extends: ../shared.yaml\n');
    writeIn(dir, 'school/b.md', 'We use Hertfordshire Steps.\n');
    const args = ['a.md', 'school/b.md', '-f', 'json', ...AS_OF, '--rule', 'kinship-care: off'];
    const plain = await spawnCli(args, { cwd: dir });
    const debug = await spawnCli([...args, '--debug'], { cwd: dir });
    expect(debug.stdout).toBe(plain.stdout);
    expect(debug.code).toBe(plain.code);
    const lines = debug.stderr.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'policy-lint: debug: configuration of 1 file, in the order it applies (later wins): policy-lint:recommended < .policylintrc.yaml < --rule "kinship-care: off"',
      'policy-lint: debug: configuration of 1 file, in the order it applies (later wins): policy-lint:recommended < .policylintrc.yaml < shared.yaml < school/.policylintrc.yaml < --rule "kinship-care: off"',
      'policy-lint: debug: 2 files to lint: a.md, school/b.md',
    ]);
    expect(lines).toContain('policy-lint: debug: a.md: read as utf-8');
    expect(lines.filter((l) => l.includes('debug: time:'))).toHaveLength(1);
    expect(debug.stderr).toMatch(/^policy-lint: debug: time: read \d+ ms, parse \d+ ms, rules \d+ ms, format \d+ ms\n$/m);
  });

  it('says when no configuration file was found, and gives the number of files, not their names, for a long run', async () => {
    for (let i = 0; i < 25; i++) writeIn(dir, `p${String(i).padStart(2, '0')}.md`, 'Fine.\n');
    const r = await spawnCli(['.', '--debug', '--no-threads', ...AS_OF], { cwd: dir });
    expect(r.stderr).toContain('policy-lint: debug: configuration, in the order it applies (later wins): policy-lint:recommended (no configuration file found)\n');
    expect(r.stderr).toContain(`policy-lint: debug: 25 files to lint (the first 20: ${Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}.md`).join(', ')}, ...)\n`);
  });
});

describe('the progress line', () => {
  const PROGRESS = /policy-lint: \d+\/12 files linted/;
  const CLEAR = '\r\u001b[K';

  /** Run a shell command on a real pseudo-terminal (util-linux `script`); what the terminal showed. */
  function onTerminal(command: string, env: Record<string, string> = {}): Promise<string> {
    const log = path.join(dir, 'terminal.log');
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qec', command, log], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', CI: '', TERM: 'xterm', SHELL: '/bin/sh', ...env },
        stdio: 'ignore',
      });
      child.on('error', reject);
      // util-linux writes a "Script started/done" line around what the terminal showed.
      child.on('close', () =>
        resolve(
          fs
            .readFileSync(log, 'utf8')
            .replace(/^Script started[^\n]*\n/, '')
            .replace(/\nScript done[^\n]*\n?$/, ''),
        ),
      );
    });
  }

  beforeEach(() => {
    for (let i = 0; i < 12; i++) writeIn(dir, `policies/p${i}.md`, i === 3 ? 'We use Hertfordshire Steps.\n' : 'Fine.\n');
  });

  const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} policies --no-threads -f compact --rule 'kinship-care: off' --rule 'required-sections: off' --as-of 2026-11-24`;

  it('is drawn on a terminal as files are linted, and cleared before the report', async () => {
    const shown = await onTerminal(`${cli} 2>&1; echo "exit=$?"`);
    expect(shown.startsWith(`${CLEAR}policy-lint: 0/12 files linted`)).toBe(true);
    // Cleared after the last redraw, before the report (which has no trace of it).
    const lastDraw = shown.lastIndexOf('files linted');
    const cleared = shown.indexOf(CLEAR, lastDraw);
    expect(cleared).toBeGreaterThan(lastDraw);
    const report = shown.slice(cleared + CLEAR.length);
    expect(report).not.toMatch(PROGRESS);
    expect(report).toContain('policies/p3.md:1:8: error "Hertfordshire Steps"');
    expect(report).toMatch(/exit=1\r?\n$/);
  });

  it('goes to standard error only: a report redirected to a file is the one a pipe gets', async () => {
    const shown = await onTerminal(`${cli} > report.txt`);
    expect(shown).toMatch(PROGRESS);
    expect(shown.endsWith(CLEAR)).toBe(true);
    const piped = await spawnCli(['policies', '--no-threads', '-f', 'compact', '--rule', 'kinship-care: off', '--rule', 'required-sections: off', ...AS_OF], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8').replace(/\r\n/g, '\n')).toBe(piped.stdout);
  });

  it('is never drawn into a pipe, in CI, with --quiet, or for a handful of files', async () => {
    const piped = await spawnCli(['policies', '--no-threads', ...AS_OF], { cwd: dir, env: { CI: '' } });
    expect(piped.stderr).not.toContain('files linted');
    expect(await onTerminal(`${cli} > /dev/null`, { CI: 'true' })).not.toContain('files linted');
    expect(await onTerminal(`${cli} --quiet > /dev/null`)).not.toContain('files linted');
    expect(await onTerminal(`${cli.replace(' policies ', ' policies/p1.md policies/p2.md ')} > /dev/null`)).not.toContain('files linted');
  });
});

describe('--color beside --no-color', () => {
  it('--color colours a report in a pipe; --no-color wins over FORCE_COLOR; FORCE_COLOR and NO_COLOR are honoured', async () => {
    writeIn(dir, 'a.md', 'We use Hertfordshire Steps.\n');
    const ESC = '\u001b[';
    const run = (args: string[], env: Record<string, string>): Promise<string> => spawnCli(['a.md', ...AS_OF, ...args], { cwd: dir, env }).then((r) => r.stdout);
    expect(await run([], { NO_COLOR: '' })).not.toContain(ESC);
    expect(await run(['--color'], { NO_COLOR: '' })).toContain(ESC);
    expect(await run(['--color'], { NO_COLOR: '1' })).toContain(ESC);
    expect(await run([], { NO_COLOR: '', FORCE_COLOR: '1' })).toContain(ESC);
    expect(await run(['--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' })).not.toContain(ESC);
    expect(await run([], { NO_COLOR: '1', FORCE_COLOR: '1' })).not.toContain(ESC);
  });
});

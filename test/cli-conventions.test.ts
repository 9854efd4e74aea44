/**
 * Command-line conventions of ESLint that users expect (issue 16, item 14): --rule over the configuration
 * files, --no-inline-config (and settings.noInlineConfig), what --debug tells, and a progress line on a
 * terminal only. The built CLI runs as a subprocess.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, writeIn } from './helpers.js';

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

  it('sets a rule\'s severity over the configuration files, and is repeatable', async () => {
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
      ['review-date: [warn, {maxCycleMonths: 0}]', 'policy-lint: --rule "review-date: [warn, {maxCycleMonths: 0}]": rules.review-date.maxCycleMonths: expected a number of at least 1, got 0\n'],
      ['review-date: [warn, {cycle: 12}]', 'policy-lint: --rule "review-date: [warn, {cycle: 12}]": rules.review-date: unknown option "cycle" for rule "review-date" (options: maxCycleMonths)\n'],
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

  it('can be set in a configuration file (a trust\'s), and a folder\'s file below can set it back', async () => {
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

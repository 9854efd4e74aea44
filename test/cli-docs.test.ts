/**
 * --list-rules and --explain as a user runs them (a subprocess of the built
 * CLI; `npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';
import { RULES } from '../rules/index.js';

function run(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } as NodeJS.ProcessEnv,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('policy-lint --list-rules', () => {
  it('prints an aligned table of every rule and exits 0', () => {
    const r = run(['--list-rules']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+FIXABLE\s+DESCRIPTION$/);
    // The code rules in registry order, then the rules of the built-in YAML packs ("pack/rule").
    const ids = lines.slice(1).map((l) => l.split(/\s+/)[0]);
    expect(ids.slice(0, RULES.length)).toEqual(RULES.map((rule) => rule.meta.id));
    expect(ids.slice(RULES.length).every((id) => /^[a-z0-9-]+\/[a-z0-9-]+$/.test(id!))).toBe(true);
    expect(r.stdout).toMatch(/^empty-link\s+warning\s+no\s+Links must go somewhere: a link whose address is empty or "#" leads nowhere\.$/m);
    expect(r.stdout).toMatch(/^consistent-terminology\s+warning\s+suggestion\s+Use one term/m);
    expect(r.stdout).toMatch(/^therapeutic-thinking-naming\s+error\s+safe fix\s+Old "Hertfordshire Steps" names/m);
    const column = lines[0]!.indexOf('DESCRIPTION');
    RULES.forEach((rule, i) => expect(lines[i + 1]!.indexOf(rule.meta.description)).toBe(column));
  });

  it('with --format json prints the metadata array', () => {
    const r = run(['--list-rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const metas = JSON.parse(r.stdout) as { id: string; severity: string; fixable: string | false; description: string; examples: unknown[] }[];
    expect(metas.map((m) => m.id).slice(0, RULES.length)).toEqual(RULES.map((rule) => rule.meta.id));
    expect(metas).toHaveLength(run(['--list-rules']).stdout.trimEnd().split('\n').length - 1);
    expect(metas.find((m) => m.id === 'duplicate-section')).toMatchObject({ severity: 'warning', fixable: false });
    expect(metas.every((m) => m.examples.length >= 2)).toBe(true);
  });

  it('refuses files and other formats with a one-line error, exit 2', () => {
    const withFile = run(['--list-rules', 'fixtures/']);
    expect(withFile.code).toBe(2);
    expect(withFile.stderr).toBe('policy-lint: --list-rules takes no files (got "fixtures/")\n');
    const sarif = run(['--list-rules', '--format', 'sarif']);
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toBe('policy-lint: --list-rules prints text, or JSON with --format json (not "sarif")\n');
  });
});

describe('policy-lint --explain', () => {
  it('prints the doc with live findings for each example', () => {
    const r = run(['--explain', 'duplicate-section']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('duplicate-section\n=================\n\nA section must not appear twice')).toBe(true);
    expect(r.stdout).toContain('Severity: warning\nFixable:  no\n');
    expect(r.stdout).toContain('\nWhy\n  ');
    expect(r.stdout).toContain('\nNotes\n  ');
    expect(r.stdout).toContain('\nOptions\n  sameModelSection (boolean): ');
    expect(r.stdout).toContain('    default: false');
    expect(r.stdout).toContain('\nSources\n  - policy-lint domain facts');
    expect(r.stdout).toContain('  1. The old section left in after pasting the new one (1 finding)\n     | Policy Objective\n');
    expect(r.stdout).toContain('     5:1  The section "Policy Objective" appears twice here (first at line 1): merge the two, or delete the one that is out of date.');
    expect(r.stdout).toContain('  2. The same name in different places is not a duplicate (passes)');
    expect(r.stdout).toContain('  3. Different titles for the same model section, when asked (1 finding)\n     options: {"sameModelSection":true}\n');
  });

  it('shows the fixed text of a fixable rule', () => {
    const r = run(['--explain', 'consistent-terminology']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '     1:36  This policy calls previously looked-after children both "CPLA" (twice) and "PLA" (once): use "CPLA" throughout.  [suggestion]\n     after fixing:\n     | The Designated Teacher for CLA and CPLA.\n',
    );
  });

  it("with --format json prints the metadata with each example's computed findings", () => {
    const r = run(['--explain', 'empty-link', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { id: string; examples: { title: string; findings: { line: number; column: number; message: string }[] }[] };
    expect(doc.id).toBe('empty-link');
    expect(doc.examples[0]!.findings.map((f) => `${f.line}:${f.column}`)).toEqual(['1:10', '1:36', '3:19']);
    expect(doc.examples[2]!.findings).toEqual([]);
  });

  it.each([
    ['empty-links', 'empty-link'],
    ['contents', 'contents-match'],
    ['Duplicate-Section', 'duplicate-section'],
  ])('unknown rule %s: one line suggesting %s, exit 2', (name, nearest) => {
    const r = run(['--explain', name]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`policy-lint: --explain: unknown rule "${name}"; did you mean "${nearest}"? (policy-lint --list-rules lists them)\n`);
  });

  it('without a rule name: a one-line usage error, exit 2', () => {
    const r = run(['--explain']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toBe('policy-lint: --explain needs a value (--explain <rule>)\n');
  });

  it('refuses --list-rules and --explain together', () => {
    const r = run(['--list-rules', '--explain', 'empty-link']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('policy-lint: use either --list-rules or --explain, not both\n');
  });
});

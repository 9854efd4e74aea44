/**
 * The GitHub Action (action.yml) and the workflow recipe in docs/ci.md: the action is valid YAML with the
 * inputs the docs use, every input reaches the command, and its run step, executed here with bash as the
 * runner would (after the build), lints the given paths with the given options.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT } from './helpers.js';

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((s) => s.id === 'lint')!;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-action-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run the action's lint step as the runner does (`bash -e {0}`), its inputs given as the runner would. */
function runAction(inputs: Record<string, string>): { code: number | null; stdout: string; stderr: string; outputs: string } {
  const outputFile = path.join(dir, 'github-output');
  fs.writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: outputFile, NO_COLOR: '1' };
  const withDefaults = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs };
  for (const [name, value] of Object.entries(runStep.env!)) {
    env[name] = value.replace('${{ github.action_path }}', path.dirname(path.dirname(BIN))).replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, input: string) => withDefaults[input] ?? '');
  }
  const script = path.join(dir, 'step.sh');
  fs.writeFileSync(script, runStep.run!);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs: fs.readFileSync(outputFile, 'utf8') };
}

describe('action.yml', () => {
  it('is a composite action on a current Node LTS with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'as-of', 'config', 'output-file', 'args', 'fail-on-findings', 'node-version']));
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10);
    expect(Number(action.inputs['node-version']!.default)).toBeGreaterThanOrEqual(22);
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with!['node-version']).toBe('${{ inputs.node-version }}');
    // Every input is used, and only through the environment (an input pasted into a script could run code).
    const text = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    for (const name of Object.keys(action.inputs)) expect(text).toContain(`inputs.${name} }}`);
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
    for (const step of action.runs.steps.filter((s) => s.run)) expect(step.shell).toBe('bash');
  });

  it('lints the paths with the format, as-of date and configuration given, and reports the exit code', () => {
    fs.mkdirSync(path.join(dir, 'policies'));
    fs.writeFileSync(path.join(dir, 'policies', 'a.md'), 'We use Hertfordshire Steps.\n');
    fs.writeFileSync(path.join(dir, 'policies', 'b b.md'), 'We use Hertfordshire Steps too.\n');
    const r = runAction({ paths: 'policies/a.md\npolicies/*.md', format: 'compact', 'as-of': '2026-11-24' });
    expect(r.stdout).toContain('policies/a.md:1:8: error "Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire"');
    // The glob reached policy-lint unexpanded by the shell, and found the file with a space in its name.
    expect(r.stdout).toContain('policies/b b.md:1:8: error');
    expect(r.outputs).toBe('exit-code=1\n');
    expect(r.code).toBe(1);
    // The configuration file given is the one used; the as-of date is passed (a date that is not one fails).
    fs.writeFileSync(path.join(dir, 'no-ttn.yaml'), 'rules:\n  therapeutic-thinking-naming: off\n');
    const configured = runAction({ paths: 'policies/a.md', format: 'compact', 'as-of': '2026-11-24', config: 'no-ttn.yaml' });
    expect(configured.stdout).toContain('policies/a.md:1:1:');
    expect(configured.stdout).not.toContain('therapeutic-thinking-naming');
    expect(runAction({ paths: 'policies/a.md', 'as-of': '2026-13-01' }).stderr).toContain('2026-13-01');
  });

  it("with fail-on-findings 'false', findings pass the step but a bad input still fails it", () => {
    fs.writeFileSync(path.join(dir, 'a.md'), 'We use Hertfordshire Steps.\n');
    const ok = runAction({ paths: 'a.md', format: 'sarif', 'output-file': 'out/report.sarif', 'fail-on-findings': 'false', 'as-of': '2026-11-24' });
    expect(ok.code).toBe(0);
    expect(ok.outputs).toBe('exit-code=1\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'report.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    const bad = runAction({ paths: 'a.md', 'as-of': 'yesterday', 'fail-on-findings': 'false' });
    expect(bad.code).toBe(2);
    expect(bad.outputs).toBe('exit-code=2\n');
  });

  it('passes extra arguments from args', () => {
    fs.writeFileSync(path.join(dir, 'a.md'), 'We use Hertfordshire Steps.\n');
    const r = runAction({ paths: 'a.md', format: 'json', args: '--quiet --as-of 2026-11-24' });
    const results = JSON.parse(r.stdout) as { messages: { severity: number }[] }[];
    expect(results[0]!.messages.every((m) => m.severity === 2)).toBe(true);
  });
});

describe('the workflow recipe in docs/ci.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(doc)![1]!) as {
    permissions: Record<string, string>;
    jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs)[0]!.steps;

  it('uses the action pinned to a release tag, with only inputs it declares', () => {
    const uses = steps.filter((s) => s.uses?.startsWith('policy-lint/policy-lint'));
    expect(uses.length).toBe(2);
    for (const s of uses) {
      expect(s.uses).toMatch(/^policy-lint\/policy-lint@v\d+\.\d+\.\d+$/);
      for (const input of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    }
    expect(uses.map((s) => s.with!.format)).toEqual(['github', 'sarif']);
  });

  it('states its permissions and runs the SARIF steps with !cancelled(), not always()', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(Object.values(workflow.jobs)[0]!.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(/```yaml\n([\s\S]*?)```/.exec(doc)![1]).not.toContain('always()');
    const sarif = steps.filter((s) => s.with?.format === 'sarif' || s.uses?.includes('upload-sarif'));
    expect(sarif.length).toBe(2);
    for (const s of sarif) expect(s.if).toBe('${{ !cancelled() }}');
    const upload = steps.find((s) => s.uses?.includes('upload-sarif'))!;
    expect(upload.with!.sarif_file).toBe(steps.find((s) => s.with?.format === 'sarif')!.with!['output-file']);
  });

  it('says what code scanning needs and how many annotations GitHub shows', () => {
    expect(doc).toMatch(/public repository, or, for a private one, GitHub's code security\s+licence/);
    expect(doc).toMatch(/at most 10 error and 10 warning annotations per step/);
  });
});

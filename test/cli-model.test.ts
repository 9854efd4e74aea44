/**
 * --model FILE and settings.model: the model is read once per run (and once per worker thread),
 * findings carry the model's section and paragraph in JSON, the summary counts what the copy adds,
 * and a model that cannot be read ends the run with one line naming it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { runMain, seedPath, spawnCli, testFolder, writeIn } from './helpers.js';

const tmpRoot = testFolder('model');
let counter = 0;
const fresh = (): string => {
  const dir = path.join(tmpRoot, `t${counter++}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

const MODEL = [
  'Policy Objective',
  '',
  'The Designated Teacher for Children Looked After is [insert name].',
  '',
  'Attendance',
  '',
  'The school will ensure that attendance is reviewed termly with the social worker and the Virtual School.',
  '',
].join('\n');
const WEAKER = MODEL.replace('[insert name]', 'Ms Hana Novak').replace('reviewed termly', 'reviewed annually');
// Only model-drift, so that the other rules' findings on these small texts do not get in the way.
const ONLY_DRIFT = `root: true\nrules:\n${RULES.map((r) => `  ${r.meta.id}: ${r.meta.id === 'model-drift' ? 'warn' : 'off'}\n`).join('')}  hertfordshire/*: off\n`;

type JsonResult = { filePath: string; messages: { ruleId: string; line: number; column: number; message: string; data?: Record<string, unknown> }[]; tallies?: Record<string, number> };
const drift = (stdout: string): JsonResult[] => (JSON.parse(stdout) as JsonResult[]).map((r) => ({ ...r, messages: r.messages.filter((m) => m.ruleId === 'model-drift') }));

describe('--model', () => {
  it('reports "reviewed termly" -> "reviewed annually", with the model in the JSON and the counts', async () => {
    const cwd = fresh();
    writeIn(cwd, 'model.md', MODEL);
    writeIn(cwd, 'policy.md', `${WEAKER}\nOur Own Section\n\nWe run a homework club for children looked after every Tuesday after school.\n`);
    const run = await runMain(['--model', 'model.md', 'policy.md', '--format', 'json'], { cwd });
    expect(run.stderr).toBe('');
    const [result] = drift(run.stdout);
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '7:52 This paragraph differs from the model\'s "Attendance" section: "termly" became "annually". The model reads: "The school will ensure that attendance is reviewed termly with the social worker and the Virtual ..."',
    ]);
    expect(result!.messages[0]!.data).toEqual({
      kind: 'changed-paragraph',
      modelFile: path.join(cwd, 'model.md'),
      modelSection: 'Attendance',
      modelLine: 7,
      modelParagraph: 'The school will ensure that attendance is reviewed termly with the social worker and the Virtual School.',
      removed: ['termly'],
      added: ['annually'],
      similarity: 0.93,
    });
    expect(result!.tallies).toEqual({
      'model-drift/modelSections': 2,
      'model-drift/sectionsPresent': 2,
      'model-drift/sectionsChanged': 1,
      'model-drift/paragraphsChanged': 1,
      'model-drift/sectionsAdded': 1,
      'model-drift/paragraphsAdded': 1,
    });
  });

  it('says in the stylish summary what was compared and what the policy adds', async () => {
    const cwd = fresh();
    writeIn(cwd, '.policylintrc.yaml', ONLY_DRIFT);
    writeIn(cwd, 'model.md', MODEL);
    writeIn(cwd, 'same.md', MODEL.replace('[insert name]', 'Mr Tom Ellis'));
    const clean = await runMain(['--model', 'model.md', 'same.md', '--no-color'], { cwd });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe(
      [
        '\u2714 No problems.',
        '  Compared with the model: 2 model sections present, 0 missing, 0 with changes (0 paragraphs',
        '  missing, 0 changed); the policy adds 0 sections and 0 paragraphs of its own (counted, not',
        '  problems).',
        '',
      ].join('\n'),
    );
    writeIn(cwd, 'weaker.md', WEAKER);
    const changed = await runMain(['--model', 'model.md', 'weaker.md', '--no-color'], { cwd });
    expect(changed.stdout.replace(/\s+/g, ' ')).toContain('"termly" became "annually"');
    expect(changed.stdout.replace(/\n {2}/g, ' ')).toContain(' Compared with the model: 2 model sections present, 0 missing, 1 with changes (0 paragraphs missing, 1 changed);');
  });

  it('without a model, model-drift says nothing and the summary has no comparison', async () => {
    const cwd = fresh();
    writeIn(cwd, '.policylintrc.yaml', ONLY_DRIFT);
    writeIn(cwd, 'weaker.md', WEAKER);
    const run = await runMain(['weaker.md', '--no-color'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a model that is not a file, or cannot be read, in one line (exit 2)', async () => {
    const cwd = fresh();
    writeIn(cwd, 'policy.md', WEAKER);
    expect(await runMain(['--model', 'nope.md', 'policy.md'], { cwd })).toMatchObject({ code: 2, stdout: '', stderr: 'policy-lint: --model: "nope.md" is not a file\n' });
    writeIn(cwd, 'model.bin', new Uint8Array([0x50, 0x4b, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]));
    const binary = await runMain(['--model', 'model.bin', 'policy.md'], { cwd });
    expect(binary.code).toBe(2);
    expect(binary.stdout).toBe('');
    expect(binary.stderr).toMatch(/^policy-lint: the model policy model\.bin: [^\n]+\n$/);
  });
});

describe('settings.model', () => {
  it('is relative to the configuration file, and --model overrides it', async () => {
    const cwd = fresh();
    writeIn(cwd, 'models/model.md', MODEL);
    writeIn(cwd, 'models/other.md', MODEL.replace('reviewed termly', 'reviewed annually'));
    writeIn(cwd, 'school/.policylintrc.yaml', `${ONLY_DRIFT}settings:\n  model: ../models/model.md\n`);
    writeIn(cwd, 'school/policy.md', WEAKER);
    const run = await runMain(['school/policy.md', '--format', 'json'], { cwd });
    expect(drift(run.stdout)[0]!.messages.map((m) => m.data?.kind)).toEqual(['changed-paragraph']);
    // The other model has "annually" too: nothing differs.
    const other = await runMain(['school/policy.md', '--format', 'json', '--model', 'models/other.md'], { cwd });
    expect(drift(other.stdout)[0]!.messages).toEqual([]);
    const printed = await runMain(['--print-config', 'school/policy.md'], { cwd });
    expect((JSON.parse(printed.stdout) as { settings: { model?: string } }).settings.model).toBe(path.join('models', 'model.md'));
  });

  it('that names no file is a configuration error at its line', async () => {
    const cwd = fresh();
    writeIn(cwd, '.policylintrc.yaml', `${ONLY_DRIFT}settings:\n  model: models/missing.md\n`);
    writeIn(cwd, 'policy.md', WEAKER);
    expect(await runMain(['policy.md'], { cwd })).toMatchObject({
      code: 2,
      stderr: `policy-lint: .policylintrc.yaml:${RULES.length + 5}:10: settings.model: "models/missing.md" is not a file (paths are relative to the folder of this configuration file)\n`,
    });
    writeIn(cwd, '.policylintrc.yaml', `${ONLY_DRIFT}settings:\n  model: [a.md]\n`);
    expect((await runMain(['policy.md'], { cwd })).stderr).toBe(
      `policy-lint: .policylintrc.yaml:${RULES.length + 5}:10: settings.model: expected the path of the model policy (relative to this file), got a list\n`,
    );
  });
});

describe('--model on worker threads and with --cache', () => {
  it('finds the same on two threads as on one, each worker reading the model itself', async () => {
    const cwd = fresh();
    fs.copyFileSync(seedPath('004'), path.join(cwd, 'model.txt'));
    fs.copyFileSync(seedPath('001'), path.join(cwd, 'a.txt'));
    fs.copyFileSync(seedPath('002'), path.join(cwd, 'b.txt'));
    const args = ['--model', 'model.txt', 'a.txt', 'b.txt', '--format', 'json', '--as-of', '2026-11-24'];
    const one = await spawnCli([...args, '--no-threads'], { cwd });
    const two = await spawnCli([...args, '--threads', '2'], { cwd });
    expect(two.stderr).toBe('');
    expect(two.code).toBe(one.code);
    expect(drift(two.stdout)).toEqual(drift(one.stdout));
    expect(
      drift(one.stdout)
        .map((r) => r.messages.length)
        .every((n) => n > 5),
    ).toBe(true);
    expect(drift(two.stdout).every((r) => r.tallies?.['model-drift/sectionsPresent'] !== undefined)).toBe(true);
  });

  it('compares again on a cached run (the comparison carries data the cache does not keep)', async () => {
    const cwd = fresh();
    writeIn(cwd, '.policylintrc.yaml', ONLY_DRIFT);
    writeIn(cwd, 'model.md', MODEL);
    writeIn(cwd, 'policy.md', WEAKER);
    const args = ['--model', 'model.md', 'policy.md', '--format', 'json', '--cache'];
    const first = await runMain(args, { cwd });
    const second = await runMain(args, { cwd });
    expect(drift(second.stdout)).toEqual(drift(first.stdout));
    expect(drift(second.stdout)[0]!.messages[0]!.data?.modelSection).toBe('Attendance');
  });
});

describe('--model in the HTML report', () => {
  it('has a "Compared with the model" table per policy: sections present, missing, changed', async () => {
    const cwd = fresh();
    writeIn(cwd, '.policylintrc.yaml', ONLY_DRIFT);
    writeIn(cwd, 'model.md', `${MODEL}\nSafeguarding\n\nAll staff will be vigilant for any safeguarding issue and report it to the Designated Safeguarding Lead.\n`);
    writeIn(cwd, 'policy.md', WEAKER);
    const run = await runMain(['--model', 'model.md', 'policy.md', '--format', 'html'], { cwd });
    expect(run.stderr).toBe('');
    const table = /<caption>Compared with the model<\/caption>.*?<\/table>/s.exec(run.stdout)?.[0] ?? '';
    expect(
      table
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(
      'Compared with the model Model sections Present Missing With changes Paragraphs missing Paragraphs changed Added by this policy (not problems) 3 2 1 1 0 1 0 sections, 0 paragraphs',
    );
    const differ = /<caption>Model sections that differ<\/caption>.*?<\/table>/s.exec(run.stdout)?.[0] ?? '';
    expect(
      differ
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe('Model sections that differ Section of the model In this policy Attendance 1 paragraph changed Safeguarding missing');
  });
});

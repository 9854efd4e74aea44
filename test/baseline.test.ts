/**
 * Baselines: findings are recorded by file, rule, message and a fingerprint
 * of the line's text (not its number), counted, and hidden on later runs.
 * Only therapeutic-thinking-naming runs here, so the counts are exact.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../rules/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../rules/index.js')>();
  const RULES = [original.RULES_BY_ID.get('therapeutic-thinking-naming')!];
  return { ...original, RULES, RULES_BY_ID: new Map(RULES.map((r) => [r.meta.id, r])), default: RULES };
});

const { applyBaseline, buildBaseline, lineFingerprint, lineOf, readBaseline, serializeBaseline, BaselineError } = await import('../src/runner/baseline.js');
const { lint, seedPath, runMain } = await import('./helpers.js');
type CliRun = Awaited<ReturnType<typeof runMain>>;

const CWD = '/repo';
const FILE = '/repo/policies/p.md';

function findings(text: string) {
  return lint(text, { rules: ['therapeutic-thinking-naming'] });
}

describe('buildBaseline / applyBaseline', () => {
  const text = 'Intro.\n\nWe use Hertfordshire Steps.\n\nHertfordshire Steps\n';

  it('records file (relative, forward slashes), rule, message, line fingerprint and count', () => {
    const b = buildBaseline([{ filePath: FILE, messages: findings(text), text }], CWD);
    expect([...b.files.keys()]).toEqual(['policies/p.md']);
    expect(b.files.get('policies/p.md')).toEqual([
      {
        rule: 'therapeutic-thinking-naming',
        message: '"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024).',
        // The date-free identity (message id and data) the baseline matches on.
        id: expect.any(String),
        lineHash: lineFingerprint('We use Hertfordshire Steps.'),
        count: 1,
      },
      {
        rule: 'therapeutic-thinking-naming',
        message: '"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024).',
        // The date-free identity (message id and data) the baseline matches on.
        id: expect.any(String),
        lineHash: lineFingerprint('Hertfordshire Steps'),
        count: 1,
      },
    ]);
    expect(JSON.parse(serializeBaseline(b))).toEqual({ version: b.version, files: Object.fromEntries(b.files) });
  });

  it('hides recorded findings, also after lines are inserted above them', () => {
    const b = buildBaseline([{ filePath: FILE, messages: findings(text), text }], CWD);
    const moved = `New first paragraph.\n\nAnd another\nover two lines.\n\n${text}`;
    const now = findings(moved);
    expect(now.map((d) => d.line)).toEqual([8, 10]);
    expect(applyBaseline(b, FILE, CWD, now, moved)).toEqual({ kept: [], suppressed: 2, hidden: now });
  });

  it('reports a new finding, and a finding whose line was edited', () => {
    const b = buildBaseline([{ filePath: FILE, messages: findings(text), text }], CWD);
    const edited = 'Intro.\n\nWe now use Hertfordshire Steps.\n\nHertfordshire Steps\n\nThe Steps approach is new here.\n';
    const { kept, suppressed } = applyBaseline(b, FILE, CWD, findings(edited), edited);
    expect(suppressed).toBe(1);
    expect(kept.map((d) => `${d.line}:${d.column}`)).toEqual(['3:12', '7:1']);
  });

  it('ignores whitespace changes on the line (re-indenting, trailing spaces)', () => {
    const b = buildBaseline([{ filePath: FILE, messages: findings(text), text }], CWD);
    const spaced = 'Intro.\n\nWe  use Hertfordshire Steps.   \n\nHertfordshire Steps\n';
    expect(applyBaseline(b, FILE, CWD, findings(spaced), spaced).suppressed).toBe(2);
  });

  it('counts duplicates: one recorded copy hides one finding, not two', () => {
    const one = 'Hertfordshire Steps\n\nHertfordshire Steps\n';
    const b = buildBaseline([{ filePath: FILE, messages: findings(one), text: one }], CWD);
    expect(b.files.get('policies/p.md')).toHaveLength(1);
    expect(b.files.get('policies/p.md')![0]!.count).toBe(2);
    const three = `${one}\nHertfordshire Steps\n`;
    const { kept, suppressed } = applyBaseline(b, FILE, CWD, findings(three), three);
    expect(suppressed).toBe(2);
    expect(kept.map((d) => d.line)).toEqual([5]);
  });

  it('matches by file: the same finding in another file is reported', () => {
    const b = buildBaseline([{ filePath: FILE, messages: findings(text), text }], CWD);
    expect(applyBaseline(b, '/repo/policies/other.md', CWD, findings(text), text).suppressed).toBe(0);
  });
});

describe('lineOf', () => {
  it('returns each line of LF text, the empty string past the end, and switches texts', () => {
    const a = 'first\nsecond\n\nfourth';
    expect([1, 2, 3, 4, 5].map((n) => lineOf(a, n))).toEqual(['first', 'second', '', 'fourth', '']);
    expect(lineOf('x\ny\n', 2)).toBe('y');
    expect(lineOf('x\ny\n', 3)).toBe('');
    expect(lineOf(a, 2)).toBe('second');
    expect(lineOf('', 1)).toBe('');
  });
});

describe('readBaseline', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-baseline-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['{ not json', /^b\.json:1:3: not a policy-lint baseline: invalid JSON \(.+\)$/],
    ['[]', /^b\.json:1:1: not a policy-lint baseline: it is not a JSON object$/],
    ['{"version": 2, "files": {}}', /^b\.json:1:13: not a policy-lint baseline: "version" must be 1$/],
    ['{"version": 1}', /^b\.json:1:1: not a policy-lint baseline: "files" must be an object of file paths$/],
    ['{"version": 1, "files": {"a.md": {}}}', /^b\.json:1:34: not a policy-lint baseline: files\["a\.md"\] must be a list$/],
    [
      '{\n  "version": 1,\n  "files": {\n    "a.md": [\n      {"rule": "r", "message": "m", "lineHash": "h", "count": 1.5}\n    ]\n  }\n}',
      /^b\.json:5:63: not a policy-lint baseline: files\["a\.md"\]\[0\]\.count must be/,
    ],
    ['{"version": 1, "files": {"a.md": [{"rule": "r", "message": "m", "lineHash": "h", "count": 0}]}}', /count must be a whole number of at least 1$/],
    ['{"version": 1, "files": {"a.md": [{"rule": "r", "message": 5, "lineHash": "h", "count": 1}]}}', /files\["a\.md"\]\[0\]\.message must be a string$/],
  ])('rejects %s with one line', (content, message) => {
    const file = path.join(dir, 'b.json');
    fs.writeFileSync(file, content);
    expect(() => readBaseline(file, 'b.json')).toThrow(BaselineError);
    try {
      readBaseline(file, 'b.json');
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('a missing baseline file is an error that says how to make one', () => {
    expect(() => readBaseline(path.join(dir, 'none.json'), 'none.json')).toThrow('none.json: no such baseline file (create one with --write-baseline)');
  });
});

describe('--write-baseline and --baseline on the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-baseline-cli-'));
    // The built-in Hertfordshire rule pack is part of the default preset: switched off, as its docs say.
    fs.writeFileSync(path.join(dir, '.policylintrc.yaml'), 'root: true\nrules:\n  hertfordshire/*: off\n');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]): Promise<CliRun> => runMain(args, { cwd: dir });

  it('records a seed, hides its findings, and reports only a new one after text is inserted above', async () => {
    const seed = fs.readFileSync(seedPath('002'), 'utf8');
    fs.mkdirSync(path.join(dir, 'policies'));
    const file = path.join(dir, 'policies', 'sw.txt');
    fs.writeFileSync(file, seed);

    const recorded = await run(['policies', '--write-baseline', 'baseline.json']);
    expect(recorded.stderr).toBe('policy-lint: recorded 7 findings in 1 file in baseline.json; run with --baseline baseline.json to report only new ones\n');
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toBe('\u2714 No new problems; 7 problems recorded in the baseline were not shown.\n');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8'));
    expect(Object.keys(saved.files)).toEqual(['policies/sw.txt']);
    expect(saved.files['policies/sw.txt'].reduce((n: number, e: { count: number }) => n + e.count, 0)).toBe(7);

    const clean = await run(['policies', '--baseline', 'baseline.json']);
    expect(clean).toEqual({ code: 0, stdout: '\u2714 No new problems; 7 problems recorded in the baseline were not shown.\n', stderr: '' });

    // Insert paragraphs at the top (every old finding moves down 4 lines) and one new old name.
    const lines = seed.split('\n');
    lines.splice(0, 0, 'A new opening paragraph.', '', 'Staff attended Herts Steps training.', '');
    fs.writeFileSync(file, lines.join('\n'));
    const after = await run(['policies', '--baseline', 'baseline.json', '--format', 'compact']);
    expect(after.stdout).toBe(
      'policies/sw.txt:3:16: error "Herts Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024). [therapeutic-thinking-naming]\n\n' +
        '1 problem (1 error, 0 warnings) (7 more recorded in the baseline not shown)\n',
    );
    expect(after.code).toBe(1);
  });

  it('a malformed baseline is a one-line error with exit code 2', async () => {
    fs.writeFileSync(path.join(dir, 'a.md'), 'Text.\n');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"version": 1, "files": []}');
    expect(await run(['a.md', '--baseline', 'bad.json'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'policy-lint: bad.json:1:25: not a policy-lint baseline: "files" must be an object of file paths\n',
    });
  });
});

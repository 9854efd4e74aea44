/**
 * The pre-commit recipe of docs/pre-commit.md, for real: pre-commit (Debian's package, installed here with
 * apt-get when it is missing) installs policy-lint from a git repository at a release tag, exactly as it
 * would from GitHub (git clone, npm install, npm pack, npm install -g the tarball), then runs it on commits.
 *
 * The repository is a copy of this checkout's files (tracked and new, not ignored) committed afresh, with the
 * built program of this checkout added by `scripts/release.mjs` (run with --no-build: the slow tier has just
 * built it). Needs git, network access to the npm registry, and pre-commit.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.org',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
};

let tmp: string;
let env: NodeJS.ProcessEnv;

/** Run a command (asynchronously: a long synchronous one would stall the test runner), output and errors together. */
function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

function ensurePreCommit(): void {
  if (spawnSync('pre-commit', ['--version']).status === 0) return;
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'pre-commit'], { stdio: 'ignore' });
  }
  if (spawnSync('pre-commit', ['--version']).status !== 0) {
    throw new Error('pre-commit is not installed and could not be installed (apt-get install pre-commit)');
  }
}

beforeAll(() => {
  ensurePreCommit();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-pre-commit-'));
  env = { ...process.env, ...GIT_ENV, HOME: tmp, PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), npm_config_cache: path.join(os.homedir(), '.npm') };
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_INDEX_FILE;
}, 600_000);

// The folder holds pre-commit's environment (node_modules of two npm installs): removing it can take longer than
// vitest's default 10 seconds for a hook on a busy machine, which failed the run after the test had passed.
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 120_000);

/** A git repository holding this checkout's files, with a release tag made by scripts/release.mjs. */
async function makePolicyLintRepo(): Promise<{ dir: string; tag: string }> {
  const dir = path.join(tmp, 'policy-lint');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(ROOT, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  }
  // The built program of this checkout, as `npm run build` leaves it (the release commit adds it).
  for (const d of ['dist/bundle', 'dist/rules/packs', 'dist/data', 'dist/src']) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  expect((await sh('git', ['init', '-q', '-b', 'main'], dir)).code).toBe(0);
  expect((await sh('git', ['add', '-A'], dir)).code).toBe(0);
  expect((await sh('git', ['commit', '-q', '-m', 'policy-lint'], dir)).code).toBe(0);
  // dist/ is ignored: the branch's commit must not carry it.
  expect((await sh('git', ['ls-tree', '-r', '--name-only', 'HEAD', 'dist'], dir)).out.trim()).toBe('');
  const tag = 'v0.0.0-test';
  const release = await sh('node', ['scripts/release.mjs', '--no-build', '--tag', tag], dir);
  expect(release.out).toContain(`${tag} -> `);
  expect(release.code).toBe(0);
  // The tag carries the bundle; the branch and the work tree are as they were.
  expect((await sh('git', ['ls-tree', '-r', '--name-only', tag, 'dist/bundle/cli.js'], dir)).out.trim()).toBe('dist/bundle/cli.js');
  // ... and the declarations "types" names, but not the compiled files beside them.
  const types = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).types.replace(/^\.\//, '');
  expect((await sh('git', ['ls-tree', '-r', '--name-only', tag, types], dir)).out.trim()).toBe(types);
  expect((await sh('git', ['ls-tree', '-r', '--name-only', tag, 'dist/src/index.js'], dir)).out.trim()).toBe('');
  expect((await sh('git', ['ls-tree', '-r', '--name-only', 'main', 'dist'], dir)).out.trim()).toBe('');
  expect((await sh('git', ['status', '--porcelain'], dir)).out.trim()).toBe('');
  return { dir, tag };
}

/** The first YAML block of docs/pre-commit.md: the documented recipe. */
function documentedRecipe(): { repos: { repo: string; rev: string; hooks: Record<string, unknown>[] }[] } {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'pre-commit.md'), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error('docs/pre-commit.md has no yaml block');
  return parse(block[1]!) as ReturnType<typeof documentedRecipe>;
}

describe('the pre-commit hook, installed and run by pre-commit', () => {
  it('passes a clean policy and blocks a stale one, showing the findings; README.md is not linted', async () => {
    const { dir: repoDir, tag } = await makePolicyLintRepo();

    // The recipe as documented, pointed at the local repository and its tag; the date pinned so that the
    // clean policy stays clean.
    const recipe = documentedRecipe();
    expect(recipe.repos[0]!.repo).toBe('https://github.com/policy-lint/policy-lint');
    expect(recipe.repos[0]!.rev).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(recipe.repos[0]!.hooks[0]).toMatchObject({ id: 'policy-lint', files: '^policies/' });
    recipe.repos[0]!.repo = repoDir;
    recipe.repos[0]!.rev = tag;
    recipe.repos[0]!.hooks[0]!.args = ['--as-of', '2026-11-24'];

    const work = path.join(tmp, 'trust-policies');
    fs.mkdirSync(path.join(work, 'policies'), { recursive: true });
    expect((await sh('git', ['init', '-q', '-b', 'main'], work)).code).toBe(0);
    fs.writeFileSync(path.join(work, '.pre-commit-config.yaml'), JSON.stringify(recipe, null, 2));
    // Not a policy: with `files: ^policies/` the hook must leave it alone, although it would fail.
    fs.writeFileSync(path.join(work, 'README.md'), '# Our policies\n\nWe use Hertfordshire Steps.\n');
    const install = await sh('pre-commit', ['install'], work);
    expect(install.out).toContain('pre-commit installed');

    const clean = fs.readFileSync(path.join(ROOT, 'fixtures', 'current-policy.md'), 'utf8');
    fs.writeFileSync(path.join(work, 'policies', 'social-worker.md'), clean);
    await sh('git', ['add', '-A'], work);
    const first = await sh('git', ['commit', '-m', 'A clean policy'], work);
    expect(first.out).toMatch(/policy-lint\.+Passed/);
    expect(first.out).not.toMatch(/npm (warn|error)/i);
    expect(first.code).toBe(0);

    const stale = clean.replace(/\n\n/, '\n\nPupils are supported through Hertfordshire Steps.\n\n');
    expect(stale).not.toBe(clean);
    fs.writeFileSync(path.join(work, 'policies', 'social-worker.md'), stale);
    await sh('git', ['add', '-A'], work);
    const second = await sh('git', ['commit', '-m', 'A stale policy'], work);
    expect(second.out).toMatch(/policy-lint\.+Failed/);
    expect(second.out).toContain('policies/social-worker.md');
    expect(second.out).toContain('"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire"');
    expect(second.out).toContain('therapeutic-thinking-naming');
    expect(second.out).not.toContain('README.md');
    expect(second.code).not.toBe(0);
    // The stale policy was not committed.
    expect((await sh('git', ['log', '--format=%s'], work)).out.trim().split('\n')).toEqual(['A clean policy']);
  }, 600_000);
});

#!/usr/bin/env node
/**
 * Tag a release that installs without a build: `npm run release` (after `npm ci`).
 *
 * A release is a commit on top of the current one that adds the built program (dist/bundle/ and the
 * parsed built-in packs, dist/rules/packs/), tagged `v<version>` from package.json. The branch itself
 * never carries dist/: the release commit hangs off it, reachable only from the tag. Installing the tag
 * (pre-commit's `rev:`, the GitHub Action's `@v0.1.0`, `npm install github:policy-lint/policy-lint#v0.1.0`,
 * a tarball made from it) therefore runs no build and no install script of policy-lint's own on the
 * user's machine: policy-lint has no lifecycle scripts at all, so `npm pack` prints only the tarball's
 * name (pre-commit reads that name from its standard output).
 *
 *   npm run release                  build, commit and tag v<version> (refuses if the tag exists)
 *   npm run release -- --tag NAME    use another tag name (tests; release candidates)
 *   git push origin v<version>       publish it (the script never pushes)
 *
 * The work tree and the branch are left as they were: the commit is made with a temporary index.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const tagAt = args.indexOf('--tag');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const tag = tagAt >= 0 ? args[tagAt + 1] : `v${version}`;
const skipBuild = args.includes('--no-build');

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
}

function git(gitArgs, env = process.env) {
  return execFileSync('git', gitArgs, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

if (!tag) fail('--tag needs a name');
if (git(['status', '--porcelain', '--untracked-files=no']) !== '') fail('the work tree has uncommitted changes: commit them first');
if (spawnSync('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], { cwd: root }).status === 0) fail(`tag ${tag} already exists`);

if (!skipBuild) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) fail('npm run build failed');
}
const shipped = ['dist/bundle', 'dist/rules/packs', 'dist/data'];
// The TypeScript declarations that package.json's "types" names (the programmatic API), without the compiled
// .js beside them: the bundle is what runs.
const declarations = ':(glob)dist/src/**/*.d.ts';
for (const dir of shipped) if (!fs.existsSync(path.join(root, dir))) fail(`${dir} is missing after the build`);
if (!fs.existsSync(path.join(root, 'dist/bundle/cli.js'))) fail('dist/bundle/cli.js is missing after the build');
if (!fs.existsSync(path.join(root, 'dist/src/index.d.ts'))) fail('dist/src/index.d.ts is missing after the build');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-release-'));
const env = { ...process.env, GIT_INDEX_FILE: path.join(tmp, 'index') };
try {
  git(['read-tree', 'HEAD'], env);
  git(['add', '--force', '--', ...shipped, declarations], env);
  const tree = git(['write-tree'], env);
  const head = git(['rev-parse', 'HEAD']);
  const message = `Release ${tag}: the built program (${shipped.join(', ')}) and its declarations (dist/src/**/*.d.ts), so that installs run no build`;
  const commit = git(['commit-tree', tree, '-p', head, '-m', message]);
  git(['tag', '-a', tag, '-m', `policy-lint ${tag}`, commit]);
  process.stdout.write(`${tag} -> ${commit.slice(0, 12)} (on top of ${head.slice(0, 12)}); publish it with: git push origin ${tag}\n`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * How policy-lint installs (docs/pre-commit.md): no lifecycle script at all, so that `npm pack` prints only the
 * tarball's name (pre-commit reads it) and installing from git or a tarball runs nothing on the user's machine;
 * the tarball carries the built program; a copy that is not built says so on one line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import semver from 'semver';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  files: string[];
  engines: { node: string };
  types: string;
  exports: Record<string, { types?: string; default?: string }>;
  dependencies: Record<string, string>;
};

/** The files `npm pack` would put in the tarball. */
function packedFiles(): string[] {
  const json = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(json.status).toBe(0);
  return (JSON.parse(json.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
}

describe('packaging', () => {
  it('has no script that npm runs on its own when packing or installing', () => {
    const lifecycle = ['prepare', 'prepack', 'postpack', 'preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'postprepare', 'dependencies'];
    expect(Object.keys(pkg.scripts).filter((s) => lifecycle.includes(s))).toEqual([]);
    expect(pkg.scripts.release).toBe('node scripts/release.mjs');
  });

  it('npm pack prints the name of the tarball and nothing else, and the tarball carries the built program', () => {
    const r = spawnSync('npm', ['pack', '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`policy-lint-${pkg.version}.tgz\n`);
    const files = packedFiles();
    expect(files).toEqual(expect.arrayContaining(['bin/policy-lint.js', 'dist/bundle/cli.js', 'dist/bundle/worker.js', 'package.json', 'docs/pre-commit.md', 'docs/ci.md']));
    expect(files.some((f) => f.startsWith('dist/rules/packs/') && f.endsWith('.yaml.json'))).toBe(true);
    expect(files.some((f) => f.startsWith('rules/packs/') && f.endsWith('.yaml'))).toBe(true);
    // The facts (data/*.yaml) and their snapshots.
    expect(files).toEqual(expect.arrayContaining(['data/guidance.yaml', 'dist/data/guidance.yaml.json']));
    // Only what a run needs: not the compiled sources (the bundle holds them; their declarations ship for the
    // programmatic API, see below), not the tests.
    expect(files.filter((f) => (f.startsWith('dist/src/') && !f.endsWith('.d.ts')) || f.startsWith('test/') || f.startsWith('src/'))).toEqual([]);
    // Not the source maps (for working on policy-lint only), and no chunk of an earlier build: every bundle file
    // shipped is reached by an import from the command line or the worker.
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const bundle = files.filter((f) => f.startsWith('dist/bundle/'));
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*["'](\.\/[\w.-]+\.js)["']/g)) visit(path.posix.join('dist/bundle', m[1]!));
    };
    visit('dist/bundle/cli.js');
    visit('dist/bundle/worker.js');
    visit('dist/bundle/index.js'); // the programmatic API (package.json "exports")
    expect(bundle.filter((f) => !reached.has(f))).toEqual([]);
  });

  it('carries the declarations that "types" names, and every declaration they import', () => {
    const files = new Set(packedFiles());
    const entry = pkg.types.replace(/^\.\//, '');
    expect(pkg.exports['.']!.types).toBe(pkg.types);
    expect(entry).toBe('dist/src/index.d.ts');
    // Follow the declarations' imports from the entry: each relative one must be in the tarball, each package one
    // must be a dependency (a consumer has no devDependencies), or the types fall back to any or fail to compile.
    const reached = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      expect(files.has(file), `${file} is not in the tarball`).toBe(true);
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(path.posix.join(path.posix.dirname(file), spec.replace(/\.js$/, '.d.ts')));
        else if (!spec.startsWith('node:')) packages.add(spec);
      }
    };
    visit(entry);
    expect(reached.size).toBeGreaterThan(10);
    for (const spec of packages) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      // A bare type import such as 'mdast' is served by its @types package.
      expect(
        [name, `@types/${name}`].some((dep) => dep in pkg.dependencies),
        `${spec} (imported by the declarations) is not a dependency`,
      ).toBe(true);
    }
  });

  it('a copy that is not built says so on one line and exits 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-unbuilt-'));
    try {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.copyFileSync(path.join(ROOT, 'bin', 'policy-lint.js'), path.join(dir, 'bin', 'policy-lint.js'));
      fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
      const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'policy-lint.js'), 'a.md'], { cwd: dir, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `policy-lint: this copy is not built (dist/bundle/cli.js is missing): install a release tag (github:policy-lint/policy-lint#v${pkg.version}), or run "npm ci && npm run build" in a clone\n`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('engines is honest: every Node.js it allows is allowed by every dependency policy-lint runs with', () => {
    // The packages a user installs (package-lock.json, dev tools left out), each with the engines it declares:
    // pdfjs-dist 5 needs 20.19, so ">=20" would promise a Node.js on which PDFs cannot be read.
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; optional?: boolean; engines?: { node?: string } }>;
    };
    expect(lock.packages['']!.engines?.node).toBe(pkg.engines.node);
    const runtime = Object.entries(lock.packages).filter(([where, p]) => where !== '' && !p.dev && p.engines?.node !== undefined);
    expect(runtime.map(([where]) => where)).toContain('node_modules/pdfjs-dist');
    const narrower = runtime.filter(([, p]) => !semver.subset(pkg.engines.node, p.engines!.node!)).map(([where, p]) => `${where} ${p.engines!.node}`);
    expect(narrower).toEqual([]);
    expect(semver.minVersion(pkg.engines.node)?.version).toBe('20.19.0');
  });

  it('the slow tier also runs the Node.js LTS lines 22 and 24', () => {
    const slow = fs.readFileSync(path.join(ROOT, 'test', 'slow', 'node-versions.test.ts'), 'utf8');
    expect(slow).toContain("describe.each(['22', '24'])");
  });
});

describe('the pre-commit hooks', () => {
  it("choose policy files by type, so that a user's files: narrows them to a folder", () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
    for (const h of hooks) {
      expect(h).toMatchObject({ language: 'node', types_or: ['markdown', 'plain-text', 'pdf'] });
      expect(h.files).toBeUndefined();
      expect(h.types).toBeUndefined(); // `text` would drop Word's UTF-16 exports
    }
  });
});

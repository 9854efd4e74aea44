/**
 * Finding and loading pack files: built-in packs (`policy-lint:NAME`), files
 * relative to a configuration, npm packages; and the build-time snapshot of
 * the built-in packs, so that the default configuration loads without the
 * YAML parser.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { packageRoot } from '../package-root.js';
import { NotRegularFileError, notRegularFile, readRegularFile, statPath } from '../document/regular-file.js';
import { ConfigError, type Position } from '../config/errors.js';
import { readStructured, type PNode } from '../config/structured.js';
import { failAt } from '../config/check.js';
import { parsePack, parsePackTree, type LoadedPack } from './parse.js';

/** Built-in packs, referred to as `policy-lint:<name>` in `packs:`. */
export const BUILTIN_PACKS: Readonly<Record<string, string>> = {
  'policy-lint:hertfordshire': 'rules/packs/hertfordshire.yaml',
};

/** Absolute path of a built-in pack. */
export function builtinPackPath(ref: string): string | undefined {
  const rel = BUILTIN_PACKS[ref];
  return rel ? path.join(packageRoot(), rel) : undefined;
}

function looksLikePath(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || path.isAbsolute(ref) || /\.ya?ml$/i.test(ref) || ref.startsWith('.\\') || ref.startsWith('..\\');
}

const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/**
 * Where a `packs:` entry points: a built-in pack, a YAML file relative to the
 * configuration file's folder, or an npm package installed below that folder
 * (its package.json `policy-lint` field, else `main`, names the YAML file).
 */
export function resolvePackRef(ref: string, configFile: string, pos: Position): string {
  const builtin = builtinPackPath(ref);
  if (builtin) return builtin;
  if (ref.startsWith('policy-lint:')) {
    failAt(configFile, pos, `unknown built-in pack "${ref}" (built-in packs: ${Object.keys(BUILTIN_PACKS).join(', ')})`);
  }
  const baseDir = path.dirname(configFile);
  if (looksLikePath(ref)) {
    const file = path.resolve(baseDir, ref);
    const what = notAFile(file);
    if (what)
      failAt(configFile, pos, what === 'not found' ? `pack file "${ref}" not found (paths in packs are relative to the folder of this configuration file)` : `pack file "${ref}" ${what}`);
    return file;
  }
  if (!NPM_NAME.test(ref)) {
    failAt(configFile, pos, `"${ref}" is neither a pack file (ending .yaml or starting ./) nor an npm package name`);
  }
  let dir = baseDir;
  for (;;) {
    const pkgFile = path.join(dir, 'node_modules', ref, 'package.json');
    if (isFile(pkgFile)) {
      let pkg: Record<string, unknown>;
      try {
        pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
      } catch {
        failAt(configFile, pos, `npm package "${ref}" has an unreadable package.json (${pkgFile})`);
      }
      const field = typeof pkg['policy-lint'] === 'string' ? (pkg['policy-lint'] as string) : typeof pkg.main === 'string' ? (pkg.main as string) : undefined;
      if (!field) failAt(configFile, pos, `npm package "${ref}" has no "policy-lint" (or "main") field in its package.json naming its rule pack YAML file`);
      const file = path.resolve(path.dirname(pkgFile), field);
      if (!/\.ya?ml$/i.test(file)) failAt(configFile, pos, `npm package "${ref}" names "${field}" as its rule pack, but a pack must be a .yaml or .yml file`);
      if (!isFile(file)) failAt(configFile, pos, `npm package "${ref}" names "${field}" as its rule pack, but that file does not exist`);
      return file;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  failAt(configFile, pos, `npm package "${ref}" not found: install it with "npm install ${ref}" in this project, or give a path such as "./${ref}.yaml"`);
}

/** Why a path is not a pack file to read: "not found", or what it is instead ("is a folder, not a file"); undefined for a file. */
function notAFile(file: string): string | undefined {
  try {
    return notRegularFile(statPath(file));
  } catch (error) {
    return error instanceof NotRegularFileError ? error.what : 'not found';
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const packCache = new Map<string, LoadedPack>();

/** Load (and cache) a pack file. Throws ConfigError on any problem. */
export function loadPack(file: string): LoadedPack {
  const cached = packCache.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readRegularFile(file, 'utf8');
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new ConfigError(file, { line: 1, column: 1 }, `pack file ${error.what}`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, { line: 1, column: 1 }, code === 'ENOENT' ? 'pack file not found' : `pack file cannot be read (${code ?? String(error)})`);
  }
  const builtin = Object.keys(BUILTIN_PACKS).some((ref) => builtinPackPath(ref) === file);
  const snapshot = builtinSnapshot(file, text);
  const pack = snapshot ? parsePackTree(file, snapshot, builtin) : parsePack(file, text, builtin);
  // The built-in packs' rules have pages in the repository; a rule of any other pack without a `link:` has none.
  if (!builtin) {
    for (const rule of pack.rules) if (rule.meta.docsUrl === undefined) rule.meta.docsUrl = false;
  }
  packCache.set(file, pack);
  return pack;
}

/** Where `npm run build` writes the parsed tree of a built-in pack: beside the compiled code (dist/rules/packs/NAME.yaml.json). */
export function builtinSnapshotPath(ref: string): string | undefined {
  const rel = BUILTIN_PACKS[ref];
  return rel ? path.join(packageRoot(), 'dist', `${rel}.json`) : undefined;
}

/** The snapshot of a built-in pack's parsed tree, without file names, stamped with the SHA-256 of the pack's text. */
export function packSnapshot(file: string, text: string): string {
  const tree = readStructured(file, text, 'yaml');
  const strip = (_key: string, value: unknown): unknown => (_key === 'file' ? undefined : value);
  return `${JSON.stringify({ sha256: crypto.createHash('sha256').update(text).digest('hex'), tree }, strip)}\n`;
}

/**
 * The parsed tree of a built-in pack from its snapshot, so that the default
 * configuration loads without the YAML parser; undefined (parse the YAML)
 * when there is no snapshot (running from the TypeScript sources) or it was
 * made from other text.
 */
function builtinSnapshot(file: string, text: string): PNode | undefined {
  const ref = Object.keys(BUILTIN_PACKS).find((r) => builtinPackPath(r) === file);
  const snapshotFile = ref ? builtinSnapshotPath(ref) : undefined;
  if (!snapshotFile) return undefined;
  try {
    const data = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as { sha256?: unknown; tree?: unknown };
    if (data.sha256 !== crypto.createHash('sha256').update(text).digest('hex') || typeof data.tree !== 'object' || data.tree === null) return undefined;
    const withFile = (node: Record<string, unknown>): void => {
      node.file = file;
      for (const e of (node.entries as { value: Record<string, unknown> }[] | undefined) ?? []) withFile(e.value);
      for (const item of (node.items as Record<string, unknown>[] | undefined) ?? []) withFile(item);
    };
    withFile(data.tree as Record<string, unknown>);
    return data.tree as PNode;
  } catch {
    return undefined;
  }
}

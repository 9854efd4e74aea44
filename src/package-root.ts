/**
 * Where policy-lint is installed: the package root and its package.json,
 * found the same way from src/ (tests) and dist/src/ (the built CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'policy-lint') return (cached = { root: dir, version: pkg.version ?? '0.0.0' });
    } catch {
      // keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the policy-lint package root (no package.json named "policy-lint" above the program)');
    dir = parent;
  }
}

/** The policy-lint package root: the nearest folder above this module whose package.json is named policy-lint. */
export function packageRoot(): string {
  return find().root;
}

/** policy-lint's version, from its package.json. */
export function packageVersion(): string {
  return find().version;
}

/**
 * The project's documentation. The single place the docs address is written: a rule's help link is this
 * address plus `#<anchor>` (src/formatters/shared.ts), or the rule's own `docsUrl`.
 */
export const DOCS_URL = 'https://github.com/policy-lint/policy-lint';

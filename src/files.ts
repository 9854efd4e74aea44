/**
 * Turning command-line paths (files, directories, globs) into the list of
 * policy files to lint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';

export const POLICY_EXTENSIONS = ['.md', '.markdown', '.txt'];
const DIRECTORY_PATTERN = '**/*.{md,markdown,txt}';
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** A problem with a path the user gave: reported on one line, exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function expandPaths(patterns: string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const abs = path.resolve(cwd, pattern);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      found.add(abs);
      continue;
    }
    if (stat?.isDirectory()) {
      const files = globSync(DIRECTORY_PATTERN, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false });
      if (files.length === 0) throw new InputError(`${pattern}: no policy files (${POLICY_EXTENSIONS.join(', ')}) in this directory`);
      for (const f of files) found.add(path.normalize(f));
      continue;
    }
    if (isDynamicPattern(pattern)) {
      const files = globSync(pattern, { cwd, absolute: true, ignore: ALWAYS_IGNORED, onlyFiles: true });
      if (files.length === 0) throw new InputError(`${pattern}: no files match this pattern`);
      for (const f of files) found.add(path.normalize(f));
      continue;
    }
    throw new InputError(`${pattern}: no such file or directory`);
  }
  return [...found].sort();
}

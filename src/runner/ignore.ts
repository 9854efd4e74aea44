/**
 * Ignoring files: `.policylintignore` in the current directory (gitignore
 * syntax, via the `ignore` package) and the repeatable `--ignore-pattern`.
 * Files found by expanding a folder or a glob are dropped silently; a file
 * named explicitly on the command line but ignored is skipped with a warning,
 * as ESLint does, so nobody wonders why it was not linted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { NotRegularFileError, readRegularFile } from '../document/regular-file.js';

/** The `ignore` library, loaded only when there are patterns to match. */
const ignore = (): Ignore => (createRequire(import.meta.url)('ignore') as () => Ignore)();

export const IGNORE_FILE = '.policylintignore';

/** A .policylintignore that cannot be read: one line, exit code 2. */
export class IgnoreFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IgnoreFileError';
  }
}

export interface IgnoreMatcher {
  /** Why the file is ignored ("pattern "drafts/" in .policylintignore"), or undefined when it is not. */
  reason(file: string): string | undefined;
}

/** The path `ignore` expects: relative to cwd, forward slashes; undefined for files outside cwd (never ignored). */
function relativeTo(cwd: string, file: string): string | undefined {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * Build the matcher for a run. `useFile` false (--no-ignore) skips
 * .policylintignore; --ignore-pattern patterns always apply.
 */
export function loadIgnore(cwd: string, patterns: string[] = [], useFile = true): IgnoreMatcher {
  let matcher: Ignore | undefined;
  const ig = { add: (patterns: Parameters<Ignore['add']>[0]): Ignore => (matcher ??= ignore()).add(patterns) };
  let any = false;
  if (useFile) {
    const file = path.join(cwd, IGNORE_FILE);
    let text: string | undefined;
    try {
      text = readRegularFile(file, 'utf8');
    } catch (error) {
      if (error instanceof NotRegularFileError) throw new IgnoreFileError(`${IGNORE_FILE}: ${error.what}`);
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new IgnoreFileError(`${IGNORE_FILE}: cannot be read (${(error as Error).message})`);
    }
    if (text !== undefined) {
      const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
      ig.add(lines.filter((l) => l.trim() !== '').map((pattern) => ({ pattern, mark: IGNORE_FILE })));
      any = true;
    }
  }
  for (const pattern of patterns) {
    ig.add({ pattern, mark: '--ignore-pattern' });
    any = true;
  }
  return {
    reason(file: string): string | undefined {
      if (!any) return undefined;
      const rel = relativeTo(cwd, file);
      if (rel === undefined) return undefined;
      const result = matcher!.test(rel);
      if (!result.ignored) return undefined;
      const rule = result.rule;
      if (!rule) return 'an ignore pattern';
      return rule.mark === IGNORE_FILE ? `pattern "${rule.pattern}" in ${IGNORE_FILE}` : `--ignore-pattern "${rule.pattern}"`;
    },
  };
}

/** Does `pattern` (as given on the command line) name one existing file? */
export function namesFile(pattern: string, cwd: string): boolean {
  try {
    return fs.statSync(path.resolve(cwd, pattern)).isFile();
  } catch {
    return false;
  }
}

/**
 * Split expanded files into those to lint and those to skip. `explicit` holds
 * the absolute paths the user named directly; each of those that is ignored
 * comes back in `warnings` with the reason.
 */
export function filterIgnored(files: string[], matcher: IgnoreMatcher, explicit: ReadonlySet<string>): { kept: string[]; warnings: { file: string; reason: string }[] } {
  const kept: string[] = [];
  const warnings: { file: string; reason: string }[] = [];
  for (const file of files) {
    const why = matcher.reason(file);
    if (why === undefined) kept.push(file);
    else if (explicit.has(file)) warnings.push({ file, reason: why });
  }
  return { kept, warnings };
}

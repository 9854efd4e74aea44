/**
 * Turning command-line paths (files, directories, globs) into the list of
 * policy files to lint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Tinyglobby from 'tinyglobby';
import { NotRegularFileError, notRegularFile, statPath } from '../document/regular-file.js';

// The glob library is loaded only for folders and patterns: naming files needs none.
let globLib: typeof Tinyglobby | undefined;
const glob = (): typeof Tinyglobby => (globLib ??= createRequire(import.meta.url)('tinyglobby') as typeof Tinyglobby);
const globSync = (patterns: string, options: Omit<Tinyglobby.GlobOptions, 'patterns'>): string[] => glob().globSync(patterns, options);
const isDynamicPattern = (pattern: string): boolean => glob().isDynamicPattern(pattern);

export const POLICY_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx', '.pdf'];
/** Every policy file below a folder, whatever the case of its extension (POLICY.DOCX, Policy.PDF). */
const DIRECTORY_PATTERN = '**/*.{md,markdown,txt,docx,pdf}';
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** A problem with a path the user gave: reported on one line, exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A folder that exists but could not be listed (permission denied): its policy files were not found. */
export interface UnreadableFolder {
  dir: string;
  error: unknown;
}

/** One line (without the "policy-lint: " prefix) saying which folder could not be read and that its files were not linted. */
export function describeUnreadableFolder(display: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
  return `${display}: this folder cannot be read (${why}), so the policy files in it were not linted`;
}

/**
 * A folder entry that is a FIFO, a device or a socket, shown to the glob library as a file: it then reaches the
 * list of files like a symbolic link to one does, and is reported there on one line saying what it is (never
 * opened), instead of being skipped without a word.
 */
function asListed(entry: fs.Dirent): fs.Dirent {
  if (!(entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isSocket())) return entry;
  const shown = Object.create(entry) as fs.Dirent;
  shown.isFile = () => true;
  return shown;
}

/**
 * The file-system calls the glob library lists folders with, recording each
 * folder it cannot read (the library itself skips them silently, and a
 * policy must never go unlinted without a word).
 */
function listingFs(unreadable: UnreadableFolder[]): Tinyglobby.FileSystemAdapter {
  const readdirSync = (dir: fs.PathLike, options: unknown): unknown => {
    try {
      const entries = fs.readdirSync(dir, options as { withFileTypes: true });
      return Array.isArray(entries) ? entries.map((e: fs.Dirent | string) => (typeof e === 'string' ? e : asListed(e))) : entries;
    } catch (error) {
      // A folder that does not exist (a glob's base, or one removed while listing) holds no policy to lose.
      const code = (error as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw error;
      const display = path.normalize(String(dir));
      unreadable.push({ dir: display.length > 1 && display.endsWith(path.sep) ? display.slice(0, -1) : display, error });
      throw error;
    }
  };
  return { readdirSync: readdirSync as Tinyglobby.FileSystemAdapter['readdirSync'] };
}

/**
 * Files, folders and glob patterns to the sorted list of policy files.
 * Folders that cannot be listed are added to `unreadable` (to be reported
 * by the caller), and the rest is still found. A path that names nothing (a
 * missing file, an empty folder, a glob that matches nothing) is added to
 * `missing` as a one-line problem when the caller passes that list, so that
 * the other paths are still linted; without it, it is thrown (InputError).
 */
export function expandPaths(patterns: string[], cwd: string, unreadable: UnreadableFolder[] = [], missing?: string[]): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    try {
      expandOne(pattern, cwd, unreadable, found);
    } catch (error) {
      if (!(error instanceof InputError) || !missing) throw error;
      missing.push(error.message);
    }
  }
  return [...found].sort();
}

function expandOne(pattern: string, cwd: string, unreadable: UnreadableFolder[], found: Set<string>): void {
  const abs = path.resolve(cwd, pattern);
  let stat: fs.Stats | undefined;
  try {
    stat = statPath(abs);
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new InputError(`${pattern}: ${error.what}`);
    stat = undefined;
  }
  if (stat?.isFile()) {
    found.add(abs);
    return;
  }
  // A FIFO, a device or a socket (or a symbolic link to one) named on the command line: said what it is, never opened.
  if (stat && !stat.isDirectory()) throw new InputError(`${pattern}: ${notRegularFile(stat)}`);
  if (stat?.isDirectory()) {
    const before = unreadable.length;
    // Extensions in any case (POLICY.TXT, Policy.MD), as Windows and macOS users name files.
    const files = globSync(DIRECTORY_PATTERN, { cwd: abs, absolute: true, ignore: ALWAYS_IGNORED, dot: false, caseSensitiveMatch: false, fs: listingFs(unreadable) })
      // Word's lock files ("~$policy.docx", left while a document is open) are not documents.
      .filter((f) => !path.basename(f).startsWith('~$'));
    if (files.length === 0 && unreadable.length === before) throw new InputError(`${pattern}: no policy files (${POLICY_EXTENSIONS.join(', ')}) in this directory`);
    for (const f of files) found.add(path.normalize(f));
    return;
  }
  if (isDynamicPattern(pattern)) {
    const before = unreadable.length;
    const files = globSync(pattern, { cwd, absolute: true, ignore: ALWAYS_IGNORED, onlyFiles: true, fs: listingFs(unreadable) });
    if (files.length === 0 && unreadable.length === before) throw new InputError(`${pattern}: no files match this pattern`);
    for (const f of files) found.add(path.normalize(f));
    return;
  }
  throw new InputError(`${pattern}: no such file or directory`);
}

/**
 * Writing files safely: a fixed policy, a report (--output-file) or a
 * baseline is written to a temporary file in the same directory, flushed to
 * disk and renamed over the target, so that a crash or a full disk never
 * leaves a half-written policy behind. The target keeps its permissions,
 * setuid, setgid and sticky bits included, and its owner and group (when
 * policy-lint runs as root, or the file's owner may give the copy its group); a symbolic link is followed and
 * the file it points to is replaced, not the link. An existing special file
 * (`-o /dev/stdout`, a terminal, a pipe) is written to directly, without a
 * temporary file.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** A file could not be written; the message names the file and fits on one line. */
export class WriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteError';
  }
}

/** The file-system calls writeFileAtomic makes (replaceable in tests to simulate a failing disk). */
export interface WriteOps {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  chmodSync: typeof fs.chmodSync;
  chownSync: typeof fs.chownSync;
  unlinkSync: typeof fs.unlinkSync;
}

const NODE_OPS: WriteOps = {
  openSync: fs.openSync,
  writeSync: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  chmodSync: fs.chmodSync,
  chownSync: fs.chownSync,
  unlinkSync: fs.unlinkSync,
};

export interface WriteOptions {
  /** How to name the file in messages (default: the path as given). */
  display?: string;
  /** Create missing parent directories (for reports and baselines, not for policies). */
  mkdir?: boolean;
  ops?: Partial<WriteOps>;
  /**
   * The bytes the file held when it was read (for --fix): if it now holds
   * anything else, or is gone, it changed while it was being linted and
   * nothing is written, so that nobody's edits are lost.
   */
  unchangedFrom?: Uint8Array;
}

/** Does the file still hold exactly these bytes? */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'part of its path is a file, not a folder';
  if (code === 'EDQUOT') return 'the disk quota is used up';
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/**
 * Create a folder and the missing ones above it, one at a time from the nearest that exists. Not
 * `mkdirSync(dir, { recursive: true })`: on a file system that answers oddly (in /proc, Node's recursive
 * mkdir retries for ever) it can hang; here each level is one plain mkdir, and the first that fails ends it.
 */
function makeFolders(dir: string, display: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    let stats: fs.Stats | undefined;
    try {
      stats = fs.statSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new WriteError(`${display}: cannot create its folder (${reason(error)})`);
    }
    if (stats) {
      if (!stats.isDirectory()) throw new WriteError(`${display}: cannot be written (part of its path is a file, not a folder)`);
      break;
    }
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(folder).isDirectory()) continue; // made meanwhile
      // ENOENT although the folder above exists: a file system that has no such folders (/proc).
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file system there does not allow it' : reason(error);
      throw new WriteError(`${display}: cannot create the folder ${folder} (${why})`);
    }
  }
}

/**
 * Is this existing file read-only? True when it has no write permission bit
 * at all (checked by mode, because root may write any file and would
 * otherwise overwrite a file its owner marked read-only), or when this
 * process may not write it.
 */
export function isReadOnly(stat: fs.Stats, file: string): boolean {
  if ((stat.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Names of this process's own streams (`-o /dev/stdout`): written through, whatever they are open on. */
const STREAM_ALIAS = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/self\/fd\/\d+)$/;

/** The descriptor a stream's name stands for (/dev/stdout is 1, /dev/fd/3 is 3). */
function aliasDescriptor(target: string): number {
  if (target === '/dev/stdout') return 1;
  if (target === '/dev/stderr') return 2;
  return Number(target.slice(target.lastIndexOf('/') + 1));
}

/**
 * Is `target` an existing special file (a terminal, /dev/null, a pipe) or one of this process's own streams?
 * Such a file is written to directly: there is no folder entry to rename over (/dev/stdout is a link to
 * /proc/self/fd/1, which names a pipe or a terminal, not a file), and a pipe or a device has no half-written
 * state to protect.
 */
function writesDirectly(target: string): boolean {
  if (STREAM_ALIAS.test(target)) return true;
  try {
    const stats = fs.statSync(target);
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}

/**
 * Write to a special file or stream as it is: never created, truncated or renamed. One of this process's own
 * streams is written to through its descriptor (opening /dev/stdout again fails when it is a socket, as a
 * parent process's pipe often is, and would start a file it is redirected to from the beginning); another
 * special file is opened for appending.
 */
function writeDirect(target: string, bytes: Uint8Array, ops: WriteOps, display: string): void {
  const own = STREAM_ALIAS.test(target);
  let fd: number | undefined;
  try {
    fd = own ? aliasDescriptor(target) : ops.openSync(target, fs.constants.O_WRONLY | fs.constants.O_APPEND);
    let written = 0;
    while (written < bytes.length) {
      try {
        written += ops.writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        // A stream that does not block (a socket or a pipe set so by Node) is full: wait for its reader.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  } catch (error) {
    throw new WriteError(`${display}: could not be written (${reason(error)})`);
  } finally {
    if (fd !== undefined && !own) {
      try {
        ops.closeSync(fd);
      } catch {
        // nothing more to write
      }
    }
  }
}

/**
 * The temporary file a write of `base` makes beside it: `.<base>.<pid>.<8 hex digits>.tmp`. Named by the
 * process, so that a run interrupted by a signal removes its own (removeOwnTemps), and with a fixed form,
 * so that the next --fix removes stale ones an earlier run could not (removeStaleTemps), and nothing else.
 */
export function tempName(base: string, pid: number): string {
  return `.${base}.${pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
}

/** A temporary file of ours: the name of the file it was for, and the process that made it. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** How old a temporary file of another process must be before --fix takes it for the leftover of an interrupted run. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

/** Our temporary files in each folder, listed once per process (per thread): [name, the file it was for, its process]. */
const tempsIn = new Map<string, [string, string, number][]>();

function listTemps(dir: string): [string, string, number][] {
  let found = tempsIn.get(dir);
  if (!found) {
    found = [];
    try {
      for (const name of fs.readdirSync(dir)) {
        const m = TEMP_NAME.exec(name);
        if (m) found.push([name, m[1]!, Number(m[2])]);
      }
    } catch {
      // a folder that cannot be listed holds nothing to remove
    }
    tempsIn.set(dir, found);
  }
  return found;
}

/**
 * Before --fix writes `file`: remove the temporary files an interrupted run left beside it (a crash, or a
 * `kill -9` no handler sees). Only files of our exact form for this file's name, regular files (not links),
 * made by another process and last changed more than STALE_TEMP_MS ago: a run still writing is never touched.
 * Returns the names removed.
 */
export function removeStaleTemps(file: string, now = Date.now()): string[] {
  let target: string;
  try {
    target = fs.realpathSync(file);
  } catch {
    return [];
  }
  const dir = path.dirname(target);
  const base = path.basename(target);
  const removed: string[] = [];
  for (const [name, of, pid] of listTemps(dir)) {
    if (of !== base || pid === process.pid) continue;
    const temp = path.join(dir, name);
    try {
      const stats = fs.lstatSync(temp);
      if (!stats.isFile() || now - stats.mtimeMs < STALE_TEMP_MS) continue;
      fs.unlinkSync(temp);
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/**
 * After a signal stopped a --fix run: remove the temporary files this process made beside `files` and
 * did not rename (a worker thread stopped mid-write). Synchronous: called as the process ends.
 */
export function removeOwnTemps(files: readonly string[]): void {
  const dirs = new Map<string, Set<string>>();
  for (const file of files) {
    let target = file;
    try {
      target = fs.realpathSync(file);
    } catch {
      // gone: its folder may still hold our temporary file
    }
    const dir = path.dirname(target);
    if (!dirs.has(dir)) dirs.set(dir, new Set());
    dirs.get(dir)!.add(path.basename(target));
  }
  for (const [dir, bases] of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = TEMP_NAME.exec(name);
      if (!m || Number(m[2]) !== process.pid || !bases.has(m[1]!)) continue;
      try {
        fs.unlinkSync(path.join(dir, name));
      } catch {
        // removed meanwhile
      }
    }
  }
}

/**
 * A test hook, inert unless POLICY_LINT_TEST_PAUSE_AFTER_TEMP_MS is set (to a number of milliseconds): pause
 * after the temporary file is written and before it is renamed, so that a test can signal a real --fix run
 * while its temporary file exists (test/slow/hardening4.test.ts, item 30). Nothing else reads this variable.
 */
function pauseForTests(): void {
  const ms = Number(process.env.POLICY_LINT_TEST_PAUSE_AFTER_TEMP_MS);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Replace `file` with `data` atomically. Throws WriteError (the original file
 * untouched, no temporary file left behind) when the file is read-only or any
 * step fails.
 */
export function writeFileAtomic(file: string, data: Uint8Array | string, options: WriteOptions = {}): void {
  const ops: WriteOps = { ...NODE_OPS, ...options.ops };
  const display = options.display ?? file;
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;

  let target = path.resolve(file);
  if (!options.unchangedFrom && writesDirectly(target)) {
    writeDirect(target, bytes, ops, display);
    return;
  }
  let stat: fs.Stats | undefined;
  try {
    target = fs.realpathSync(target);
    stat = fs.statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new WriteError(`${display}: cannot be written (${reason(error)})`);
    stat = undefined;
  }
  if (stat && !stat.isFile()) throw new WriteError(`${display}: cannot be written (it is not a regular file)`);
  if (stat && isReadOnly(stat, target)) throw new WriteError(`${display}: is read-only, so it was not changed`);
  if (options.unchangedFrom) {
    if (!stat) throw new WriteError(`${display}: was deleted or moved while it was being linted, so the fixes were not written`);
    let now: Uint8Array;
    try {
      now = fs.readFileSync(target);
    } catch (error) {
      throw new WriteError(`${display}: cannot be read again before writing (${reason(error)}), so the fixes were not written`);
    }
    if (!sameBytes(now, options.unchangedFrom)) throw new WriteError(`${display}: changed while it was being linted, so the fixes were not written; run again`);
  }

  const dir = path.dirname(target);
  if (options.mkdir) makeFolders(dir, display);
  const temp = path.join(dir, tempName(path.basename(target), process.pid));
  let fd: number | undefined;
  try {
    fd = ops.openSync(temp, 'wx', stat ? stat.mode & 0o7777 : 0o666);
    let written = 0;
    while (written < bytes.length) written += ops.writeSync(fd, bytes, written, bytes.length - written);
    ops.fsyncSync(fd);
    ops.closeSync(fd);
    fd = undefined;
    pauseForTests();
    if (stat) {
      // Keep the owner and group when we can (root; or a group of our own), then set the original mode exactly
      // (open() applies the umask). chown first: it clears the setuid and setgid bits, so a chmod before it
      // would lose them.
      if (typeof process.getuid === 'function' && (process.getuid() === 0 || stat.uid === process.getuid())) {
        try {
          ops.chownSync(temp, stat.uid, stat.gid);
        } catch {
          // best effort: the content and mode matter more than the owner
        }
      }
      ops.chmodSync(temp, stat.mode & 0o7777);
    }
    ops.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        ops.closeSync(fd);
      } catch {
        // already failing; report the first error
      }
    }
    try {
      ops.unlinkSync(temp);
    } catch {
      // the temporary file may never have been created
    }
    const unchanged = stat ? '; the original is unchanged' : '';
    throw new WriteError(`${display}: could not be written (${reason(error)})${unchanged}`);
  }
}

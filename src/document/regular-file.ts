/**
 * Reading regular files only. A FIFO (named pipe) blocks for ever when it is
 * opened or read, /dev/zero never ends, a socket cannot be opened at all: a
 * policy, a configuration, a pack, a baseline or a cache that is one of these
 * (or a symbolic link to one) is refused on one line saying what it is, and
 * never opened for reading. The file is checked with stat() before it is
 * opened, opened without blocking (O_NONBLOCK: a FIFO swapped in meanwhile
 * does not hang the open), and checked again with fstat() on the open file,
 * which is what is then read.
 */
import fs from 'node:fs';

/** A path that names something other than a regular file; `what` says what ("is a FIFO (named pipe), not a file"). */
export class NotRegularFileError extends Error {
  constructor(
    readonly file: string,
    readonly what: string,
  ) {
    super(`${file}: ${what}`);
    this.name = 'NotRegularFileError';
  }
}

/** What a file that is not a regular file is, as the end of a sentence naming it; undefined for a regular file. */
export function notRegularFile(stats: fs.Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a folder, not a file';
  if (stats.isFIFO()) return 'is a FIFO (named pipe), not a file';
  if (stats.isCharacterDevice()) return 'is a character device (such as /dev/null or /dev/zero), not a file';
  if (stats.isBlockDevice()) return 'is a block device, not a file';
  if (stats.isSocket()) return 'is a socket, not a file';
  return 'is not a regular file';
}

/** stat() a path (following symbolic links), with a loop of links said as such. Throws what stat() throws otherwise. */
export function statPath(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotRegularFileError(file, 'is a symbolic link in a loop, not a file');
    throw error;
  }
}

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * Open a regular file for reading; the caller closes the descriptor. Throws
 * NotRegularFileError for anything else (without opening it), and what
 * open() throws (ENOENT, EACCES ...).
 */
export function openRegularFile(file: string): number {
  const what = notRegularFile(statPath(file));
  if (what) throw new NotRegularFileError(file, what);
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  try {
    // Replaced by something else between the stat and the open: what was opened is checked, not the name.
    const after = notRegularFile(fs.fstatSync(fd));
    if (after) throw new NotRegularFileError(file, after);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return fd;
}

/** The bytes of a regular file (see openRegularFile for what is refused). */
export function readRegularFile(file: string): Buffer;
export function readRegularFile(file: string, encoding: 'utf8'): string;
export function readRegularFile(file: string, encoding?: 'utf8'): Buffer | string {
  const fd = openRegularFile(file);
  try {
    return encoding ? fs.readFileSync(fd, encoding) : fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Configuration and rule-pack errors: one line each, naming the file, the
 * line and column in it, and what was expected. The CLI prints them as
 * `policy-lint: FILE:LINE:COLUMN: MESSAGE` and exits with code 2.
 */
import path from 'node:path';
import { visible } from '../formatters/shared.js';

/** The longest quoted value an error message shows (a longer one is cut, with "..."; see quote), and the longest message. */
export const MAX_QUOTE = 60;
const MAX_DETAIL = 1000;

/** A value quoted in an error message: JSON-quoted, cut to MAX_QUOTE characters. */
export function quote(value: unknown): string {
  if (typeof value !== 'string') {
    const json = String(JSON.stringify(value));
    return json.length > MAX_QUOTE ? `${json.slice(0, MAX_QUOTE)}...` : json;
  }
  return JSON.stringify(value.length > MAX_QUOTE ? `${value.slice(0, MAX_QUOTE)}...` : value);
}

/**
 * An error's detail made safe to print: cut to a thousand characters at most
 * (values are quoted short where they are put in: quote), and control
 * characters shown visibly (a value cannot print a terminal escape or start a
 * workflow command in a CI log).
 */
export function shortDetail(detail: string): string {
  return visible(detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}...` : detail);
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units, as in editors). */
  column: number;
}

export class ConfigError extends Error {
  constructor(
    /** Absolute path of the file at fault (or a preset name such as "policy-lint:strict"). */
    readonly file: string,
    readonly position: Position,
    /** What is wrong and what was expected, without the location. */
    detail: string,
  ) {
    detail = shortDetail(detail);
    super(`${file}:${position.line}:${position.column}: ${detail}`);
    this.detail = detail;
    this.name = 'ConfigError';
  }

  /** What is wrong and what was expected, without the location (quoted values cut short: shortDetail). */
  readonly detail: string;

  /** The one-line message with the file path relative to `cwd`. */
  format(cwd: string): string {
    // A value given on the command line (--rule, --profile) is named by its option, not by a line and column.
    if (this.file.startsWith('--')) return `${visible(this.file)}: ${this.detail}`;
    return `${visible(displayPath(this.file, cwd))}:${this.position.line}:${this.position.column}: ${this.detail}`;
  }
}

/** A path as shown to the user: relative to `cwd` when below it, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  if (rel === '') return '.';
  const shown = !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  return shown.split(path.sep).join('/');
}

/** Levenshtein distance between two strings. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word`, when it is near enough to be a likely typo. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(lower, c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  if (bestDistance <= limit) return best;
  // A name cut short ("maxCycle" for "maxCycleMonths") is a likely slip too.
  if (lower.length >= 4) {
    const prefixed = [...candidates].filter((c) => c.toLowerCase().startsWith(lower));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}

/** `; did you mean "x"?` when there is a near candidate, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const near = nearest(word, candidates);
  return near !== undefined ? `; did you mean "${near}"?` : '';
}

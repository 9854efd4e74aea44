/**
 * Baselines: adopt policy-lint on a folder of existing policies without
 * fixing everything first. `--write-baseline FILE` records today's findings;
 * `--baseline FILE` hides the findings recorded there and reports new ones.
 *
 * A finding is recorded by the file (path relative to the current
 * directory, with forward slashes), the rule, the message and a fingerprint
 * of the text of the line it is on, never by line number: inserting a
 * paragraph above an old finding keeps it matched, while a new finding of the
 * same kind on another line is reported. Identical findings are counted, so
 * a second copy of an old mistake is still reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Diagnostic } from '../types.js';
import { compareText } from '../engine/summary.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  message: string;
  /** Fingerprint of the text of the finding's first line (see lineFingerprint). */
  lineHash: string;
  /** How many identical findings there were. */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  files: Record<string, BaselineEntry[]>;
}

/** A baseline file that cannot be read or is not a baseline: one line, exit code 2. */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** The start offsets of the lines of the text lineOf last read (reports ask for many lines of one text in a row). */
let indexedText: string | undefined;
let lineStarts: number[] = [];

/** The text of a 1-based line of LF text (the empty string past the end). Linear in the text once, then constant per line. */
export function lineOf(text: string, line: number): string {
  if (text !== indexedText) {
    lineStarts = [0];
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
    indexedText = text;
  }
  const start = lineStarts[line - 1];
  if (start === undefined) return '';
  const next = lineStarts[line];
  return text.slice(start, next === undefined ? text.length : next - 1);
}

/** A short, stable hash of strings (SHA-256, first 16 hex digits). */
export function shortHash(...parts: string[]): string {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex').slice(0, 16);
}

/** Fingerprint of a line's text: whitespace differences (re-wrapping, indentation, trailing spaces) do not count. */
export function lineFingerprint(lineText: string): string {
  return shortHash(lineText.trim().replace(/\s+/g, ' '));
}

/** The key a file is recorded under: its path relative to `cwd`, with forward slashes. */
export function baselinePath(filePath: string, cwd: string): string {
  const rel = path.isAbsolute(filePath) ? path.relative(cwd, filePath) : filePath;
  return (rel || path.basename(filePath)).split(path.sep).join('/');
}

function entryKey(rule: string, message: string, lineHash: string): string {
  return `${rule}\u0000${message}\u0000${lineHash}`;
}

function keyOf(d: Diagnostic, text: string): string {
  return entryKey(d.ruleId, d.message, lineFingerprint(lineOf(text, d.line)));
}

export interface BaselineInput {
  filePath: string;
  messages: Diagnostic[];
  /** The LF text the messages' lines refer to. */
  text: string;
}

/** Record the given findings. */
export function buildBaseline(inputs: BaselineInput[], cwd: string): Baseline {
  const files: Record<string, BaselineEntry[]> = {};
  for (const input of [...inputs].sort((a, b) => compareText(baselinePath(a.filePath, cwd), baselinePath(b.filePath, cwd)))) {
    if (input.messages.length === 0) continue;
    const counts = new Map<string, BaselineEntry>();
    for (const d of input.messages) {
      const lineHash = lineFingerprint(lineOf(input.text, d.line));
      const key = entryKey(d.ruleId, d.message, lineHash);
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { rule: d.ruleId, message: d.message, lineHash, count: 1 });
    }
    const key = baselinePath(input.filePath, cwd);
    files[key] = [...(files[key] ?? []), ...counts.values()];
  }
  return { version: BASELINE_VERSION, files };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Check that parsed JSON is a baseline; returns a one-line description of the first problem, or undefined. */
export function baselineProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'it is not a JSON object';
  const b = data as Record<string, unknown>;
  if (b.version !== BASELINE_VERSION) return `"version" must be ${BASELINE_VERSION}`;
  if (typeof b.files !== 'object' || b.files === null || Array.isArray(b.files)) return '"files" must be an object of file paths';
  for (const [file, entries] of Object.entries(b.files as Record<string, unknown>)) {
    if (!Array.isArray(entries)) return `files["${file}"] must be a list`;
    for (const [i, e] of entries.entries()) {
      const where = `files["${file}"][${i}]`;
      if (typeof e !== 'object' || e === null) return `${where} must be an object`;
      const entry = e as Record<string, unknown>;
      for (const field of ['rule', 'message', 'lineHash'] as const) {
        if (typeof entry[field] !== 'string') return `${where}.${field} must be a string`;
      }
      if (typeof entry.count !== 'number' || !Number.isInteger(entry.count) || entry.count < 1) return `${where}.count must be a whole number of at least 1`;
    }
  }
  return undefined;
}

/** Read and check a baseline file. Throws BaselineError with a one-line message. */
export function readBaseline(file: string, display = file): Baseline {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`${display}: ${code === 'ENOENT' ? 'no such baseline file (create one with --write-baseline)' : `cannot be read (${(error as Error).message})`}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(`${display}: not a policy-lint baseline: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const problem = baselineProblem(data);
  if (problem) throw new BaselineError(`${display}: not a policy-lint baseline: ${problem}`);
  return data as Baseline;
}

/**
 * Remove the findings the baseline records for this file (each recorded
 * finding hides at most `count` identical ones). Returns the findings to
 * report and how many were hidden.
 */
export function applyBaseline(baseline: Baseline, filePath: string, cwd: string, messages: Diagnostic[], text: string): { kept: Diagnostic[]; suppressed: number } {
  const entries = baseline.files[baselinePath(filePath, cwd)];
  if (!entries || entries.length === 0) return { kept: messages, suppressed: 0 };
  const budget = new Map<string, number>();
  for (const e of entries) {
    const key = entryKey(e.rule, e.message, e.lineHash);
    budget.set(key, (budget.get(key) ?? 0) + e.count);
  }
  const kept: Diagnostic[] = [];
  let suppressed = 0;
  for (const d of messages) {
    const key = keyOf(d, text);
    const left = budget.get(key) ?? 0;
    if (left > 0) {
      budget.set(key, left - 1);
      suppressed++;
    } else {
      kept.push(d);
    }
  }
  return { kept, suppressed };
}

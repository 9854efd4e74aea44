/**
 * Baselines: adopt policy-lint on a folder of existing policies without
 * fixing everything first. `--write-baseline FILE` records today's findings;
 * `--baseline FILE` hides the findings recorded there and reports new ones.
 *
 * A finding is recorded by the file (path relative to the current
 * directory, with forward slashes), the rule, the message (or, for a finding
 * whose rule gives a message id and data, its date-free identity: a message
 * that mentions the as-of date matches on the next day too) and a fingerprint
 * of the text of the line it is on, never by line number: inserting a
 * paragraph above an old finding keeps it matched, while a new finding of the
 * same kind on another line is reported. Identical findings are counted, so
 * a second copy of an old mistake is still reported.
 */
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Diagnostic } from '../types.js';
import { compareText } from '../engine/summary.js';
import { NotRegularFileError, readRegularFile } from '../document/regular-file.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  rule: string;
  message: string;
  /** The finding's date-free identity (message id and data), when its rule gives one: matched instead of the message. */
  id?: string;
  /** Fingerprint of the text of the finding's first line (see lineFingerprint). */
  lineHash: string;
  /** How many identical findings there were. */
  count: number;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  /**
   * Recorded findings by file path. A Map, never a plain object: file names are
   * user input, and a file named `constructor`, `__proto__` or `toString` must
   * be a key like any other (serializeBaseline writes it as a JSON object).
   */
  files: Map<string, BaselineEntry[]>;
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

/** What a finding is matched on: its identity when it has one, else its message. */
function what(d: { message: string; identity?: string; id?: string }): string {
  const id = d.identity ?? d.id;
  return id !== undefined ? `id:${id}` : `message:${d.message}`;
}

function keyOf(d: Diagnostic, text: string): string {
  return entryKey(d.ruleId, what(d), lineFingerprint(lineOf(text, d.line)));
}

export interface BaselineInput {
  filePath: string;
  messages: Diagnostic[];
  /** The LF text the messages' lines refer to. */
  text: string;
}

/** Record the given findings. */
export function buildBaseline(inputs: BaselineInput[], cwd: string): Baseline {
  const files = new Map<string, BaselineEntry[]>();
  for (const input of [...inputs].sort((a, b) => compareText(baselinePath(a.filePath, cwd), baselinePath(b.filePath, cwd)))) {
    if (input.messages.length === 0) continue;
    const counts = new Map<string, BaselineEntry>();
    for (const d of input.messages) {
      const lineHash = lineFingerprint(lineOf(input.text, d.line));
      const key = entryKey(d.ruleId, what(d), lineHash);
      const entry = counts.get(key);
      if (entry) entry.count++;
      else counts.set(key, { rule: d.ruleId, message: d.message, ...(d.identity !== undefined ? { id: d.identity } : {}), lineHash, count: 1 });
    }
    const key = baselinePath(input.filePath, cwd);
    files.set(key, [...(files.get(key) ?? []), ...counts.values()]);
  }
  return { version: BASELINE_VERSION, files };
}

export function serializeBaseline(baseline: Baseline): string {
  // Object.fromEntries defines each key as an own property (even "__proto__"), and JSON.stringify writes it.
  return `${JSON.stringify({ version: baseline.version, files: Object.fromEntries(baseline.files) }, null, 2)}\n`;
}

/** The first problem of parsed JSON that should be a baseline, and the path to the value at fault. */
export interface BaselineProblem {
  message: string;
  path: (string | number)[];
}

/** Check that parsed JSON is a baseline; returns the first problem, or undefined. */
export function baselineProblem(data: unknown): BaselineProblem | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { message: 'it is not a JSON object', path: [] };
  const b = data as Record<string, unknown>;
  if (!Object.hasOwn(b, 'version') || b.version !== BASELINE_VERSION) return { message: `"version" must be ${BASELINE_VERSION}`, path: Object.hasOwn(b, 'version') ? ['version'] : [] };
  if (!Object.hasOwn(b, 'files') || typeof b.files !== 'object' || b.files === null || Array.isArray(b.files)) {
    return { message: '"files" must be an object of file paths', path: Object.hasOwn(b, 'files') ? ['files'] : [] };
  }
  for (const [file, entries] of Object.entries(b.files as Record<string, unknown>)) {
    const name = JSON.stringify(file);
    if (!Array.isArray(entries)) return { message: `files[${name}] must be a list`, path: ['files', file] };
    for (const [i, e] of entries.entries()) {
      const where = `files[${name}][${i}]`;
      if (typeof e !== 'object' || e === null || Array.isArray(e)) return { message: `${where} must be an object`, path: ['files', file, i] };
      const entry = e as Record<string, unknown>;
      for (const field of ['rule', 'message', 'lineHash'] as const) {
        if (typeof entry[field] !== 'string') return { message: `${where}.${field} must be a string`, path: Object.hasOwn(entry, field) ? ['files', file, i, field] : ['files', file, i] };
      }
      if (typeof entry.count !== 'number' || !Number.isInteger(entry.count) || entry.count < 1) {
        return { message: `${where}.count must be a whole number of at least 1`, path: Object.hasOwn(entry, 'count') ? ['files', file, i, 'count'] : ['files', file, i] };
      }
      if (entry.id !== undefined && typeof entry.id !== 'string') return { message: `${where}.id must be a string`, path: ['files', file, i, 'id'] };
    }
  }
  return undefined;
}

/** Line and column (1-based) of an offset in a text. */
function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return `${line}:${Math.max(0, Math.min(offset, text.length) - lineStart) + 1}`;
}

/** Where JSON.parse says it failed ("at position 12", or "(line 3 column 5)" on newer node), as line:column. */
function jsonErrorAt(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  if (at) return lineColumn(text, Number(at[1]));
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return `${lc[1]}:${lc[2]}`;
  return lineColumn(text, text.length);
}

/** Where the value at `path` starts in JSON text, as line:column (found by the YAML library, a JSON superset with positions; only on the error path). */
function valueAt(text: string, path: (string | number)[]): string {
  try {
    const { parseDocument } = createRequire(import.meta.url)('yaml') as typeof Yaml;
    const doc = parseDocument(text, { version: '1.2', uniqueKeys: false, keepSourceTokens: false });
    let node: unknown = doc.contents;
    for (const key of path) {
      const n = node as { items?: { key?: { value?: unknown }; value?: unknown }[] } | undefined;
      if (!n?.items) break;
      const next = typeof key === 'number' ? n.items[key] : n.items.find((p) => p.key?.value === key)?.value;
      if (next === undefined) break;
      node = next;
    }
    const range = (node as { range?: number[] } | undefined)?.range;
    return lineColumn(text, range?.[0] ?? 0);
  } catch {
    return '1:1';
  }
}

/** Read and check a baseline file. Throws BaselineError with a one-line message that names file:line:column. */
export function readBaseline(file: string, display = file): Baseline {
  let raw: string;
  try {
    raw = readRegularFile(file, 'utf8');
  } catch (error) {
    if (error instanceof NotRegularFileError) throw new BaselineError(`${display}: ${error.what}`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`${display}: ${code === 'ENOENT' ? 'no such baseline file (create one with --write-baseline)' : `cannot be read (${(error as Error).message})`}`);
  }
  raw = raw.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    const what = message.replace(/ in JSON at position \d.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new BaselineError(`${display}:${jsonErrorAt(raw, message)}: not a policy-lint baseline: invalid JSON (${what.slice(0, 120)})`);
  }
  const problem = baselineProblem(data);
  if (problem) throw new BaselineError(`${display}:${valueAt(raw, problem.path)}: not a policy-lint baseline: ${problem.message.slice(0, 300)}`);
  const files = new Map<string, BaselineEntry[]>();
  for (const [key, entries] of Object.entries((data as { files: Record<string, BaselineEntry[]> }).files)) files.set(key, entries);
  return { version: BASELINE_VERSION, files };
}

/**
 * Remove the findings the baseline records for this file (each recorded
 * finding hides at most `count` identical ones). Returns the findings to
 * report and how many were hidden.
 */
export function applyBaseline(baseline: Baseline, filePath: string, cwd: string, messages: Diagnostic[], text: string): { kept: Diagnostic[]; suppressed: number; hidden: Diagnostic[] } {
  const entries = baseline.files.get(baselinePath(filePath, cwd));
  if (!entries || entries.length === 0) return { kept: messages, suppressed: 0, hidden: [] };
  const budget = new Map<string, number>();
  for (const e of entries) {
    const key = entryKey(e.rule, what(e), e.lineHash);
    budget.set(key, (budget.get(key) ?? 0) + e.count);
  }
  const kept: Diagnostic[] = [];
  const hidden: Diagnostic[] = [];
  for (const d of messages) {
    const key = keyOf(d, text);
    const left = budget.get(key) ?? 0;
    if (left > 0) {
      budget.set(key, left - 1);
      hidden.push(d);
    } else {
      kept.push(d);
    }
  }
  return { kept, suppressed: hidden.length, hidden };
}

/**
 * --cache: remember each file's findings, so that a re-run over files that
 * have not changed does not parse them again.
 *
 * An entry is used only when everything its findings depend on is the same:
 * the file's content (SHA-256 of its bytes), policy-lint's version (and build),
 * the guidance registry's version and a hash of every data file
 * (data/*.yaml: section vocabulary, roles, terminology, placeholders), and the configuration resolved for the
 * file (rule severities and options, the as-of date, the merged guidance
 * registry, the contents of every rule pack). A file is hashed unless its
 * stamp on disk (size, modification and change times, inode) is the one
 * recorded with its hash and it was last changed well before the run that
 * recorded it (see statStamp): then it is not even read, as git trusts its
 * index. The cache is one JSON file, `.policylintcache` in the current
 * folder (as ESLint's `.eslintcache`: a policy repository has no node_modules,
 * and a folder policy-lint made there would be committed by mistake) unless
 * --cache-location says otherwise; entries are keyed by the file's
 * path relative to the current folder, so that a cache restored in another
 * checkout (CI) still applies.
 *
 * A cache file is not trusted (docs/threat-model.md): an entry is used only
 * when its seal (an HMAC keyed by the configuration key) is intact and its
 * findings fit the file (checkEntry: known rules with their configured
 * severities, positions inside the text, and, when this run read the file,
 * each line and column the one its offset is at); any other is dropped and
 * its file linted again.
 *
 * A cache that cannot be read, is not valid JSON or has the wrong shape is
 * ignored (and replaced when the run writes its own); a cache that cannot be
 * written is reported as a warning, never as a failure of the run. A file
 * that is not a cache is never overwritten: `--cache-location notes.md`
 * naming a file with something else in it (not empty, not named
 * `.policylintcache`, not starting as every cache policy-lint writes does), or
 * a FIFO or device, ends the run on one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Diagnostic, Severity } from '../types.js';
import type { SourceText } from '../document/source.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { writeFileAtomic } from './write.js';
import { NotRegularFileError, openRegularFile, readRegularFile } from '../document/regular-file.js';
import { InputError } from './files.js';
import { dataVersion } from '../domain/data.js';

/** The shape of the cache file; bump when it changes. */
export const CACHE_FORMAT = 9;
/** The cache file's name: in the current folder by default, or in the folder --cache-location names. */
export const CACHE_FILE_NAME = '.policylintcache';

/**
 * A file's findings, compactly: one flat list of numbers, FIELDS to a finding
 * ([rule, severity (1 warning, 2 error), message, line, column, endLine,
 * endColumn, start, end, section, messageId, paragraph, page (0 for none), identity, suppressed (0 reported,
 * 1 silenced by a directive), justification], rule, message, section (its title path,
 * "" for none), messageId, identity (the date-free identity for baselines) and the directive's reason ("" for none)
 * as indexes into the cache's table of strings), and beside it the fixes: [index of the finding, safety (1 safe,
 * 2 suggestion), [[start, end, text], ...]] with the text indexed likewise.
 * (Reading 45,000 findings written as objects took longer than linting a few
 * files; a flat list of numbers parses with no object per finding, and leaves
 * the garbage collector little to do.)
 */
const FIELDS = 16;
type PackedFix = [number, number, [number, number, number][]];

/**
 * A file's entry: [SHA-256 of its bytes, configKey() of its configuration, findings, fixes, how it was read (its encoding,
 * or "docx" / "pdf"), its statStamp() ("" for none), its profile ("" for none), the shape of its text (shapeOf), and
 * the entry's seal (sealOf)].
 */
export type PackedEntry = [string, string, number[], PackedFix[], string, string, string, string, string];

interface CacheFile {
  policyLintCache: number;
  version: string;
  strings: string[];
  entries: Record<string, PackedEntry>;
}

interface Entry {
  hash: string;
  config: string;
  messages: Diagnostic[];
  /** Findings inline directives silenced (each with its suppression). */
  suppressed: Diagnostic[];
  /** The shape of the text the findings are positions in (shapeOf). */
  shape: string;
  /** How the file was read: its encoding (utf-8, utf-16le, utf-16be, windows-1252), or "docx" / "pdf". */
  readAs: string;
  stamp?: string;
  /** The profile the file was read as: "id\u0000title\u0000reason". */
  profile?: string;
}

/**
 * How long before a run a file must have last changed for its stamp to be
 * trusted. A file changed within this time of the run (or during it) could be
 * changed again without its times moving on, on a file system that keeps
 * times to the second or two (git's "racily clean" files): it gets no stamp
 * and is hashed on every run until it is older.
 */
export const STAMP_MARGIN_MS = 2000;

/**
 * A file's stamp on disk, for a run that started at `runStart`: its size,
 * modification time, change time and inode, or undefined when it changed too
 * recently to be trusted (STAMP_MARGIN_MS). Writing to a file always moves its
 * change time on, even when a tool sets the modification time back.
 */
export function statStamp(stats: fs.Stats, runStart: number): string | undefined {
  if (Math.max(stats.mtimeMs, stats.ctimeMs) >= runStart - STAMP_MARGIN_MS) return undefined;
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/**
 * Where the cache lives: `.policylintcache` in the current folder, or
 * --cache-location PATH: the file, or a folder to put `.policylintcache` in
 * (an existing folder, or a path ending with a slash).
 */
export function cacheFile(cwd: string, location?: string): string {
  const given = location ?? CACHE_FILE_NAME;
  const abs = path.resolve(cwd, given);
  if (/[\\/]$/.test(given)) return path.join(abs, CACHE_FILE_NAME);
  try {
    if (fs.statSync(abs).isDirectory()) return path.join(abs, CACHE_FILE_NAME);
  } catch {
    // not there yet: a file
  }
  return abs;
}

/**
 * Is this text a cache policy-lint wrote (of any format or version, even cut short)? Every cache it writes is
 * JSON.stringify of a CacheFile, which starts with its format key.
 */
function isOurs(text: string): boolean {
  return text.startsWith('{"policyLintCache":');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A packed entry's findings back as the engine made them; undefined when anything in them is not as written (a corrupt cache). */
function unpack(flat: unknown, fixes: unknown, strings: readonly unknown[]): { messages: Diagnostic[]; suppressed: Diagnostic[] } | undefined {
  if (!Array.isArray(flat) || flat.length % FIELDS !== 0 || !Array.isArray(fixes)) return undefined;
  for (const v of flat) if (!isCount(v)) return undefined;
  const out: Diagnostic[] = [];
  for (let i = 0; i < flat.length; i += FIELDS) {
    const ruleId = strings[flat[i] as number];
    const sev = flat[i + 1] as number;
    const message = strings[flat[i + 2] as number];
    const section = strings[flat[i + 9] as number];
    const messageId = strings[flat[i + 10] as number];
    const identity = strings[flat[i + 13] as number];
    const silenced = flat[i + 14] as number;
    const justification = strings[flat[i + 15] as number];
    if (typeof ruleId !== 'string' || typeof message !== 'string' || typeof section !== 'string' || typeof messageId !== 'string' || typeof identity !== 'string' || (sev !== 1 && sev !== 2))
      return undefined;
    if ((silenced !== 0 && silenced !== 1) || typeof justification !== 'string') return undefined;
    const d: Diagnostic = {
      ruleId,
      severity: sev === 2 ? 'error' : 'warning',
      message,
      ...(messageId ? { messageId } : {}),
      line: flat[i + 3] as number,
      column: flat[i + 4] as number,
      endLine: flat[i + 5] as number,
      endColumn: flat[i + 6] as number,
      start: flat[i + 7] as number,
      end: flat[i + 8] as number,
    };
    if (section) d.section = section;
    // A Word document's paragraph and a PDF's page, 0 when there is none.
    if (flat[i + 11]) d.paragraph = flat[i + 11] as number;
    if (flat[i + 12]) d.page = flat[i + 12] as number;
    if (identity) d.identity = identity;
    if (silenced === 1) d.suppressions = [{ kind: 'directive', justification }];
    out.push(d);
  }
  for (const f of fixes as unknown[]) {
    if (!Array.isArray(f) || f.length !== 3 || !isCount(f[0]) || f[0] >= out.length || (f[1] !== 1 && f[1] !== 2) || !Array.isArray(f[2])) return undefined;
    const fix: NonNullable<Diagnostic['fix']> = { safety: f[1] === 1 ? 'safe' : 'suggestion', edits: [] };
    for (const e of f[2] as unknown[]) {
      if (!Array.isArray(e) || e.length !== 3 || !isCount(e[0]) || !isCount(e[1]) || !isCount(e[2])) return undefined;
      const text = strings[e[2]];
      if (typeof text !== 'string') return undefined;
      fix.edits.push({ start: e[0], end: e[1], text });
    }
    out[f[0]]!.fix = fix;
  }
  return { messages: out.filter((d) => !d.suppressions), suppressed: out.filter((d) => d.suppressions) };
}

/** Findings as a packed entry's flat list and fixes. */
function pack(messages: Diagnostic[], table: StringTable): [number[], PackedFix[]] {
  const flat: number[] = [];
  const fixes: PackedFix[] = [];
  messages.forEach((d, i) => {
    const silenced = d.suppressions?.[0];
    flat.push(
      ...[table.of(d.ruleId), d.severity === 'error' ? 2 : 1, table.of(d.message), d.line, d.column, d.endLine, d.endColumn, d.start, d.end],
      ...[table.of(d.section ?? ''), table.of(d.messageId ?? ''), d.paragraph ?? 0, d.page ?? 0, table.of(d.identity ?? ''), silenced ? 1 : 0, table.of(silenced?.justification ?? '')],
    );
    if (d.fix) fixes.push([i, d.fix.safety === 'safe' ? 1 : 2, d.fix.edits.map((e) => [e.start, e.end, table.of(e.text)] as [number, number, number])]);
  });
  return [flat, fixes];
}

class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** A cached file's findings, as get() returns them. */
export interface CachedFile {
  messages: Diagnostic[];
  suppressed: Diagnostic[];
  readAs: string;
  profile?: { id: string; title: string; reason: string };
  /** The file's text has LF line endings only (its fix ranges need no mapping to the file's own text). */
  lf: boolean;
  /** The file's text, when it was decoded to check the entry. */
  source?: SourceText;
}

/** What a cached entry must fit: the rules that may report (with their severities) and, when at hand, the file's text. */
export interface CacheCheck {
  /** The severity findings of this rule have under the file's configuration, "any" for a pseudo-rule that reports both, undefined for a rule that cannot report. */
  severityOf(ruleId: string): Severity | 'any' | undefined;
  /** The file's text, decoded from the bytes this run read (undefined when it did not read them: an unchanged stamp). */
  text(): SourceText | undefined;
}

/** A text's shape, as an entry records it: "<length in UTF-16 code units>:<lines>:<1 when it has LF line endings only, else 0>". */
export function shapeOf(source: SourceText): string {
  let lines = 1;
  for (let i = source.text.indexOf('\n'); i !== -1; i = source.text.indexOf('\n', i + 1)) lines++;
  return `${source.text.length}:${lines}:${source.text === source.original ? 1 : 0}`;
}

/**
 * Do an entry's findings fit the file they describe? Every rule one that may report, with its configured
 * severity; every line, column and offset inside the text of the entry's shape, ranges not reversed; and, when the
 * file's text is at hand, the shape its own and each line and column the one its offset is at.
 */
function checkEntry(entry: Entry, check: CacheCheck, source: SourceText | undefined): boolean {
  const m = /^(\d{1,15}):(\d{1,15}):([01])$/.exec(entry.shape);
  if (!m) return false;
  const length = Number(m[1]);
  const lines = Number(m[2]);
  if (lines < 1) return false;
  if (source && shapeOf(source) !== entry.shape) return false;
  const starts = source ? lineStartsOf(source.text) : undefined;
  const at = (offset: number, line: number, column: number): boolean =>
    !starts || (starts[line - 1] !== undefined && starts[line - 1]! + column - 1 === offset && (starts[line] === undefined || offset < starts[line]!));
  for (const d of [...entry.messages, ...entry.suppressed]) {
    const severity = check.severityOf(d.ruleId);
    if (severity === undefined || (severity !== 'any' && severity !== d.severity)) return false;
    if (d.line < 1 || d.column < 1 || d.endLine < d.line || d.endLine > lines || d.endColumn < 1 || d.column > length + 1 || d.endColumn > length + 1) return false;
    if (d.line === d.endLine && d.endColumn < d.column) return false;
    if (d.start > d.end || d.end > length) return false;
    if (!at(d.start, d.line, d.column) || !at(d.end, d.endLine, d.endColumn)) return false;
    for (const e of d.fix?.edits ?? []) if (e.start > e.end || e.end > length) return false;
  }
  return true;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The indexes into the string table in a packed finding (FIELDS). */
const STRING_FIELDS = new Set([0, 2, 9, 10, 13, 15]);

/**
 * An entry's seal: a SHA-256 over everything in it (strings looked up in the table), keyed by the configuration key,
 * so that an entry changed after it was written (a finding removed, a line moved) is seen as changed. It is not a
 * secret: whoever can write the cache file and knows the configuration can seal a forged entry (docs/threat-model.md).
 */
export function sealOf(entry: PackedEntry, strings: readonly unknown[]): string {
  const [hash, config, flat, fixes, readAs, stamp, profile, shape] = entry;
  const text = (i: unknown): unknown => (typeof i === 'number' ? strings[i] : i);
  const findings = (flat as unknown[]).map((v, i) => (STRING_FIELDS.has(i % FIELDS) ? text(v) : v));
  const edits = (fixes as unknown[]).map((f) =>
    Array.isArray(f) && Array.isArray(f[2]) ? [f[0], f[1], (f[2] as unknown[]).map((e) => (Array.isArray(e) ? [e[0], e[1], text(e[2])] : e))] : f,
  );
  return crypto
    .createHmac('sha256', config)
    .update(JSON.stringify([hash, flat.length, findings, edits, readAs, stamp, profile, shape]))
    .digest('base64url');
}

export class LintCache {
  /** Entries as read from the file (still packed), by path. */
  private readonly packed: Record<string, unknown>;
  /** Entries set or unpacked in this run. */
  private readonly fresh = new Map<string, Entry>();
  private dirty: boolean;

  private constructor(
    readonly file: string,
    private readonly cwd: string,
    private readonly version: string,
    private readonly strings: readonly unknown[],
    packed: Record<string, unknown>,
    /** True when a cache file was there but could not be used. */
    readonly discarded: boolean,
  ) {
    this.packed = packed;
    // A discarded cache is rewritten even if every file turns out to be unchanged.
    this.dirty = discarded;
  }

  /**
   * Read the cache file; a missing, unreadable or corrupt one gives an empty cache. Throws InputError (one line)
   * when the file is not one policy-lint would write over: not a regular file (a FIFO, a device), or a file with
   * something else in it (`--cache-location notes.md`). An empty file is taken as an empty cache, and a file
   * named `.policylintcache` is policy-lint's own whatever it holds (a damaged one is rewritten).
   */
  static open(file: string, cwd: string, version: string): LintCache {
    const empty = (discarded: boolean): LintCache => new LintCache(file, cwd, version, [], Object.create(null) as Record<string, unknown>, discarded);
    const rel = path.relative(cwd, file);
    const display = rel && !rel.startsWith('..') ? rel : file;
    let text: string;
    try {
      text = readRegularFile(file, 'utf8');
    } catch (error) {
      if (error instanceof NotRegularFileError) throw new InputError(`--cache-location: ${display} ${error.what}, so it cannot hold the cache`);
      return empty(false);
    }
    if (path.basename(file) !== CACHE_FILE_NAME && text.trim() !== '' && !isOurs(text)) {
      throw new InputError(`--cache-location: ${display} is not a policy-lint cache, so it was not overwritten; give a new file or a folder`);
    }
    try {
      const data = JSON.parse(text) as unknown;
      if (isObject(data) && data.policyLintCache === CACHE_FORMAT && data.version === version && isObject(data.entries) && Array.isArray(data.strings)) {
        const packed = Object.create(null) as Record<string, unknown>;
        Object.assign(packed, data.entries);
        return new LintCache(file, cwd, version, data.strings as unknown[], packed, false);
      }
    } catch {
      // corrupt: start again
    }
    return empty(true);
  }

  private keyOf(file: string): string {
    const rel = path.relative(this.cwd, file);
    return (rel && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
  }

  private entry(key: string): Entry | undefined {
    const fresh = this.fresh.get(key);
    if (fresh) return fresh;
    const found = this.packed[key];
    if (found === undefined) return undefined;
    delete this.packed[key];
    const raw: unknown[] = Array.isArray(found) ? found : [];
    const texts = raw.length === 9 && [0, 1, 4, 5, 6, 7, 8].every((i) => typeof raw[i] === 'string');
    const unpacked = texts ? unpack(raw[2], raw[3], this.strings) : undefined;
    if (!unpacked || sealOf(raw as PackedEntry, this.strings) !== raw[8]) {
      // Something in it is corrupt, or it was changed after it was written: drop the entry (the file is linted again).
      this.dirty = true;
      return undefined;
    }
    const entry: Entry = { hash: raw[0] as string, config: raw[1] as string, ...unpacked, readAs: raw[4] as string, shape: raw[7] as string };
    if (raw[5] !== '') entry.stamp = raw[5] as string;
    if (raw[6] !== '') entry.profile = raw[6] as string;
    this.fresh.set(key, entry);
    return entry;
  }

  /** The hash recorded for this file, when its stamp on disk is the one recorded with it (it has not changed since). */
  hashOf(file: string, stamp: string | undefined): string | undefined {
    if (stamp === undefined) return undefined;
    const entry = this.entry(this.keyOf(file));
    return entry?.stamp === stamp ? entry.hash : undefined;
  }

  /**
   * The findings recorded for this file with this content and configuration,
   * if any, and if they fit the file (checkEntry): an entry that does not is
   * dropped, and the file is linted again. `stamp` is the file's stamp as it
   * was before it was hashed: recorded, so that the next run need not hash it.
   */
  get(file: string, hash: string, config: string, check: CacheCheck, stamp?: string): CachedFile | undefined {
    const key = this.keyOf(file);
    const entry = this.entry(key);
    if (!entry || entry.hash !== hash || entry.config !== config) return undefined;
    const source = entry.readAs === 'docx' || entry.readAs === 'pdf' ? undefined : check.text();
    if (!checkEntry(entry, check, source)) {
      this.fresh.delete(key);
      this.dirty = true;
      return undefined;
    }
    if (entry.stamp !== stamp) {
      if (stamp === undefined) delete entry.stamp;
      else entry.stamp = stamp;
      this.dirty = true;
    }
    const [id = '', title = '', reason = ''] = entry.profile?.split('\u0000') ?? [];
    return {
      messages: entry.messages,
      suppressed: entry.suppressed,
      readAs: entry.readAs,
      ...(entry.profile !== undefined ? { profile: { id, title, reason } } : {}),
      lf: entry.shape.endsWith(':1'),
      ...(source ? { source } : {}),
    };
  }

  /** Record a file's findings; `stamp` only when it was taken before the bytes that `hash` is of were read. */
  set(
    file: string,
    hash: string,
    config: string,
    found: { messages: Diagnostic[]; suppressed: Diagnostic[]; shape: string },
    stamp?: string,
    readAs = 'utf-8',
    profile?: { id: string; title: string; reason: string },
  ): void {
    const key = this.keyOf(file);
    delete this.packed[key];
    const entry: Entry = { hash, config, messages: found.messages, suppressed: found.suppressed, shape: found.shape, readAs };
    if (stamp !== undefined) entry.stamp = stamp;
    if (profile) entry.profile = `${profile.id}\u0000${profile.title}\u0000${profile.reason}`;
    this.fresh.set(key, entry);
    this.dirty = true;
  }

  /** Write the cache if anything changed. Returns a one-line reason when it could not be written. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    const table = new StringTable();
    const entries = Object.create(null) as Record<string, PackedEntry>;
    // Entries of files not linted in this run are kept (re-packed against the new string table).
    for (const key of Object.keys(this.packed)) this.entry(key);
    for (const [key, e] of this.fresh) {
      const [flat, fixes] = pack([...e.messages, ...e.suppressed], table);
      const packed: PackedEntry = [e.hash, e.config, flat, fixes, e.readAs, e.stamp ?? '', e.profile ?? '', e.shape, ''];
      packed[8] = sealOf(packed, table.list);
      entries[key] = packed;
    }
    const data: CacheFile = { policyLintCache: CACHE_FORMAT, version: this.version, strings: table.list, entries };
    try {
      writeFileAtomic(this.file, JSON.stringify(data), { display: path.relative(this.cwd, this.file) || this.file, mkdir: true });
      this.dirty = false;
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}

/** The SHA-256 of a file's bytes, as the cache records it. */
export function contentHash(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('base64url');
}

let chunk: Buffer | undefined;

/** contentHash() of a file, read in chunks (nothing of it is kept). Throws what reading the file throws. */
export function hashFile(file: string): string {
  const fd = openRegularFile(file);
  try {
    const hash = crypto.createHash('sha256');
    chunk ??= Buffer.allocUnsafe(1 << 16);
    for (let n = fs.readSync(fd, chunk, 0, chunk.length, null); n > 0; n = fs.readSync(fd, chunk, 0, chunk.length, null)) hash.update(chunk.subarray(0, n));
    return hash.digest('base64url');
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * What identifies this build of policy-lint: its version and when its code was
 * built (so that a rebuilt checkout does not reuse findings of older code).
 */
export function buildId(version: string): string {
  let built = '';
  try {
    built = String(Math.round(fs.statSync(new URL(import.meta.url)).mtimeMs));
  } catch {
    // no file to stat (bundled): the version alone
  }
  return `${version}+${built}`;
}

/** JSON with sorted keys, regular expressions and dates written out (for hashing). */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
    if (typeof v === 'function') return undefined;
    if (isObject(v) && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = v[k];
      return out;
    }
    return v;
  });
}

const packHashes = new Map<string, string>();

function packHash(file: string): string {
  let hash = packHashes.get(file);
  if (hash === undefined) {
    try {
      hash = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('base64url');
    } catch {
      hash = 'unreadable';
    }
    packHashes.set(file, hash);
  }
  return hash;
}

/**
 * What a configuration contributes to the cache key: every enabled rule with
 * its severity and options, the settings (as-of date, merged guidance
 * registry with its version, directive checks) and each rule pack's content.
 */
export function configKey(config: ResolvedConfig, build: string): string {
  const rules = Object.entries(config.rules)
    .filter(([, s]) => s.severity !== 'off')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const material = stableJson({
    build,
    guidanceVersion: config.settings.guidance.version,
    data: dataVersion(),
    rules,
    asOf: config.settings.asOf.toISOString(),
    guidance: config.settings.guidance,
    directives: config.settings.directives ?? null,
    packs: (config.packs ?? []).map((p) => ({ name: p.name, hash: packHash(p.file), rules: p.rules.map((r) => r.meta.id) })),
    // The model policy a run compares with (--model, settings.model): its path and content.
    model: config.settings.model ? { file: config.settings.model.file, hash: packHash(config.settings.model.file) } : null,
    registry: (config.registry ?? []).map((r) => r.meta.id),
    // The profile forced (or none: detected from each file's content, which the hash covers) and the profiles known.
    profile: config.profiles?.forced?.id ?? null,
    profiles: (config.profiles?.available ?? []).map((p) => p.id),
  });
  return crypto.createHash('sha256').update(material).digest('base64url');
}

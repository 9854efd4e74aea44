/**
 * --cache: remember each file's findings, so that a re-run over files that
 * have not changed does not parse them again.
 *
 * An entry is used only when everything its findings depend on is the same:
 * the file's content (SHA-256 of its bytes), policy-lint's version (and build),
 * the guidance registry's version, and the configuration resolved for the
 * file (rule severities and options, the as-of date, the merged guidance
 * registry, the contents of every rule pack). The cache is one JSON file,
 * `node_modules/.cache/policy-lint/cache.json` below the current folder
 * unless --cache-location says otherwise; entries are keyed by the file's
 * path relative to the current folder, so that a cache restored in another
 * checkout (CI) still applies.
 *
 * A cache that cannot be read, is not valid JSON or has the wrong shape is
 * ignored (and replaced when the run writes its own); a cache that cannot be
 * written is reported as a warning, never as a failure of the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Diagnostic } from './types.js';
import type { ResolvedConfig } from './config/resolve.js';
import { writeFileAtomic } from './write.js';

/** The shape of the cache file; bump when it changes. */
export const CACHE_FORMAT = 2;
export const DEFAULT_CACHE_LOCATION = path.join('node_modules', '.cache', 'policy-lint');
const CACHE_FILE_NAME = 'cache.json';

/**
 * One finding, compactly: [rule, severity (1 warning, 2 error), message, line,
 * column, endLine, endColumn, start, end, fix?], where rule and message are
 * indexes into the file's string table and a fix is [safety (1 safe, 2
 * suggestion), [[start, end, text], ...]] with the text indexed likewise.
 * (Reading 40,000 findings written out as objects took longer than linting a
 * few files; as arrays with shared strings they read several times faster.)
 */
type PackedFix = [number, [number, number, number][]];
type PackedDiagnostic = [number, number, number, number, number, number, number, number, number, PackedFix?];

/** A file's entry: [SHA-256 of its bytes, configKey() of its configuration, its findings]. */
type PackedEntry = [string, string, PackedDiagnostic[]];

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
}

/**
 * Where the cache lives: --cache-location PATH names the file, or a folder to
 * put cache.json in (an existing folder, or a path ending with a slash).
 */
export function cacheFile(cwd: string, location?: string): string {
  const given = location ?? DEFAULT_CACHE_LOCATION + path.sep;
  const abs = path.resolve(cwd, given);
  if (/[\\/]$/.test(given)) return path.join(abs, CACHE_FILE_NAME);
  try {
    if (fs.statSync(abs).isDirectory()) return path.join(abs, CACHE_FILE_NAME);
  } catch {
    // not there yet: a file
  }
  return abs;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A packed finding back as the engine made it; undefined when anything in it is not as written (a corrupt cache). */
function unpack(p: unknown, strings: readonly unknown[]): Diagnostic | undefined {
  if (!Array.isArray(p) || p.length < 9 || p.length > 10) return undefined;
  const [r, sev, msg, line, column, endLine, endColumn, start, end, fix] = p as unknown[];
  const ruleId = isCount(r) ? strings[r] : undefined;
  const message = isCount(msg) ? strings[msg] : undefined;
  if (typeof ruleId !== 'string' || typeof message !== 'string' || (sev !== 1 && sev !== 2)) return undefined;
  if (!isCount(line) || !isCount(column) || !isCount(endLine) || !isCount(endColumn) || !isCount(start) || !isCount(end)) return undefined;
  const d: Diagnostic = { ruleId, severity: sev === 2 ? 'error' : 'warning', message, line, column, endLine, endColumn, start, end };
  if (fix === undefined) return d;
  if (!Array.isArray(fix) || fix.length !== 2 || (fix[0] !== 1 && fix[0] !== 2) || !Array.isArray(fix[1])) return undefined;
  const edits: Diagnostic['fix'] = { safety: fix[0] === 1 ? 'safe' : 'suggestion', edits: [] };
  for (const e of fix[1] as unknown[]) {
    if (!Array.isArray(e) || e.length !== 3 || !isCount(e[0]) || !isCount(e[1]) || !isCount(e[2])) return undefined;
    const text = strings[e[2]];
    if (typeof text !== 'string') return undefined;
    edits.edits.push({ start: e[0], end: e[1], text });
  }
  d.fix = edits;
  return d;
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

function pack(d: Diagnostic, table: StringTable): PackedDiagnostic {
  const out: PackedDiagnostic = [table.of(d.ruleId), d.severity === 'error' ? 2 : 1, table.of(d.message), d.line, d.column, d.endLine, d.endColumn, d.start, d.end];
  if (d.fix) out.push([d.fix.safety === 'safe' ? 1 : 2, d.fix.edits.map((e) => [e.start, e.end, table.of(e.text)] as [number, number, number])]);
  return out;
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

  /** Read the cache file; a missing, unreadable or corrupt one gives an empty cache. */
  static open(file: string, cwd: string, version: string): LintCache {
    const empty = (discarded: boolean): LintCache => new LintCache(file, cwd, version, [], Object.create(null) as Record<string, unknown>, discarded);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return empty(false);
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
    const raw = this.packed[key];
    if (raw === undefined) return undefined;
    delete this.packed[key];
    if (!Array.isArray(raw) || raw.length !== 3 || typeof raw[0] !== 'string' || typeof raw[1] !== 'string' || !Array.isArray(raw[2])) {
      this.dirty = true;
      return undefined;
    }
    const messages: Diagnostic[] = [];
    for (const p of raw[2] as unknown[]) {
      const d = unpack(p, this.strings);
      if (!d) {
        // Something in it is corrupt: drop the entry (the file is linted again and the entry rewritten).
        this.dirty = true;
        return undefined;
      }
      messages.push(d);
    }
    const entry: Entry = { hash: raw[0], config: raw[1], messages };
    this.fresh.set(key, entry);
    return entry;
  }

  /** The findings recorded for this file with this content and configuration, if any (and intact). */
  get(file: string, hash: string, config: string): Diagnostic[] | undefined {
    const entry = this.entry(this.keyOf(file));
    if (!entry || entry.hash !== hash || entry.config !== config) return undefined;
    return entry.messages;
  }

  set(file: string, hash: string, config: string, messages: Diagnostic[]): void {
    const key = this.keyOf(file);
    delete this.packed[key];
    this.fresh.set(key, { hash, config, messages });
    this.dirty = true;
  }

  /** Write the cache if anything changed. Returns a one-line reason when it could not be written. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    const table = new StringTable();
    const entries = Object.create(null) as Record<string, PackedEntry>;
    // Entries of files not linted in this run are kept (re-packed against the new string table).
    for (const key of Object.keys(this.packed)) this.entry(key);
    for (const [key, e] of this.fresh) entries[key] = [e.hash, e.config, e.messages.map((d) => pack(d, table))];
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
  const fd = fs.openSync(file, 'r');
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
    rules,
    asOf: config.settings.asOf.toISOString(),
    guidance: config.settings.guidance,
    directives: config.settings.directives ?? null,
    packs: (config.packs ?? []).map((p) => ({ name: p.name, hash: packHash(p.file), rules: p.rules.map((r) => r.meta.id) })),
    registry: (config.registry ?? []).map((r) => r.meta.id),
  });
  return crypto.createHash('sha256').update(material).digest('base64url');
}

/**
 * The facts that change from year to year, read from YAML files in `data/`
 * (guidance.yaml, vocabulary.yaml, roles.yaml, terminology.yaml,
 * placeholders.yaml), so that someone who can edit YAML but not TypeScript
 * can add next year's KCSIE (docs/domain.md says how).
 *
 * Each file is validated against its schema (src/domain/data-schema.ts) with
 * errors that name `file:line:column`. `npm run build` writes the validated
 * value of each file beside the compiled code (dist/data/NAME.yaml.json),
 * stamped with the SHA-256 of the YAML's text, so that a normal run does not
 * load the YAML parser; a YAML file edited since the build no longer matches
 * its stamp and is read and validated afresh.
 *
 * The folder is `data/` in the package, or the one the environment variable
 * POLICY_LINT_DATA names (a copy to try facts on, and what the tests use).
 *
 * A file that cannot be read or is invalid does not stop the modules that
 * read it from loading: its problem is kept and thrown as a ConfigError by
 * `checkData()`, which resolving a configuration calls, so that the command
 * line reports it as one line with exit code 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { packageRoot } from '../package-root.js';
import { ConfigError } from '../config/errors.js';
import { readStructured } from '../config/structured.js';
import { DATA_SCHEMAS, patternsIn, validate, type DataName } from './data-schema.js';

export const DATA_NAMES = Object.keys(DATA_SCHEMAS) as DataName[];

/** The folder the facts are read from. */
export function dataDir(): string {
  const env = process.env['POLICY_LINT_DATA'];
  return env && env.trim() !== '' ? path.resolve(env) : path.join(packageRoot(), 'data');
}

/** Where a data file lives. */
export function dataPath(name: DataName): string {
  return path.join(dataDir(), `${name}.yaml`);
}

/** Where `npm run build` writes a data file's validated value (always for the package's own data/). */
export function dataSnapshotPath(name: DataName): string {
  return path.join(packageRoot(), 'dist', 'data', `${name}.yaml.json`);
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The patterns of the package's own data file (from its build snapshot): a copy of data/ (POLICY_LINT_DATA, a
 * Virtual School's next KCSIE) that repeats them needs no ReDoS check for them, only for what it adds.
 */
function ownPatterns(name: DataName): ReadonlySet<string> {
  try {
    const data = JSON.parse(fs.readFileSync(dataSnapshotPath(name), 'utf8')) as { value?: unknown };
    return patternsIn(data.value, DATA_SCHEMAS[name]);
  } catch {
    return new Set(); // no snapshot (running from the sources): check every pattern
  }
}

/** Validate the text of a data file (throws ConfigError naming file:line:column). */
export function parseData(name: DataName, file: string, text: string): unknown {
  // The package's own data/ is trusted: its patterns are checked for slow matching by a test, not on each run.
  const own = path.resolve(file) === path.join(packageRoot(), 'data', `${name}.yaml`);
  return validate(readStructured(file, text, 'yaml'), DATA_SCHEMAS[name], name, own || ownPatterns(name));
}

/** The snapshot of a data file: its validated value, stamped with the SHA-256 of its text. */
export function dataSnapshot(name: DataName, file: string, text: string): string {
  return `${JSON.stringify({ sha256: sha256(text), value: parseData(name, file, text) })}\n`;
}

interface Loaded {
  value: unknown;
  /** SHA-256 of the validated value (not of the text: a comment changes nothing). */
  hash: string;
  error?: ConfigError;
}

const loaded = new Map<DataName, Loaded>();

function readSnapshot(name: DataName, text: string): unknown {
  try {
    const data = JSON.parse(fs.readFileSync(dataSnapshotPath(name), 'utf8')) as { sha256?: unknown; value?: unknown };
    if (data.sha256 === sha256(text) && typeof data.value === 'object' && data.value !== null) return data.value;
  } catch {
    // No snapshot (running from the sources) or an unreadable one: read the YAML.
  }
  return undefined;
}

/**
 * A data file's validated value. `fallback` stands in when the file is
 * missing or invalid (the problem is kept for checkData), so that modules
 * load and the command line can report it.
 */
export function loadData<T>(name: DataName, fallback: T): T {
  let entry = loaded.get(name);
  if (!entry) {
    const file = dataPath(name);
    try {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ConfigError(file, { line: 1, column: 1 }, code === 'ENOENT' ? 'data file not found' : `data file cannot be read (${code ?? String(error)})`);
      }
      const value = readSnapshot(name, text) ?? parseData(name, file, text);
      entry = { value, hash: sha256(JSON.stringify(value)) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      entry = { value: fallback, hash: 'invalid', error };
    }
    loaded.set(name, entry);
  }
  return entry.value as T;
}

/** Throw the first problem of the data files read so far (and of those not yet read). */
export function checkData(): void {
  for (const name of DATA_NAMES) {
    if (!loaded.has(name)) loadData(name, {});
    const error = loaded.get(name)?.error;
    if (error) throw error;
  }
}

/** SHA-256 of the validated value of a data file that has been read. */
export function dataHash(name: DataName): string {
  return loaded.get(name)?.hash ?? 'unread';
}

/** One hash over every data file's content: part of the cache key, so that a changed fact invalidates cached findings. */
export function dataVersion(): string {
  for (const name of DATA_NAMES) if (!loaded.has(name)) loadData(name, {});
  return sha256(DATA_NAMES.map((n) => `${n}:${dataHash(n)}`).join('\n')).slice(0, 16);
}

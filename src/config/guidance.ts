/**
 * `settings.guidance`: a user's additions and corrections to the guidance
 * registry (data/guidance.yaml, src/domain/guidance.ts), deep-merged over it,
 * with the same field types as the registry's schema (src/domain/data-schema.ts).
 *
 * - mappings merge key by key (`series.kcsie.title` changes only the title);
 * - lists of entries merge by their key: editions by `edition`, programmes
 *   and renames by `id`; an entry with a new key is appended, an entry with an
 *   existing key changes only the fields it gives;
 * - other lists (aliases, patterns) and single values replace.
 *
 * Example: a newer KCSIE edition, before policy-lint ships it:
 *
 *     settings:
 *       guidance:
 *         series:
 *           kcsie:
 *             editions:
 *               - { edition: "2026", certainty: confirmed, inForce: 2026-09-01 }
 *
 * (the 2026 edition is in the registry as expected; giving `certainty:
 * confirmed` and its `inForce` date confirms it, and citations of 2025 become
 * errors once it is in force).
 *
 * Every value is checked against the type of what it replaces (or, for a new
 * entry, what its siblings hold); dates must be YYYY-MM-DD and regular
 * expressions must compile and be safe (src/packs/safe-regex.ts).
 */
import type { Guidance } from '../domain/guidance.js';
import { compileUserRegex } from '../packs/safe-regex.js';
import { didYouMean } from './errors.js';
import { fail, failAt } from './check.js';
import { describeNode, type PMap, type PNode } from './structured.js';
import { dateProblem, notARealDate, parseIsoDate } from './schema.js';

/** Fields that hold dates (YYYY-MM-DD). */
const DATE_FIELDS = new Set(['inForce', 'published', 'ended', 'since', 'kinshipCareFrom', 'fullTimeHoursFrom', 'expected', 'checked']);
/** Fields that take one of a few words. */
const ENUM_FIELDS: Record<string, readonly string[]> = { certainty: ['confirmed', 'expected'], fix: ['safe', 'suggestion'], kind: ['name', 'contact'] };
/** Fields that hold regular expressions (one or a list). */
const REGEX_FIELDS = new Set(['pattern', 'patterns', 'markers']);
/** Optional fields of registry entries, with their types, allowed even when no sibling has them. */
const OPTIONAL_FIELDS: Record<string, 'string' | 'boolean' | 'string[]'> = {
  source: 'string',
  published: 'string',
  inForce: 'string',
  expected: 'string',
  certainty: 'string',
  checked: 'string',
  confirmedBy: 'string',
  markers: 'string[]',
  caseSensitive: 'boolean',
  fix: 'string',
  kind: 'string',
  near: 'string',
};
/** The key that identifies an entry of a list. */
const LIST_KEYS: Record<string, string> = { editions: 'edition', programmes: 'id', renames: 'id', statements: 'id' };

/** Sample entries of each keyed list (all editions of all series...), for checking new entries of an empty list. */
let templates: Record<string, Record<string, unknown>[]> = {};

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'list';
  if (value === null || value === undefined) return 'nothing';
  return typeof value;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function checkScalar(node: PNode, path: string, field: string, expected: string): Json {
  if (expected === 'string[]') {
    if (node.kind !== 'seq' || node.items.some((i) => i.kind !== 'scalar' || typeof i.value !== 'string')) {
      fail(node, `${path}: expected a list of texts, got ${describeNode(node)}`);
    }
    const values = node.items.map((i) => (i as { value: string }).value);
    if (REGEX_FIELDS.has(field)) node.items.forEach((item, i) => checkRegex(item, `${path}[${i}]`, (item as { value: string }).value));
    return values;
  }
  if (node.kind !== 'scalar') fail(node, `${path}: expected ${expected === 'number' ? 'a number' : expected === 'boolean' ? 'true or false' : 'a text'}, got ${describeNode(node)}`);
  const v = node.value;
  if (expected === 'string') {
    // An edition such as 2026 may be written unquoted.
    if (field === 'edition' && typeof v === 'number' && Number.isInteger(v)) return String(v);
    if (typeof v !== 'string') fail(node, `${path}: expected a text, got ${describeNode(node)}`);
    if (DATE_FIELDS.has(field) && !parseIsoDate(v)) fail(node, notARealDate(v) !== undefined ? `${path}: ${dateProblem(v)}` : `${path}: expected a date in the form YYYY-MM-DD, got "${v}"`);
    const words = Object.hasOwn(ENUM_FIELDS, field) ? ENUM_FIELDS[field]! : undefined;
    if (words && !words.includes(v)) fail(node, `${path}: expected one of ${words.map((w) => `"${w}"`).join(', ')}, got "${v}"`);
    if (REGEX_FIELDS.has(field)) checkRegex(node, path, v);
    return v;
  }
  if (expected === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(node, `${path}: expected a number, got ${describeNode(node)}`);
    if (field === 'year' && (!Number.isInteger(v) || v < 1900 || v > 2200)) fail(node, `${path}: expected a year between 1900 and 2200, got ${v}`);
    if (field !== 'year' && (v < 0 || v > 1_000_000)) fail(node, `${path}: expected a number between 0 and 1000000, got ${v}`);
    return v;
  }
  if (typeof v !== 'boolean') fail(node, `${path}: expected true or false, got ${describeNode(node)}`);
  return v;
}

function checkRegex(node: PNode, path: string, source: string): void {
  const result = compileUserRegex(source, 'iu');
  if ('error' in result) fail(node, `${path}: the regular expression "${source}" ${result.error}`);
}

/** Merge one registry entry (a mapping) over `base` (an existing entry, or a template made of its siblings). */
function mergeEntry(base: Record<string, unknown>, node: PMap, path: string, siblings: Record<string, unknown>[], isNew: boolean, optional: string[] = []): Record<string, unknown> {
  const known = new Map<string, string>();
  for (const s of [base, ...siblings]) for (const [k, v] of Object.entries(s)) if (!known.has(k)) known.set(k, kindOf(v));
  for (const [k, t] of Object.entries(OPTIONAL_FIELDS)) if (!known.has(k)) known.set(k, t);
  const out = clone(base);
  for (const e of node.entries) {
    const type = known.get(e.key);
    if (!type) failAt(node.file, e.keyPos, `${path}: unknown field "${e.key}"${didYouMean(e.key, known.keys())} (fields: ${[...known.keys()].join(', ')})`);
    const fieldPath = `${path}.${e.key}`;
    if (type === 'object') {
      if (e.value.kind !== 'map') fail(e.value, `${fieldPath}: expected a mapping, got ${describeNode(e.value)}`);
      setKey(out, e.key, mergeObject((out[e.key] ?? {}) as Record<string, unknown>, e.value, fieldPath));
    } else if (type === 'list') {
      setKey(out, e.key, mergeList((out[e.key] ?? []) as Record<string, unknown>[], e.value, fieldPath, e.key));
    } else {
      setKey(out, e.key, checkScalar(e.value, fieldPath, e.key, type));
    }
  }
  if (isNew) {
    // A new entry needs every field its siblings all have.
    const required = siblings.length ? Object.keys(siblings[0]!).filter((k) => !(k in OPTIONAL_FIELDS) && !optional.includes(k) && siblings.every((s) => k in s)) : [];
    const missing = required.filter((k) => !(k in out));
    if (missing.length) fail(node, `${path}: a new entry needs ${missing.map((m) => `"${m}"`).join(', ')}`);
  }
  return out;
}

function mergeList(base: Record<string, unknown>[], node: PNode, path: string, field: string): Record<string, unknown>[] {
  const key = Object.hasOwn(LIST_KEYS, field) ? LIST_KEYS[field] : undefined;
  if (!key) fail(node, `${path}: this list cannot be changed in configuration`);
  if (node.kind !== 'seq') fail(node, `${path}: expected a list of entries, got ${describeNode(node)}`);
  const out = base.map((b) => clone(b));
  node.items.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (item.kind !== 'map') fail(item, `${itemPath}: expected a mapping (key: value), got ${describeNode(item)}`);
    const keyEntry = item.entries.find((e) => e.key === key);
    if (!keyEntry) fail(item, `${itemPath}: missing "${key}", which says which entry this is`);
    const id = checkScalar(keyEntry.value, `${itemPath}.${key}`, key, 'string') as string;
    const at = out.findIndex((b) => String(b[key]) === id);
    const entryPath = `${path}[${key}=${id}]`;
    if (at >= 0) out[at] = mergeEntry(out[at]!, item, entryPath, out, false);
    // A new entry the user writes is a fact the user confirms, unless it says it is only expected.
    else out.push(mergeEntry({ [key]: id, ...(field === 'editions' ? { certainty: 'confirmed' } : {}) }, item, entryPath, base.length ? base : (templates[field] ?? []), true));
    if (field === 'editions') checkEdition(out[at >= 0 ? at : out.length - 1]!, item, entryPath);
  });
  return out;
}

/**
 * An edition after merging: a confirmed one needs its in-force date; an
 * expected one gives its date as `expected`. Writing `certainty: confirmed`
 * with an `inForce` date over an expected edition is how a user confirms it.
 */
function checkEdition(edition: Record<string, unknown>, node: PMap, path: string): void {
  if (edition['certainty'] === 'expected') {
    if (node.entries.some((e) => e.key === 'inForce'))
      fail(node, `${path}: an expected edition gives its date as "expected"; write certainty: confirmed with its inForce date to confirm it`);
    return;
  }
  if (typeof edition['inForce'] !== 'string') fail(node, `${path}: a confirmed edition needs "inForce" (YYYY-MM-DD), the date it applies from`);
  delete edition['expected'];
}

function mergeObject(base: Record<string, unknown>, node: PMap, path: string): Record<string, unknown> {
  return mergeEntry(base, node, path, [], false);
}

function mergeSeries(base: Guidance['series'], node: PNode, path: string): Guidance['series'] {
  if (node.kind !== 'map') fail(node, `${path}: expected a mapping of series ids (e.g. kcsie:), got ${describeNode(node)}`);
  const out = clone(base) as unknown as Record<string, Record<string, unknown>>;
  const template = Object.values(base) as unknown as Record<string, unknown>[];
  for (const e of node.entries) {
    const seriesPath = `${path}.${e.key}`;
    if (e.value.kind !== 'map') fail(e.value, `${seriesPath}: expected a mapping (title, aliases, editions), got ${describeNode(e.value)}`);
    const existing = Object.hasOwn(out, e.key) ? out[e.key] : undefined;
    if (existing) {
      out[e.key] = mergeEntry(existing, e.value, seriesPath, template, false);
    } else {
      const merged = mergeEntry({ id: e.key }, e.value, seriesPath, template, true, ['aliases']);
      if (!Array.isArray(merged.aliases)) merged.aliases = [merged.title];
      out[e.key] = merged;
    }
    if (out[e.key]!.id !== e.key) fail(e.value, `${seriesPath}.id: must be "${e.key}", the key it is written under`);
  }
  return out as unknown as Guidance['series'];
}

/** A new registry: `base` with the overrides of `node` (settings.guidance) merged in. */
export function mergeGuidance(base: Guidance, node: PMap): Guidance {
  const path = 'settings.guidance';
  templates = {
    editions: Object.values(base.series).flatMap((s) => s.editions) as unknown as Record<string, unknown>[],
    programmes: base.programmes as unknown as Record<string, unknown>[],
    renames: base.renames as unknown as Record<string, unknown>[],
  };
  const out = clone(base) as unknown as Record<string, unknown>;
  const known = Object.keys(base);
  let versionSet = false;
  for (const e of node.entries) {
    const fieldPath = `${path}.${e.key}`;
    if (!known.includes(e.key)) failAt(node.file, e.keyPos, `${path}: unknown field "${e.key}"${didYouMean(e.key, known)} (fields: ${known.join(', ')})`);
    const current = (base as unknown as Record<string, unknown>)[e.key];
    if (e.key === 'series') setKey(out, 'series', mergeSeries(out.series as Guidance['series'], e.value, fieldPath));
    else if (Array.isArray(current) && current.some((c) => typeof c === 'object')) setKey(out, e.key, mergeList(out[e.key] as Record<string, unknown>[], e.value, fieldPath, e.key));
    else if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      if (e.value.kind !== 'map') fail(e.value, `${fieldPath}: expected a mapping, got ${describeNode(e.value)}`);
      setKey(out, e.key, mergeObject(out[e.key] as Record<string, unknown>, e.value, fieldPath));
    } else setKey(out, e.key, checkScalar(e.value, fieldPath, e.key, kindOf(current)));
    if (e.key === 'version') versionSet = true;
  }
  if (!versionSet && node.entries.length) out.version = `${base.version}+config`;
  return out as unknown as Guidance;
}

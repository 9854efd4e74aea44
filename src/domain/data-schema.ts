/**
 * The schemas of the data files in `data/` (src/domain/data.ts), as JSON
 * Schemas checked with ajv (as rule options are, src/config/options.ts), and
 * one validator that turns a positioned YAML tree into a plain value or throws
 * a ConfigError naming the file, line and column of the first problem and
 * what was expected.
 *
 * What JSON Schema cannot say is a small check after it (`postCheck`): that a
 * regular expression compiles and is safe (src/packs/safe-regex.ts), that a
 * date is a real day (2026-02-30 is not), that a fact's certainty and its
 * other fields agree (a confirmed fact needs `checked` and `source`, an
 * expected edition gives `expected`, not `inForce`), and an edition written as
 * a number (`edition: 2026`) read as its digits.
 *
 * The same field types serve `settings.guidance` in configuration
 * (src/config/guidance.ts), so that an override is checked exactly as the
 * registry's own file is.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import { compileUserRegex } from '../packs/safe-regex.js';
import { didYouMean } from '../config/errors.js';
import { fail, failAt } from '../config/check.js';
import { describeNode, toValue, type PNode } from '../config/structured.js';
import { parseIsoDate } from '../config/schema.js';
import { label, nodeAt, plain, segments } from '../config/options.js';

/**
 * A JSON Schema of a data file, with three keywords of our own, each checked after it (postCheck): `regex`
 * (a safe regular expression), `digits` (a whole number is read as its digits), `certainty` (the fields a
 * fact of that certainty needs: "edition" or "statement").
 */
export interface DataSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | ('string' | 'integer')[];
  format?: 'date';
  pattern?: string;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: DataSchema;
  properties?: Record<string, DataSchema>;
  required?: string[];
  additionalProperties?: false | DataSchema;
  propertyNames?: { pattern: string };
  /** What the keys of a mapping of entries are (e.g. "series id (e.g. kcsie)"), for messages. */
  description?: string;
  regex?: true;
  digits?: true;
  certainty?: 'edition' | 'statement';
}

/** Not blank. */
const NOT_BLANK = '\\S';
const text: DataSchema = { type: 'string', pattern: NOT_BLANK };
const date: DataSchema = { type: 'string', format: 'date' };
const url: DataSchema = { type: 'string', pattern: '^https?://\\S+$' };
const regex: DataSchema = { type: 'string', pattern: NOT_BLANK, regex: true };
const texts: DataSchema = { type: 'array', items: text, minItems: 1 };
const regexes: DataSchema = { type: 'array', items: regex, minItems: 1 };

/** An object with these fields (those named in `required` must be given) and no others. */
function object(properties: Record<string, DataSchema>, required: string[], extra: Partial<DataSchema> = {}): DataSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...extra };
}

export const CERTAINTIES = ['confirmed', 'expected'] as const;
const certainty: DataSchema = { type: 'string', enum: CERTAINTIES };

/**
 * A fact's certainty: `confirmed` needs the day it was checked and its
 * source; `expected` (announced or consulted on, not confirmed) needs the
 * source of the expectation, and an edition gives its expected date, if any,
 * as `expected` rather than `inForce`.
 */
function checkCertainty(value: Record<string, unknown>, node: PNode, path: string, dated: boolean): void {
  if (value['certainty'] === 'expected') {
    if (dated && value['inForce'] !== undefined) fail(node, `${path}: an expected edition gives its date as "expected", not "inForce" (write certainty: confirmed once it is confirmed)`);
    if (value['source'] === undefined) fail(node, `${path}: an expected fact needs "source", where the expectation comes from`);
  } else {
    const need = [...(dated ? ['inForce'] : []), 'checked', 'source'].filter((k) => value[k] === undefined);
    if (need.length) fail(node, `${path}: a confirmed fact needs ${need.map((k) => `"${k}"`).join(', ')}`);
    if (dated && value['expected'] !== undefined) fail(node, `${path}: "expected" is only for an expected edition (certainty: expected)`);
  }
}

export const EDITION_SCHEMA: DataSchema = object(
  {
    edition: { type: ['string', 'integer'], pattern: NOT_BLANK, digits: true },
    year: { type: 'integer', minimum: 1900, maximum: 2200 },
    published: date,
    inForce: date,
    expected: date,
    certainty,
    checked: date,
    source: url,
    confirmedBy: url,
    markers: regexes,
  },
  ['edition', 'year', 'certainty'],
  { certainty: 'edition' },
);

export const SERIES_SCHEMA: DataSchema = object({ id: text, title: text, aliases: texts, editions: { type: 'array', items: EDITION_SCHEMA } }, ['title', 'editions']);

export const PROGRAMME_SCHEMA: DataSchema = object({ id: text, name: text, patterns: regexes, ended: date, note: text, source: url }, ['id', 'name', 'patterns', 'ended', 'note']);

export const RENAME_SCHEMA: DataSchema = object(
  {
    id: text,
    pattern: regex,
    caseSensitive: { type: 'boolean' },
    replacement: text,
    since: date,
    /** safe (a mechanical rename, the default) or suggestion (a change a person must decide on, such as a contact address). */
    fix: { type: 'string', enum: ['safe', 'suggestion'] },
    /** name (the default) or contact: an address to write to. */
    kind: { type: 'string', enum: ['name', 'contact'] },
    note: text,
    checked: date,
    source: url,
  },
  ['id', 'pattern', 'replacement', 'since', 'note'],
);

export const STATEMENT_SCHEMA: DataSchema = object(
  {
    id: text,
    patterns: regexes,
    /** The statement counts only in a sentence that also matches this (what the statement is about). */
    near: regex,
    certainty,
    note: text,
    checked: date,
    source: url,
  },
  ['id', 'patterns', 'certainty', 'note', 'source'],
  { certainty: 'statement' },
);

export const GUIDANCE_SCHEMA: DataSchema = object(
  {
    version: text,
    checked: date,
    series: { type: 'object', additionalProperties: SERIES_SCHEMA, propertyNames: { pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$' }, description: 'series id (e.g. kcsie)' },
    fullTimeHours: { type: 'number', minimum: 1, maximum: 100 },
    fullTimeHoursSource: url,
    fullTimeHoursFrom: date,
    kinshipCareFrom: date,
    kinshipCareSource: url,
    programmes: { type: 'array', items: PROGRAMME_SCHEMA },
    renames: { type: 'array', items: RENAME_SCHEMA },
    statements: { type: 'array', items: STATEMENT_SCHEMA },
  },
  ['checked', 'series', 'fullTimeHours', 'fullTimeHoursSource', 'kinshipCareFrom', 'kinshipCareSource', 'programmes', 'renames'],
);

const VOCABULARY_SCHEMA: DataSchema = object(
  {
    sections: {
      type: 'array',
      minItems: 1,
      items: object({ id: text, title: text, role: { type: 'string', enum: ['top', 'sub'] }, aliases: texts }, ['id', 'title', 'role', 'aliases']),
    },
  },
  ['sections'],
);

const ROLES_SCHEMA: DataSchema = object(
  { roles: { type: 'array', minItems: 1, items: object({ id: text, name: text, label: text, pattern: regex, abbreviations: texts }, ['id', 'name', 'label', 'pattern']) } },
  ['roles'],
);

const TERMINOLOGY_SCHEMA: DataSchema = object({ groups: { type: 'array', items: object({ terms: { type: 'array', items: text, minItems: 2 }, meaning: text }, ['terms']) } }, ['groups']);

const PLACEHOLDERS_SCHEMA: DataSchema = object({ patterns: { type: 'array', items: regex }, sourcePatterns: { type: 'array', items: regex } }, ['patterns', 'sourcePatterns']);

export const DATA_SCHEMAS = {
  guidance: GUIDANCE_SCHEMA,
  vocabulary: VOCABULARY_SCHEMA,
  roles: ROLES_SCHEMA,
  terminology: TERMINOLOGY_SCHEMA,
  placeholders: PLACEHOLDERS_SCHEMA,
} as const;

export type DataName = keyof typeof DATA_SCHEMAS;

/** What a schema expects, for messages. */
export function expected(schema: DataSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((e) => `"${e}"`).join(', ')}`;
  if (schema.format === 'date') return 'a date in the form YYYY-MM-DD';
  if (schema.regex) return 'a regular expression';
  if (schema.pattern?.startsWith('^https?')) return 'a web address (https://...)';
  switch (schema.type) {
    case 'integer':
      return `a whole number between ${schema.minimum} and ${schema.maximum}`;
    case 'number':
      return `a number between ${schema.minimum} and ${schema.maximum}`;
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list (lines starting "- ")';
    case 'object':
      return schema.description ? `a mapping of ${schema.description}` : 'a mapping (key: value lines)';
    default:
      return 'a text';
  }
}

let ajv: AjvClass | undefined;
const compiled = new WeakMap<DataSchema, ValidateFunction>();

function validator(schema: DataSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    if (!ajv) {
      const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
      ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
      ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
      // Checked after the schema (postCheck).
      for (const keyword of ['regex', 'digits']) ajv.addKeyword({ keyword, schemaType: 'boolean' });
      ajv.addKeyword({ keyword: 'certainty', schemaType: 'string' });
    }
    fn = ajv.compile(schema as object);
    compiled.set(schema, fn);
  }
  return fn;
}

/** The one problem to report of ajv's: the deepest, a specific complaint before a type mismatch. */
function pick(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject): number => segments(e.instancePath).length + (e.keyword === 'additionalProperties' || e.keyword === 'propertyNames' ? 1 : 0);
  const deepest = Math.max(...errors.map(depth));
  const here = errors.filter((e) => depth(e) === deepest);
  const order = ['additionalProperties', 'propertyNames', 'required', 'type'];
  for (const k of order) {
    const e = here.find((x) => x.keyword === k);
    if (e) return e;
  }
  return here[0]!;
}

function explain(errors: ErrorObject[], node: PNode, what: string): never {
  const error = pick(errors);
  const path = segments(error.instancePath);
  const at = nodeAt(node, path);
  const name = label(what, path);
  const schema = (error.parentSchema ?? {}) as DataSchema;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const names = Object.keys(schema.properties ?? {});
      const pos = at.kind === 'map' ? (at.entries.find((e) => e.key === key)?.keyPos ?? at.pos) : at.pos;
      failAt(at.file, pos, `${name}: unknown field "${key}"${didYouMean(key, names)} (fields: ${names.join(', ')})`);
    }
    // falls through (failAt never returns)
    case 'propertyNames': {
      const key = String(params['propertyName']);
      const pos = at.kind === 'map' ? (at.entries.find((e) => e.key === key)?.keyPos ?? at.pos) : at.pos;
      failAt(at.file, pos, `${name}: "${key}" is not a ${schema.description ?? 'key'}: use lower-case words joined by "-"`);
    }
    // falls through
    case 'required': {
      const missing = errors
        .filter((e) => e.keyword === 'required' && e.instancePath === error.instancePath)
        .map((e) => `"${String((e.params as Record<string, unknown>)['missingProperty'])}"`);
      fail(at, `${name}: missing ${missing.join(', ')}`);
    }
    // falls through
    case 'minItems':
      fail(at, `${name}: expected at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`);
    // falls through
    case 'enum':
      if (at.kind === 'scalar' && typeof at.value === 'string') fail(at, `${name}: expected ${expected(schema)}, got "${at.value}"${didYouMean(at.value, schema.enum ?? [])}`);
      break;
    case 'format':
      if (at.kind === 'scalar' && typeof at.value === 'string') fail(at, `${name}: expected ${expected(schema)}, got "${at.value}"`);
      break;
    case 'pattern':
      if (at.kind === 'scalar' && typeof at.value === 'string' && at.value.trim() !== '') fail(at, `${name}: expected ${expected(schema)}, got "${at.value}"`);
      break;
  }
  fail(at, `${name}: expected ${expected(schema)}, got ${describeNode(at)}`);
}

/**
 * The checks JSON Schema cannot make, on a value that passed it; returns the value with `digits` fields as text.
 * `trusted`: the package's own data/ (its regular expressions are checked for slow matching by a test, not on each run),
 * or, for a copy of it, the package's own patterns (those the copy repeats need no check).
 */
function postCheck(node: PNode, schema: DataSchema, path: string, trusted: boolean | ReadonlySet<string>): unknown {
  if (node.kind === 'scalar') {
    const v = node.value;
    if (schema.format === 'date' && typeof v === 'string' && !parseIsoDate(v)) fail(node, `${path}: expected a date in the form YYYY-MM-DD, got "${v}"`);
    if (schema.regex && typeof v === 'string') {
      const result = compileUserRegex(v, 'iu', trusted === true || (trusted !== false && trusted.has(v)));
      if ('error' in result) fail(node, `${path}: the regular expression "${v}" ${result.error}`);
    }
    return schema.digits && typeof v === 'number' ? String(v) : v;
  }
  if (node.kind === 'seq') return node.items.map((item, i) => postCheck(item, schema.items ?? {}, `${path}[${i}]`, trusted));
  const out: Record<string, unknown> = {};
  for (const e of node.entries) {
    const field =
      schema.properties && Object.hasOwn(schema.properties, e.key) ? schema.properties[e.key]! : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
    Object.defineProperty(out, e.key, { value: postCheck(e.value, field, `${path}.${e.key}`, trusted), enumerable: true, writable: true, configurable: true });
  }
  if (schema.certainty) checkCertainty(out, node, path, schema.certainty === 'edition');
  return out;
}

/** Check a data file's tree against its schema (throws ConfigError naming file:line:column); returns the plain value. */
export function validate(node: PNode, schema: DataSchema, path: string, trusted: boolean | ReadonlySet<string> = false): unknown {
  const check = validator(schema);
  if (!check(plain(toValue(node)))) explain(check.errors ?? [], node, path);
  return postCheck(node, schema, path, trusted);
}

/** The regular expressions (the values at `regex` places of the schema) in a validated value. */
export function patternsIn(value: unknown, schema: DataSchema, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (schema.regex) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) patternsIn(item, schema.items ?? {}, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const field = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key]! : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
      patternsIn(v, field, into);
    }
  }
  return into;
}

/**
 * The schemas of the data files in `data/` (src/domain/data.ts), and one
 * validator that turns a positioned YAML tree into a plain value or throws a
 * ConfigError naming the file, line and column of the first problem and
 * what was expected.
 *
 * The same field types serve `settings.guidance` in configuration
 * (src/config/guidance.ts), so that an override is checked exactly as the
 * registry's own file is.
 */
import { compileUserRegex } from '../packs/safe-regex.js';
import { didYouMean } from '../config/errors.js';
import { fail, failAt } from '../config/check.js';
import { describeNode, type PNode } from '../config/structured.js';
import { parseIsoDate } from '../config/schema.js';

export type Schema =
  | { type: 'text'; format?: 'date' | 'regex' | 'url' | 'email'; enum?: readonly string[]; /** A whole number is read as its digits (edition: 2026). */ digitsOk?: boolean }
  | { type: 'number'; integer?: boolean; minimum: number; maximum: number }
  | { type: 'boolean' }
  | { type: 'list'; items: Schema; minItems?: number }
  | { type: 'object'; fields: Record<string, Field>; /** A check of the whole entry (fields that depend on each other). */ check?: (value: Record<string, unknown>, node: PNode, path: string) => void }
  | { type: 'record'; values: Schema; what: string };

export type Field = Schema & { required?: boolean };

const text: Schema = { type: 'text' };
const date: Schema = { type: 'text', format: 'date' };
const url: Schema = { type: 'text', format: 'url' };
const regex: Schema = { type: 'text', format: 'regex' };
const texts: Schema = { type: 'list', items: text, minItems: 1 };
const regexes: Schema = { type: 'list', items: regex, minItems: 1 };
const req = <S extends Schema>(s: S): S & { required: true } => ({ ...s, required: true });

export const CERTAINTIES = ['confirmed', 'expected'] as const;
const certainty: Schema = { type: 'text', enum: CERTAINTIES };

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

export const EDITION_SCHEMA: Schema = {
  type: 'object',
  fields: {
    edition: req({ type: 'text', digitsOk: true }),
    year: req({ type: 'number', integer: true, minimum: 1900, maximum: 2200 }),
    published: date,
    inForce: date,
    expected: date,
    certainty: req(certainty),
    checked: date,
    source: url,
    confirmedBy: url,
    markers: regexes,
  },
  check: (value, node, path) => checkCertainty(value, node, path, true),
};

export const SERIES_SCHEMA: Schema = {
  type: 'object',
  fields: {
    id: text,
    title: req(text),
    aliases: texts,
    editions: req({ type: 'list', items: EDITION_SCHEMA }),
  },
};

export const PROGRAMME_SCHEMA: Schema = {
  type: 'object',
  fields: {
    id: req(text),
    name: req(text),
    patterns: req(regexes),
    ended: req(date),
    note: req(text),
    source: url,
  },
};

export const RENAME_SCHEMA: Schema = {
  type: 'object',
  fields: {
    id: req(text),
    pattern: req(regex),
    caseSensitive: { type: 'boolean' },
    replacement: req(text),
    since: req(date),
    /** safe (a mechanical rename, the default) or suggestion (a change a person must decide on, such as a contact address). */
    fix: { type: 'text', enum: ['safe', 'suggestion'] },
    /** name (the default) or contact: an address to write to. */
    kind: { type: 'text', enum: ['name', 'contact'] },
    note: req(text),
    checked: date,
    source: url,
  },
};

export const STATEMENT_SCHEMA: Schema = {
  type: 'object',
  fields: {
    id: req(text),
    patterns: req(regexes),
    /** The statement counts only in a sentence that also matches this (what the statement is about). */
    near: regex,
    certainty: req(certainty),
    note: req(text),
    checked: date,
    source: req(url),
  },
  check: (value, node, path) => checkCertainty(value, node, path, false),
};

export const GUIDANCE_SCHEMA: Schema = {
  type: 'object',
  fields: {
    version: text,
    checked: req(date),
    series: req({ type: 'record', values: SERIES_SCHEMA, what: 'series id (e.g. kcsie)' }),
    fullTimeHours: req({ type: 'number', minimum: 1, maximum: 100 }),
    fullTimeHoursSource: req(url),
    fullTimeHoursFrom: date,
    kinshipCareFrom: req(date),
    kinshipCareSource: req(url),
    programmes: req({ type: 'list', items: PROGRAMME_SCHEMA }),
    renames: req({ type: 'list', items: RENAME_SCHEMA }),
    statements: { type: 'list', items: STATEMENT_SCHEMA },
  },
};

const VOCABULARY_SCHEMA: Schema = {
  type: 'object',
  fields: {
    sections: req({
      type: 'list',
      minItems: 1,
      items: {
        type: 'object',
        fields: { id: req(text), title: req(text), role: req({ type: 'text', enum: ['top', 'sub'] }), aliases: req(texts) },
      },
    }),
  },
};

const ROLES_SCHEMA: Schema = {
  type: 'object',
  fields: {
    roles: req({
      type: 'list',
      minItems: 1,
      items: { type: 'object', fields: { id: req(text), name: req(text), label: req(text), pattern: req(regex), abbreviations: texts } },
    }),
  },
};

const TERMINOLOGY_SCHEMA: Schema = {
  type: 'object',
  fields: {
    groups: req({ type: 'list', items: { type: 'object', fields: { terms: req({ type: 'list', items: text, minItems: 2 }), meaning: text } } }),
  },
};

const PLACEHOLDERS_SCHEMA: Schema = {
  type: 'object',
  fields: { patterns: req({ type: 'list', items: regex }), sourcePatterns: req({ type: 'list', items: regex }) },
};

export const DATA_SCHEMAS = {
  guidance: GUIDANCE_SCHEMA,
  vocabulary: VOCABULARY_SCHEMA,
  roles: ROLES_SCHEMA,
  terminology: TERMINOLOGY_SCHEMA,
  placeholders: PLACEHOLDERS_SCHEMA,
} as const;

export type DataName = keyof typeof DATA_SCHEMAS;

/** What a schema expects, for messages. */
export function expected(schema: Schema): string {
  switch (schema.type) {
    case 'text':
      if (schema.enum) return `one of ${schema.enum.map((e) => `"${e}"`).join(', ')}`;
      return schema.format === 'date' ? 'a date in the form YYYY-MM-DD' : schema.format === 'regex' ? 'a regular expression' : schema.format === 'url' ? 'a web address (https://...)' : 'a text';
    case 'number':
      return schema.integer ? `a whole number between ${schema.minimum} and ${schema.maximum}` : `a number between ${schema.minimum} and ${schema.maximum}`;
    case 'boolean':
      return 'true or false';
    case 'list':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping (key: value lines)';
  }
}

/** Check one value (a scalar, list, mapping) against its schema; returns the plain value. */
export function validate(node: PNode, schema: Schema, path: string): unknown {
  switch (schema.type) {
    case 'text': {
      let v = node.kind === 'scalar' ? node.value : undefined;
      if (schema.digitsOk && typeof v === 'number' && Number.isInteger(v)) v = String(v);
      if (typeof v !== 'string' || v.trim() === '') fail(node, `${path}: expected ${expected(schema)}, got ${describeNode(node)}`);
      if (schema.enum && !schema.enum.includes(v)) fail(node, `${path}: expected ${expected(schema)}, got "${v}"${didYouMean(v, schema.enum)}`);
      if (schema.format === 'date' && !parseIsoDate(v)) fail(node, `${path}: expected a date in the form YYYY-MM-DD, got "${v}"`);
      if (schema.format === 'url' && !/^https?:\/\/\S+$/.test(v)) fail(node, `${path}: expected a web address (https://...), got "${v}"`);
      if (schema.format === 'regex') {
        const result = compileUserRegex(v, 'iu');
        if ('error' in result) fail(node, `${path}: the regular expression "${v}" ${result.error}`);
      }
      return v;
    }
    case 'number': {
      const v = node.kind === 'scalar' ? node.value : undefined;
      if (typeof v !== 'number' || !Number.isFinite(v) || (schema.integer && !Number.isInteger(v)) || v < schema.minimum || v > schema.maximum) {
        fail(node, `${path}: expected ${expected(schema)}, got ${describeNode(node)}`);
      }
      return v;
    }
    case 'boolean': {
      if (node.kind !== 'scalar' || typeof node.value !== 'boolean') fail(node, `${path}: expected true or false, got ${describeNode(node)}`);
      return node.value;
    }
    case 'list': {
      if (node.kind !== 'seq') fail(node, `${path}: expected a list (lines starting "- "), got ${describeNode(node)}`);
      if (schema.minItems && node.items.length < schema.minItems) fail(node, `${path}: expected at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`);
      return node.items.map((item, i) => validate(item, schema.items, `${path}[${i}]`));
    }
    case 'record': {
      if (node.kind !== 'map') fail(node, `${path}: expected a mapping of ${schema.what}, got ${describeNode(node)}`);
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(e.key)) failAt(node.file, e.keyPos, `${path}: "${e.key}" is not a ${schema.what}: use lower-case words joined by "-"`);
        Object.defineProperty(out, e.key, { value: validate(e.value, schema.values, `${path}.${e.key}`), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'object': {
      if (node.kind !== 'map') fail(node, `${path}: expected a mapping (key: value lines), got ${describeNode(node)}`);
      const out: Record<string, unknown> = {};
      const names = Object.keys(schema.fields);
      for (const e of node.entries) {
        const field = Object.hasOwn(schema.fields, e.key) ? schema.fields[e.key] : undefined;
        if (!field) failAt(node.file, e.keyPos, `${path}: unknown field "${e.key}"${didYouMean(e.key, names)} (fields: ${names.join(', ')})`);
        Object.defineProperty(out, e.key, { value: validate(e.value, field, `${path}.${e.key}`), enumerable: true, writable: true, configurable: true });
      }
      const missing = names.filter((n) => schema.fields[n]!.required && !Object.hasOwn(out, n));
      if (missing.length) fail(node, `${path}: missing ${missing.map((m) => `"${m}"`).join(', ')}`);
      schema.check?.(out, node, path);
      return out;
    }
  }
}

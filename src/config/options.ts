/**
 * Rule options: each rule declares its options as JSON Schemas
 * (`meta.options`, one schema per option); a configured value is checked here
 * with ajv, and a wrong one is a ConfigError naming the file, line and column
 * of the value and what was expected (`rules.contents-match.reverse: expected
 * one of "auto", "always" or "never", got the text "sometimes"`).
 *
 * ajv is loaded, and each schema compiled, on first use only: a run whose
 * configuration sets no option never loads it.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema, OptionSchema, Rule, RuleOptions } from '../types.js';
import { didYouMean, quote as shortQuote } from './errors.js';
import { fail, failAt } from './check.js';
import { describeNode, toValue, type PNode } from './structured.js';
import { compileUserRegex } from '../packs/safe-regex.js';

let ajv: AjvClass | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validator(schema: JsonSchema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    if (!ajv) {
      const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
      ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
      // Checked after the schema (checkOptionValue): each item of the list is a safe regular expression.
      ajv.addKeyword({ keyword: 'regexFlags', schemaType: 'string' });
    }
    fn = ajv.compile(schema as object);
    compiled.set(schema, fn);
  }
  return fn;
}

const MAX_PLAIN_NUMBER = 1_000_000_000;

/** A value quoted in an error message, cut short (a 1 MB option value is not printed whole). */
function quote(value: unknown): string {
  return shortQuote(value);
}

function joinOr(parts: string[]): string {
  return parts.length <= 2 ? parts.join(' or ') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

/** What a schema asks for, in words (ranges aside): "a number", "a list of texts", `one of "a" or "b"`. */
export function describeSchema(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.length === 1 ? quote(schema.enum[0]) : `one of ${joinOr(schema.enum.map(quote))}`;
  if (schema.anyOf) return joinOr(schema.anyOf.map(describeSchema));
  switch (schema.type) {
    case 'string':
      return 'a text';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'array': {
      if (!schema.items) return 'a list';
      const item = describeSchema(schema.items);
      return item === 'a text' ? 'a list of texts' : `a list, each item ${item}`;
    }
    case 'object': {
      const keys = Object.keys(schema.properties ?? {});
      return keys.length ? `a mapping with ${joinOr(keys).replace(/ or /, ' and/or ')}` : 'a mapping';
    }
    default:
      return 'a value';
  }
}

/** A short form of the type, for docs and --explain: "number (at least 1)", "string[]", `"auto" | "always"`. */
export function schemaType(schema: JsonSchema, bar = ' | '): string {
  if (schema.enum) return schema.enum.map(quote).join(bar);
  if (schema.anyOf) return schema.anyOf.map((s) => schemaType(s, bar)).join(bar);
  if (schema.type === 'array') {
    if (!schema.items) return 'array';
    const item = schemaType(schema.items, bar);
    return `${item.includes(bar) || item.includes(' ') ? `(${item})` : item}[]`;
  }
  if (schema.type === 'object') {
    const props = Object.entries(schema.properties ?? {});
    if (!props.length) return 'object';
    return `{ ${props.map(([k, v]) => `${k}${schema.required?.includes(k) ? '' : '?'}: ${schemaType(v, bar)}`).join(', ')} }`;
  }
  const range =
    schema.minimum !== undefined && schema.maximum !== undefined
      ? ` (${schema.minimum} to ${schema.maximum})`
      : schema.minimum !== undefined
        ? ` (at least ${schema.minimum})`
        : schema.maximum !== undefined
          ? ` (at most ${schema.maximum})`
          : '';
  return (schema.type ?? 'any') + range;
}

export type Segment = string | number;

export function segments(instancePath: string): Segment[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function label(what: string, path: Segment[]): string {
  return what + path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
}

export function nodeAt(node: PNode, path: Segment[]): PNode {
  let current = node;
  for (const s of path) {
    if (current.kind === 'seq' && typeof s === 'number' && current.items[s]) current = current.items[s];
    else if (current.kind === 'map') {
      const e = current.entries.find((x) => x.key === String(s));
      if (!e) return current;
      current = e.value;
    } else return current;
  }
  return current;
}

/** The value as ajv sees it: non-finite numbers (YAML's .inf, .nan) become null, so that no schema accepts them. */
export function plain(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

function firstHuge(node: PNode): PNode | undefined {
  if (node.kind === 'scalar') return typeof node.value === 'number' && Math.abs(node.value) > MAX_PLAIN_NUMBER ? node : undefined;
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const found = firstHuge(item);
      if (found) return found;
    }
    return undefined;
  }
  for (const e of node.entries) {
    const found = firstHuge(e.value);
    if (found) return found;
  }
  return undefined;
}

/** The one error to report: the deepest one, a specific complaint before a type mismatch of a branch not taken. */
function pick(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject): number => segments(e.instancePath).length + (e.keyword === 'additionalProperties' ? 1 : 0);
  const deepest = Math.max(...errors.map(depth));
  const here = errors.filter((e) => depth(e) === deepest);
  return here.find((e) => e.keyword !== 'type' && e.keyword !== 'anyOf') ?? here.find((e) => e.keyword === 'anyOf') ?? here[0]!;
}

function explain(error: ErrorObject, node: PNode, what: string): never {
  const path = segments(error.instancePath);
  const at = nodeAt(node, path);
  const name = label(what, path);
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = Object.keys(parent.properties ?? {});
      const pos = at.kind === 'map' ? (at.entries.find((e) => e.key === key)?.keyPos ?? at.pos) : at.pos;
      failAt(at.file, pos, `${name}: unknown key "${key}"${didYouMean(key, allowed)} (allowed: ${allowed.join(', ')})`);
    }
    // falls through (failAt never returns)
    case 'required':
      fail(at, `${name}: missing required key "${String(params['missingProperty'])}"`);
    // falls through
    case 'minimum':
    case 'maximum':
      if (at.kind === 'scalar' && typeof at.value === 'number') {
        const bound = error.keyword === 'minimum' ? `at least ${String(parent.minimum)}` : `at most ${String(parent.maximum)}`;
        fail(at, `${name}: expected ${describeSchema(parent)} of ${bound}, got ${at.value}`);
      }
      break;
    case 'minItems':
      fail(at, `${name}: expected ${describeSchema(parent)} with at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}, got ${describeNode(at)}`);
    // falls through
    case 'minLength':
      fail(at, `${name}: expected a text that is not empty, got ${describeNode(at)}`);
    // falls through
    case 'uniqueItems':
      fail(at, `${name}: expected a list without repeats; items ${String(params['j'])} and ${String(params['i'])} are the same`);
    // falls through
    case 'anyOf':
    case 'type':
    case 'enum':
      break;
    default:
      fail(at, `${name}: ${error.message ?? 'is not valid'}`);
  }
  fail(at, `${name}: expected ${describeSchema(parent)}, got ${describeNode(at)}`);
}

/** Check one configured option value against its schema; returns the plain value. */
export function checkOptionValue(schema: OptionSchema, node: PNode, what: string): unknown {
  const value = toValue(node);
  const validate = validator(schema);
  if (!validate(plain(value))) explain(pick(validate.errors ?? []), node, what);
  const huge = firstHuge(node);
  if (huge && huge.kind === 'scalar') fail(huge, `${what}: ${String(huge.value)} is far too large a number`);
  if (schema.regexFlags !== undefined && node.kind === 'seq') {
    // A pattern that is one of the rule's own defaults is the package's, checked by the slow tier's ReDoS test
    // (test/slow/builtin-regex.test.ts): a configuration that repeats the defaults and adds its own (the usual
    // way to extend a list) costs the checker only for what it adds.
    const defaults = new Set(Array.isArray(schema.default) ? schema.default.filter((d): d is string => typeof d === 'string') : []);
    node.items.forEach((item, i) => {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') return;
      const compiled = compileUserRegex(item.value, schema.regexFlags!, defaults.has(item.value));
      if ('error' in compiled) fail(item, `${what}[${i}]: the pattern ${quote(item.value)} ${compiled.error}`);
    });
  }
  return value;
}

/** Check one option of a rule (the name must be one the rule declares). */
export function validateOption(rule: Rule, name: string, node: PNode, what: string): unknown {
  const schema = rule.meta.options && Object.hasOwn(rule.meta.options, name) ? rule.meta.options[name] : undefined;
  if (!schema) throw new Error(`no option ${name}`);
  return checkOptionValue(schema, node, what);
}

/** Check a mapping of options for a rule: unknown names and wrong values are ConfigErrors. */
export function validateOptions(rule: Rule, options: PNode & { kind: 'map' }, what: string): RuleOptions {
  const schema = rule.meta.options ?? {};
  const names = Object.keys(schema);
  const out: RuleOptions = {};
  for (const e of options.entries) {
    if (!Object.hasOwn(schema, e.key)) {
      if (names.length === 0) failAt(options.file, e.keyPos, `${what}: rule "${rule.meta.id}" has no options, so "${e.key}" cannot be set`);
      failAt(options.file, e.keyPos, `${what}: unknown option "${e.key}" for rule "${rule.meta.id}"${didYouMean(e.key, names)} (options: ${names.join(', ')})`);
    }
    Object.defineProperty(out, e.key, { value: validateOption(rule, e.key, e.value, `${what}.${e.key}`), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Every option of a rule at its default value. */
export function optionDefaults(rule: Rule): RuleOptions {
  const out: RuleOptions = {};
  for (const [name, schema] of Object.entries(rule.meta.options ?? {})) {
    Object.defineProperty(out, name, { value: schema.default, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

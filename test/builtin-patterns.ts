/**
 * Every built-in regular expression outside the code: data/*.yaml (the fields
 * their schemas mark as regular expressions), the built-in packs, and the
 * rules' default options that take patterns, each with the flags it is
 * compiled with. Used by test/builtin-regex.test.ts and the slow tier.
 */
import fs from 'node:fs';
import { parse } from 'yaml';
import { DATA_NAMES, loadData } from '../src/domain/data.js';
import { DATA_SCHEMAS, type DataSchema } from '../src/domain/data-schema.js';
import { BUILTIN_PACKS, builtinPackPath } from '../src/packs/index.js';
import { RULES } from '../rules/index.js';

/** Every string of `value` that its schema marks as a regular expression. */
function regexesOf(value: unknown, schema: DataSchema, out: string[] = []): string[] {
  if (schema.regex && typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) regexesOf(item, schema.items ?? {}, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const field = schema.properties && Object.hasOwn(schema.properties, key) ? schema.properties[key]! : typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
      regexesOf(v, field, out);
    }
  }
  return out;
}

/** The patterns of a pack file, with the flags its rules compile them with. */
function packPatterns(file: string): [string, string][] {
  const pack = parse(fs.readFileSync(file, 'utf8')) as { rules: Record<string, unknown>[] };
  return pack.rules.flatMap((rule) => {
    const flags = `u${rule['ignorecase'] === false ? '' : 'i'}`;
    return ['pattern', 'patterns'].flatMap((key) => [rule[key] ?? []].flat() as string[]).map((p): [string, string] => [p, flags]);
  });
}

/** [where, source, flags] of every built-in pattern. */
export const builtIn: [string, string, string][] = [
  ...DATA_NAMES.flatMap((name) => regexesOf(loadData(name, {}), DATA_SCHEMAS[name]).map((p): [string, string, string] => [`data/${name}.yaml`, p, 'iu'])),
  ...Object.keys(BUILTIN_PACKS).flatMap((ref) => packPatterns(builtinPackPath(ref)!).map(([p, f]): [string, string, string] => [ref, p, f])),
  ...RULES.flatMap((rule) =>
    Object.entries(rule.meta.options ?? {})
      .filter(([, o]) => o.regexFlags !== undefined)
      .flatMap(([name, o]) => (o.default as string[]).map((p): [string, string, string] => [`${rule.meta.id}.${name}`, p, o.regexFlags!])),
  ),
];

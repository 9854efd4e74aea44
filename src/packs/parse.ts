/**
 * Reading a pack file's tree into rules: the fields every pack rule has
 * (id, message, severity, scope, link, examples ...), validated with
 * file:line:column errors; the fields of its `type:` are the check type's
 * (src/packs/check-types/).
 */
import path from 'node:path';
import type { Rule, RuleExample, Severity } from '../types.js';
import { quote, type Position } from '../config/errors.js';
import { readStructured, toValue, type PNode } from '../config/structured.js';
import type { ProfileDefinition } from '../config/profiles.js';
import { checkKeys, entry, expectBoolean, expectMap, expectString, expectStrings, fail, requireEntry } from '../config/check.js';
import { compileUserRegex } from './safe-regex.js';
import { dateProblem, notARealDate, parseIsoDate } from '../config/schema.js';
import { CHECK_TYPES, PACK_TYPES, type CheckType, type PackRuleType } from './check-types/index.js';

const COMMON_KEYS = ['id', 'type', 'message', 'description', 'severity', 'link', 'scope', 'ignorecase', 'rationale', 'notes', 'examples'];

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** A rule defined by a pack: a Rule with where it came from. */
export interface PackRule extends Rule {
  pack: string;
  file: string;
  type: PackRuleType;
  /** A `minimum:` that names a guidance series, checked against the resolved registry. */
  seriesRef?: { id: string; file: string; pos: Position };
}

export interface LoadedPack {
  name: string;
  description?: string;
  file: string;
  rules: PackRule[];
  /** Profiles the pack declares (`profiles:`), tried before the built-in ones when a document's profile is detected. */
  profiles?: ProfileDefinition[];
}

/**
 * Parse and validate the text of a pack file. `trusted`: a built-in pack, whose patterns
 * are checked for slow matching by a test rather than on each run (src/packs/safe-regex.ts).
 */
export function parsePack(file: string, text: string, trusted = false): LoadedPack {
  return parsePackTree(file, readStructured(file, text, /\.json$/i.test(file) ? 'json' : 'yaml'), trusted);
}

/** Validate a pack's parsed tree and build its rules. */
export function parsePackTree(file: string, tree: PNode, trusted = false): LoadedPack {
  const root = expectMap(tree, 'rule pack');
  checkKeys(root, ['name', 'description', 'rules', 'profiles'], 'rule pack');
  const nameEntry = requireEntry(root, 'name', 'rule pack');
  const name = expectString(nameEntry.value, 'name', '"my-authority"');
  if (!KEBAB.test(name) || name === 'policy-lint') {
    fail(nameEntry.value, `name: "${name}" must be kebab-case (lower-case words joined by "-", e.g. "my-authority") and not "policy-lint"`);
  }
  const descEntry = entry(root, 'description');
  const description = descEntry ? expectString(descEntry.value, 'description') : undefined;
  const rulesEntry = requireEntry(root, 'rules', 'rule pack');
  if (rulesEntry.value.kind !== 'seq')
    fail(rulesEntry.value, `rules: expected a list of rules (lines starting "- id: ${name}/..."), got ${rulesEntry.value.kind === 'map' ? 'a mapping' : 'a single value'}`);
  const rules: PackRule[] = [];
  const ids = new Set<string>();
  rulesEntry.value.items.forEach((item, i) => {
    const rule = parseRule(item, `rules[${i}]`, name, description, file, trusted);
    if (ids.has(rule.meta.id)) fail(item, `rules[${i}].id: "${rule.meta.id}" is defined twice in this pack`);
    ids.add(rule.meta.id);
    rules.push(rule);
  });
  const profilesEntry = entry(root, 'profiles');
  const profiles = profilesEntry ? parseProfiles(profilesEntry.value, name, ids) : undefined;
  return { name, ...(description !== undefined ? { description } : {}), file, rules, ...(profiles ? { profiles } : {}) };
}

/**
 * A pack's `profiles:`: each with an id (kebab-case), a title, the rules it runs (ids, "pack/*" or
 * "*"), options per rule, and `detect` (phrases, sections, minSections, minPhrases).
 */
function parseProfiles(node: PNode, packName: string, ruleIds: Set<string>): ProfileDefinition[] {
  if (node.kind !== 'seq') fail(node, 'profiles: expected a list of profiles (lines starting "- id: ...")');
  return node.items.map((item, i) => {
    const label = `profiles[${i}]`;
    const map = expectMap(item, label);
    checkKeys(map, ['id', 'title', 'description', 'rules', 'options', 'detect'], label);
    const idEntry = requireEntry(map, 'id', label);
    const id = expectString(idEntry.value, `${label}.id`, '"my-authority-lac"');
    if (!KEBAB.test(id)) fail(idEntry.value, `${label}.id: "${id}" must be kebab-case (e.g. "${packName}-lac")`);
    if (['herts-csw', 'lac', 'generic'].includes(id)) fail(idEntry.value, `${label}.id: "${id}" is a built-in profile; give the pack's profile its own name (e.g. "${packName}-lac")`);
    const title = expectString(requireEntry(map, 'title', label).value, `${label}.title`);
    const descEntry = entry(map, 'description');
    const description = descEntry ? expectString(descEntry.value, `${label}.description`) : title;
    const rulesEntry = requireEntry(map, 'rules', label);
    const rules = expectStrings(rulesEntry.value, `${label}.rules`).map((s) => s.value);
    for (const r of rules) if (r.startsWith(`${packName}/`) && !r.endsWith('/*') && !ruleIds.has(r)) fail(rulesEntry.value, `${label}.rules: "${r}" is not a rule of this pack`);
    const profile: ProfileDefinition = { id, title, description, rules: [...new Set([...rules, `${packName}/*`])], pack: packName };
    const optionsEntry = entry(map, 'options');
    if (optionsEntry) {
      const options = expectMap(optionsEntry.value, `${label}.options`);
      profile.options = {};
      for (const e of options.entries) profile.options[e.key] = toValue(expectMap(e.value, `${label}.options.${e.key}`)) as Record<string, unknown>;
    }
    const detectEntry = entry(map, 'detect');
    if (detectEntry) {
      const d = expectMap(detectEntry.value, `${label}.detect`);
      checkKeys(d, ['phrases', 'sections', 'minSections', 'minPhrases'], `${label}.detect`);
      const list = (key: string): string[] | undefined => {
        const e = entry(d, key);
        return e ? expectStrings(e.value, `${label}.detect.${key}`).map((s) => s.value) : undefined;
      };
      const count = (key: string): number | undefined => {
        const e = entry(d, key);
        if (!e) return undefined;
        if (e.value.kind !== 'scalar' || typeof e.value.value !== 'number' || !Number.isInteger(e.value.value) || e.value.value < 0)
          fail(e.value, `${label}.detect.${key}: expected a whole number of at least 0`);
        return e.value.value as number;
      };
      const phrases = list('phrases');
      const sections = list('sections');
      if (!phrases?.length && !sections?.length) fail(d, `${label}.detect: give phrases and/or sections that mark the profile's documents`);
      const minSections = count('minSections');
      const minPhrases = count('minPhrases');
      profile.detect = {
        ...(phrases ? { phrases } : {}),
        ...(sections ? { sections } : {}),
        ...(minSections !== undefined ? { minSections } : {}),
        ...(minPhrases !== undefined ? { minPhrases } : {}),
      };
    }
    return profile;
  });
}

function compilePattern(node: PNode, what: string, flags: string, trusted: boolean): RegExp {
  const source = expectString(node, what);
  const result = compileUserRegex(source, flags, trusted);
  if ('error' in result) fail(node, `${what}: the regular expression "${source}" ${result.error}`);
  return result.regex;
}

function parseSeverity(node: PNode, what: string): Severity {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (value === 'error') return 'error';
  if (value === 'warn' || value === 'warning') return 'warning';
  fail(node, `${what}: expected "warn" or "error", got ${node.kind === 'scalar' ? quote(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping'}`);
}

function checkPlaceholders(node: PNode, message: string, checkType: CheckType, what: string): void {
  for (const m of message.matchAll(/\{([^{}]*)\}/g)) {
    if (!checkType.placeholders.includes(m[1]!)) {
      fail(
        node,
        `${what}: unknown placeholder "{${m[1]}}" for ${/^[aeiou]/.test(checkType.type) ? 'an' : 'a'} ${checkType.type} rule (use ${checkType.placeholders.map((p) => `{${p}}`).join(', ')})`,
      );
    }
  }
}

function parseExamples(node: PNode, what: string): RuleExample[] {
  if (node.kind !== 'seq') fail(node, `${what}: expected a list of examples, got ${node.kind === 'map' ? 'a mapping' : 'a single value'}`);
  return node.items.map((item, i) => {
    const label = `${what}[${i}]`;
    const map = expectMap(item, label);
    checkKeys(map, ['title', 'text', 'expect', 'output', 'asOf'], label);
    const example: RuleExample = {
      title: expectString(requireEntry(map, 'title', label).value, `${label}.title`),
      text: expectString(requireEntry(map, 'text', label).value, `${label}.text`),
      expect: [],
    };
    const expectEntry = entry(map, 'expect');
    if (expectEntry && !(expectEntry.value.kind === 'seq' && expectEntry.value.items.length === 0)) {
      example.expect = expectStrings(expectEntry.value, `${label}.expect`, false).map((s) => {
        if (!/^\d+:\d+(?: |$)/.test(s.value)) fail(s.node, `${label}.expect: "${s.value}" should start with "line:column", e.g. "3:12 message words"`);
        return s.value;
      });
    }
    const output = entry(map, 'output');
    if (output) example.output = expectString(output.value, `${label}.output`);
    const asOf = entry(map, 'asOf');
    if (asOf) {
      const v = expectString(asOf.value, `${label}.asOf`, '"2026-11-24"');
      // A day that does not exist ("2025-02-30") would run the example at some other date, silently.
      if (notARealDate(v) !== undefined) fail(asOf.value, `${label}.asOf: ${dateProblem(v)}`);
      if (!parseIsoDate(v)) fail(asOf.value, `${label}.asOf: expected a date in the form YYYY-MM-DD, got "${v}"`);
      example.asOf = v;
    }
    return example;
  });
}

function parseRule(node: PNode, what: string, packName: string, packDescription: string | undefined, file: string, trusted: boolean): PackRule {
  const map = expectMap(node, what);
  const typeEntry = requireEntry(map, 'type', what);
  const typeValue = expectString(typeEntry.value, `${what}.type`);
  if (!(PACK_TYPES as readonly string[]).includes(typeValue)) {
    fail(typeEntry.value, `${what}.type: unknown rule type "${typeValue}" (types: ${PACK_TYPES.join(', ')})`);
  }
  const type = typeValue as PackRuleType;
  const checkType = CHECK_TYPES[type];
  checkKeys(map, [...COMMON_KEYS, ...checkType.keys], `${what} (${type})`);

  const idEntry = requireEntry(map, 'id', what);
  const id = expectString(idEntry.value, `${what}.id`, `"${packName}/my-rule"`);
  if (!id.startsWith(`${packName}/`) || !KEBAB.test(id.slice(packName.length + 1))) {
    fail(idEntry.value, `${what}.id: "${id}" must be the pack name, a slash and a kebab-case name, e.g. "${packName}/${KEBAB.test(id) ? id : 'my-rule'}"`);
  }
  const label = `${what} (${id})`;
  const messageEntry = requireEntry(map, 'message', label);
  const message = expectString(messageEntry.value, `${label}.message`);
  checkPlaceholders(messageEntry.value, message, checkType, `${label}.message`);
  const severityEntry = entry(map, 'severity');
  const severity = severityEntry ? parseSeverity(severityEntry.value, `${label}.severity`) : 'warning';
  const ignoreEntry = entry(map, 'ignorecase');
  const ignoreCase = ignoreEntry ? expectBoolean(ignoreEntry.value, `${label}.ignorecase`) : true;
  const flags = `dgu${ignoreCase ? 'i' : ''}`;
  const linkEntry = entry(map, 'link');
  const link = linkEntry ? expectString(linkEntry.value, `${label}.link`, '"https://..."') : undefined;
  if (link !== undefined && !/^https?:\/\/\S+$/.test(link)) fail(linkEntry!.value, `${label}.link: expected a web address starting http:// or https://, got "${link}"`);
  const scopeEntry = entry(map, 'scope');
  const scope = scopeEntry ? expectStrings(scopeEntry.value, `${label}.scope`).map((s) => s.value) : [];
  const text = (key: string): string | undefined => {
    const e = entry(map, key);
    return e ? expectString(e.value, `${label}.${key}`) : undefined;
  };
  const description = text('description');
  if (description?.includes('\n')) fail(entry(map, 'description')!.value, `${label}.description: must be one line (it is shown by --list-rules)`);
  const rationale = text('rationale');
  const notes = text('notes');
  const examplesEntry = entry(map, 'examples');
  const examples = examplesEntry ? parseExamples(examplesEntry.value, `${label}.examples`) : [];

  const patternsOf = (key: string): RegExp[] => {
    const e = entry(map, key);
    if (!e) return [];
    return expectStrings(e.value, `${label}.${key}`).map((s, i) => compilePattern(s.node, `${label}.${key}${e.value.kind === 'seq' ? `[${i}]` : ''}`, flags, trusted));
  };
  const tokensOf = (key: string): string[] => {
    const e = entry(map, key);
    if (!e) return [];
    return expectStrings(e.value, `${label}.${key}`).map((s) => s.value);
  };
  const patternOf = (key: string): RegExp => compilePattern(requireEntry(map, key, label).value, `${label}.${key}`, flags, trusted);
  const built = checkType.build({ id, label, file, map, message, scope, ignoreCase, flags, patternsOf, patternOf, tokensOf, text });

  const sources = link ? [{ title: link, url: link }] : [{ title: `Rule pack "${packName}" (${path.basename(file)})` }];
  const oneLine = description ?? `${message.replace(/\{[^{}]*\}/g, '…').split('\n')[0]}`;
  const rule: PackRule = {
    pack: packName,
    file,
    type,
    ...(built.seriesRef ? { seriesRef: built.seriesRef } : {}),
    meta: {
      id,
      description: oneLine,
      severity,
      fixable: checkType.fixable,
      rationale: rationale ?? packDescription ?? oneLine,
      sources,
      notes: `${notes ? `${notes} ` : ''}Defined in the rule pack "${packName}" (${path.basename(file)}) as ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} rule${scope.length ? `, checked within: ${scope.join(', ')}` : ''}.`,
      examples,
      ...(link ? { docsUrl: link } : {}), // else the README's section (a built-in pack's rule) or none (src/packs/load.ts)
    },
    check: built.check,
  };
  return rule;
}

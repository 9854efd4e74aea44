/**
 * YAML rule packs: declarative rules, as Vale styles are, so that a local
 * authority or a trust can add its own checks without writing code.
 *
 * A pack file:
 *
 *     name: hertfordshire            # kebab-case; every rule id starts with "hertfordshire/"
 *     description: ...               # optional
 *     rules:
 *       - id: hertfordshire/virtual-school-address
 *         type: substitution         # substitution | existence | required | stale-year
 *         message: '"{match}" should be "{replacement}".'
 *         severity: error            # warn | warning | error (default warning)
 *         description: one line for --list-rules (optional)
 *         link: https://...          # optional: where the fact comes from
 *         scope: Roles and Responsibilities   # optional: section title(s), aliases or canonical ids
 *         ignorecase: true           # optional, default true
 *         swap: { virtuelschool: virtualschool }
 *
 * Check types (the code lives here; packs are data):
 * - substitution: `swap` (word: replacement) or `patterns` + `replacement`
 *   (`$1`, `$<name>` allowed); reports each old form with a safe fix.
 * - existence: `tokens` (words, matched on word boundaries) and/or `patterns`;
 *   reports each one found.
 * - required: `tokens` and/or `patterns`, one of which must appear (within the
 *   `scope` sections, if given). When none of the scope sections exists the
 *   rule reports nothing (a missing section is required-sections' finding,
 *   once), unless the rule says `sectionRequired: true`: then it reports the
 *   missing section once, at its own severity. No pack rule ever reports at
 *   a severity other than its configured one.
 * - stale-year: a citation `pattern` with a `(?<year>\d{4})` group; the year
 *   must be at least `minimum`, a number or a guidance series id from the
 *   registry (`kcsie`: the year of the edition in force at the as-of date).
 *
 * Messages may use placeholders: {match}, {replacement}, {section}, {year},
 * {minimum}, {edition} (which ones depends on the type). Every field is
 * validated with file:line:column errors; every regular expression is compiled
 * with the `u` flag and refused when it could backtrack catastrophically
 * (src/packs/safe-regex.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { PolicyDocument, Rule, RuleContext, RuleExample, Section, Severity, TextBlock, TextEdit } from '../types.js';
import { findAll, sectionBlocks, sourceRange, escapeRegExp, type TextMatch } from '../rule-api/kit.js';
import { matchVocabulary, normalizeTitle } from '../domain/vocabulary.js';
import { editionInForce } from '../domain/guidance.js';
import { packageRoot } from '../package-root.js';
import { compareText } from '../engine/summary.js';
import { compileUserRegex } from './safe-regex.js';
import { ConfigError, type Position } from '../config/errors.js';
import { readStructured, type PNode } from '../config/structured.js';
import { checkKeys, entry, expectBoolean, expectMap, expectString, expectStrings, fail, failAt, requireEntry } from '../config/check.js';

export const PACK_TYPES = ['substitution', 'existence', 'required', 'stale-year'] as const;
export type PackRuleType = (typeof PACK_TYPES)[number];

/** Built-in packs, referred to as `policy-lint:<name>` in `packs:`. */
export const BUILTIN_PACKS: Readonly<Record<string, string>> = {
  'policy-lint:hertfordshire': 'rules/packs/hertfordshire.yaml',
};

const PLACEHOLDERS: Record<PackRuleType, string[]> = {
  substitution: ['match', 'replacement', 'section'],
  existence: ['match', 'section'],
  required: ['section'],
  'stale-year': ['match', 'year', 'minimum', 'edition', 'section'],
};

const COMMON_KEYS = ['id', 'type', 'message', 'description', 'severity', 'link', 'scope', 'ignorecase', 'rationale', 'notes', 'examples'];
const TYPE_KEYS: Record<PackRuleType, string[]> = {
  substitution: ['swap', 'patterns', 'replacement'],
  existence: ['tokens', 'patterns'],
  required: ['tokens', 'patterns', 'sectionRequired'],
  'stale-year': ['pattern', 'minimum'],
};

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
}

export { packageRoot } from '../package-root.js';

/** Absolute path of a built-in pack. */
export function builtinPackPath(ref: string): string | undefined {
  const rel = BUILTIN_PACKS[ref];
  return rel ? path.join(packageRoot(), rel) : undefined;
}

function looksLikePath(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || path.isAbsolute(ref) || /\.ya?ml$/i.test(ref) || ref.startsWith('.\\') || ref.startsWith('..\\');
}

const NPM_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/**
 * Where a `packs:` entry points: a built-in pack, a YAML file relative to the
 * configuration file's folder, or an npm package installed below that folder
 * (its package.json `policy-lint` field, else `main`, names the YAML file).
 */
export function resolvePackRef(ref: string, configFile: string, pos: Position): string {
  const builtin = builtinPackPath(ref);
  if (builtin) return builtin;
  if (ref.startsWith('policy-lint:')) {
    failAt(configFile, pos, `unknown built-in pack "${ref}" (built-in packs: ${Object.keys(BUILTIN_PACKS).join(', ')})`);
  }
  const baseDir = path.dirname(configFile);
  if (looksLikePath(ref)) {
    const file = path.resolve(baseDir, ref);
    if (!isFile(file)) failAt(configFile, pos, `pack file "${ref}" not found (paths in packs are relative to the folder of this configuration file)`);
    return file;
  }
  if (!NPM_NAME.test(ref)) {
    failAt(configFile, pos, `"${ref}" is neither a pack file (ending .yaml or starting ./) nor an npm package name`);
  }
  let dir = baseDir;
  for (;;) {
    const pkgFile = path.join(dir, 'node_modules', ref, 'package.json');
    if (isFile(pkgFile)) {
      let pkg: Record<string, unknown>;
      try {
        pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
      } catch {
        failAt(configFile, pos, `npm package "${ref}" has an unreadable package.json (${pkgFile})`);
      }
      const field = typeof pkg['policy-lint'] === 'string' ? (pkg['policy-lint'] as string) : typeof pkg.main === 'string' ? (pkg.main as string) : undefined;
      if (!field) failAt(configFile, pos, `npm package "${ref}" has no "policy-lint" (or "main") field in its package.json naming its rule pack YAML file`);
      const file = path.resolve(path.dirname(pkgFile), field);
      if (!/\.ya?ml$/i.test(file)) failAt(configFile, pos, `npm package "${ref}" names "${field}" as its rule pack, but a pack must be a .yaml or .yml file`);
      if (!isFile(file)) failAt(configFile, pos, `npm package "${ref}" names "${field}" as its rule pack, but that file does not exist`);
      return file;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  failAt(configFile, pos, `npm package "${ref}" not found: install it with "npm install ${ref}" in this project, or give a path such as "./${ref}.yaml"`);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

const packCache = new Map<string, LoadedPack>();

/** Load (and cache) a pack file. Throws ConfigError on any problem. */
export function loadPack(file: string): LoadedPack {
  const cached = packCache.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, { line: 1, column: 1 }, code === 'ENOENT' ? 'pack file not found' : `pack file cannot be read (${code ?? String(error)})`);
  }
  const snapshot = builtinSnapshot(file, text);
  const pack = snapshot ? parsePackTree(file, snapshot) : parsePack(file, text);
  packCache.set(file, pack);
  return pack;
}

/** Where `npm run build` writes the parsed tree of a built-in pack: beside the compiled code (dist/rules/packs/NAME.yaml.json). */
export function builtinSnapshotPath(ref: string): string | undefined {
  const rel = BUILTIN_PACKS[ref];
  return rel ? path.join(packageRoot(), 'dist', `${rel}.json`) : undefined;
}

/** The snapshot of a built-in pack's parsed tree, without file names, stamped with the SHA-256 of the pack's text. */
export function packSnapshot(file: string, text: string): string {
  const tree = readStructured(file, text, 'yaml');
  const strip = (_key: string, value: unknown): unknown => (_key === 'file' ? undefined : value);
  return `${JSON.stringify({ sha256: crypto.createHash('sha256').update(text).digest('hex'), tree }, strip)}\n`;
}

/**
 * The parsed tree of a built-in pack from its snapshot, so that the default
 * configuration loads without the YAML parser; undefined (parse the YAML)
 * when there is no snapshot (running from the TypeScript sources) or it was
 * made from other text.
 */
function builtinSnapshot(file: string, text: string): PNode | undefined {
  const ref = Object.keys(BUILTIN_PACKS).find((r) => builtinPackPath(r) === file);
  const snapshotFile = ref ? builtinSnapshotPath(ref) : undefined;
  if (!snapshotFile) return undefined;
  try {
    const data = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as { sha256?: unknown; tree?: unknown };
    if (data.sha256 !== crypto.createHash('sha256').update(text).digest('hex') || typeof data.tree !== 'object' || data.tree === null) return undefined;
    const withFile = (node: Record<string, unknown>): void => {
      node.file = file;
      for (const e of (node.entries as { value: Record<string, unknown> }[] | undefined) ?? []) withFile(e.value);
      for (const item of (node.items as Record<string, unknown>[] | undefined) ?? []) withFile(item);
    };
    withFile(data.tree as Record<string, unknown>);
    return data.tree as PNode;
  } catch {
    return undefined;
  }
}

/** Parse and validate the text of a pack file. */
export function parsePack(file: string, text: string): LoadedPack {
  return parsePackTree(file, readStructured(file, text, /\.json$/i.test(file) ? 'json' : 'yaml'));
}

/** Validate a pack's parsed tree and build its rules. */
function parsePackTree(file: string, tree: PNode): LoadedPack {
  const root = expectMap(tree, 'rule pack');
  checkKeys(root, ['name', 'description', 'rules'], 'rule pack');
  const nameEntry = requireEntry(root, 'name', 'rule pack');
  const name = expectString(nameEntry.value, 'name', '"my-authority"');
  if (!KEBAB.test(name) || name === 'policy-lint') {
    fail(nameEntry.value, `name: "${name}" must be kebab-case (lower-case words joined by "-", e.g. "my-authority") and not "policy-lint"`);
  }
  const descEntry = entry(root, 'description');
  const description = descEntry ? expectString(descEntry.value, 'description') : undefined;
  const rulesEntry = requireEntry(root, 'rules', 'rule pack');
  if (rulesEntry.value.kind !== 'seq') fail(rulesEntry.value, `rules: expected a list of rules (lines starting "- id: ${name}/..."), got ${rulesEntry.value.kind === 'map' ? 'a mapping' : 'a single value'}`);
  const rules: PackRule[] = [];
  const ids = new Set<string>();
  rulesEntry.value.items.forEach((item, i) => {
    const rule = parseRule(item, `rules[${i}]`, name, description, file);
    if (ids.has(rule.meta.id)) fail(item, `rules[${i}].id: "${rule.meta.id}" is defined twice in this pack`);
    ids.add(rule.meta.id);
    rules.push(rule);
  });
  return { name, ...(description !== undefined ? { description } : {}), file, rules };
}

interface Matcher {
  regex: RegExp;
  /** For swap entries: normalised old word -> replacement. */
  swap?: Map<string, string>;
  /** For substitution patterns: the replacement template. */
  replacement?: string;
}

function wordBoundaryPattern(words: string[]): string {
  const sorted = [...words].sort((a, b) => b.length - a.length || compareText(a, b));
  const body = sorted.map((w) => escapeRegExp(w.trim()).replace(/\s+/g, '\\s+')).join('|');
  return `(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`;
}

function normalizeWord(word: string, ignoreCase: boolean): string {
  const w = word.trim().replace(/\s+/g, ' ');
  return ignoreCase ? w.toLowerCase() : w;
}

function compilePattern(node: PNode, what: string, flags: string): RegExp {
  const source = expectString(node, what);
  const result = compileUserRegex(source, flags);
  if ('error' in result) fail(node, `${what}: the regular expression "${source}" ${result.error}`);
  return result.regex;
}

function parseSeverity(node: PNode, what: string): Severity {
  const value = node.kind === 'scalar' ? node.value : undefined;
  if (value === 'error') return 'error';
  if (value === 'warn' || value === 'warning') return 'warning';
  fail(node, `${what}: expected "warn" or "error", got ${node.kind === 'scalar' ? JSON.stringify(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping'}`);
}

function checkPlaceholders(node: PNode, message: string, type: PackRuleType, what: string): void {
  for (const m of message.matchAll(/\{([^{}]*)\}/g)) {
    if (!PLACEHOLDERS[type].includes(m[1]!)) {
      fail(node, `${what}: unknown placeholder "{${m[1]}}" for a ${type} rule (use ${PLACEHOLDERS[type].map((p) => `{${p}}`).join(', ')})`);
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
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) fail(asOf.value, `${label}.asOf: expected a date in the form YYYY-MM-DD, got "${v}"`);
      example.asOf = v;
    }
    return example;
  });
}

function parseRule(node: PNode, what: string, packName: string, packDescription: string | undefined, file: string): PackRule {
  const map = expectMap(node, what);
  const typeEntry = requireEntry(map, 'type', what);
  const typeValue = expectString(typeEntry.value, `${what}.type`);
  if (!(PACK_TYPES as readonly string[]).includes(typeValue)) {
    fail(typeEntry.value, `${what}.type: unknown rule type "${typeValue}" (types: ${PACK_TYPES.join(', ')})`);
  }
  const type = typeValue as PackRuleType;
  checkKeys(map, [...COMMON_KEYS, ...TYPE_KEYS[type]], `${what} (${type})`);

  const idEntry = requireEntry(map, 'id', what);
  const id = expectString(idEntry.value, `${what}.id`, `"${packName}/my-rule"`);
  if (!id.startsWith(`${packName}/`) || !KEBAB.test(id.slice(packName.length + 1))) {
    fail(idEntry.value, `${what}.id: "${id}" must be the pack name, a slash and a kebab-case name, e.g. "${packName}/${KEBAB.test(id) ? id : 'my-rule'}"`);
  }
  const label = `${what} (${id})`;
  const messageEntry = requireEntry(map, 'message', label);
  const message = expectString(messageEntry.value, `${label}.message`);
  checkPlaceholders(messageEntry.value, message, type, `${label}.message`);
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
  const sectionRequiredEntry = entry(map, 'sectionRequired');
  const sectionRequired = sectionRequiredEntry ? expectBoolean(sectionRequiredEntry.value, `${label}.sectionRequired`) : false;
  if (sectionRequiredEntry && scope.length === 0) {
    fail(sectionRequiredEntry.value, `${label}.sectionRequired: needs a scope (it reports the scope section when the document lacks it)`);
  }
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

  const matchers: Matcher[] = [];
  const patternsOf = (key: string): RegExp[] => {
    const e = entry(map, key);
    if (!e) return [];
    return expectStrings(e.value, `${label}.${key}`).map((s, i) => compilePattern(s.node, `${label}.${key}${e.value.kind === 'seq' ? `[${i}]` : ''}`, flags));
  };
  const tokensOf = (key: string): string[] => {
    const e = entry(map, key);
    if (!e) return [];
    return expectStrings(e.value, `${label}.${key}`).map((s) => s.value);
  };
  let seriesRef: PackRule['seriesRef'];
  let minimum: number | string | undefined;
  let citation: RegExp | undefined;

  switch (type) {
    case 'substitution': {
      const swapEntry = entry(map, 'swap');
      const patterns = patternsOf('patterns');
      const replacement = text('replacement');
      if (swapEntry && patterns.length) fail(swapEntry.value, `${label}: give either swap (words) or patterns with a replacement, not both`);
      if (swapEntry) {
        if (replacement !== undefined) fail(entry(map, 'replacement')!.value, `${label}.replacement: only used with patterns; with swap, each word names its own replacement`);
        const swapMap = expectMap(swapEntry.value, `${label}.swap`);
        if (swapMap.entries.length === 0) fail(swapMap, `${label}.swap: expected at least one "old: new" pair`);
        const swap = new Map<string, string>();
        for (const e of swapMap.entries) {
          const to = expectString(e.value, `${label}.swap.${e.key}`);
          if (e.key.trim() === '') failAt(file, e.keyPos, `${label}.swap: an empty word cannot be swapped`);
          swap.set(normalizeWord(e.key, ignoreCase), to);
        }
        const regex = new RegExp(wordBoundaryPattern(swapMap.entries.map((e) => e.key)), flags);
        matchers.push({ regex, swap });
      } else if (patterns.length) {
        if (replacement === undefined) fail(map, `${label}: patterns need a "replacement" (it may use $1 or $<name> for captured text)`);
        for (const regex of patterns) matchers.push({ regex, replacement });
      } else {
        fail(map, `${label}: a substitution rule needs "swap" (old: new words) or "patterns" with a "replacement"`);
      }
      break;
    }
    case 'existence':
    case 'required': {
      const tokens = tokensOf('tokens');
      const patterns = patternsOf('patterns');
      if (!tokens.length && !patterns.length) fail(map, `${label}: a ${type} rule needs "tokens" (words) or "patterns" (regular expressions)`);
      if (tokens.length) matchers.push({ regex: new RegExp(wordBoundaryPattern(tokens), flags) });
      for (const regex of patterns) matchers.push({ regex });
      break;
    }
    case 'stale-year': {
      const patternEntry = requireEntry(map, 'pattern', label);
      citation = compilePattern(patternEntry.value, `${label}.pattern`, flags);
      if (!/\(\?<year>/.test(citation.source)) fail(patternEntry.value, `${label}.pattern: needs a group named year, e.g. "KCSIE\\s+(?<year>\\d{4})"`);
      const minEntry = requireEntry(map, 'minimum', label);
      const mv = minEntry.value;
      if (mv.kind === 'scalar' && typeof mv.value === 'number') {
        if (!Number.isInteger(mv.value) || mv.value < 1900 || mv.value > 2200) fail(mv, `${label}.minimum: expected a year between 1900 and 2200, got ${mv.value}`);
        minimum = mv.value;
      } else if (mv.kind === 'scalar' && typeof mv.value === 'string' && mv.value.trim()) {
        minimum = mv.value;
        seriesRef = { id: mv.value, file, pos: mv.pos };
      } else {
        fail(mv, `${label}.minimum: expected a year (e.g. 2024) or a guidance series id (e.g. kcsie)`);
      }
      break;
    }
  }

  const sources = link ? [{ title: link, url: link }] : [{ title: `Rule pack "${packName}" (${path.basename(file)})` }];
  const oneLine = description ?? `${message.replace(/\{[^{}]*\}/g, '…').split('\n')[0]}`;
  const rule: PackRule = {
    pack: packName,
    file,
    type,
    ...(seriesRef ? { seriesRef } : {}),
    meta: {
      id,
      description: oneLine,
      severity,
      fixable: type === 'substitution' ? 'safe' : false,
      rationale: rationale ?? packDescription ?? oneLine,
      sources,
      notes: `${notes ? `${notes} ` : ''}Defined in the rule pack "${packName}" (${path.basename(file)}) as a ${type} rule${scope.length ? `, checked within: ${scope.join(', ')}` : ''}.`,
      examples,
    },
    check: (context) => {
      switch (type) {
        case 'substitution':
          return checkSubstitution(context, matchers, message, scope);
        case 'existence':
          return checkExistence(context, matchers, message, scope);
        case 'required':
          return checkRequired(context, id, matchers, message, scope, sectionRequired);
        case 'stale-year':
          return checkStaleYear(context, citation!, minimum!, message, scope);
      }
    },
  };
  return rule;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}]*)\}/g, (all, name: string) => values[name] ?? all);
}

/** Sections named by `scope` (titles, vocabulary aliases or canonical ids). */
export function scopeSections(doc: PolicyDocument, scope: string[]): Section[] {
  const canonical = new Set<string>();
  const titles = new Set<string>();
  for (const name of scope) {
    canonical.add(name);
    const v = matchVocabulary(name);
    if (v) canonical.add(v.id);
    titles.add(normalizeTitle(name));
  }
  return doc.sections.filter((s) => (s.canonical !== undefined && canonical.has(s.canonical)) || titles.has(normalizeTitle(s.title)));
}

/** The blocks a rule looks at: the whole document, or the named sections (with their subsections). */
function blocksInScope(doc: PolicyDocument, scope: string[]): { blocks: TextBlock[]; sections: Section[] } {
  if (!scope.length) return { blocks: doc.blocks, sections: [] };
  const sections = scopeSections(doc, scope);
  const seen = new Set<number>();
  const blocks: TextBlock[] = [];
  for (const s of sections) {
    for (const b of sectionBlocks(s)) {
      if (!seen.has(b.index)) {
        seen.add(b.index);
        blocks.push(b);
      }
    }
  }
  return { blocks: blocks.sort((a, b) => a.index - b.index), sections };
}

function sectionTitle(block: TextBlock): string {
  return block.section.level === 0 ? 'the document' : block.section.title;
}

/** Expand `$&`, `$1`, `$<name>` and `$$` in a replacement template. */
function expandReplacement(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|&|\d{1,2}|<([^>]+)>)/g, (all, what: string, name: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return m[0];
    if (name !== undefined) return m.groups?.[name] ?? '';
    return m[Number(what)] ?? all;
  });
}

function matchCase(found: string, replacement: string): string {
  const first = found[0] ?? '';
  const rFirst = replacement[0] ?? '';
  if (first && first === first.toUpperCase() && first !== first.toLowerCase() && rFirst === rFirst.toLowerCase()) {
    return rFirst.toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

interface LinkRange {
  start: number;
  end: number;
  /** Where the link's destination starts in the source (after "](") when it has one. */
  urlStart?: number;
}

function linksOf(doc: PolicyDocument): LinkRange[] {
  const out: LinkRange[] = [];
  // Depth-first in document order, without recursion (the tree can be thousands deep).
  const stack: unknown[] = [doc.mdast];
  while (stack.length > 0) {
    const n = stack.pop() as { type?: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: { position?: { end: { offset?: number } } }[] };
    if (n.type === 'link' && n.position) {
      const start = n.position.start.offset ?? 0;
      const end = n.position.end.offset ?? 0;
      const lastChild = n.children?.[n.children.length - 1];
      const childEnd = lastChild?.position?.end.offset;
      const link: LinkRange = { start, end };
      if (childEnd !== undefined && doc.text.startsWith('](', childEnd)) link.urlStart = childEnd + 2;
      out.push(link);
    }
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

function checkSubstitution(context: RuleContext, matchers: Matcher[], message: string, scope: string[]): void {
  const { doc, report } = context;
  const { blocks } = blocksInScope(doc, scope);
  let links: LinkRange[] | undefined;
  for (const matcher of matchers) {
    for (const m of findAll(doc, matcher.regex, blocks)) {
      const found = m.match[0];
      let replacement: string;
      if (matcher.swap) {
        const ignoreCase = matcher.regex.flags.includes('i');
        replacement = matcher.swap.get(normalizeWord(found, ignoreCase)) ?? '';
        if (ignoreCase) replacement = matchCase(found, replacement);
      } else {
        replacement = expandReplacement(matcher.replacement ?? '', m.match);
      }
      if (replacement === found || alreadyReplaced(m, replacement)) continue;
      const edits: TextEdit[] = [];
      if (doc.text.slice(m.start, m.end) === found) {
        edits.push({ start: m.start, end: m.end, text: replacement });
        // The same old text in the destination of the link that shows it (mailto:, http://).
        links ??= linksOf(doc);
        const link = links.find((l) => l.start <= m.start && m.end <= l.end && l.urlStart !== undefined);
        if (link?.urlStart !== undefined) {
          const url = doc.text.slice(link.urlStart, link.end);
          let at = url.indexOf(found);
          while (at >= 0) {
            edits.push({ start: link.urlStart + at, end: link.urlStart + at + found.length, text: replacement });
            at = url.indexOf(found, at + found.length);
          }
        }
      }
      report({
        message: fill(message, { match: found, replacement, section: sectionTitle(m.block) }),
        start: m.start,
        end: m.end,
        ...(edits.length ? { fix: { safety: 'safe' as const, edits } } : {}),
      });
    }
  }
}

/** True when the text around the match already reads as the replacement (swap "Virtual School" -> "the Virtual School"). */
function alreadyReplaced(m: TextMatch, replacement: string): boolean {
  if (!replacement || replacement.length <= m.match[0].length) return false;
  const text = m.block.text;
  const lower = text.toLowerCase();
  const want = replacement.toLowerCase();
  let at = lower.indexOf(want);
  while (at >= 0) {
    if (at <= m.match.index && m.match.index + m.match[0].length <= at + want.length) return true;
    at = lower.indexOf(want, at + 1);
  }
  return false;
}

function checkExistence(context: RuleContext, matchers: Matcher[], message: string, scope: string[]): void {
  const { doc, report } = context;
  const { blocks } = blocksInScope(doc, scope);
  for (const matcher of matchers) {
    for (const m of findAll(doc, matcher.regex, blocks)) {
      report({ message: fill(message, { match: m.match[0], section: sectionTitle(m.block) }), start: m.start, end: m.end });
    }
  }
}

function checkRequired(context: RuleContext, id: string, matchers: Matcher[], message: string, scope: string[], sectionRequired: boolean): void {
  const { doc, report } = context;
  const { blocks, sections } = blocksInScope(doc, scope);
  if (scope.length && sections.length === 0) {
    // The section is missing: required-sections says so. Only a rule whose pack requires the section says it too, at its own severity.
    if (sectionRequired) {
      report({
        message: `${id} checks the section ${scope.map((s) => `"${s}"`).join(' or ')}, which this document does not have: add the section (or a heading that names it), or turn the rule off.`,
        start: 0,
        end: 0,
      });
    }
    return;
  }
  for (const matcher of matchers) {
    if (findAll(doc, matcher.regex, blocks).length > 0) return;
  }
  const at = sections[0];
  const section = at ? at.title : 'the document';
  if (at?.heading) report({ message: fill(message, { section }), start: at.titleStart, end: at.titleEnd });
  else report({ message: fill(message, { section }), start: 0, end: 0 });
}

function checkStaleYear(context: RuleContext, citation: RegExp, minimum: number | string, message: string, scope: string[]): void {
  const { doc, settings, report } = context;
  let minYear: number;
  let edition: string;
  if (typeof minimum === 'number') {
    minYear = minimum;
    edition = String(minimum);
  } else {
    const series = Object.hasOwn(settings.guidance.series, minimum) ? settings.guidance.series[minimum] : undefined;
    if (!series) throw new Error(`guidance series "${minimum}" is not in the registry`);
    const inForce = editionInForce(series, settings.asOf);
    if (!inForce) return;
    minYear = inForce.year;
    edition = inForce.edition;
  }
  const { blocks } = blocksInScope(doc, scope);
  for (const m of findAll(doc, citation, blocks)) {
    const year = m.match.groups?.year;
    const span = m.match.indices?.groups?.year;
    if (year === undefined || !/^\d{4}$/.test(year) || Number(year) >= minYear) continue;
    const range = span ? sourceRange(m.block, span[0], span[1]) : { start: m.start, end: m.end };
    report({
      message: fill(message, { match: m.match[0], year, minimum: String(minYear), edition, section: sectionTitle(m.block) }),
      ...range,
    });
  }
}

/** The rules of every built-in pack (for the README and docs). */
export function builtinPackRules(): PackRule[] {
  return packRules(Object.keys(BUILTIN_PACKS).map((ref) => loadPack(builtinPackPath(ref)!)));
}

/** Every rule of the given packs, in pack order. */
export function packRules(packs: LoadedPack[]): PackRule[] {
  return packs.flatMap((p) => p.rules);
}

export function isPackRule(rule: Rule): rule is PackRule {
  return typeof (rule as PackRule).pack === 'string';
}

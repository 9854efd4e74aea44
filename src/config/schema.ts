/**
 * One configuration file, read and checked: `.policylintrc.yaml`,
 * `.policylintrc.yml` or `.policylintrc.json` (or any file given with
 * --config). Everything that can be checked without knowing the final rule
 * list is checked here; rule ids and options are checked when the cascade is
 * resolved (src/config/resolve.ts), still with this file's line and column.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SeverityOrOff } from '../types.js';
import { ConfigError, quote, type Position } from './errors.js';
import { readStructured, type PMap, type PNode } from './structured.js';
import { checkKeys, entry, expectBoolean, expectMap, expectStrings, fail } from './check.js';
import { PRESETS, type PresetData } from './presets.js';
import { NotRegularFileError, readRegularFile } from '../document/regular-file.js';

export const CONFIG_FILE_NAMES = ['.policylintrc.yaml', '.policylintrc.yml', '.policylintrc.json'];

export const TOP_LEVEL_KEYS = ['root', 'extends', 'rules', 'settings', 'ignores', 'packs', 'profile'] as const;
export const SETTINGS_KEYS = ['asOf', 'guidance', 'model', 'reportUnusedDirectives', 'noInlineConfig', 'reviewCycleMonths', 'requiredSections', 'preferredTerms'] as const;

/** Convenience settings and the rule option each one sets. */
export const SETTING_OPTIONS: Readonly<Record<string, { rule: string; option: string }>> = {
  reviewCycleMonths: { rule: 'review-date', option: 'maxCycleMonths' },
  requiredSections: { rule: 'required-sections', option: 'sections' },
  preferredTerms: { rule: 'consistent-terminology', option: 'preferred' },
};

export interface Ref {
  value: string;
  file: string;
  pos: Position;
}

export interface RuleEntry {
  /** A rule id, or "pack/*" for every rule of a pack. */
  id: string;
  file: string;
  pos: Position;
  severity?: SeverityOrOff;
  options?: PMap;
}

export interface ConfigData {
  /** Absolute path, or the preset's name. */
  file: string;
  root: boolean;
  extends: Ref[];
  rules: RuleEntry[];
  severities?: 'defaults';
  severityMap?: PresetData['severityMap'];
  asOf?: { value: string; date: Date; file: string; pos: Position };
  guidance?: PMap;
  /** settings.model: the model policy's path as written (relative to `file`'s folder). */
  model?: Ref;
  /** settings.reportUnusedDirectives: as --report-unused-directives, for every file this configuration covers. */
  reportUnusedDirectives?: boolean;
  /** settings.noInlineConfig: as --no-inline-config, for every file this configuration covers. */
  noInlineConfig?: boolean;
  conveniences: { name: string; node: PNode }[];
  ignores: Ref[];
  packs: Ref[];
  /** `profile: lac`: the profile every file is read as (src/config/profiles.ts); checked once packs are loaded. */
  profile?: Ref;
}

/** A date written YYYY-MM-DD that exists in the calendar, as UTC midnight. */
/** The years settings.asOf and --as-of may name (policies are judged as on a day of this era; 0001-01-01 is a mistake). */
export const AS_OF_RANGE = [1900, 2199] as const;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * For a value in the form YYYY-MM-DD that is not a real day ("2025-02-30"), why not: "February 2025 has 28
 * days", "there is no month 13"; undefined for a real day or a value not in that form.
 */
export function notARealDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || parseIsoDate(value)) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  const days = new Date(Date.UTC(2000, month, 0));
  days.setUTCFullYear(Number(m[1]), month, 0);
  return `${MONTH_NAMES[month - 1]} ${m[1]} has ${days.getUTCDate()} days`;
}

/** What is wrong with a date that is not a real day in the form YYYY-MM-DD, for an error message: `"2025-02-30" is not a real date (February 2025 has 28 days)`. */
export function dateProblem(value: string): string {
  const why = notARealDate(value);
  return why !== undefined ? `"${value}" is not a real date (${why})` : `"${value}" is not a date in the form YYYY-MM-DD`;
}

export function parseIsoDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  date.setUTCFullYear(Number(m[1])); // Date.UTC reads years 0-99 as 1900-1999
  if (date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) return undefined;
  return date;
}

const SEVERITY_WORDS: Record<string, SeverityOrOff> = { off: 'off', warn: 'warning', warning: 'warning', error: 'error' };

/** `off`, `warn` (or `warning`) or `error`. */
export function parseSeverityNode(node: PNode, what: string): SeverityOrOff {
  if (node.kind === 'scalar' && typeof node.value === 'string' && Object.hasOwn(SEVERITY_WORDS, node.value)) return SEVERITY_WORDS[node.value]!;
  const got = node.kind === 'scalar' ? quote(node.value) : node.kind === 'seq' ? 'a list' : 'a mapping';
  fail(node, `${what}: expected a severity "off", "warn" or "error", got ${got}`);
}

function parseRules(node: PNode): RuleEntry[] {
  const map = expectMap(node, 'rules');
  return map.entries.map((e) => {
    const what = `rules.${e.key}`;
    const out: RuleEntry = { id: e.key, file: map.file, pos: e.keyPos };
    const v = e.value;
    if (v.kind === 'seq') {
      if (v.items.length < 1 || v.items.length > 2) fail(v, `${what}: expected [severity] or [severity, {options}], got a list of ${v.items.length}`);
      out.severity = parseSeverityNode(v.items[0]!, what);
      if (v.items[1]) out.options = expectMap(v.items[1], `${what} options`);
    } else if (v.kind === 'map') {
      fail(v, `${what}: expected a severity ("off", "warn" or "error") or [severity, {options}], got a mapping; write options as [warn, {name: value}]`);
    } else {
      out.severity = parseSeverityNode(v, what);
    }
    return out;
  });
}

/**
 * The rules of one `--rule` value, as a layer over the configuration files: `id: severity`,
 * `id: [severity, {options}]`, several at once (`a: off, b: warn`) or a JSON object. The value is read as a
 * YAML flow mapping, so JSON works too; errors name the option and its value (`--rule "x: y": ...`).
 */
export function parseRuleFlag(value: string): ConfigData {
  const file = `--rule ${quote(value)}`;
  const text = value.trim();
  const shape = 'expected "id: severity" or "id: [severity, {options}]", e.g. --rule "review-date: off"';
  if (text === '') throw new ConfigError(file, { line: 1, column: 1 }, shape);
  const root = readStructured(file, text.startsWith('{') ? text : `{${text}}`, 'yaml');
  if (root.kind !== 'map' || root.entries.length === 0) throw new ConfigError(file, { line: 1, column: 1 }, shape);
  for (const e of root.entries) if (e.value.kind === 'scalar' && e.value.value === null) throw new ConfigError(file, e.keyPos, `${shape} (no severity given for "${e.key}")`);
  return { file, root: false, extends: [], rules: parseRules(root), conveniences: [], ignores: [], packs: [] };
}

/** Parse a configuration file's text. */
export function parseConfig(file: string, text: string): ConfigData {
  const format = /\.json$/i.test(file) ? 'json' : 'yaml';
  const root = readStructured(file, text, format);
  if (root.kind !== 'map')
    fail(
      { ...root, pos: { line: 1, column: 1 } },
      `a configuration file must be a mapping of settings (root, extends, rules, settings, ignores, packs), got ${root.kind === 'seq' ? 'a list' : 'a single value'}`,
    );
  // A file with none of the keys of a configuration is not one (extends: /etc/passwd): say so, and quote
  // nothing of it (its "keys" would be its first lines).
  if (root.entries.length > 0 && !root.entries.some((e) => (TOP_LEVEL_KEYS as readonly string[]).includes(e.key))) {
    fail(root, `not a policy-lint configuration: none of its top-level keys is one of ${TOP_LEVEL_KEYS.join(', ')} (its content is not shown)`);
  }
  checkKeys(root, TOP_LEVEL_KEYS, 'configuration');
  const data: ConfigData = { file, root: false, extends: [], rules: [], conveniences: [], ignores: [], packs: [] };
  const refs = (key: string): Ref[] => {
    const e = entry(root, key);
    if (!e || (e.value.kind === 'scalar' && e.value.value === null)) return [];
    return expectStrings(e.value, key).map((s) => ({ value: s.value, file, pos: s.node.pos }));
  };
  const rootEntry = entry(root, 'root');
  if (rootEntry) data.root = expectBoolean(rootEntry.value, 'root');
  data.extends = refs('extends');
  data.ignores = refs('ignores');
  data.packs = refs('packs');
  const profileEntry = entry(root, 'profile');
  if (profileEntry && !(profileEntry.value.kind === 'scalar' && profileEntry.value.value === null)) {
    const v = profileEntry.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string' || !v.value.trim()) fail(v, 'profile: expected a profile name such as "herts-csw", "lac" or "generic"');
    data.profile = { value: (v.value as string).trim(), file, pos: v.pos };
  }
  const rulesEntry = entry(root, 'rules');
  if (rulesEntry && !(rulesEntry.value.kind === 'scalar' && rulesEntry.value.value === null)) data.rules = parseRules(rulesEntry.value);
  const settingsEntry = entry(root, 'settings');
  if (settingsEntry && !(settingsEntry.value.kind === 'scalar' && settingsEntry.value.value === null)) {
    const settings = expectMap(settingsEntry.value, 'settings');
    checkKeys(settings, SETTINGS_KEYS, 'settings');
    for (const e of settings.entries) {
      if (e.key === 'asOf') {
        const v = e.value;
        const text = v.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
        const date = text !== undefined ? parseIsoDate(text) : undefined;
        if (date && (date.getUTCFullYear() < AS_OF_RANGE[0] || date.getUTCFullYear() > AS_OF_RANGE[1])) {
          fail(v, `settings.asOf: the date ${text} is out of range: give a day from ${AS_OF_RANGE[0]}-01-01 to ${AS_OF_RANGE[1]}-12-31`);
        }
        if (!date && text !== undefined && notARealDate(text) !== undefined) fail(v, `settings.asOf: ${dateProblem(text)}`);
        if (!date)
          fail(v, `settings.asOf: expected a date in the form YYYY-MM-DD (e.g. 2026-09-01), got ${v.kind === 'scalar' ? quote(v.value) : `a ${v.kind === 'seq' ? 'list' : 'mapping'}`}`);
        data.asOf = { value: text!, date, file, pos: v.pos };
      } else if (e.key === 'guidance') {
        data.guidance = expectMap(e.value, 'settings.guidance');
      } else if (e.key === 'reportUnusedDirectives') {
        data.reportUnusedDirectives = expectBoolean(e.value, 'settings.reportUnusedDirectives');
      } else if (e.key === 'noInlineConfig') {
        data.noInlineConfig = expectBoolean(e.value, 'settings.noInlineConfig');
      } else if (e.key === 'model') {
        const v = e.value;
        if (v.kind !== 'scalar' || typeof v.value !== 'string' || v.value.trim() === '') {
          fail(
            v,
            `settings.model: expected the path of the model policy (relative to this file), got ${v.kind === 'scalar' ? quote(v.value) : `a ${v.kind === 'seq' ? 'list' : 'mapping'}`}`,
          );
        }
        data.model = { value: v.value, file, pos: v.pos };
      } else {
        data.conveniences.push({ name: e.key, node: e.value });
      }
    }
  }
  return data;
}

/** Read and parse a configuration file. */
export function readConfigFile(file: string): ConfigData {
  let text: string;
  try {
    text = readRegularFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      error instanceof NotRegularFileError
        ? error.what
        : code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory, not a file'
            : code === 'EACCES' || code === 'EPERM'
              ? 'permission denied'
              : `cannot be read (${code ?? String(error)})`;
    throw new ConfigError(file, { line: 1, column: 1 }, `configuration file ${why}`);
  }
  return parseConfig(file, text);
}

/** A preset as configuration data. */
export function presetConfig(name: string): ConfigData | undefined {
  const preset = PRESETS[name];
  if (!preset) return undefined;
  const pos = { line: 1, column: 1 };
  const data: ConfigData = {
    file: name,
    root: false,
    extends: (preset.extends ?? []).map((value) => ({ value, file: name, pos })),
    rules: [],
    conveniences: [],
    ignores: [],
    packs: (preset.packs ?? []).map((value) => ({ value, file: name, pos })),
  };
  if (preset.severities) data.severities = preset.severities;
  if (preset.severityMap) data.severityMap = preset.severityMap;
  return data;
}

/** The configuration file in `dir`, if any (first of CONFIG_FILE_NAMES). */
export function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

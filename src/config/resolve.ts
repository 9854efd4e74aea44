/**
 * Resolving the configuration for a file: the cascade of configuration files,
 * `extends`, presets, packs, and the final rule list with severities and
 * options.
 *
 * Order of layers, later overriding earlier:
 *   1. policy-lint:recommended (the embedded default);
 *   2. the configuration files found by walking up from the file's folder,
 *      farthest first (the walk stops at a file with `root: true`), or only
 *      the file given with --config;
 *   3. within one file: its `extends` entries in order, then the file itself;
 *   4. the --rule values, in the order given (as ESLint's --rule).
 * Within one layer: preset severities, then convenience settings
 * (reviewCycleMonths...), then `pack/*` rule entries, then single rules.
 * Options given for a rule are merged key by key over what earlier layers set.
 * Packs add up across layers. `--as-of` overrides `settings.asOf`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import type { Rule, Settings, SeverityOrOff } from '../types.js';
import type { Guidance } from '../domain/guidance.js';
import { GUIDANCE } from '../domain/guidance.js';
import { RULES } from '../../rules/index.js';
import { ConfigError, didYouMean, displayPath } from './errors.js';
import { fail, failAt } from './check.js';
import { validateOption, validateOptions, optionDefaults } from './options.js';
import { configFileIn, parseRuleFlag, presetConfig, readConfigFile, SETTING_OPTIONS, type ConfigData, type Ref } from './schema.js';
import { mergeGuidance } from './guidance.js';
import { checkData } from '../domain/data.js';
import { PRESETS, DEFAULT_PRESET } from './presets.js';
import { BUILTIN_PACKS, builtinPackPath, loadPack, resolvePackRef, type LoadedPack, type PackRule } from '../packs/index.js';
import { DIRECTIVE_RULE_ID, UNCLOSED_COMMENT_RULE_ID } from '../engine/directives.js';
import { ENCODING_RULE_ID } from '../document/source.js';
import { BUILTIN_PROFILES, type ProfileChoice } from './profiles.js';

export interface RuleSetting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

export interface IgnoreSet {
  /** Folder the patterns are relative to (the configuration file's folder). */
  base: string;
  patterns: string[];
  /** The configuration file that gave them. */
  file: string;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  settings: Settings;
  /** Every rule known to this configuration: the built-in rules, then pack rules. */
  registry?: Rule[];
  /** Configuration files used, farthest first (empty: the embedded default). */
  files?: string[];
  /**
   * Everything the configuration was made from, in the order it applies (later wins): presets by name, files
   * (absolute paths: those found, and those they extend), and --rule values ("--rule ...").
   */
  sources?: string[];
  packs?: LoadedPack[];
  ignores?: IgnoreSet[];
  /** The profiles this configuration knows (built-in, then packs'), and the one it forces, if any. */
  profiles?: ProfileChoice;
}

export interface ResolveOptions {
  cwd: string;
  /** --config FILE: use only this file (no walk). */
  configFile?: string;
  /** --as-of: overrides settings.asOf. */
  asOf?: Date;
  /** --report-unused-directives. */
  reportUnusedDirectives?: boolean;
  /** --no-inline-config: inline directives silence nothing (each is reported as having no effect). */
  noInlineConfig?: boolean;
  /** --rule values (`id: severity`, `id: [severity, {options}]`), applied over the configuration files. */
  rules?: string[];
  /** The built-in rules (default: rules/index.ts). */
  builtins?: Rule[];
  /** "Today", when no as-of date is configured. */
  today?: () => Date;
  /** --model FILE (absolute): the model policy, overriding settings.model. */
  model?: string;
  /** --profile NAME: read every file as this profile (overrides `profile:` in configuration). */
  profile?: string;
}

/** Today as a UTC-midnight date. */
export function today(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

export class ConfigResolver {
  private readonly data = new Map<string, ConfigData>();
  private readonly byDir = new Map<string, ResolvedConfig>();
  private readonly byChain = new Map<string, ResolvedConfig>();
  private readonly matchers = new Map<IgnoreSet, Ignore>();
  private readonly builtins: Rule[];
  private flagLayers: ConfigData[] | undefined;

  constructor(private readonly options: ResolveOptions) {
    this.builtins = options.builtins ?? RULES;
  }

  private read(file: string): ConfigData {
    let d = this.data.get(file);
    if (!d) {
      d = readConfigFile(file);
      this.data.set(file, d);
    }
    return d;
  }

  /** The configuration files that apply in `dir`, farthest first. */
  chainFor(dir: string): string[] {
    if (this.options.configFile !== undefined) return [path.resolve(this.options.cwd, this.options.configFile)];
    const found: string[] = [];
    let current = path.resolve(dir);
    for (;;) {
      const file = configFileIn(current);
      if (file) {
        found.push(file);
        if (this.read(file).root) break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    return found.reverse();
  }

  /** The configuration for a file to lint. */
  forFile(file: string): ResolvedConfig {
    return this.forDirectory(path.dirname(path.resolve(this.options.cwd, file)));
  }

  forDirectory(dir: string): ResolvedConfig {
    const abs = path.resolve(this.options.cwd, dir);
    const cached = this.byDir.get(abs);
    if (cached) return cached;
    const chain = this.chainFor(abs);
    const key = chain.join('\u0000');
    let resolved = this.byChain.get(key);
    if (!resolved) {
      resolved = this.resolveChain(chain);
      this.byChain.set(key, resolved);
    }
    this.byDir.set(abs, resolved);
    return resolved;
  }

  /** Every rule of every configuration resolved so far (built-in rules first), for formatters and docs. */
  allRules(): Rule[] {
    const out = new Map<string, Rule>(this.builtins.map((r) => [r.meta.id, r]));
    for (const config of this.byChain.values()) for (const r of config.registry ?? []) if (!out.has(r.meta.id)) out.set(r.meta.id, r);
    return [...out.values()];
  }

  /** Is `file` ignored by the `ignores` of its configuration? Returns the reason, or undefined. */
  ignoredBy(file: string, config: ResolvedConfig): string | undefined {
    const abs = path.resolve(this.options.cwd, file);
    for (const set of config.ignores ?? []) {
      const rel = path.relative(set.base, abs);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      let ig = this.matchers.get(set);
      if (!ig) this.matchers.set(set, (ig = (createRequire(import.meta.url)('ignore') as () => Ignore)().add(set.patterns)));
      const test = ig.test(rel.split(path.sep).join('/'));
      if (test.ignored) return `"ignores" in ${displayPath(set.file, this.options.cwd)}`;
    }
    return undefined;
  }

  /** settings.model, resolved against the folder of the file that gives it (which must be a file). */
  private modelPath(ref: Ref): string {
    const target = path.resolve(path.dirname(ref.file), ref.value);
    let isFile = false;
    try {
      isFile = fs.statSync(target).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) failAt(ref.file, ref.pos, `settings.model: "${ref.value}" is not a file (paths are relative to the folder of this configuration file)`);
    return target;
  }

  private show(file: string): string {
    return path.isAbsolute(file) ? displayPath(file, this.options.cwd) : file;
  }

  /** Layers of one configuration (its extends first, then itself). `stack` detects cycles. */
  private layersOf(data: ConfigData, stack: string[]): ConfigData[] {
    const layers: ConfigData[] = [];
    for (const ext of data.extends) layers.push(...this.extendLayers(ext, stack));
    layers.push(data);
    return layers;
  }

  private extendLayers(ext: Ref, stack: string[]): ConfigData[] {
    if (ext.value.startsWith('policy-lint:')) {
      const preset = presetConfig(ext.value);
      if (!preset) failAt(ext.file, ext.pos, `extends: unknown preset "${ext.value}"${didYouMean(ext.value, Object.keys(PRESETS))} (presets: ${Object.keys(PRESETS).join(', ')})`);
      return this.layersOf(preset, [...stack, ext.value]);
    }
    if (!path.isAbsolute(ext.file)) failAt(ext.file, ext.pos, `extends: a preset can only extend other presets`);
    const target = path.resolve(path.dirname(ext.file), ext.value);
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].map((f) => this.show(f)).join(' -> ');
      failAt(ext.file, ext.pos, `extends: cycle: ${cycle}`);
    }
    let isFile = false;
    try {
      isFile = fs.statSync(target).isFile();
    } catch {
      isFile = false;
    }
    if (!isFile) {
      failAt(ext.file, ext.pos, `extends: "${ext.value}" is neither a preset (${Object.keys(PRESETS).join(', ')}) nor a configuration file (paths are relative to the folder of this file)`);
    }
    return this.layersOf(this.read(target), [...stack, target]);
  }

  private resolveChain(chain: string[]): ResolvedConfig {
    const base = presetConfig(DEFAULT_PRESET)!;
    const layers: ConfigData[] = this.layersOf(base, [DEFAULT_PRESET]);
    for (const file of chain) layers.push(...this.layersOf(this.read(file), [file]));
    layers.push(...(this.flagLayers ??= (this.options.rules ?? []).map(parseRuleFlag)));
    const resolved = this.finalize(layers, chain);
    resolved.sources = [...new Set(layers.map((l) => l.file))];
    return resolved;
  }

  private finalize(layers: ConfigData[], files: string[]): ResolvedConfig {
    // The facts in data/*.yaml: a broken file is a configuration error like any other.
    checkData();
    // Packs.
    const packs: LoadedPack[] = [];
    const packFiles = new Set<string>();
    const packRef = new Map<string, Ref>();
    for (const layer of layers) {
      for (const ref of layer.packs) {
        const file = resolvePackRef(ref.value, ref.file, ref.pos);
        if (packFiles.has(file)) continue;
        const pack = loadPack(file);
        const clash = packs.find((p) => p.name === pack.name);
        if (clash) {
          failAt(
            ref.file,
            ref.pos,
            `packs: the pack "${ref.value}" is named "${pack.name}", like the pack already loaded from ${packLabel(clash.file, this.options.cwd)}; two packs cannot share a name`,
          );
        }
        packFiles.add(file);
        packRef.set(pack.name, ref);
        packs.push(pack);
      }
    }
    const packRules: PackRule[] = packs.flatMap((p) => p.rules);
    const registry: Rule[] = [...this.builtins, ...packRules];
    const byId = new Map(registry.map((r) => [r.meta.id, r]));
    const ids = registry.map((r) => r.meta.id);

    // Severities and options.
    const state = new Map<string, RuleSetting>(registry.map((r) => [r.meta.id, { severity: r.meta.severity, options: {} }]));
    let asOf: Date | undefined;
    let guidance: Guidance = GUIDANCE;
    let model: Ref | undefined;
    let reportUnused: boolean | undefined;
    let noInline: string | undefined;
    const ignores: IgnoreSet[] = [];
    for (const layer of layers) {
      if (layer.severities === 'defaults') for (const r of registry) state.get(r.meta.id)!.severity = r.meta.severity;
      if (layer.severityMap) {
        for (const s of state.values()) {
          if (s.severity !== 'off') s.severity = layer.severityMap[s.severity] ?? s.severity;
        }
      }
      for (const { name, node } of layer.conveniences) {
        const target = SETTING_OPTIONS[name]!;
        const rule = byId.get(target.rule);
        if (!rule || !rule.meta.options || !Object.hasOwn(rule.meta.options, target.option)) {
          fail(node, `settings.${name}: sets the "${target.option}" option of rule "${target.rule}", which this version of policy-lint does not have`);
        }
        Object.defineProperty(state.get(target.rule)!.options, target.option, {
          value: validateOption(rule, target.option, node, `settings.${name}`),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      const wildcards = layer.rules.filter((r) => r.id.endsWith('/*'));
      const single = layer.rules.filter((r) => !r.id.endsWith('/*'));
      for (const entry of wildcards) {
        const pack = entry.id.slice(0, -2);
        const names = packs.map((p) => p.name);
        if (!names.includes(pack)) {
          failAt(entry.file, entry.pos, `rules.${entry.id}: no rule pack named "${pack}" is loaded${didYouMean(pack, names)}${names.length ? ` (packs: ${names.join(', ')})` : ''}`);
        }
        if (entry.options) failAt(entry.file, entry.pos, `rules.${entry.id}: options cannot be given for every rule of a pack at once`);
        for (const r of packRules) if (r.pack === pack && entry.severity) state.get(r.meta.id)!.severity = entry.severity;
      }
      for (const entry of single) {
        if (entry.id === DIRECTIVE_RULE_ID) failAt(entry.file, entry.pos, `rules.${entry.id}: the directive checks cannot be configured`);
        if (entry.id === UNCLOSED_COMMENT_RULE_ID)
          failAt(entry.file, entry.pos, `rules.${entry.id}: the unclosed-comment warning cannot be configured (close the comment with "-->" to clear it)`);
        if (entry.id === ENCODING_RULE_ID) failAt(entry.file, entry.pos, `rules.${entry.id}: the encoding warning cannot be configured (save the file as UTF-8 to clear it)`);
        const rule = byId.get(entry.id);
        if (!rule) {
          const hint = didYouMean(entry.id, ids);
          failAt(entry.file, entry.pos, `rules: unknown rule "${entry.id}"${hint || ' (policy-lint --list-rules lists the rules)'}`);
        }
        const s = state.get(entry.id)!;
        if (entry.severity) s.severity = entry.severity;
        if (entry.options) Object.assign(s.options, validateOptions(rule, entry.options, `rules.${entry.id}`));
      }
      if (layer.asOf) asOf = layer.asOf.date;
      if (layer.guidance) guidance = mergeGuidance(guidance, layer.guidance);
      if (layer.model) model = layer.model;
      if (layer.reportUnusedDirectives !== undefined) reportUnused = layer.reportUnusedDirectives;
      if (layer.noInlineConfig !== undefined) noInline = layer.noInlineConfig ? `settings.noInlineConfig in ${this.show(layer.file)}` : undefined;
      if (layer.ignores.length && path.isAbsolute(layer.file)) {
        ignores.push({ base: path.dirname(layer.file), patterns: layer.ignores.map((r) => r.value), file: layer.file });
      }
    }

    // Pack rules that take their minimum year from the registry.
    for (const r of packRules) {
      if (r.seriesRef && !Object.hasOwn(guidance.series, r.seriesRef.id)) {
        const names = Object.keys(guidance.series);
        throw new ConfigError(
          r.seriesRef.file,
          r.seriesRef.pos,
          `${r.meta.id}: minimum: unknown guidance series "${r.seriesRef.id}"${didYouMean(r.seriesRef.id, names)} (series: ${names.join(', ')}; or give a year such as 2024)`,
        );
      }
    }

    // Profiles: the built-in ones and those packs declare; `profile:` (the last layer that sets it) or --profile forces one.
    const available = [...BUILTIN_PROFILES, ...packs.flatMap((p) => p.profiles ?? [])];
    const names = available.map((p) => p.id);
    let forced: ProfileChoice['forced'];
    for (const layer of layers) {
      if (!layer.profile) continue;
      if (!names.includes(layer.profile.value)) {
        failAt(layer.profile.file, layer.profile.pos, `profile: unknown profile "${layer.profile.value}"${didYouMean(layer.profile.value, names)} (profiles: ${names.join(', ')})`);
      }
      forced = { id: layer.profile.value, by: `profile: in ${this.show(layer.profile.file)}` };
    }
    if (this.options.profile !== undefined) {
      if (!names.includes(this.options.profile)) {
        throw new ConfigError('--profile', { line: 1, column: 1 }, `unknown profile "${this.options.profile}"${didYouMean(this.options.profile, names)} (profiles: ${names.join(', ')})`);
      }
      forced = { id: this.options.profile, by: '--profile' };
    }
    const profiles: ProfileChoice = forced ? { available, forced } : { available };

    const settings: Settings = {
      asOf: this.options.asOf ?? asOf ?? (this.options.today ?? today)(),
      guidance,
      directives: {
        knownRules: ids,
        ...(this.options.reportUnusedDirectives || reportUnused ? { reportUnused: true } : {}),
        ...(this.options.noInlineConfig ? { noInlineConfig: '--no-inline-config' } : noInline !== undefined ? { noInlineConfig: noInline } : {}),
      },
    };
    const modelFile = this.options.model ?? (model ? this.modelPath(model) : undefined);
    if (modelFile !== undefined) settings.model = { file: modelFile };
    const rules: Record<string, RuleSetting> = {};
    for (const id of ids) rules[id] = state.get(id)!;
    return { rules, settings, registry, files, packs, ignores, profiles };
  }
}

/** How a pack file is shown: "policy-lint:hertfordshire" for a built-in pack, else its path. */
function packLabel(file: string, cwd: string): string {
  return Object.keys(BUILTIN_PACKS).find((ref) => builtinPackPath(ref) === file) ?? displayPath(file, cwd);
}

/** Keys sorted recursively, for stable JSON. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      Object.defineProperty(out, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The resolved configuration as plain data, for --print-config. */
export function describeConfig(config: ResolvedConfig, cwd: string): unknown {
  const iso = config.settings.asOf.toISOString().slice(0, 10);
  const rules: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(config.rules)) {
    const rule = config.registry?.find((r) => r.meta.id === id);
    const options = { ...(rule ? optionDefaults(rule) : {}), ...s.options };
    const severity = s.severity === 'warning' ? 'warn' : s.severity;
    rules[id] = Object.keys(options).length ? [severity, options] : severity;
  }
  return sortKeys({
    configFiles: (config.files ?? []).map((f) => displayPath(f, cwd)),
    ignores: (config.ignores ?? []).map((i) => ({ base: displayPath(i.base, cwd), patterns: i.patterns })),
    packs: (config.packs ?? []).map((p) => ({
      name: p.name,
      file: packLabel(p.file, cwd),
      rules: p.rules.map((r) => r.meta.id),
    })),
    rules,
    settings: { asOf: iso, guidance: config.settings.guidance, ...(config.settings.model ? { model: displayPath(config.settings.model.file, cwd) } : {}) },
    profile: config.profiles?.forced ? { id: config.profiles.forced.id, by: config.profiles.forced.by } : { id: 'detected', by: 'each document (see docs/profiles.md)' },
    profiles: (config.profiles?.available ?? []).map((p) => ({ id: p.id, title: p.title, rules: p.rules, ...(p.pack ? { pack: p.pack } : {}) })),
  });
}

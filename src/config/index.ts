/**
 * Configuration: which rules run, at what severity, with what options and
 * settings.
 *
 * - `defaultConfig` is the embedded default for the built-in rules (every
 *   rule at its default severity), used by tests and library callers;
 * - `ConfigResolver` (src/config/resolve.ts) resolves `.policylintrc.*`
 *   files, presets (src/config/presets.ts), rule packs (src/packs/index.ts) and
 *   `--config`/`--as-of` for each linted file;
 * - `enabledRules` turns either into the list the engine runs.
 */
import type { Rule } from '../types.js';
import type { EnabledRule } from '../engine/engine.js';
import { GUIDANCE } from '../domain/guidance.js';
import { RULES } from '../../rules/index.js';
import { today, type ResolvedConfig, type RuleSetting } from './resolve.js';

export { ConfigResolver, describeConfig, sortKeys, today, type ResolveOptions, type ResolvedConfig, type RuleSetting, type IgnoreSet } from './resolve.js';
export { ConfigError } from './errors.js';
export { CONFIG_FILE_NAMES } from './schema.js';
export { starterConfig } from './init.js';

export function defaultConfig(asOf: Date = today(), rules: Rule[] = RULES): ResolvedConfig {
  const out: Record<string, RuleSetting> = {};
  for (const rule of rules) out[rule.meta.id] = { severity: rule.meta.severity, options: {} };
  return { rules: out, settings: { asOf, guidance: GUIDANCE }, registry: rules };
}

/** The rules a configuration switches on, with their severities and options (default: every rule it knows). */
export function enabledRules(config: ResolvedConfig, rules: Rule[] = config.registry ?? RULES): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') continue;
    out.push({ rule, severity: setting.severity, options: setting.options });
  }
  return out;
}

/**
 * Configuration: which rules run, at what severity, with what options and
 * settings. This module resolves the embedded default (every rule at its
 * default severity) and the CLI's settings.
 */
import type { Rule, Settings, SeverityOrOff } from './types.js';
import type { EnabledRule } from './engine.js';
import { GUIDANCE } from './guidance.js';
import { RULES } from '../rules/index.js';

export interface RuleSetting {
  severity: SeverityOrOff;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  settings: Settings;
}

/** Today as a UTC-midnight date. */
export function today(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

export function defaultConfig(asOf: Date = today(), rules: Rule[] = RULES): ResolvedConfig {
  const out: Record<string, RuleSetting> = {};
  for (const rule of rules) out[rule.meta.id] = { severity: rule.meta.severity, options: {} };
  return { rules: out, settings: { asOf, guidance: GUIDANCE } };
}

export function enabledRules(config: ResolvedConfig, rules: Rule[] = RULES): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') continue;
    out.push({ rule, severity: setting.severity, options: setting.options });
  }
  return out;
}

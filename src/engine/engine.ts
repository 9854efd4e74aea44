/**
 * The rule engine: run the enabled rules over a document, enforce their
 * metadata, and return sorted, de-duplicated diagnostics.
 */
import type { Diagnostic, PolicyDocument, ReportDescriptor, Rule, Settings, Severity } from '../types.js';
import { applyDirectives } from './directives.js';
import { compareDiagnostics } from './summary.js';

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
}

/** A rule broke its contract or threw: an internal error, reported with exit code 2. */
export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

function withDefaults(rule: Rule, options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(rule.meta.options ?? {})) {
    if (schema.default !== undefined) out[name] = schema.default;
  }
  return { ...out, ...options };
}

export function runRules(doc: PolicyDocument, rules: EnabledRule[], settings: Settings): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const { rule, severity, options } of rules) {
    const { id, fixable } = rule.meta;
    const report = (d: ReportDescriptor): void => {
      if (d.fix) {
        if (!fixable) throw new RuleError(id, `rule "${id}" reported a fix but does not declare meta.fixable`);
        if (fixable === 'suggestion' && d.fix.safety === 'safe') {
          throw new RuleError(id, `rule "${id}" reported a safe fix but declares only suggestion fixes`);
        }
      }
      const start = Math.max(0, Math.min(d.start, doc.text.length));
      const end = Math.max(start, Math.min(d.end, doc.text.length));
      const s = doc.pointAt(start);
      const e = doc.pointAt(end);
      const diagnostic: Diagnostic = {
        ruleId: id,
        severity: d.severity ?? severity,
        message: d.message,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        start,
        end,
      };
      if (d.fix) diagnostic.fix = d.fix;
      found.push(diagnostic);
    };
    try {
      rule.check({ doc, settings, options: withDefaults(rule, options), report });
    } catch (error) {
      if (error instanceof RuleError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new RuleError(id, `rule "${id}" failed: ${message}`);
    }
  }
  found.sort(compareDiagnostics);
  const seen = new Set<string>();
  const unique = found.filter((d) => {
    const key = `${d.ruleId}\u0000${d.start}\u0000${d.end}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Inline <!-- policy-lint-disable ... --> directives (src/engine/directives.ts).
  return applyDirectives(doc, unique, settings);
}

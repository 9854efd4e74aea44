/**
 * Small helpers the formatters share: where rule docs live, how paths are
 * shown, how findings are counted.
 */
import path from 'node:path';
import type { LintResult } from '../engine/lint.js';
import type { Diagnostic } from '../types.js';
import { lineOf } from '../runner/baseline.js';

/**
 * The project's documentation. The single place the docs address is
 * written: every rule's help link is this address plus `#<rule-id>` (the
 * README's rule table has one anchor per rule id).
 */
export const DOCS_URL = 'https://github.com/policy-lint/policy-lint';

/**
 * The README anchor of a rule's section, as GitHub makes it from the heading
 * `### <rule-id>`: lower case, punctuation other than `-` and `_` dropped
 * (so `hertfordshire/virtual-school-address` -> `hertfordshirevirtual-school-address`).
 */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The documentation link of one rule. */
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_URL}#${ruleAnchor(ruleId)}`;
}

/** A result's path relative to `cwd` with forward slashes (as CI systems and SARIF expect). */
export function relativePath(filePath: string, cwd: string): string {
  const rel = path.isAbsolute(filePath) ? path.relative(cwd, filePath) || path.basename(filePath) : filePath;
  return rel.split(path.sep).join('/');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface Totals {
  errors: number;
  warnings: number;
  /** Findings `--fix` would fix. */
  fixableSafe: number;
  /** Findings only `--fix-suggestions` would fix. */
  fixableSuggestion: number;
}

export function totals(results: LintResult[]): Totals {
  const t: Totals = { errors: 0, warnings: 0, fixableSafe: 0, fixableSuggestion: 0 };
  for (const r of results) {
    for (const m of r.messages) {
      if (m.severity === 'error') t.errors++;
      else t.warnings++;
      if (m.fix?.safety === 'safe') t.fixableSafe++;
      else if (m.fix) t.fixableSuggestion++;
    }
  }
  return t;
}

/** The text of the line a finding starts on, when the result carries its source. */
export function lineTextOf(result: LintResult, m: Diagnostic): string | undefined {
  const text = result.source?.text;
  return text === undefined ? undefined : lineOf(text, m.line);
}

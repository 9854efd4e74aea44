import type { LintResult } from '../engine/lint.js';
import type { RuleMeta } from '../types.js';

export interface FormatterContext {
  cwd: string;
  color: boolean;
  /** Metadata of every known rule, by id (for SARIF rule descriptions, help links). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** policy-lint's version (SARIF tool.driver.version). */
  version?: string;
  /** How many findings a baseline (--baseline) hid; the summary says so. */
  suppressed?: number;
}

/** A formatter is a plain function from results to the text to print. */
export type Formatter = (results: LintResult[], context: FormatterContext) => string;

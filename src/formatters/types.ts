import type { LintResult } from '../engine/lint.js';
import type { RuleMeta } from '../types.js';
import type { Guidance } from '../domain/guidance.js';

export interface FormatterContext {
  cwd: string;
  color: boolean;
  /** Metadata of every known rule, by id (for SARIF rule descriptions, help links). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** policy-lint's version (SARIF tool.driver.version). */
  version?: string;
  /** How many findings a baseline (--baseline) hid; the summary says so. */
  suppressed?: number;
  /** The date currency was judged at (the html report's header). */
  asOf?: Date;
  /** The guidance registry of the run (its version and check date in the html report; editions for the table of policies). */
  guidance?: Guidance;
  /** The configuration files that applied, relative to `cwd` (none: the built-in defaults). */
  configFiles?: string[];
  /** The terminal's width in columns, when writing to one (stylish wraps to it; 100 otherwise). */
  width?: number;
}

/** A formatter is a plain function from results to the text to print. */
export type Formatter = (results: LintResult[], context: FormatterContext) => string;

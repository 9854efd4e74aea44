/**
 * policy-lint's programmatic API (the package's main export). See
 * docs/api.md. The command line (src/cli/) is built on the same calls.
 */
export { lintFiles, lintText, outlineFiles, outlineText, LintUsageError } from './runner/api.js';
export type { LintOptions, LintRun, OutlineRun, LintResult } from './runner/api.js';
export { loadFormatter, FORMAT_NAMES } from './formatters/index.js';
export type { Formatter, FormatterContext } from './formatters/index.js';
export { ConfigError } from './config/errors.js';
export type { Diagnostic, Fix, FixSafety, Rule, RuleMeta, Severity, TextEdit } from './types.js';

/**
 * One file's findings in report order with their counts, as the formatters receive them.
 * (Kept apart from src/engine/lint.ts so that reporting cached findings does not load
 * the parser.)
 */
import type { Diagnostic } from '../types.js';
import type { SourceText } from '../document/source.js';

export interface LintResult {
  filePath: string;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  /** Errors with a safe fix (what --fix fixes), as ESLint counts them: suggestions are not counted. */
  fixableErrorCount: number;
  /** Warnings with a safe fix. */
  fixableWarningCount: number;
  /** The fixed text, when fixes were applied (or asked for with --fix-dry-run). */
  output?: string;
  /**
   * Standard input linted with a fix option (lintText, `--stdin --fix`): what to write back, as bytes in the
   * input's own encoding, BOM and line endings, byte for byte the input wherever no fix applies (the input
   * itself when nothing was fixed), as a fixed file is written.
   */
  outputBytes?: Uint8Array;
  source?: SourceText;
  /** How the file was read: its encoding (utf-8, utf-16le, utf-16be, windows-1252), or "docx" / "pdf". */
  readAs?: string;
  /** What rules counted that is not a problem (RuleContext.tally), by "<rule id>/<name>": e.g. the sections a policy adds to its model. */
  tallies?: Record<string, number>;
  /** The profile the file was read as (src/config/profiles.ts), and why. */
  profile?: { id: string; title: string; reason: string };
  /** Findings not reported because an inline directive or a baseline silenced them, each with its `suppressions` (ESLint's suppressedMessages). Not counted. */
  suppressedMessages?: Diagnostic[];
  /** The file's text is known to have LF line endings only (a cached result says so without reading the file). */
  lf?: boolean;
}

/** Compare two strings by UTF-16 code units: the same order on every machine, whatever its locale (and no collator to load). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of findings in a report: by position, then rule id and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || compareText(a.ruleId, b.ruleId) || compareText(a.message, b.message);
}

export function summarize(filePath: string, messages: Diagnostic[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 'error') {
      errorCount++;
      if (m.fix?.safety === 'safe') fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix?.safety === 'safe') fixableWarningCount++;
    }
  }
  return { filePath, messages, errorCount, warningCount, fixableErrorCount, fixableWarningCount };
}

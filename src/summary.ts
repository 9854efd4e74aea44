/**
 * One file's findings in report order with their counts, as the formatters receive them.
 * (Kept apart from src/lint.ts so that reporting cached findings does not load
 * the parser.)
 */
import type { Diagnostic } from './types.js';
import type { SourceText } from './source.js';

export interface LintResult {
  filePath: string;
  messages: Diagnostic[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, when fixes were applied (or asked for with --fix-dry-run). */
  output?: string;
  source?: SourceText;
}

/** The order of findings in a report: by position, then rule id and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

export function summarize(filePath: string, messages: Diagnostic[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 'error') {
      errorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return { filePath, messages, errorCount, warningCount, fixableErrorCount, fixableWarningCount };
}

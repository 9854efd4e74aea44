/**
 * Linting one text: build the document, run the enabled rules.
 */
import type { Diagnostic, PolicyDocument, Settings } from './types.js';
import type { SourceText } from './source.js';
import { buildDocument } from './document.js';
import { runRules, type EnabledRule } from './engine.js';

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

export function lintSource(filePath: string, source: SourceText, rules: EnabledRule[], settings: Settings): { doc: PolicyDocument; messages: Diagnostic[] } {
  const doc = buildDocument(filePath, source);
  return { doc, messages: runRules(doc, rules, settings) };
}

/**
 * Linting one text: build the document, run the enabled rules.
 */
import type { Diagnostic, PolicyDocument, Settings } from '../types.js';
import { encodingDiagnostic, type SourceText } from '../document/source.js';
import { buildDocument } from '../document/build.js';
import { attachSections, runRules, type EnabledRule } from './engine.js';
import { compareDiagnostics } from './summary.js';

// The result shape and its counts live in src/engine/summary.ts (reporting cached findings must not load the parser).
export { summarize, type LintResult } from './summary.js';

/**
 * Lint one decoded text with the enabled rules. A text decoded with U+FFFD in
 * place of bad bytes is linted as read, with one policy-lint/encoding warning
 * at the first bad byte (src/document/source.ts), whatever rules are enabled.
 */
export function lintSource(
  filePath: string,
  source: SourceText,
  rules: EnabledRule[],
  settings: Settings,
): { doc: PolicyDocument; messages: Diagnostic[]; tallies: Record<string, number> } {
  const doc = buildDocument(filePath, source);
  const tallies: Record<string, number> = {};
  const messages = runRules(doc, rules, settings, tallies);
  const encoding = encodingDiagnostic(source);
  if (encoding) {
    messages.push(...attachSections(doc, [encoding]));
    messages.sort(compareDiagnostics);
  }
  return { doc, messages, tallies };
}

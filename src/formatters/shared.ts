/**
 * Small helpers the formatters share: where rule docs live, how paths are
 * shown, how findings are counted.
 */
import path from 'node:path';
import type { LintResult } from '../engine/lint.js';
import type { Diagnostic } from '../types.js';
import { lineOf } from '../runner/baseline.js';

// The project's documentation (written once, in src/package-root.ts): a built-in rule's help link is this address
// plus `#<rule-id>` (the README's rule table has one anchor per rule id).
import { DOCS_URL } from '../package-root.js';
import type { RuleMeta } from '../types.js';
export { DOCS_URL };

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

/** A rule's documentation page, or undefined when it has none (RuleMeta.docsUrl). */
export function ruleHelpUri(meta: RuleMeta | undefined): string | undefined {
  if (!meta || meta.docsUrl === false) return undefined;
  return meta.docsUrl ?? ruleDocsUrl(meta.id);
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

/**
 * Characters a terminal, a CI log or a workflow runner would act on rather
 * than show: C0 controls (ESC, BEL, CR, LF, backspace, ...), DEL, C1 controls
 * (U+0080-U+009F: U+009B is an escape sequence by itself on some terminals),
 * the line and paragraph separators, and the bidirectional controls that can
 * make a line read differently from what it holds ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One unsafe character, shown: `\n`, `\x1b`, `\u202e`. */
function shownChar(ch: string): string {
  const short = SHORT[ch];
  if (short) return short;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text from a policy, a file name or a configuration, made safe to print to
 * a terminal or a CI log: every control character (see UNSAFE) is shown as an
 * escape (`\x1b`, `\n`, `\u202e`) instead of being printed raw, so that a
 * policy cannot retitle the terminal, clear the screen, fake a report line
 * or start a GitHub Actions workflow command. Every human format (stylish,
 * compact, github, --outline) passes everything it prints from input through
 * this; so do the command line's one-line messages that name a file.
 */
export function visible(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  // keepLineBreaks: for a caller that escapes CR and LF itself (the github format's %0D/%0A).
  return text.replace(UNSAFE, (ch) => (options.keepLineBreaks && (ch === '\n' || ch === '\r') ? ch : shownChar(ch)));
}

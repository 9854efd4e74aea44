/**
 * json: ESLint's JSON format (its `json` formatter), one object per file:
 * [{"filePath", "messages": [{"ruleId", "severity": 1|2, "message", "messageId"?, "line",
 *   "column", "endLine", "endColumn", "section", "fix"?, "suggestions"?}],
 *   "suppressedMessages", "errorCount", "fatalErrorCount", "warningCount",
 *   "fixableErrorCount", "fixableWarningCount", "usedDeprecatedRules",
 *   "output"?, "encoding" | "format"}]
 *
 * As in ESLint, `fix` is one text edit `{"range": [start, end], "text"}` (a
 * fix of several edits is merged into one, keeping the text between them),
 * and it is present only for a safe fix: a tool that applies `fix` from
 * ESLint-style JSON (an editor, a bot) applies only what `--fix` would. A
 * suggested fix, which changes wording a person should check, is in
 * `suggestions` as `{"desc", "fix"}`, and is not counted as fixable. Ranges
 * are offsets into the file as it is on disk, in UTF-16 code units of its
 * decoded text after any byte order mark (ESLint's convention): a CRLF file's
 * line endings count two, and a line break in a replacement is the file's
 * own. Applied to the file's decoded text, they give what --fix writes (a
 * Word or PDF file's ranges are into its text view, `--print-text`).
 *
 * `data` (some rules) carries plain facts about a finding: model-drift gives
 * the model policy's file, section, line and paragraph, and the words removed
 * and added. `tallies` (per file, when a rule counted something that is not a
 * problem) holds counts by "<rule id>/<name>", e.g. "model-drift/sectionsAdded".
 * `paragraph` (a Word document's body paragraph, 1-based) or `page` (a PDF's page) says where
 * the finding is in such a file (see docs/formats.md).
 *
 * `section` is the title path of the section the finding is in
 * ("Roles and Responsibilities > The Designated Teacher"; "" before the first
 * heading).
 *
 * `messageId` is the id of the message in the rule's `meta.messages`, as in
 * ESLint; rules from packs report plain messages and have none.
 *
 * "encoding" is how a text file was read (utf-8, utf-16le, utf-16be or
 * windows-1252); a Word or PDF file has "format" ("docx", "pdf") instead.
 *
 * `suppressedMessages` (as ESLint's) holds the findings not reported because
 * something silenced them, each with `suppressions: [{"kind", "justification"}]`:
 * kind "directive" for an inline `policy-lint-disable...` comment (its reason
 * after ` -- `, or ""), kind "baseline" for a finding recorded in the
 * --baseline file ("recorded in the baseline <file>"). They are not counted in
 * errorCount or warningCount. `fatalErrorCount` is 0: a file policy-lint cannot read is
 * reported on standard error and has no result. No rule is deprecated.
 *
 * "profile" is the kind of policy the file was read as ({"id": "herts-csw" |
 * "lac" | "generic" | a pack's, "title", "reason"}; docs/profiles.md).
 */
import type { Diagnostic, Fix } from '../types.js';
import type { SourceText } from '../document/source.js';
import type { LintResult } from '../engine/summary.js';
import { editsInOriginal, lineStarts } from '../engine/fix.js';
import type { Formatter } from './types.js';

interface EslintFix {
  range: [number, number];
  text: string;
}

/** A fix's edits as one edit over the range they span, keeping the text between them. */
export function mergeEdits(fix: Fix, text: string | undefined): EslintFix | undefined {
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const first = edits[0];
  if (!first) return undefined;
  if (edits.length === 1) return { range: [first.start, first.end], text: first.text };
  if (text === undefined) return undefined; // never half a fix
  let out = '';
  let at = first.start;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { range: [first.start, at], text: out };
}

function quoted(s: string): string {
  const shown = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return JSON.stringify(shown);
}

/** A suggestion's description, from its edits (`Replace with "use"`), without reading the file again. */
export function describeFix(fix: Fix): string {
  return fix.edits.map((e) => (e.start === e.end ? `Insert ${quoted(e.text)}` : e.text === '' ? 'Delete the text' : `Replace with ${quoted(e.text)}`)).join('; ');
}

/**
 * ESLint's `fix` for a safe fix, `suggestions` for a suggested one, with ranges into the file's own text
 * (`source.original`: CRLF line endings kept, BOM removed) and each line break of a replacement written as the
 * file's: applied to the file as read, they give what --fix writes. Without the file's text (a cached file gone
 * since), no fix is given: never a range into other text.
 */
function fixes(fix: Fix | undefined, file: () => { source: SourceText; starts: number[] } | undefined, lf: boolean): { fix?: EslintFix; suggestions?: { desc: string; fix: EslintFix }[] } {
  if (!fix) return {};
  // A file known to have LF endings only (a cached one) is read only to merge a fix of several edits.
  const read = lf && fix.edits.length === 1 ? undefined : file();
  if (!read && !(lf && fix.edits.length === 1)) return {};
  const merged = read ? mergeEdits({ ...fix, edits: editsInOriginal(read.source, fix.edits, read.starts) }, read.source.original) : mergeEdits(fix, undefined);
  if (!merged) return {};
  return fix.safety === 'safe' ? { fix: merged } : { suggestions: [{ desc: describeFix(fix), fix: merged }] };
}

/** A result's source, read once and only when a finding has a fix (a cached file's text is read from disk). */
function sourceOf(r: LintResult): () => { source: SourceText; starts: number[] } | undefined {
  let read: { source: SourceText; starts: number[] } | undefined | null = null;
  return () => {
    if (read !== null) return read;
    try {
      const source = r.source;
      read = source ? { source, starts: lineStarts(source.text) } : undefined;
    } catch {
      read = undefined;
    }
    return read;
  };
}

/** One finding as ESLint's JSON has it (a suppressed one with its `suppressions`). */
function message(m: Diagnostic, file: () => { source: SourceText; starts: number[] } | undefined, lf: boolean): Record<string, unknown> {
  return {
    ruleId: m.ruleId,
    severity: m.severity === 'error' ? 2 : 1,
    message: m.message,
    ...(m.messageId !== undefined ? { messageId: m.messageId } : {}),
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    section: m.section ?? '',
    ...(m.data ? { data: m.data } : {}),
    ...(m.paragraph !== undefined ? { paragraph: m.paragraph } : {}),
    ...(m.page !== undefined ? { page: m.page } : {}),
    ...fixes(m.fix, file, lf),
    ...(m.suppressions ? { suppressions: m.suppressions.map((s) => ({ kind: s.kind, justification: s.justification })) } : {}),
  };
}

export const json: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => {
      const file = sourceOf(r);
      const lf = r.lf === true;
      return {
        filePath: r.filePath,
        messages: r.messages.map((m) => message(m, file, lf)),
        suppressedMessages: (r.suppressedMessages ?? []).map((m) => message(m, file, lf)),
        errorCount: r.errorCount,
        fatalErrorCount: 0,
        warningCount: r.warningCount,
        fixableErrorCount: r.fixableErrorCount,
        fixableWarningCount: r.fixableWarningCount,
        usedDeprecatedRules: [],
        ...(r.output !== undefined ? { output: r.output } : {}),
        ...(r.tallies ? { tallies: r.tallies } : {}),
        ...(r.readAs !== undefined ? (r.readAs === 'docx' || r.readAs === 'pdf' ? { format: r.readAs } : { encoding: r.readAs }) : {}),
        ...(r.profile ? { profile: { id: r.profile.id, title: r.profile.title, reason: r.profile.reason } } : {}),
      };
    }),
  );

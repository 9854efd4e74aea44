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
 * are offsets in the text as policy-lint read it (UTF-16 code units, after
 * any byte order mark), as ESLint's are.
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
 * `suppressedMessages` is empty: findings silenced by inline directives are
 * not kept, and findings hidden by a baseline are counted in the summary of
 * the human formats. `fatalErrorCount` is 0: a file policy-lint cannot read is
 * reported on standard error and has no result. No rule is deprecated.
 *
 * "profile" is the kind of policy the file was read as ({"id": "herts-csw" |
 * "lac" | "generic" | a pack's, "title", "reason"}; docs/profiles.md).
 */
import type { Fix } from '../types.js';
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

/** ESLint's `fix` for a safe fix, `suggestions` for a suggested one. */
function fixes(fix: Fix | undefined, text: () => string | undefined): { fix?: EslintFix; suggestions?: { desc: string; fix: EslintFix }[] } {
  // The file's text is needed (and, for a cached file, read) only to merge a fix of several edits.
  const merged = fix && mergeEdits(fix, fix.edits.length > 1 ? text() : undefined);
  if (!fix || !merged) return {};
  return fix.safety === 'safe' ? { fix: merged } : { suggestions: [{ desc: describeFix(fix), fix: merged }] };
}

export const json: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => {
      const text = (): string | undefined => r.source?.text;
      return {
        filePath: r.filePath,
        messages: r.messages.map((m) => ({
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
          ...fixes(m.fix, text),
        })),
        suppressedMessages: [],
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

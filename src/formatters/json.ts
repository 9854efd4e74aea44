/**
 * json: ESLint's JSON format, one object per file.
 * [{"filePath", "messages": [{"ruleId", "severity": 1|2, "message", "line",
 *   "column", "endLine", "endColumn", "section", "fix"?}], "errorCount", "warningCount", ...,
 *   "encoding" | "format"}]
 * `section` is the title path of the section the finding is in
 * ("Roles and Responsibilities > The Designated Teacher"; "" before the first heading).
 * "encoding" is how a text file was read (utf-8, utf-16le, utf-16be or windows-1252); a Word or PDF
 * file has "format" ("docx", "pdf") instead.
 */
import type { Formatter } from './types.js';

export const json: Formatter = (results) =>
  JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity === 'error' ? 2 : 1,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        section: m.section ?? '',
        ...(m.fix ? { fix: { safety: m.fix.safety, edits: m.fix.edits.map((e) => ({ range: [e.start, e.end], text: e.text })) } } : {}),
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      fixableErrorCount: r.fixableErrorCount,
      fixableWarningCount: r.fixableWarningCount,
      ...(r.output !== undefined ? { output: r.output } : {}),
      ...(r.readAs !== undefined ? (r.readAs === 'docx' || r.readAs === 'pdf' ? { format: r.readAs } : { encoding: r.readAs }) : {}),
    })),
  );

/**
 * csv and csv-summary: tables a trust can file or open in a spreadsheet.
 *
 * RFC 4180: fields separated by commas, records by CRLF, a field quoted (with
 * `"` doubled) when it holds a comma, a quote, CR or LF; a header record. The
 * file starts with a UTF-8 byte order mark so that Excel reads it as UTF-8.
 * A field that starts with `=`, `+`, `-` or `@` is written with a `'` in front,
 * so that a spreadsheet shows it as text and never runs it as a formula.
 *
 * - csv: one row per finding (no grouping): File, Profile, Section, Paragraph,
 *   Page, Line, Column, Severity, Rule, Message, Words (the text at issue),
 *   Sentence (the sentence that holds it).
 * - csv-summary: one row per policy: File, Title, Profile, Status, Errors,
 *   Warnings, Review date (as the policy states it), Review date passed (yes/no
 *   on the as-of date), Oldest guidance named.
 */
import type { Formatter } from './types.js';
import { relativePath } from './shared.js';
import { excerptOf, paragraphOrPage, profileOf, statusOf } from './report.js';
import { policyFacts } from './facts.js';

const BOM = '\uFEFF';

/** One field as RFC 4180 writes it. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function record(fields: (string | number | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export const csv: Formatter = (results, { cwd }) => {
  let out = BOM + record(['File', 'Profile', 'Section', 'Paragraph', 'Page', 'Line', 'Column', 'Severity', 'Rule', 'Message', 'Words', 'Sentence']);
  for (const r of results) {
    const file = relativePath(r.filePath, cwd);
    const profile = profileOf(r)?.title ?? '';
    let text: string | undefined;
    for (const m of r.messages) {
      text ??= r.source?.text;
      const ex = text === undefined ? undefined : excerptOf(text, m, 400);
      const words = text === undefined ? '' : text.slice(m.start, m.end).replace(/\s+/g, ' ');
      const sentence = ex ? `${ex.cutStart ? '…' : ''}${ex.before}${ex.words}${ex.after}${ex.cutEnd ? '…' : ''}` : '';
      const where = paragraphOrPage(m);
      out += record([file, profile, m.section ?? '', where.paragraph, where.page, m.line, m.column, m.severity, m.ruleId, m.message, words, sentence]);
    }
  }
  return out;
};

export const csvSummary: Formatter = (results, { cwd, guidance, asOf }) => {
  let out = BOM + record(['File', 'Title', 'Profile', 'Status', 'Errors', 'Warnings', 'Review date', 'Review date passed', 'Oldest guidance named']);
  for (const r of results) {
    const file = relativePath(r.filePath, cwd);
    const facts = policyFacts(r, guidance, file, asOf);
    out += record([
      file,
      facts.title,
      profileOf(r)?.title ?? '',
      statusOf(r),
      r.errorCount,
      r.warningCount,
      facts.reviewDate ?? '',
      facts.reviewDate ? (facts.reviewPassed ? 'yes' : 'no') : '',
      facts.oldestGuidance ?? '',
    ]);
  }
  return out;
};

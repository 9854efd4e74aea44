/**
 * github: GitHub Actions workflow commands, which annotate the pull request
 * at the line of each finding:
 *
 *   ::error file=policies/a.md,line=3,col=5,endLine=3,endColumn=19,title=rule-id::message
 *
 * `::warning` for warnings. Values are escaped as the Actions toolkit
 * (@actions/core) escapes them: in the message `%` -> %25, CR -> %0D,
 * LF -> %0A; in properties also `:` -> %3A and `,` -> %2C. Without this a
 * message with a colon or a comma, or a file name with one, breaks the
 * annotation. Control characters (an escape sequence in a policy, a newline
 * in a file name) are first shown visibly (shared.ts `visible`), so that the
 * log shows them rather than acting on them.
 *
 * All errors come first, then the warnings (each in file and position
 * order): GitHub shows at most 10 error and 10 warning annotations per step,
 * so the ones shown are the ones that matter.
 *
 * githubSummary() is the run as Markdown for $GITHUB_STEP_SUMMARY (the
 * command line appends it there with --format github when the variable is
 * set): a table of policies with status and counts, then every error. Every
 * string from a policy is escaped, Markdown and HTML alike.
 */
import type { LintResult } from '../engine/summary.js';
import type { Diagnostic } from '../types.js';
import type { Formatter, FormatterContext } from './types.js';
import { plural, relativePath, visible } from './shared.js';
import { placeOf, statusOf, STATUS_WORDS, titleOf } from './report.js';

/** The toolkit's escapeData. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The toolkit's escapeProperty. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (results, { cwd, suppressed = 0 }) => {
  const lines: string[] = [];
  const all: [string, Diagnostic][] = [];
  for (const result of results) {
    const file = visible(relativePath(result.filePath, cwd));
    for (const m of result.messages) all.push([file, m]);
  }
  for (const severity of ['error', 'warning'] as const) {
    for (const [file, m] of all) {
      if ((m.severity === 'error') !== (severity === 'error')) continue;
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${m.line}`,
        `col=${m.column}`,
        `endLine=${m.endLine}`,
        `endColumn=${m.endColumn}`,
        `title=${escapeProperty(visible(m.ruleId))}`,
      ].join(',');
      lines.push(`::${m.severity === 'error' ? 'error' : 'warning'} ${props}::${escapeData(visible(m.message, { keepLineBreaks: true }))}`);
    }
  }
  if (suppressed > 0) lines.push(`::notice title=policy-lint::${escapeData(`${plural(suppressed, 'finding')} recorded in the baseline not shown.`)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
};

/** Text for Markdown that GitHub renders: HTML's and Markdown's special characters escaped, on one line. */
export function markdownText(value: string): string {
  return visible(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~-]/g, '\\$&');
}

function safeTitle(result: LintResult, fallback: string): string {
  try {
    return titleOf(result.source?.text, fallback);
  } catch {
    return fallback;
  }
}

/** The run as Markdown, for $GITHUB_STEP_SUMMARY. */
export function githubSummary(results: LintResult[], { cwd, suppressed = 0 }: FormatterContext): string {
  const out: string[] = ['## policy-lint', ''];
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  out.push(`${plural(results.length, 'policy').replace(/policys$/, 'policies')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`, '');
  out.push('| Policy | File | Status | Errors | Warnings |', '| --- | --- | --- | ---: | ---: |');
  for (const r of results) {
    const file = relativePath(r.filePath, cwd);
    out.push(`| ${markdownText(safeTitle(r, file))} | ${markdownText(file)} | ${STATUS_WORDS[statusOf(r)]} | ${r.errorCount} | ${r.warningCount} |`);
  }
  if (errors > 0) {
    out.push('', '### Errors', '');
    for (const r of results) {
      const file = relativePath(r.filePath, cwd);
      for (const m of r.messages) {
        if (m.severity !== 'error') continue;
        const where = `${placeOf(m)}${m.section ? `, ${m.section}` : ''}`;
        out.push(`- ${markdownText(file)} (${markdownText(where)}): ${markdownText(m.message)} (${markdownText(m.ruleId)})`);
      }
    }
  }
  if (suppressed > 0) out.push('', `${plural(suppressed, 'finding')} recorded in the baseline not shown.`);
  out.push('');
  return `${out.join('\n')}\n`;
}

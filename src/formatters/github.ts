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
 */
import type { Formatter } from './types.js';
import { plural, relativePath, visible } from './shared.js';

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
  for (const result of results) {
    const file = visible(relativePath(result.filePath, cwd));
    for (const m of result.messages) {
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

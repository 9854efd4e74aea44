/**
 * compact: one finding per line, for editors, grep and terminals that link
 * `file:line:col`. `file:line:col: severity message [rule-id]`, then one
 * summary line.
 */
import type { Formatter } from './types.js';
import { documentPlace, plural, relativePath, totals, visible } from './shared.js';

export const compact: Formatter = (results, { cwd, suppressed = 0 }) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = visible(relativePath(result.filePath, cwd));
    for (const m of result.messages) {
      // A Word or PDF file: line:col point into its text view (--print-text); the paragraph or page and the words follow the message.
      const place = documentPlace(result, m);
      const where = place ? ` (${visible(place.context)})` : '';
      lines.push(`${file}:${m.line}:${m.column}: ${m.severity} ${visible(m.message.replace(/\r?\n/g, ' '))}${where} [${visible(m.ruleId)}]`);
    }
  }
  const t = totals(results);
  const total = t.errors + t.warnings;
  const hidden = suppressed > 0 ? ` (${suppressed} more recorded in the baseline not shown)` : '';
  if (total > 0) lines.push('', `${plural(total, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')})${hidden}`);
  else if (hidden) lines.push(`No new problems${hidden}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
};

/**
 * stylish: the default, for people. Findings grouped by file, one per line:
 * `line:col  severity  message  rule-id`, then a summary that says how many
 * findings `--fix` would fix, how many more only `--fix-suggestions` would,
 * and how many a baseline hid. Coloured only when the context says so (a
 * TTY, unless NO_COLOR / --no-color).
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import type { Formatter } from './types.js';
import { plural, totals } from './shared.js';

export const stylish: Formatter = (results, { cwd, color, suppressed = 0 }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const shown = path.isAbsolute(result.filePath) ? path.relative(cwd, result.filePath) || result.filePath : result.filePath;
    lines.push('', c.underline(shown));
    const rows = result.messages.map((m) => [`${m.line}:${m.column}`, m.severity, m.message, m.ruleId] as const);
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const [pos, severity, message, ruleId] of rows) {
      const sev = severity === 'error' ? c.red(severity.padEnd(w1)) : c.yellow(severity.padEnd(w1));
      lines.push(`  ${c.dim(pos.padEnd(w0))}  ${sev}  ${message}  ${c.dim(ruleId)}`);
    }
  }
  const t = totals(results);
  const total = t.errors + t.warnings;
  const hidden = suppressed > 0 ? `${plural(suppressed, 'problem')} recorded in the baseline ${suppressed === 1 ? 'was' : 'were'} not shown.` : '';
  if (total === 0) return hidden ? `${c.green('\u2714')} No new problems; ${hidden}\n` : '';
  lines.push('');
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')})`;
  lines.push(t.errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary));
  if (t.fixableSafe > 0) {
    lines.push(c.dim(`  ${plural(t.fixableSafe, 'problem')} can be fixed with the --fix option.`));
  }
  if (t.fixableSuggestion > 0) {
    lines.push(
      c.dim(
        `  ${plural(t.fixableSuggestion, 'problem')} can be fixed only with --fix-suggestions: these change wording, so check the changes before you publish.`,
      ),
    );
  }
  if (hidden) lines.push(c.dim(`  ${hidden}`));
  lines.push('');
  return lines.join('\n');
};

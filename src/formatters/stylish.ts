/**
 * stylish: the default, for people. Findings grouped by file, one per line:
 * `line:col  severity  message  rule-id`, then a summary. Coloured only when
 * the context says so (a TTY, unless NO_COLOR / --no-color).
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import type { Formatter } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const stylish: Formatter = (results, { cwd, color }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
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
  const total = errors + warnings;
  if (total === 0) return '';
  lines.push('');
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  lines.push(errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary));
  if (fixableErrors + fixableWarnings > 0) {
    lines.push(
      c.dim(`  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} can be fixed with the \`--fix\` option (or \`--fix-suggestions\`).`),
    );
  }
  lines.push('');
  return lines.join('\n');
};

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
import { plural, totals, visible } from './shared.js';

export const stylish: Formatter = (results, { cwd, color, suppressed = 0 }) => {
  const c = new Chalk({ level: color ? 1 : 0 });
  // Styles taken once (each `c.red` builds a styler; a cached re-run prints tens of thousands of rows).
  const plain = (s: string): string => s;
  const [red, yellow, dim] = color ? [c.red, c.yellow, c.dim] : [plain, plain, plain];
  const lines: string[] = [];
  for (const result of results) {
    const messages = result.messages;
    if (messages.length === 0) continue;
    const shown = path.isAbsolute(result.filePath) ? path.relative(cwd, result.filePath) || result.filePath : result.filePath;
    lines.push('', c.underline(visible(shown)));
    const positions = messages.map((m) => `${m.line}:${m.column}`);
    let w0 = 0;
    let w1 = 0;
    messages.forEach((m, i) => {
      w0 = Math.max(w0, positions[i]!.length);
      w1 = Math.max(w1, m.severity.length);
    });
    messages.forEach((m, i) => {
      const sev = m.severity === 'error' ? red(m.severity.padEnd(w1)) : yellow(m.severity.padEnd(w1));
      lines.push(`  ${dim(positions[i]!.padEnd(w0))}  ${sev}  ${visible(m.message)}  ${dim(visible(m.ruleId))}`);
    });
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

/**
 * stylish: the default, for people. For each file with findings: its name,
 * how it was read ("read as: ..."), then its findings by section in document
 * order. Each finding gives where it is ("line 85", or "paragraph 38" in a
 * Word document, "page 4" in a PDF), whether it is an error or a warning, the
 * message, the rule id, and a short quotation of the sentence with the words
 * at issue marked (underlined in colour, between « and » without). Repeats of
 * one rule's same finding in a file are shown once with their count and lines.
 * Everything wraps to the terminal's width (100 columns when the output is not
 * a terminal).
 *
 * The summary is in plain words: how many things to change before the policy
 * is approved (errors), how many to tidy up (warnings), how many can be
 * changed for you and the one command that does it, and how many a baseline
 * hid. Coloured only when the context says so (a TTY, unless NO_COLOR /
 * --no-color).
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import type { Formatter } from './types.js';
import { modelSummary, plural, visible } from './shared.js';
import { formatDate } from '../domain/guidance.js';
import { bySection, excerptOf, groupRepeats, placeOf, placesOf, plainCounts, profileOf, type Group } from './report.js';

export const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;

/** Cut `text` into lines of at most `width` characters at spaces (words longer than that are cut). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line) {
        out.push(line);
        line = '';
      }
      out.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line || out.length === 0) out.push(line);
  return out;
}

export const stylish: Formatter = (results, { cwd, color, suppressed = 0, width: given, asOf, guidance }) => {
  const width = Math.max(MIN_WIDTH, given ?? DEFAULT_WIDTH);
  const c = new Chalk({ level: color ? 1 : 0 });
  // Styles taken once (each `c.red` builds a styler; a cached re-run prints tens of thousands of rows).
  const plain = (s: string): string => s;
  const [red, yellow, dim, bold, underline] = color ? [c.red, c.yellow, c.dim, c.bold, c.underline] : [plain, plain, plain, plain, plain];
  const mark = color ? (s: string): string => c.bold.underline(s) : (s: string): string => `\u00AB${s}\u00BB`;
  const lines: string[] = [];
  for (const result of results) {
    const messages = result.messages;
    const profile = profileOf(result);
    if (messages.length === 0) continue;
    const shown = path.isAbsolute(result.filePath) ? path.relative(cwd, result.filePath) || result.filePath : result.filePath;
    lines.push('', underline(visible(shown)));
    if (profile) for (const line of wrap(visible(`read as: ${profile.title}${profile.reason ? ` (${profile.reason})` : ''}`), width)) lines.push(dim(line));
    let text: string | undefined;
    const textOf = (): string | undefined => {
      try {
        return (text ??= result.source?.text);
      } catch {
        return undefined;
      }
    };
    const groups = groupRepeats(messages);
    const whereOf = (g: Group): string => (g.all.length > 1 ? `${g.all.length} times` : placeOf(g.first));
    const whereWidth = Math.max(...groups.map((g) => whereOf(g).length));
    for (const s of bySection(groups)) {
      lines.push('');
      for (const line of wrap(visible(s.section || 'Before the first heading'), width - 2)) lines.push(`  ${bold(line)}`);
      for (const g of s.groups) lines.push(...finding(g, whereOf(g), whereWidth, textOf()));
    }
  }

  function finding(g: Group, where: string, whereWidth: number, source: string | undefined): string[] {
    const m = g.first;
    const sevWord = m.severity === 'error' ? 'error' : 'warning';
    const sev = (m.severity === 'error' ? red : yellow)(sevWord.padEnd(7));
    // The message hangs under its own first word; on a narrow terminal, under the position.
    let hang = 2 + whereWidth + 2 + 7 + 2;
    if (width - hang < 30) hang = 4;
    const pad = ' '.repeat(hang);
    const room = width - hang;
    const ruleId = visible(m.ruleId);
    const words = wrap(visible(m.message).replace(/\s+/g, ' '), room);
    const last = words[words.length - 1]!;
    const out: string[] = [];
    const first = `  ${dim(where.padEnd(whereWidth))}  ${sev}  `;
    const body = words.map((line, i) => (i === words.length - 1 ? line : line));
    if (last.length + 2 + ruleId.length <= room) body[body.length - 1] = `${last}  ${dim(ruleId)}`;
    else body.push(dim(ruleId));
    if (hang === 4) {
      out.push(first.trimEnd());
      for (const line of body) out.push(`${pad}${line}`);
    } else {
      body.forEach((line, i) => out.push(i === 0 ? `${first}${line}` : `${pad}${line}`));
    }
    if (g.all.length > 1) for (const line of wrap(`at ${placesOf(g)}`, room)) out.push(`${pad}${dim(line)}`);
    const marks = color ? 0 : 2;
    const ex = source === undefined ? undefined : excerptOf(source, m, Math.max(10, room - 4 - marks));
    if (ex) {
      const before = visible(`${ex.cutStart ? '\u2026' : ''}${ex.before}`);
      const after = visible(`${ex.after}${ex.cutEnd ? '\u2026' : ''}`);
      const shownWords = visible(ex.words);
      // visible() can lengthen text (a control character is shown as its code): cut again so that the line fits.
      const fits = 2 + before.length + shownWords.length + after.length + (shownWords ? marks : 0) <= room;
      const quote = fits ? `${before}${shownWords ? mark(shownWords) : ''}${after}` : shownWords ? mark(shownWords.slice(0, Math.max(1, room - 2 - marks))) : before.slice(0, room - 2);
      out.push(`${pad}${dim('|')} ${quote}`);
    }
    return out;
  }

  const n = plainCounts(results);
  const total = n.errors + n.warnings;
  const hidden = suppressed > 0 ? `${plural(suppressed, 'problem')} recorded in the baseline ${suppressed === 1 ? 'was' : 'were'} not shown.` : '';
  // Policies compared with a model (rule model-drift): one line on what is missing, changed and added.
  const model = modelSummary(results);
  const modelLines = model ? wrap(model, width - 2).map((line) => dim(`  ${line}`)) : [];
  if (total === 0) {
    if (model) return `${[`${c.green('\u2714')} No problems${hidden ? `; ${hidden}` : '.'}`, ...modelLines].join('\n')}\n`;
    return hidden ? `${c.green('\u2714')} No new problems; ${hidden}\n` : '';
  }
  const these = results.filter((r) => r.errorCount + r.warningCount > 0).length > 1 ? 'these policies are' : 'this policy is';
  const parts: string[] = [];
  if (n.errors > 0) parts.push(`${n.errors} ${n.errors === 1 ? 'thing' : 'things'} to change before ${these} approved`);
  if (n.warnings > 0) parts.push(n.errors > 0 ? `${n.warnings} to tidy up` : `${n.warnings} ${n.warnings === 1 ? 'thing' : 'things'} to tidy up`);
  const wrapped = wrap(`\u2716 ${parts.join('; ')}.`, width);
  if (n.fixable > 0) {
    // The command stays on one line, so that it can be copied whole.
    const fix = `${n.fixable} can be changed for you: run policy-lint --fix.`;
    const last = wrapped[wrapped.length - 1]!;
    if (last.length + 1 + fix.length <= width) wrapped[wrapped.length - 1] = `${last} ${fix}`;
    else wrapped.push(...wrap(fix, width));
  }
  lines.push('');
  wrapped.forEach((line) => lines.push(n.errors > 0 ? c.red.bold(line) : c.yellow.bold(line)));
  if (hidden) for (const line of wrap(hidden, width - 2)) lines.push(dim(`  ${line}`));
  lines.push(...modelLines);
  // The as-of date and the registry's check date, side by side: how old the facts behind these findings are.
  if (asOf && guidance) for (const line of wrap(`Judged as on ${formatDate(asOf)}; guidance facts last checked on ${formatDate(guidance.checked)}.`, width - 2)) lines.push(dim(`  ${line}`));
  lines.push('');
  return lines.join('\n');
};

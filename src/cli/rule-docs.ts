/**
 * Rule documentation, rendered from rule metadata: the --list-rules table,
 * the --explain page (the pages docs/rules/<id>.md are made by scripts/rule-pages.ts). Examples are shown with
 * the findings the rule produces when run on them now (never copied from the
 * metadata), so the docs cannot drift from behaviour.
 */
import { ruleDocsPath } from '../formatters/shared.js';
import type { Diagnostic, Rule, RuleExample, RuleMeta } from '../types.js';
import { fromDecoded } from '../document/source.js';
import { buildDocument } from '../document/build.js';
import { runRules } from '../engine/engine.js';
import { defaultConfig } from '../config/index.js';
import { applyFixes } from '../engine/fix.js';
import { schemaType } from '../config/options.js';
import { nearest } from '../config/errors.js';

/** The as-of date examples run at unless they name their own. */
export const EXAMPLE_AS_OF = '2026-11-24';

/** How a rule's fixability reads in tables. */
export function fixableLabel(fixable: RuleMeta['fixable']): string {
  return fixable === 'safe' ? 'safe fix' : fixable === 'suggestion' ? 'suggestion' : 'no';
}

// ---------------------------------------------------------------------------
// --list-rules

/** An aligned table of every rule: id, severity, fixable, one-line description. */
export function listRulesText(rules: readonly Rule[]): string {
  const rows = [['RULE', 'SEVERITY', 'FIXABLE', 'DESCRIPTION'], ...rules.map((r) => [r.meta.id, r.meta.severity, fixableLabel(r.meta.fixable), r.meta.description])];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/** Every rule's metadata as JSON (examples included). */
export function listRulesJson(rules: readonly Rule[]): string {
  return `${JSON.stringify(
    rules.map((r) => r.meta),
    null,
    2,
  )}\n`;
}

// ---------------------------------------------------------------------------
// Running examples

export interface ExampleRun {
  findings: Diagnostic[];
  /** The text after applying the rule's fixes (suggestions included), when the rule is fixable and something changed. */
  output?: string;
}

/** Run one rule on one example, at the example's as-of date, with its options. */
export function runExample(rule: Rule, example: RuleExample): ExampleRun {
  const asOf = new Date(`${example.asOf ?? EXAMPLE_AS_OF}T00:00:00Z`);
  const base = defaultConfig(asOf).settings;
  const settings = example.model !== undefined ? { ...base, model: { file: 'model.md', doc: buildDocument('model.md', fromDecoded(example.model)) } } : base;
  const lintText = (text: string): Diagnostic[] =>
    runRules(buildDocument('example.md', fromDecoded(text)), [{ rule, severity: rule.meta.severity, options: example.options ?? {} }], settings);
  const findings = lintText(example.text);
  if (!rule.meta.fixable || !findings.some((d) => d.fix)) return { findings };
  let text = example.text;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applyFixes(text, lintText(text), 'suggestion');
    if (applied === 0 || next === text) break;
    text = next;
  }
  return text === example.text ? { findings } : { findings, output: text };
}

// ---------------------------------------------------------------------------
// --explain

/** A value for display: short JSON on one line, long arrays one item per line. */
function formatValue(value: unknown, indent: string): string {
  const flat = JSON.stringify(value);
  if (flat === undefined) return 'none';
  if (flat.length <= 80 || !Array.isArray(value)) return flat;
  return `[\n${value.map((v) => `${indent}  ${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
}

/** Wrap a paragraph to `width` columns, each line starting with `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

function quoteBlock(text: string, indent: string): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body
    .split('\n')
    .map((l) => `${indent}| ${l}`.trimEnd())
    .join('\n');
}

/** The rule's full documentation for the terminal, examples run live. */
export function explainRule(rule: Rule, width = 100): string {
  const m = rule.meta;
  const parts: string[] = [];
  parts.push(`${m.id}\n${'='.repeat(m.id.length)}`);
  parts.push(wrap(m.description, width));
  parts.push(`Severity: ${m.severity}\nFixable:  ${m.fixable === 'safe' ? 'yes (safe fix)' : m.fixable === 'suggestion' ? 'suggested change (check before applying)' : 'no'}`);
  parts.push(`Why\n${wrap(m.rationale, width, '  ')}`);
  if (m.notes) parts.push(`Notes\n${wrap(m.notes, width, '  ')}`);
  const options = Object.entries(m.options ?? {});
  if (options.length > 0) {
    parts.push(
      `Options\n${options.map(([name, o]) => `  ${name} (${schemaType(o)}): ${wrap(o.description, width, '    ').trimStart()}\n    default: ${formatValue(o.default, '    ')}`).join('\n')}`,
    );
  } else {
    parts.push('Options\n  none');
  }
  parts.push(`Sources\n${m.sources.map((s) => `  - ${s.title}${s.url ? `\n    ${s.url}` : ''}`).join('\n')}`);
  parts.push(`Documentation\n  ${ruleDocsPath(m.id)} in the policy-lint repository`);
  const examples = m.examples.map((example, i) => {
    const run = runExample(rule, example);
    const lines: string[] = [];
    const verdict = run.findings.length === 0 ? 'passes' : `${run.findings.length} finding${run.findings.length === 1 ? '' : 's'}`;
    lines.push(`  ${i + 1}. ${example.title} (${verdict})`);
    if (example.options) lines.push(`     options: ${formatValue(example.options, '     ')}`);
    if (example.asOf) lines.push(`     as of: ${example.asOf}`);
    if (example.model !== undefined) {
      lines.push('     model:');
      lines.push(quoteBlock(example.model, '     '));
      lines.push('     policy:');
    }
    lines.push(quoteBlock(example.text, '     '));
    for (const d of run.findings) lines.push(`     ${d.line}:${d.column}  ${d.message}${d.fix ? `  [${d.fix.safety === 'safe' ? 'fixable' : 'suggestion'}]` : ''}`);
    if (run.output !== undefined) {
      lines.push('     after fixing:');
      lines.push(quoteBlock(run.output, '     '));
    }
    return lines.join('\n');
  });
  // Examples are judged as on a fixed day (so that --explain gives the same page every day); the heading says which.
  parts.push(examples.length > 0 ? `Examples (run now, with dates judged as on ${EXAMPLE_AS_OF} unless stated)\n${examples.join('\n\n')}` : 'Examples\n  none');
  return `${parts.join('\n\n')}\n`;
}

/** Edit distance between two strings (for "did you mean"). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The known id nearest to `name`: among the ids it contains or is part of, the smallest edit distance; else
 * the nearest id when it is near enough to be a typo (config/errors.ts `nearest`), and none when nothing is
 * ("nope" is not a slip for "model-drift").
 */
export function nearestRuleId(name: string, ids: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const containing = ids.filter((id) => id.includes(wanted) || wanted.includes(id));
  if (containing.length === 0) return nearest(name, ids);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of containing) {
    const d = editDistance(wanted, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  return best;
}

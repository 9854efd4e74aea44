/**
 * The sub-commands that print something other than a lint report: --list-rules,
 * --explain, --outline (the runner finds and reads the files), --init and
 * --print-config (src/config/commands.ts does the work).
 */
import path from 'node:path';
import { outlineFiles, outlineText } from '../runner/api.js';
import type { LintOptions } from '../runner/api.js';
import type { Rule } from '../types.js';
import type { CliIO } from './io.js';
import { UsageError, type Options } from './options.js';
import { visibleLine } from '../formatters/shared.js';

/** --list-rules and --explain: rule documentation instead of linting. */
export async function ruleDocs(opts: Options, args: string[], io: CliIO, rules: Rule[]): Promise<number> {
  const { explainRule, listRulesJson, listRulesText, nearestRuleId, runExample } = await import('./rule-docs.js');
  if (opts.listRules && opts.explain !== undefined) throw new UsageError('use either --list-rules or --explain, not both');
  const flag = opts.listRules ? '--list-rules' : '--explain';
  if (args.length > 0) throw new UsageError(`${flag} takes no files (got "${args[0]}")`);
  if (opts.format !== 'stylish' && opts.format !== 'json') throw new UsageError(`${flag} prints text, or JSON with --format json (not "${opts.format}")`);
  if (opts.listRules) {
    io.stdout(opts.format === 'json' ? listRulesJson(rules) : listRulesText(rules));
    return 0;
  }
  const id = opts.explain ?? '';
  const rule = rules.find((r) => r.meta.id === id);
  if (!rule) {
    const near = nearestRuleId(
      id,
      rules.map((r) => r.meta.id),
    );
    throw new UsageError(`--explain: unknown rule "${id}"${near ? `; did you mean "${near}"?` : ''} (policy-lint --list-rules lists them)`);
  }
  if (opts.format === 'json') {
    const examples = rule.meta.examples.map((example) => {
      const run = runExample(rule, example);
      const findings = run.findings.map((d) => ({ line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn, message: d.message, fix: d.fix?.safety ?? null }));
      return { ...example, findings, ...(run.output !== undefined ? { fixed: run.output } : {}) };
    });
    io.stdout(`${JSON.stringify({ ...rule.meta, examples }, null, 2)}\n`);
    return 0;
  }
  io.stdout(explainRule(rule));
  return 0;
}

/** --outline: the section tree of each file, as indented text or JSON. */
export async function outline(opts: Options, patterns: string[], io: CliIO, lintOptions: LintOptions): Promise<number> {
  if (opts.format !== 'stylish' && opts.format !== 'json') throw new UsageError(`--outline prints text, or JSON with --format json (not "${opts.format}")`);
  const run = opts.stdin
    ? await outlineText(io.stdin ? await io.stdin() : new Uint8Array(), { ...lintOptions, ...(opts.stdinFilename !== undefined ? { filePath: opts.stdinFilename } : {}) })
    : await outlineFiles(patterns, lintOptions);
  for (const line of run.notices) io.stderr(visibleLine(line));
  if (run.ignored) return 0;
  io.stdout(opts.format === 'json' ? `${JSON.stringify(run.outlines.map((o) => ({ filePath: o.filePath, sections: o.sections })))}\n` : `${run.outlines.map((o) => o.text).join('\n\n')}\n`);
  return run.inputProblems > 0 ? 2 : 0;
}

/**
 * --print-text FILE: the text policy-lint reads, as it reads it (a Word or
 * PDF file's Markdown text view: the line and column of every finding point
 * into it). Exit code 2, with one line, for a file it cannot read.
 */
export async function printText(file: string, io: CliIO): Promise<number> {
  const { readSource } = await import('../document/read.js');
  const { SourceError } = await import('../document/source.js');
  const abs = path.resolve(io.cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = (await import('../document/regular-file.js')).readRegularFile(abs);
  } catch (error) {
    const { describeReadError } = await import('../runner/api.js');
    // A file that is not there was never there (not "moved while linting"): said as a lint run says it.
    const why = (error as NodeJS.ErrnoException)?.code === 'ENOENT' ? `${file}: no such file or directory` : describeReadError(file, error);
    io.stderr(visibleLine(`policy-lint: ${why}\n`));
    return 2;
  }
  try {
    const source = await readSource(abs, bytes);
    io.stdout(source.text.endsWith('\n') || source.text === '' ? source.text : `${source.text}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    io.stderr(visibleLine(`policy-lint: ${file}: ${error.message}\n`));
    return 2;
  }
}

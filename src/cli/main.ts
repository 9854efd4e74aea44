/**
 * The command line: parse the options, call the runner (src/runner/api.ts),
 * print what comes back, and choose the exit code.
 *
 * Exit codes: 0 no errors; 1 at least one error (or more warnings than
 * --max-warnings); 2 a usage, configuration or input problem, reported on one
 * line naming the file and what is wrong (a stack trace only with --debug).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { packageVersion } from '../package-root.js';
// Only what every run needs is imported here; the parser, the rules, the
// configuration machinery, the formatters and the rule docs are imported when
// a run needs them (a single-file run, --version and --help stay fast).
import { SourceError } from '../document/source.js';
import { ConfigError } from '../config/errors.js';
import { InputError } from '../runner/files.js';
import { WriteError, writeFileAtomic } from '../runner/write.js';
import { BaselineError } from '../runner/baseline.js';
import { IgnoreFileError } from '../runner/ignore.js';
import { loadFormatter } from '../formatters/index.js';
import { visible, visibleLine } from '../formatters/shared.js';
import { LintUsageError, type LintOptions, type LintRun } from '../runner/api.js';
import type { FixSafety } from '../types.js';
import { formatDate, GUIDANCE } from '../domain/guidance.js';
import { defaultIO, type CliIO } from './io.js';
import { buildProgram, houseStyle, parseAsOf, UsageError, type Options } from './options.js';

export type { CliIO } from './io.js';
export { buildProgram } from './options.js';

/**
 * The rule registry, as the command line loads it. The command line is bundled
 * (scripts/build-bundle.ts), so a tool or test that wraps it and must inspect or
 * replace a rule reaches the bundle's own copy through this.
 */
export const loadRuleRegistry = (): Promise<typeof import('../../rules/index.js')> => import('../../rules/index.js');

/** Exit codes, as ESLint's. */
export const EXIT = { ok: 0, lintErrors: 1, problem: 2 } as const;

function readVersion(): string {
  try {
    return packageVersion();
  } catch {
    return '0.0.0';
  }
}

function useColor(option: boolean | undefined, io: CliIO): boolean {
  if (option === false) return false;
  if (option === true) return true; // --color
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY;
}

/** Refuse option combinations that make no sense, before anything is read. */
function checkCombinations(opts: Options, patterns: string[]): void {
  if (opts.stdin && patterns.length > 0) throw new UsageError('give either files to lint or --stdin, not both');
  if (opts.stdinFilename !== undefined && !opts.stdin) throw new UsageError('--stdin-filename only makes sense with --stdin');
  if (!opts.stdin && patterns.length === 0) throw new UsageError('no files given: try "policy-lint policy.md" or "policy-lint --help"');
  if (opts.fix && opts.fixDryRun) throw new UsageError('--fix writes the fixes and --fix-dry-run only shows them: use one of them');
  if (opts.cacheLocation !== undefined && !opts.cache) throw new UsageError('--cache-location only makes sense with --cache');
}

/** The runner's options, from the command line's. */
function lintOptionsOf(opts: Options, io: CliIO): LintOptions {
  // --fix-suggestions alone fixes and writes; with --fix-dry-run it only shows.
  const fix: FixSafety | undefined = opts.fixSuggestions ? 'suggestion' : opts.fix || opts.fixDryRun ? 'safe' : undefined;
  return {
    cwd: io.cwd,
    ...(opts.config !== undefined ? { configFile: opts.config } : {}),
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.asOf !== undefined ? { asOf: parseAsOf(opts.asOf) } : {}),
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    reportUnusedDirectives: Boolean(opts.reportUnusedDirectives),
    ...(opts.inlineConfig === false ? { noInlineConfig: true } : {}),
    ...(opts.rule?.length ? { rules: opts.rule } : {}),
    ...(fix !== undefined ? { fix } : {}),
    dryRun: Boolean(opts.fixDryRun),
    ignore: opts.ignore !== false,
    ignorePatterns: opts.ignorePattern ?? [],
    ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}),
    ...(opts.writeBaseline !== undefined ? { writeBaseline: opts.writeBaseline } : {}),
    cache: Boolean(opts.cache),
    ...(opts.cacheLocation !== undefined ? { cacheLocation: opts.cacheLocation } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    quiet: Boolean(opts.quiet),
    debug: Boolean(opts.debug),
    // Notes are one line each: whatever they quote (a file name, a policy's text) is shown visibly.
    onNotice: (line) => io.stderr(visibleLine(line)),
  };
}

/** Print the report of a lint run (and, for a dry run or standard input, the fixed text) and choose the exit code. */
async function report(run: LintRun, opts: Options, io: CliIO): Promise<number> {
  const formatStarted = performance.now();
  const formatter = await loadFormatter(opts.format);
  if (!formatter) throw new UsageError(`--format: unknown format "${opts.format}"`);
  const { results } = run;
  const context = {
    cwd: io.cwd,
    color: useColor(opts.color, io),
    rules: run.rules,
    version: readVersion(),
    suppressed: run.suppressed,
    asOf: run.basis.asOf,
    guidance: run.basis.guidance,
    configFiles: run.basis.configFiles,
    ...(io.isTTY && io.columns ? { width: io.columns } : {}),
  };
  const output = formatter(results, context);
  if (opts.debug) {
    // Where the time went (standard error only: the report is unchanged).
    const { read, parse, rules, threads } = run.times;
    const ms = (n: number): string => `${Math.round(n)} ms`;
    io.stderr(
      `policy-lint: debug: time: read ${ms(read)}, parse ${ms(parse)}, rules ${ms(rules)}, format ${ms(performance.now() - formatStarted)}` +
        `${threads > 1 ? ` (read, parse and rules added up over ${threads} threads)` : ''}\n`,
    );
  }
  const shown = (file: string): string => visible(path.relative(io.cwd, file) || file);
  // With a dry run (or --stdin and a fix option), the fixed text is the
  // main output; the report then goes to standard error. The JSON report
  // carries the fixed text itself, as "output".
  const preview = (opts.fix || opts.fixDryRun || opts.fixSuggestions) && (Boolean(opts.fixDryRun) || Boolean(opts.stdin));
  const textOnStdout = Boolean(preview) && opts.format !== 'json';
  if (textOnStdout) {
    // One file: its text, fixed or (nothing to fix) unchanged, so that `--fix-dry-run > out.txt` is always the
    // text to use. Several: each fixed text, headed with its file's name.
    const shownResults = results.length === 1 ? results : results.filter((r) => r.output !== undefined);
    for (const r of shownResults) {
      if (opts.stdin && r.outputBytes) {
        // Standard input comes back byte for byte where nothing was fixed, in its own encoding, BOM and line endings.
        writeBytes(io, r.outputBytes);
        continue;
      }
      const src = r.source!;
      const text = r.output ?? src.original;
      io.stdout(results.length > 1 ? `==> ${shown(r.filePath)} (fixed) <==\n${text}${text.endsWith('\n') ? '' : '\n'}` : text);
    }
  }
  if (opts.outputFile !== undefined) {
    writeFileAtomic(path.resolve(io.cwd, opts.outputFile), output, { display: opts.outputFile, mkdir: true });
  } else if (output) {
    const write = textOnStdout ? io.stderr : io.stdout;
    write(output.endsWith('\n') ? output : `${output}\n`);
  }
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (opts.format === 'github' && stepSummary) {
    // GitHub Actions shows this file's Markdown on the run's page; steps append to it.
    const { githubSummary } = await import('../formatters/github.js');
    try {
      fs.appendFileSync(path.resolve(io.cwd, stepSummary), githubSummary(results, context));
    } catch (error) {
      io.stderr(visibleLine(`policy-lint: warning: could not write the step summary to ${stepSummary}: ${error instanceof Error ? error.message : String(error)}\n`));
    }
  }
  if (run.inputProblems > 0) return EXIT.problem;
  const tooManyWarnings = opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && run.warningCount > opts.maxWarnings;
  if (tooManyWarnings) {
    io.stderr(`policy-lint: ${run.warningCount} warning${run.warningCount === 1 ? '' : 's'} found, more than --max-warnings ${opts.maxWarnings} allows\n`);
  }
  return results.some((r) => r.errorCount > 0) || tooManyWarnings ? EXIT.lintErrors : EXIT.ok;
}

/** Bytes to standard output as they are (decoded as UTF-8 for a caller that takes text only). */
function writeBytes(io: CliIO, bytes: Uint8Array): void {
  if (io.stdoutBytes) io.stdoutBytes(bytes);
  else io.stdout(new TextDecoder().decode(bytes));
}

/** One line for an error that ends the run (and the stack with --debug). */
function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof ConfigError) {
    io.stderr(visibleLine(`policy-lint: ${error.format(io.cwd)}\n`));
    if (debug && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.problem;
  }
  if (
    error instanceof UsageError ||
    error instanceof LintUsageError ||
    error instanceof InputError ||
    error instanceof WriteError ||
    error instanceof BaselineError ||
    error instanceof IgnoreFileError ||
    error instanceof SourceError
  ) {
    io.stderr(visibleLine(`policy-lint: ${error.message}\n`));
    return EXIT.problem;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(visibleLine(`policy-lint: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`));
  if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT.problem;
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const program = buildProgram(io, `${readVersion()} (guidance facts last checked on ${formatDate(GUIDANCE.checked)})`);
  let debug = argv.includes('--debug');
  try {
    try {
      program.parse(argv);
    } catch (error) {
      if (error instanceof CommanderError) {
        if (error.exitCode === 0) return EXIT.ok; // --help, --version
        throw new UsageError(houseStyle(error));
      }
      throw error;
    }
    const opts = program.opts<Options>();
    // As ESLint and markdownlint-cli2: "-" names standard input, and a path starting with "!" excludes what it
    // matches (gitignore syntax, as --ignore-pattern).
    const patterns = program.args.filter((p) => p !== '-' && !p.startsWith('!'));
    if (program.args.includes('-')) opts.stdin = true;
    const negated = program.args.filter((p) => p.startsWith('!') && p.length > 1).map((p) => p.slice(1));
    if (negated.length > 0) opts.ignorePattern = [...(opts.ignorePattern ?? []), ...negated];
    debug = Boolean(opts.debug);
    if (opts.init) {
      if (patterns.length > 0) throw new UsageError(`--init takes no files (got "${patterns[0]}")`);
      const { initConfig } = await import('../config/commands.js');
      return await initConfig(io);
    }
    // Configuration: .policylintrc files found from each file's folder, or --config (src/config/resolve.ts).
    if (opts.config !== undefined && !fs.existsSync(path.resolve(io.cwd, opts.config))) throw new UsageError(`--config: "${opts.config}" not found`);
    const lintOptions = lintOptionsOf(opts, io);
    if (opts.printText !== undefined) {
      if (patterns.length > 0) throw new UsageError(`--print-text takes one file (got also "${patterns[0]}")`);
      const { printText } = await import('./commands.js');
      return await printText(opts.printText, io);
    }
    if (opts.printConfig !== undefined || opts.listRules || opts.explain !== undefined) {
      const { ConfigResolver, today } = await import('../config/index.js');
      const now = today();
      const resolver = new ConfigResolver({
        cwd: io.cwd,
        ...(lintOptions.configFile !== undefined ? { configFile: lintOptions.configFile } : {}),
        ...(lintOptions.asOf ? { asOf: lintOptions.asOf } : {}),
        ...(lintOptions.profile !== undefined ? { profile: lintOptions.profile } : {}),
        reportUnusedDirectives: Boolean(opts.reportUnusedDirectives),
        ...(lintOptions.noInlineConfig ? { noInlineConfig: true } : {}),
        ...(lintOptions.rules ? { rules: lintOptions.rules } : {}),
        today: () => now,
      });
      if (opts.printConfig !== undefined) {
        if (patterns.length > 0) throw new UsageError(`--print-config takes one file (got also "${patterns[0]}")`);
        const { printConfig } = await import('../config/commands.js');
        return printConfig(resolver, opts.printConfig, io);
      }
      const { ruleDocs } = await import('./commands.js');
      return await ruleDocs(opts, patterns, io, resolver.forDirectory(io.cwd).registry ?? resolver.allRules());
    }
    checkCombinations(opts, patterns);
    if (opts.outline) {
      const { outline } = await import('./commands.js');
      return await outline(opts, patterns, io, lintOptions);
    }
    const api = await import('../runner/api.js');
    let run: LintRun;
    if (opts.stdin) {
      const bytes = io.stdin ? await io.stdin() : new Uint8Array();
      run = await api.lintText(bytes, { ...lintOptions, ...(opts.stdinFilename !== undefined ? { filePath: opts.stdinFilename } : {}) });
      if (run.ignored) {
        if (lintOptions.fix !== undefined) writeBytes(io, bytes);
        return EXIT.ok;
      }
    } else {
      const { Progress, wantsProgress } = await import('./progress.js');
      const progress = wantsProgress(io, Boolean(opts.quiet)) ? new Progress(io.stderr) : undefined;
      try {
        run = await api.lintFiles(patterns, progress ? { ...lintOptions, onNotice: progress.around(lintOptions.onNotice ?? io.stderr), onProgress: progress.update } : lintOptions);
      } finally {
        progress?.end();
      }
    }
    return await report(run, opts, io);
  } catch (error) {
    return reportError(error, io, debug);
  }
}

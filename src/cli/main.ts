/**
 * The command line: parse options, find files, lint, print, exit.
 *
 * Exit codes: 0 no errors; 1 at least one error (or more warnings than
 * --max-warnings); 2 a usage, configuration or input problem, reported on one
 * line naming the file and what is wrong (a stack trace only with --debug).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { packageVersion } from '../package-root.js';
// Only what every run needs is imported here; the parser, the rules, the
// configuration machinery, the formatters and the rule docs are imported when
// a run needs them (a single-file run, --version and --help stay fast).
import { decodeSource, encodingMeta, SourceError } from '../document/source.js';
import { ConfigError } from '../config/errors.js';
import type { ConfigResolver, ResolvedConfig } from '../config/index.js';
import { directiveMeta } from '../engine/directives.js';
import { describeUnreadableFolder, expandPaths, InputError, type UnreadableFolder } from '../runner/files.js';
import { summarize, type LintResult } from '../engine/summary.js';
import { RuleError, type EnabledRule } from '../engine/engine.js';
import type { Formatter } from '../formatters/types.js';
import { selectFixes } from '../engine/fix.js';
import { writeFileAtomic, WriteError } from '../runner/write.js';
import { applyBaseline, buildBaseline, readBaseline, serializeBaseline, BaselineError, type Baseline } from '../runner/baseline.js';
import { filterIgnored, loadIgnore, namesFile, IgnoreFileError } from '../runner/ignore.js';
import { buildId, cacheFile, configKey, contentHash, hashFile, LintCache, statStamp } from '../runner/cache.js';
import { chooseThreads, lintInWorkers, workerScript, type SerializedError, type ThreadsOption, type WorkerInit } from '../runner/pool.js';
import type { FileJob, JobOptions, JobResult, Linted } from '../runner/run.js';
import type { SourceText } from '../document/source.js';
import type { Diagnostic, FixSafety, Rule } from '../types.js';
import type { RuleMeta } from '../types.js';

/** Every --format, loaded only when chosen (the same names as FORMATTERS in src/formatters/index.ts). */
export const FORMAT_LOADERS: Readonly<Record<string, () => Promise<Formatter>>> = {
  stylish: async () => (await import('../formatters/stylish.js')).stylish,
  compact: async () => (await import('../formatters/compact.js')).compact,
  json: async () => (await import('../formatters/json.js')).json,
  sarif: async () => (await import('../formatters/sarif.js')).sarif,
  github: async () => (await import('../formatters/github.js')).github,
  junit: async () => (await import('../formatters/junit.js')).junit,
};

/**
 * The rule registry, as the command line loads it. The command line is bundled
 * (scripts/build-bundle.ts), so a tool or test that wraps it and must inspect or
 * replace a rule reaches the bundle's own copy through this.
 */
export const loadRuleRegistry = (): Promise<typeof import('../../rules/index.js')> => import('../../rules/index.js');

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Standard input, read whole (for --stdin). */
  stdin?: () => Promise<Uint8Array>;
  /** Ask one question on the terminal (--init); absent when standard input or output is not a terminal. */
  ask?: (question: string) => Promise<string>;
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

const defaultIO = (): CliIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  stdin: readStdin,
  ...(process.stdin.isTTY && process.stdout.isTTY ? { ask: askOnTerminal } : {}),
});

/** A problem that ends the run with exit code 2 and a one-line message. */
class UsageError extends Error {}

function readVersion(): string {
  try {
    return packageVersion();
  } catch {
    return '0.0.0';
  }
}

function parseAsOf(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !date || date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    throw new UsageError(`--as-of: "${value}" is not a date in the form YYYY-MM-DD`);
  }
  return date;
}

function useColor(option: boolean | undefined, io: CliIO): boolean {
  if (option === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.isTTY;
}

function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `${file}: no such file (it may have been moved or deleted while linting)`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
  if (code === 'EISDIR') return `${file}: is a directory`;
  return `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

const EXAMPLES = `
Examples:
  $ policy-lint policy.md                      lint one policy
  $ policy-lint policies/                      lint every .md, .markdown and .txt file below a folder
  $ policy-lint "policies/**/*.md" --format json
  $ policy-lint policy.md --as-of 2025-09-01   judge dates as on 1 September 2025
  $ policy-lint --outline policy.md            show the sections policy-lint found
  $ policy-lint --init                         write a starter .policylintrc.yaml here
  $ policy-lint --print-config policy.md       show the settings that apply to a file
  $ policy-lint policies/ --fix                fix what can be fixed safely, then report the rest
  $ policy-lint policy.md --fix-dry-run        print the fixed text; change nothing
  $ policy-lint . --format sarif -o policy-lint.sarif   a report for GitHub code scanning
  $ policy-lint . --write-baseline .policylint-baseline.json   accept today's findings ...
  $ policy-lint . --baseline .policylint-baseline.json         ... and report only new ones

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 a usage or input problem.`;

export function buildProgram(io: CliIO): Command {
  const program = new Command();
  program
    .name('policy-lint')
    .description("Check a school's policy documents for out-of-date guidance, missing names and unfinished text.")
    .argument('[paths...]', 'files, folders or glob patterns to lint')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(FORMAT_LOADERS)).default('stylish'))
    .option('--as-of <date>', 'judge dates as on this day (YYYY-MM-DD); default: today (overrides settings.asOf)')
    .option('-c, --config <file>', 'use this configuration file only (no .policylintrc files are looked for)')
    .option('--print-config <file>', 'print the configuration that applies to this file (JSON) instead of linting')
    .option('--init', 'write a starter .policylintrc.yaml in the current folder')
    .option('--report-unused-directives', 'report policy-lint-disable comments that silence nothing (as warnings)')
    .option('--outline', 'print the section tree policy-lint found instead of linting')
    .option('--list-rules', 'list every rule: its severity, whether it can fix what it finds, and what it checks')
    .option('--explain <rule>', "show a rule's documentation, with its examples run now")
    .option('--fix', 'apply safe fixes to the files, then report what is left')
    .option('--fix-suggestions', 'apply suggested fixes too (they change wording: check them)')
    .option('--fix-dry-run', 'show the fixed text (or "output" in --format json) without changing any file')
    .option('-o, --output-file <file>', 'write the report to this file instead of standard output')
    .addOption(new Option('--max-warnings <number>', 'exit with code 1 when there are more warnings than this').argParser(parseCount))
    .option('--quiet', 'report errors only, not warnings')
    .option('--stdin', 'lint the text on standard input')
    .option('--stdin-filename <name>', 'the file name to report standard input under (and to match ignore patterns)')
    .option('--ignore-pattern <pattern>', 'skip files matching this pattern (gitignore syntax; repeatable)', collect)
    .option('--no-ignore', 'lint files even if .policylintignore, --ignore-pattern or "ignores" in a configuration would skip them')
    .option('--baseline <file>', 'do not report the findings recorded in this baseline file')
    .option('--write-baseline <file>', "record today's findings in this baseline file")
    .option('--cache', "remember each file's findings and re-check only files (or settings) that changed")
    .option('--cache-location <path>', 'where --cache keeps its file (default: node_modules/.cache/policy-lint/cache.json)')
    .addOption(
      new Option('--threads <n>', 'lint on up to N threads at once (default: auto, one per CPU core when there is enough to lint)').argParser(parseThreads),
    )
    .option('--no-threads', 'lint on one thread only')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('--debug', 'print stack traces for internal errors')
    .version(readVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });
  return program;
}

interface Options {
  format: string;
  asOf?: string;
  config?: string;
  printConfig?: string;
  init?: boolean;
  reportUnusedDirectives?: boolean;
  outline?: boolean;
  listRules?: boolean;
  explain?: string;
  color?: boolean;
  debug?: boolean;
  fix?: boolean;
  fixSuggestions?: boolean;
  fixDryRun?: boolean;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  stdin?: boolean;
  stdinFilename?: string;
  ignorePattern?: string[];
  ignore?: boolean;
  baseline?: string;
  writeBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  threads?: ThreadsOption;
}

function parseThreads(value: string): ThreadsOption {
  if (value === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a whole number of 1 or more, or "auto"');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number of 0 or more');
  return Number(value);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** One file (or standard input) to lint, as read. */
interface Input {
  file: string;
  /** The bytes, or only their hash (--cache reads them again if the file must be linted). */
  bytes?: Uint8Array;
  hash?: string;
  /** --cache: the file's stamp on disk before it was read (statStamp), when it is old enough to be trusted. */
  stamp?: string;
  stdin: boolean;
}

/** --list-rules and --explain: rule documentation instead of linting. */
async function ruleDocs(opts: Options, args: string[], io: CliIO, rules: Rule[]): Promise<number> {
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
    const near = nearestRuleId(id, rules.map((r) => r.meta.id));
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

/** A file's findings from the cache; its text is read and decoded only when something needs it (a baseline, SARIF). */
function cachedLinted(file: string, bytes: Uint8Array | undefined, messages: Diagnostic[]): Linted {
  let source: SourceText | undefined;
  return {
    file,
    messages,
    get source(): SourceText {
      return (source ??= decodeSource(bytes ?? fs.readFileSync(file)));
    },
  };
}

/** An error a worker thread sent back, as the error it was (so that it is reported as on one thread). */
function rebuildError(e: SerializedError): Error {
  const error = e.name === 'RuleError' ? new RuleError(e.ruleId ?? '', e.message) : new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const program = buildProgram(io);
  let debug = argv.includes('--debug');
  try {
    try {
      program.parse(argv);
    } catch (error) {
      if (error instanceof CommanderError) {
        if (error.exitCode === 0) return 0; // --help, --version
        throw new UsageError(error.message.replace(/^error: /, ''));
      }
      throw error;
    }
    const opts = program.opts<Options>();
    debug = Boolean(opts.debug);
    if (opts.init) {
      if (program.args.length > 0) throw new UsageError(`--init takes no files (got "${program.args[0]}")`);
      const { initConfig } = await import('../config/commands.js');
      return await initConfig(io);
    }
    // Configuration: .policylintrc files found from each file's folder, or --config (src/config/resolve.ts).
    if (opts.config !== undefined && !fs.existsSync(path.resolve(io.cwd, opts.config))) throw new UsageError(`--config: "${opts.config}" not found`);
    const asOf = opts.asOf !== undefined ? parseAsOf(opts.asOf) : undefined;
    const { ConfigResolver, enabledRules, today } = await import('../config/index.js');
    // One "today" for the whole run, worker threads included.
    const now = today();
    const resolver: ConfigResolver = new ConfigResolver({
      cwd: io.cwd,
      ...(opts.config !== undefined ? { configFile: opts.config } : {}),
      ...(asOf ? { asOf } : {}),
      reportUnusedDirectives: Boolean(opts.reportUnusedDirectives),
      today: () => now,
    });
    const enabledFor = new WeakMap<ResolvedConfig, EnabledRule[]>();
    const configFor = (file: string): { config: ResolvedConfig; rules: EnabledRule[] } => {
      const config = resolver.forFile(file);
      let rules = enabledFor.get(config);
      if (!rules) enabledFor.set(config, (rules = enabledRules(config)));
      return { config, rules };
    };
    if (opts.printConfig !== undefined) {
      if (program.args.length > 0) throw new UsageError(`--print-config takes one file (got also "${program.args[0]}")`);
      const { printConfig } = await import('../config/commands.js');
      return printConfig(resolver, opts.printConfig, io);
    }
    if (opts.listRules || opts.explain !== undefined) return await ruleDocs(opts, program.args, io, resolver.forDirectory(io.cwd).registry ?? resolver.allRules());
    const patterns = program.args;
    if (opts.stdin && patterns.length > 0) throw new UsageError('give either files to lint or --stdin, not both');
    if (opts.stdinFilename !== undefined && !opts.stdin) throw new UsageError('--stdin-filename only makes sense with --stdin');
    if (!opts.stdin && patterns.length === 0) throw new UsageError('no files given: try "policy-lint policy.md" or "policy-lint --help"');
    if (opts.fix && opts.fixDryRun) throw new UsageError('--fix writes the fixes and --fix-dry-run only shows them: use one of them');
    if (opts.cacheLocation !== undefined && !opts.cache) throw new UsageError('--cache-location only makes sense with --cache');
    // --fix-suggestions alone fixes and writes; with --fix-dry-run it only shows.
    const fixLevel: FixSafety | undefined = opts.fixSuggestions ? 'suggestion' : opts.fix || opts.fixDryRun ? 'safe' : undefined;
    // Never write: a dry run, or standard input (the fixed text goes to standard output).
    const preview = fixLevel !== undefined && (Boolean(opts.fixDryRun) || Boolean(opts.stdin));
    const shown = (file: string): string => path.relative(io.cwd, file) || file;
    const baseline = opts.baseline !== undefined ? readBaseline(path.resolve(io.cwd, opts.baseline), opts.baseline) : undefined;
    const ignorer = opts.ignore === false ? loadIgnore(io.cwd, [], false) : loadIgnore(io.cwd, opts.ignorePattern ?? []);

    const inputs: Input[] = [];
    let inputProblems = 0;
    const version = readVersion();
    const cache = opts.cache && !opts.outline ? LintCache.open(cacheFile(io.cwd, opts.cacheLocation), io.cwd, buildId(version)) : undefined;
    const runStart = Date.now();

    if (opts.stdin) {
      const file = path.resolve(io.cwd, opts.stdinFilename ?? '<stdin>');
      const bytes = io.stdin ? await io.stdin() : new Uint8Array();
      const why =
        opts.stdinFilename !== undefined
          ? (ignorer.reason(file) ?? (opts.ignore === false ? undefined : resolver.ignoredBy(file, resolver.forFile(file))))
          : undefined;
      if (why) {
        io.stderr(`policy-lint: warning: ${shown(file)} is ignored (${why}), so standard input was not linted; use --no-ignore to lint it\n`);
        if (preview) io.stdout(Buffer.from(bytes).toString('utf8'));
        return 0;
      }
      inputs.push({ file, bytes, stdin: true });
    } else {
      const unreadable: UnreadableFolder[] = [];
      const files = expandPaths(patterns, io.cwd, unreadable);
      for (const u of unreadable) {
        io.stderr(`policy-lint: ${describeUnreadableFolder(shown(u.dir), u.error)}\n`);
        inputProblems++;
      }
      const explicit = new Set(patterns.filter((p) => namesFile(p, io.cwd)).map((p) => path.resolve(io.cwd, p)));
      const { kept, warnings } = filterIgnored(files, ignorer, explicit);
      for (const w of warnings) {
        io.stderr(`policy-lint: warning: ${shown(w.file)} skipped: it is ignored (${w.reason}); use --no-ignore to lint it\n`);
      }
      for (const file of kept) {
        // "ignores" in the configuration files (relative to each file's folder).
        const ignoredBy = opts.ignore === false ? undefined : resolver.ignoredBy(file, resolver.forFile(file));
        if (ignoredBy) {
          if (explicit.has(file)) io.stderr(`policy-lint: warning: ${shown(file)} skipped: it is ignored (${ignoredBy}); use --no-ignore to lint it\n`);
          continue;
        }
        try {
          // With --cache, a file is only hashed here (one whose findings are cached is never held in memory),
          // and not even read when its stamp on disk is the one recorded with its hash.
          if (cache) {
            const stamp = statStamp(fs.statSync(file), runStart);
            inputs.push({ file, hash: cache.hashOf(file, stamp) ?? hashFile(file), stdin: false, ...(stamp !== undefined ? { stamp } : {}) });
          } else {
            inputs.push({ file, bytes: fs.readFileSync(file), stdin: false });
          }
        } catch (error) {
          io.stderr(`policy-lint: ${describeReadError(shown(file), error)}\n`);
          inputProblems++;
        }
      }
    }

    if (opts.outline) {
      const [{ buildDocument }, { outlineOf, outlineText }] = await Promise.all([import('../document/build.js'), import('../document/outline.js')]);
      const outlines: { filePath: string; sections: ReturnType<typeof outlineOf> }[] = [];
      const outlineTexts: string[] = [];
      for (const { file, bytes } of inputs) {
        let doc: ReturnType<typeof buildDocument>;
        try {
          // A file beyond the reading limits is refused when decoded, or (emphasis too deep for the parser's stack) when parsed.
          doc = buildDocument(file, decodeSource(bytes ?? new Uint8Array()));
        } catch (error) {
          if (!(error instanceof SourceError)) throw error;
          io.stderr(`policy-lint: ${shown(file)}: ${error.message}; skipped\n`);
          inputProblems++;
          continue;
        }
        outlines.push({ filePath: file, sections: outlineOf(doc) });
        outlineTexts.push(outlineText(shown(file), doc));
      }
      io.stdout(opts.format === 'json' ? `${JSON.stringify(outlines)}\n` : `${outlineTexts.join('\n\n')}\n`);
      return inputProblems > 0 ? 2 : 0;
    }

    // Lint every file (src/runner/run.ts): from the cache when it has the file's findings,
    // else on this thread or, for a large run, on worker threads (src/runner/pool.ts).
    // Results are taken in file order whichever thread finishes first, so that
    // messages and the report come out as from a run on one thread.
    const jobOptions: JobOptions = { ...(fixLevel !== undefined ? { fixLevel } : {}), preview, cache: Boolean(opts.cache) };
    const keys = new WeakMap<ResolvedConfig, string>();
    const keyFor = (file: string): string => {
      const { config } = configFor(file);
      let key = keys.get(config);
      if (key === undefined) keys.set(config, (key = configKey(config, buildId(version))));
      return key;
    };
    const linted: Linted[] = [];
    let fixedProblems = 0;
    let fixedFiles = 0;
    const done: (JobResult | undefined)[] = new Array<JobResult | undefined>(inputs.length);
    let taken = 0;
    const take = (index: number, result: JobResult): void => {
      done[index] = result;
      for (let r = done[taken]; r !== undefined && taken < inputs.length; r = done[++taken]) {
        done[taken] = undefined;
        for (const note of r.notes) io.stderr(note);
        inputProblems += r.problems;
        fixedProblems += r.fixedProblems;
        fixedFiles += r.fixedFiles;
        if (r.linted) linted.push(r.linted);
        // A file fixed and written has a new stamp: it is hashed again next time.
        if (cache && r.store) cache.set(inputs[taken]!.file, r.store.hash, keyFor(inputs[taken]!.file), r.store.messages, r.fixedFiles === 0 ? inputs[taken]!.stamp : undefined);
      }
    };
    const misses: number[] = [];
    const jobs: FileJob[] = [];
    inputs.forEach((input, index) => {
      const { file, stdin } = input;
      if (cache && !stdin) {
        const hash = input.hash ?? contentHash(input.bytes!);
        const messages = cache.get(file, hash, keyFor(file), input.stamp);
        // With a fix option, only findings that no fix applies to can be reused: anything else is linted (and fixed) again.
        if (messages && (fixLevel === undefined || selectFixes(messages, fixLevel).applied === 0)) {
          take(index, { notes: [], problems: 0, fixedProblems: 0, fixedFiles: 0, linted: cachedLinted(file, input.bytes, messages) });
          return;
        }
      }
      let bytes = input.bytes;
      if (!bytes) {
        try {
          bytes = fs.readFileSync(file);
        } catch (error) {
          take(index, { notes: [`policy-lint: ${describeReadError(shown(file), error)}\n`], problems: 1, fixedProblems: 0, fixedFiles: 0 });
          return;
        }
      }
      // The hash of the bytes actually read is recorded (run.ts), whatever was hashed above.
      jobs.push({ file, display: shown(file), bytes, stdin });
      misses.push(index);
    });
    const missJobs = jobs;
    const threads = chooseThreads(opts.threads, missJobs);
    let script = threads > 1 ? workerScript() : undefined;
    if (script) {
      // A configuration error is reported as a run on one thread reports it (after the
      // messages about the files before it): if there is one, lint on this thread.
      try {
        for (const job of missJobs) configFor(job.file);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        script = undefined;
      }
    }
    if (script) {
      const init: WorkerInit = {
        cwd: io.cwd,
        ...(opts.config !== undefined ? { configFile: opts.config } : {}),
        ...(asOf ? { asOf: asOf.getTime() } : {}),
        today: now.getTime(),
        reportUnusedDirectives: Boolean(opts.reportUnusedDirectives),
        job: jobOptions,
      };
      await lintInWorkers(
        missJobs,
        threads,
        init,
        script,
        (k, result) => {
          const l = result.linted;
          if (l && (l as Partial<Linted>).source === undefined) result.linted = cachedLinted(l.file, missJobs[k]!.bytes, l.messages);
          take(misses[k]!, result);
        },
        rebuildError,
      );
    } else if (missJobs.length > 0) {
      const { lintJob } = await import('../runner/run.js');
      missJobs.forEach((job, k) => {
        const resolve = (): { rules: EnabledRule[]; settings: ResolvedConfig['settings'] } => {
          const { config, rules } = configFor(job.file);
          return { rules, settings: config.settings };
        };
        take(misses[k]!, lintJob(job, resolve, jobOptions));
      });
    }
    if (cache) {
      const why = cache.save();
      if (why) io.stderr(`policy-lint: warning: --cache: ${why}, so the next run will lint every file again\n`);
    }
    if (fixedFiles > 0) io.stderr(`policy-lint: fixed ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`);

    let activeBaseline: Baseline | undefined = baseline;
    if (opts.writeBaseline !== undefined) {
      const recorded = buildBaseline(linted.map((l) => ({ filePath: l.file, messages: l.messages, text: l.source.text })), io.cwd);
      writeFileAtomic(path.resolve(io.cwd, opts.writeBaseline), serializeBaseline(recorded), { display: opts.writeBaseline, mkdir: true });
      const count = linted.reduce((n, l) => n + l.messages.length, 0);
      const fileCount = Object.keys(recorded.files).length;
      io.stderr(
        `policy-lint: recorded ${count} finding${count === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'} in ${opts.writeBaseline}; ` +
          `run with --baseline ${opts.writeBaseline} to report only new ones\n`,
      );
      activeBaseline = recorded;
    }

    const results: LintResult[] = [];
    let suppressed = 0;
    let warningCount = 0;
    for (const l of linted) {
      let messages = l.messages;
      if (activeBaseline) {
        const applied = applyBaseline(activeBaseline, l.file, io.cwd, messages, l.source.text);
        messages = applied.kept;
        suppressed += applied.suppressed;
      }
      warningCount += messages.filter((m) => m.severity === 'warning').length;
      if (opts.quiet) messages = messages.filter((m) => m.severity === 'error');
      const result = summarize(l.file, messages);
      // A cached file's text is decoded only if the report needs it.
      Object.defineProperty(result, 'source', { get: () => l.source, enumerable: true, configurable: true });
      if (l.output !== undefined) result.output = l.output;
      results.push(result);
    }

    const loadFormatter = Object.hasOwn(FORMAT_LOADERS, opts.format) ? FORMAT_LOADERS[opts.format] : undefined;
    if (!loadFormatter) throw new UsageError(`--format: unknown format "${opts.format}"`);
    const formatter = await loadFormatter();
    const meta = new Map<string, RuleMeta>([...resolver.allRules().map((r) => [r.meta.id, r.meta] as const), [directiveMeta.id, directiveMeta], [encodingMeta.id, encodingMeta]]);
    const output = formatter(results, { cwd: io.cwd, color: useColor(opts.color, io), rules: meta, version: readVersion(), suppressed });

    // With a dry run (or --stdin and a fix option), the fixed text is the
    // main output; the report then goes to standard error. The JSON report
    // carries the fixed text itself, as "output".
    const textOnStdout = preview && opts.format !== 'json';
    if (textOnStdout) {
      const changed = results.filter((r) => r.output !== undefined);
      for (const r of changed) {
        const src = r.source!;
        const text = `${src.bom && src.encoding === 'utf-8' && opts.stdin ? '\uFEFF' : ''}${r.output}`;
        io.stdout(changed.length > 1 || linted.length > 1 ? `==> ${shown(r.filePath)} (fixed) <==\n${text}${text.endsWith('\n') ? '' : '\n'}` : text);
      }
    }
    if (opts.outputFile !== undefined) {
      writeFileAtomic(path.resolve(io.cwd, opts.outputFile), output, { display: opts.outputFile, mkdir: true });
    } else if (output) {
      const write = textOnStdout ? io.stderr : io.stdout;
      write(output.endsWith('\n') ? output : `${output}\n`);
    }
    if (inputProblems > 0) return 2;
    const tooManyWarnings = opts.maxWarnings !== undefined && warningCount > opts.maxWarnings;
    if (tooManyWarnings) {
      io.stderr(`policy-lint: ${warningCount} warning${warningCount === 1 ? '' : 's'} found, more than --max-warnings ${opts.maxWarnings} allows\n`);
    }
    return results.some((r) => r.errorCount > 0) || tooManyWarnings ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`policy-lint: ${error.format(io.cwd)}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return 2;
    }
    if (error instanceof UsageError || error instanceof InputError || error instanceof WriteError || error instanceof BaselineError || error instanceof IgnoreFileError || error instanceof SourceError) {
      io.stderr(`policy-lint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RuleError) {
      io.stderr(`policy-lint: internal error: ${error.message}${debug ? '' : ' (run with --debug for details)'}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`policy-lint: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

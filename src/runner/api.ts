/**
 * The runner's programmatic API: lint files or a text with the configuration
 * that applies to them, and get ESLint-shaped results back. The command line
 * (src/cli/) is a thin layer over this; a trust's own scripts can call it too:
 *
 *   import { lintFiles } from 'policy-lint';
 *   const run = await lintFiles(['policies/'], { asOf: new Date('2026-12-01') });
 *   for (const result of run.results) console.log(result.filePath, result.errorCount);
 *
 * Nothing here prints. What the command line writes on standard error (files
 * skipped, fixes written, unreadable files) is passed to `onNotice` as it
 * happens, or collected in `LintRun.notices`; problems that end a run (a bad
 * configuration, an unreadable baseline) are thrown as errors whose message is
 * the one line to show.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageVersion } from '../package-root.js';
import { decodeSource, encodingMeta, SourceError, type SourceText } from '../document/source.js';
import { readSource, readSourceSync } from '../document/read.js';
import { NotRegularFileError, notRegularFile, readRegularFile, statPath } from '../document/regular-file.js';
import { ConfigError, displayPath } from '../config/errors.js';
import type { ConfigResolver, ResolvedConfig } from '../config/index.js';
import { directiveMeta, unclosedCommentMeta } from '../engine/directives.js';
import { RuleError, type EnabledRule } from '../engine/engine.js';
import { selectFixes } from '../engine/fix.js';
import { compareDiagnostics, summarize, type LintResult } from '../engine/summary.js';
import { describeUnreadableFolder, expandPaths, InputError, type UnreadableFolder } from './files.js';
import { filterIgnored, loadIgnore, namesFile, type IgnoreMatcher } from './ignore.js';
import { applyBaseline, buildBaseline, readBaseline, serializeBaseline, type Baseline } from './baseline.js';
import { buildId, cacheFile, configKey, contentHash, LintCache, statStamp, type CacheCheck, type CachedFile } from './cache.js';
import { chooseThreads, lintInWorkers, stopWorkers, threadsCapNotice, workerScript, type SerializedError, type ThreadsOption, type WorkerInit } from './pool.js';
import type { FileJob, JobOptions, JobResult, Linted, StageTimes } from './run.js';
import { removeOwnTemps, writeFileAtomic } from './write.js';
import { visible } from '../formatters/shared.js';
import { registryNotice, registryStale } from '../domain/guidance.js';
import type { FixSafety, RuleMeta } from '../types.js';
import type { OutlineNode } from '../document/outline.js';
import type { Guidance } from '../domain/guidance.js';
import type { ProfileChoice } from '../config/profiles.js';

export type { LintResult } from '../engine/summary.js';

export interface LintOptions {
  /** The folder that relative paths, ignore files and configuration lookup start from (default: process.cwd()). */
  cwd?: string;
  /** Use this configuration file only (no .policylintrc files are looked for). */
  configFile?: string;
  /** Compare each policy with this model policy (rule model-drift), overriding settings.model; relative to cwd. */
  model?: string;
  /** Judge dates as on this day (UTC midnight); default: today, or settings.asOf. */
  asOf?: Date;
  /** Read every file as this profile (src/config/profiles.ts); default: `profile:` in configuration, else detected per document. */
  profile?: string;
  /** The day a run takes as "today" (default: the system clock); one value for the whole run. */
  today?: Date;
  /** Report disable directives that silence nothing. */
  reportUnusedDirectives?: boolean;
  /** Inline directives silence nothing; each is reported as having no effect (--no-inline-config). */
  noInlineConfig?: boolean;
  /** Rules set over the configuration files, each as --rule takes it: `id: severity` or `id: [severity, {options}]`. */
  rules?: string[];
  /** Apply fixes at this level: "safe" (--fix) or "suggestion" too (--fix-suggestions). */
  fix?: FixSafety;
  /** With `fix`: compute the fixed text (LintResult.output) but write nothing. */
  dryRun?: boolean;
  /** false: lint files even if ignore files or patterns would skip them. */
  ignore?: boolean;
  /** More files to skip (gitignore syntax, relative to cwd). */
  ignorePatterns?: string[];
  /** A baseline file whose findings are not reported. */
  baseline?: string;
  /** Record the run's findings in this baseline file. */
  writeBaseline?: string;
  /** Remember each file's findings and re-check only what changed. */
  cache?: boolean;
  cacheLocation?: string;
  /** Worker threads: "auto" (default), a number, or 1 for this thread only. */
  threads?: ThreadsOption;
  /** Report errors only. */
  quiet?: boolean;
  /** Pass a line saying how each file was read (its encoding, or "docx" / "pdf") to `onNotice` (--debug). */
  debug?: boolean;
  /** Called with each line meant for standard error, as it happens (each ends with a newline). */
  onNotice?: (line: string) => void;
  /** Called as files are linted: how many are done, of how many (first with 0 done). */
  onProgress?: (done: number, total: number) => void;
}

export interface LintRun {
  /** One result per linted file, in the order the files were found. */
  results: LintResult[];
  /** Lines meant for standard error, in order (empty when `onNotice` was given). */
  notices: string[];
  /** Files that could not be read or linted (the command line exits with code 2 when there are any). */
  inputProblems: number;
  /** Fixes written (not counted for a dry run). */
  fixedProblems: number;
  fixedFiles: number;
  /** Findings a baseline hid. */
  suppressed: number;
  /** Warnings found, counted before `quiet` drops them. */
  warningCount: number;
  /** Metadata of every rule that can appear in the results (for formatters). */
  rules: ReadonlyMap<string, RuleMeta>;
  /** lintText with a file name that is ignored: nothing was linted. */
  ignored?: boolean;
  /** What the run was judged by, for reports that say so (the html report's header). */
  basis: RunBasis;
  /**
   * Milliseconds spent reading files (from disk, and decoding them), parsing them and running the rules, summed
   * over files, for --debug; `threads` is how many threads linted (the sums add up every thread's time).
   */
  times: StageTimes & { threads: number };
}

export interface RunBasis {
  /** The as-of date of the configuration of the first file linted (of the current folder when none was). */
  asOf: Date;
  /** Its guidance registry. */
  guidance: Guidance;
  /** Every configuration file that applied to a linted file, relative to the current folder, in order. */
  configFiles: string[];
}

export interface OutlineRun {
  outlines: { filePath: string; display: string; sections: OutlineNode[]; text: string }[];
  notices: string[];
  inputProblems: number;
  /** outlineText with a file name that is ignored: nothing was read. */
  ignored?: boolean;
}

/** A problem with what the caller asked for (not with a file): the message is the one line to show. */
export class LintUsageError extends Error {}

/** One file (or a text) to lint, as read. */
interface Input {
  file: string;
  /** The bytes, or only their hash (--cache reads them again if the file must be linted). */
  bytes?: Uint8Array;
  hash?: string;
  /** --cache: the file's stamp on disk before it was read (statStamp), when it is old enough to be trusted. */
  stamp?: string;
  stdin: boolean;
}

function readVersion(): string {
  try {
    return packageVersion();
  } catch {
    return '0.0.0';
  }
}

export function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `${file}: no such file (it may have been moved or deleted while linting)`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
  if (code === 'EISDIR') return `${file}: is a directory`;
  if (error instanceof NotRegularFileError) return `${file}: ${error.what}`;
  return `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** A file's findings from the cache; its text is read and decoded only when something needs it (a baseline, SARIF). */
function cachedLinted(file: string, bytes: Uint8Array | undefined, found: Pick<CachedFile, 'messages' | 'suppressed' | 'readAs' | 'profile' | 'lf' | 'source'>): Linted {
  let source: SourceText | undefined = found.source;
  const { messages, readAs, profile } = found;
  return {
    file,
    messages,
    readAs,
    ...(profile ? { profile } : {}),
    ...(found.suppressed.length > 0 ? { suppressed: found.suppressed } : {}),
    ...(found.lf ? { lf: true } : {}),
    get source(): SourceText {
      return (source ??= preloaded.get(file) ?? readSourceSync(file, bytes ?? readRegularFile(file), docxReader));
    },
  };
}

/** Word and PDF files' text views read ahead for cached results (the PDF reader is asynchronous, a getter is not). */
const preloaded = new Map<string, SourceText>();
let docxReader: typeof import('../document/docx.js') | undefined;

/** Before a report reads cached results' text: load the Word reader, and read PDFs, that the run's results need. */
async function preloadViews(linted: Linted[], inputs: Map<string, Uint8Array | undefined>): Promise<void> {
  for (const l of linted) {
    if (l.readAs === 'docx') docxReader ??= await import('../document/docx.js');
    if (l.readAs === 'pdf' && !preloaded.has(l.file) && !Object.getOwnPropertyDescriptor(l, 'source')?.value) {
      try {
        preloaded.set(l.file, await readSource(l.file, inputs.get(l.file) ?? readRegularFile(l.file)));
      } catch {
        // read again (and reported) by the getter
      }
    }
  }
}

/**
 * While --fix writes files: on SIGINT or SIGTERM, stop the worker threads (one may be between writing a
 * temporary copy and renaming it), remove this process's temporary files beside the files being fixed, and
 * end as the signal would have (the signal is raised again). On the main thread a write is never cut short:
 * the handler runs between files. Installed only for a signal nothing else listens to, so that a program
 * calling the API that handles its signals itself keeps them. Returns what removes the handlers.
 */
function cleanUpOnSignal(files: readonly string[]): () => void {
  const signals = (['SIGINT', 'SIGTERM'] as const).filter((s) => process.listenerCount(s) === 0);
  const stop = (): void => {
    for (const s of signals) process.off(s, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    stop();
    void stopWorkers()
      .catch(() => undefined)
      .then(() => {
        removeOwnTemps(files);
        process.kill(process.pid, signal);
      });
  }
  for (const s of signals) process.on(s, onSignal);
  return stop;
}

/** An error a worker thread sent back, as the error it was (so that it is reported as on one thread). */
function rebuildError(e: SerializedError): Error {
  const error = e.name === 'RuleError' ? new RuleError(e.ruleId ?? '', e.message) : new Error(e.message);
  if (e.stack) error.stack = e.stack;
  return error;
}

/** What every kind of run shares: the configuration resolver and how files are named in messages. */
interface RunContext {
  cwd: string;
  resolver: ConfigResolver;
  now: Date;
  shown: (file: string) => string;
  notice: (line: string) => void;
  notices: string[];
  configFor: (file: string) => { config: ResolvedConfig; rules: EnabledRule[] };
  /** Time spent in each stage so far (--debug). */
  times: StageTimes & { threads: number };
}

async function openContext(options: LintOptions): Promise<RunContext> {
  const cwd = options.cwd ?? process.cwd();
  if (options.configFile !== undefined && !fs.existsSync(path.resolve(cwd, options.configFile))) {
    throw new LintUsageError(`--config: "${options.configFile}" not found`);
  }
  const model = options.model !== undefined ? path.resolve(cwd, options.model) : undefined;
  if (model !== undefined && !isFile(model)) throw new LintUsageError(`--model: "${options.model}" is not a file`);
  const { ConfigResolver, enabledRules, today } = await import('../config/index.js');
  // One "today" for the whole run, worker threads included.
  const now = options.today ?? today();
  const resolver: ConfigResolver = new ConfigResolver({
    cwd,
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    reportUnusedDirectives: Boolean(options.reportUnusedDirectives),
    ...(options.noInlineConfig ? { noInlineConfig: true } : {}),
    ...(options.rules?.length ? { rules: options.rules } : {}),
    today: () => now,
  });
  const enabledFor = new WeakMap<ResolvedConfig, EnabledRule[]>();
  const notices: string[] = [];
  let staleNoticeGiven = false;
  const ctx: RunContext = {
    cwd,
    resolver,
    now,
    // Every message that names a file names it visibly (no control character from a file name reaches a terminal raw).
    shown: (file) => visible(path.relative(cwd, file) || file),
    notices,
    times: { read: 0, parse: 0, rules: 0, threads: 1 },
    notice: options.onNotice ?? ((line) => notices.push(line)),
    configFor: (file) => {
      const config = resolver.forFile(file);
      const { asOf, guidance } = config.settings;
      // The registry is more than three months old at the as-of date: say so once a run, whatever the format.
      if (!staleNoticeGiven && registryStale(guidance, asOf)) {
        staleNoticeGiven = true;
        ctx.notice(`${registryNotice(guidance)}\n`);
      }
      let rules = enabledFor.get(config);
      if (!rules) enabledFor.set(config, (rules = enabledRules(config)));
      return { config, rules };
    },
  };
  return ctx;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Read the model policy of every configuration these files use (--model, settings.model), once
 * each, before any file is linted: a model that cannot be read ends the run with one line naming
 * it. A configuration that cannot be resolved is left for linting to report, in its place.
 */
async function attachModels(files: string[], ctx: RunContext): Promise<void> {
  const settings = new Set<ResolvedConfig['settings']>();
  for (const file of files) {
    try {
      const s = ctx.configFor(file).config.settings;
      if (s.model && !s.model.doc) settings.add(s);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
    }
  }
  if (settings.size === 0) return;
  const { attachModel, ModelError } = await import('../document/model.js');
  try {
    for (const s of settings) attachModel(s, ctx.shown);
  } catch (error) {
    if (error instanceof ModelError) throw new LintUsageError(error.message);
    throw error;
  }
}

/** Does this file's configuration compare it with a model? (Its findings then carry data the cache does not keep.) */
function comparesWithModel(file: string, ctx: RunContext): boolean {
  return ctx.configFor(file).config.settings.model !== undefined;
}

function ignorerFor(options: LintOptions, cwd: string): IgnoreMatcher {
  return options.ignore === false ? loadIgnore(cwd, [], false) : loadIgnore(cwd, options.ignorePatterns ?? []);
}

/** The most files --debug lists by name (a longer run gives their number). */
const DEBUG_FILE_LIST = 20;

/**
 * --debug, before linting: the configuration each group of files gets (what it is made from, in the order it
 * applies), and the files found (their number, and their names when there are few).
 */
function debugInputs(inputs: Input[], ctx: RunContext): void {
  const groups = new Map<ResolvedConfig, number>();
  for (const { file } of inputs) {
    try {
      const config = ctx.resolver.forFile(file);
      groups.set(config, (groups.get(config) ?? 0) + 1);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error; // reported when the file is linted
    }
  }
  for (const [config, count] of groups) {
    const sources = (config.sources ?? []).map((s) => displayPath(s, ctx.cwd));
    const files = config.files ?? [];
    const scope = groups.size > 1 ? ` of ${count} file${count === 1 ? '' : 's'}` : '';
    ctx.notice(`policy-lint: debug: configuration${scope}, in the order it applies (later wins): ${sources.join(' < ')}${files.length === 0 ? ' (no configuration file found)' : ''}\n`);
  }
  const names = inputs.map((i) => (i.stdin ? `${ctx.shown(i.file)} (standard input)` : ctx.shown(i.file)));
  const listed = names.length <= DEBUG_FILE_LIST ? `: ${names.join(', ')}` : ` (the first ${DEBUG_FILE_LIST}: ${names.slice(0, DEBUG_FILE_LIST).join(', ')}, ...)`;
  ctx.notice(`policy-lint: debug: ${names.length} file${names.length === 1 ? '' : 's'} to lint${names.length > 0 ? listed : ''}\n`);
}

/** Find the files that patterns name, less the ignored ones, and read them (or, with a cache, hash them). */
function collectInputs(
  patterns: string[],
  options: LintOptions,
  ctx: RunContext,
  ignorer: IgnoreMatcher,
  cache: LintCache | undefined,
  runStart: number,
): { inputs: Input[]; problems: number } {
  const { cwd, resolver, shown, notice } = ctx;
  const inputs: Input[] = [];
  let problems = 0;
  const unreadable: UnreadableFolder[] = [];
  // A path that names nothing is one line and exit code 2, and the other paths are still linted; when no path
  // names anything, the last such line ends the run (there is nothing to lint).
  const missing: string[] = [];
  const files = expandPaths(patterns, cwd, unreadable, missing);
  if (files.length === 0 && missing.length > 0 && unreadable.length === 0) {
    for (const line of missing.slice(0, -1)) notice(`policy-lint: ${line}\n`);
    throw new InputError(missing[missing.length - 1]!);
  }
  for (const line of missing) {
    notice(`policy-lint: ${line}\n`);
    problems++;
  }
  for (const u of unreadable) {
    notice(`policy-lint: ${describeUnreadableFolder(shown(u.dir), u.error)}\n`);
    problems++;
  }
  const explicit = new Set(patterns.filter((p) => namesFile(p, cwd)).map((p) => path.resolve(cwd, p)));
  const { kept, warnings } = filterIgnored(files, ignorer, explicit);
  for (const w of warnings) {
    notice(`policy-lint: warning: ${shown(w.file)} skipped: it is ignored (${w.reason}); use --no-ignore to lint it\n`);
  }
  // A real file reached by several paths (a symbolic link beside its target, the same file named twice) is
  // linted once, by its device and inode, under the first path that reached it.
  const seen = new Set<string>();
  for (const file of kept) {
    // "ignores" in the configuration files (relative to each file's folder).
    const ignoredBy = options.ignore === false ? undefined : resolver.ignoredBy(file, resolver.forFile(file));
    if (ignoredBy) {
      if (explicit.has(file)) notice(`policy-lint: warning: ${shown(file)} skipped: it is ignored (${ignoredBy}); use --no-ignore to lint it\n`);
      continue;
    }
    const readStarted = performance.now();
    try {
      const stats = statPath(file);
      // A FIFO, a device or a socket in a folder or matched by a pattern (or a link to one): never opened.
      const what = notRegularFile(stats);
      if (what) throw new NotRegularFileError(file, what);
      const identity = `${stats.dev}:${stats.ino}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      // With --cache, a file is not even read when its stamp on disk is the one recorded with its hash; any other
      // is read when it is linted or its cached findings are checked (lintInputs), one file at a time.
      if (cache) {
        const stamp = statStamp(stats, runStart);
        const known = cache.hashOf(file, stamp);
        inputs.push({ file, ...(known !== undefined ? { hash: known } : {}), stdin: false, ...(stamp !== undefined ? { stamp } : {}) });
      } else {
        inputs.push({ file, bytes: readRegularFile(file), stdin: false });
      }
    } catch (error) {
      notice(`policy-lint: ${describeReadError(shown(file), error)}\n`);
      problems++;
    }
    ctx.times.read += performance.now() - readStarted;
  }
  return { inputs, problems };
}

/**
 * Lint the files, folders and glob patterns given, each with the
 * configuration that applies to it (.policylintrc files from its folder up,
 * or `configFile`). Folders are searched for .md, .markdown and .txt files.
 */
export async function lintFiles(patterns: string[], options: LintOptions = {}): Promise<LintRun> {
  const ctx = await openContext(options);
  const baseline = readBaselineOption(options, ctx.cwd);
  const ignorer = ignorerFor(options, ctx.cwd);
  const version = readVersion();
  const cache = options.cache ? LintCache.open(cacheFile(ctx.cwd, options.cacheLocation), ctx.cwd, buildId(version)) : undefined;
  const { inputs, problems } = collectInputs(patterns, options, ctx, ignorer, cache, Date.now());
  return lintInputs(inputs, problems, options, ctx, baseline, cache, version);
}

/**
 * Lint one text (as --stdin does), reported under `filePath` (default
 * "<stdin>" in cwd), with the configuration that applies to that path. Fixes
 * are never written: with `fix`, the fixed text is in the result's `output`.
 */
export async function lintText(text: string | Uint8Array, options: LintOptions & { filePath?: string } = {}): Promise<LintRun> {
  const ctx = await openContext(options);
  const file = path.resolve(ctx.cwd, options.filePath ?? '<stdin>');
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const baseline = readBaselineOption(options, ctx.cwd);
  if (textIgnored(options, ctx, file)) return { ...emptyRun(ctx), ignored: true };
  return lintInputs([{ file, bytes, stdin: true }], 0, { ...options, dryRun: true, cache: false }, ctx, baseline, undefined, readVersion());
}

/** A text linted under a file name that is ignored: say so (nothing is linted). */
function textIgnored(options: LintOptions & { filePath?: string }, ctx: RunContext, file: string): boolean {
  if (options.filePath === undefined) return false;
  const why = ignorerFor(options, ctx.cwd).reason(file) ?? (options.ignore === false ? undefined : ctx.resolver.ignoredBy(file, ctx.resolver.forFile(file)));
  if (why) ctx.notice(`policy-lint: warning: ${ctx.shown(file)} is ignored (${why}), so standard input was not linted; use --no-ignore to lint it\n`);
  return why !== undefined;
}

function emptyRun(ctx: RunContext): LintRun {
  return {
    results: [],
    notices: ctx.notices,
    inputProblems: 0,
    fixedProblems: 0,
    fixedFiles: 0,
    suppressed: 0,
    warningCount: 0,
    rules: ruleMetas(ctx.resolver),
    basis: basisOf(ctx, []),
    times: ctx.times,
  };
}

function basisOf(ctx: RunContext, files: readonly string[]): RunBasis {
  const here = files.length > 0 ? ctx.resolver.forFile(files[0]!) : ctx.resolver.forDirectory(ctx.cwd);
  const configFiles = new Set<string>();
  for (const file of files) {
    for (const c of ctx.resolver.chainFor(path.dirname(path.resolve(ctx.cwd, file)))) configFiles.add((path.relative(ctx.cwd, c) || c).split(path.sep).join('/'));
  }
  return { asOf: here.settings.asOf, guidance: here.settings.guidance, configFiles: [...configFiles] };
}

function ruleMetas(resolver: ConfigResolver): ReadonlyMap<string, RuleMeta> {
  return new Map<string, RuleMeta>([
    ...resolver.allRules().map((r) => [r.meta.id, r.meta] as const),
    [directiveMeta.id, directiveMeta],
    [encodingMeta.id, encodingMeta],
    [unclosedCommentMeta.id, unclosedCommentMeta],
  ]);
}

function readBaselineOption(options: LintOptions, cwd: string): Baseline | undefined {
  return options.baseline !== undefined ? readBaseline(path.resolve(cwd, options.baseline), options.baseline) : undefined;
}

async function lintInputs(
  inputs: Input[],
  readProblems: number,
  options: LintOptions,
  ctx: RunContext,
  baseline: Baseline | undefined,
  cache: LintCache | undefined,
  version: string,
): Promise<LintRun> {
  const { cwd, shown, notice, configFor } = ctx;
  const fixLevel = options.fix;
  // Never write: a dry run, or a text (the fixed text is returned).
  const preview = fixLevel !== undefined && Boolean(options.dryRun);
  let inputProblems = readProblems;
  if (options.debug) debugInputs(inputs, ctx);
  await attachModels(
    inputs.map((i) => i.file),
    ctx,
  );

  // Lint every file (src/runner/run.ts): from the cache when it has the file's findings,
  // else on this thread or, for a large run, on worker threads (src/runner/pool.ts).
  // Results are taken in file order whichever thread finishes first, so that
  // messages and the report come out as from a run on one thread.
  const jobOptions: JobOptions = { ...(fixLevel !== undefined ? { fixLevel } : {}), preview, cache: Boolean(cache) };
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
  let received = 0;
  options.onProgress?.(0, inputs.length);
  const take = (index: number, result: JobResult): void => {
    done[index] = result;
    options.onProgress?.(++received, inputs.length);
    for (let r = done[taken]; r !== undefined && taken < inputs.length; r = done[++taken]) {
      done[taken] = undefined;
      for (const note of r.notes) notice(note);
      if (r.times) for (const stage of ['read', 'parse', 'rules'] as const) ctx.times[stage] += r.times[stage];
      inputProblems += r.problems;
      fixedProblems += r.fixedProblems;
      fixedFiles += r.fixedFiles;
      if (r.linted) linted.push(r.linted);
      // A file fixed and written has a new stamp: it is hashed again next time.
      if (cache && r.store && !comparesWithModel(inputs[taken]!.file, ctx))
        cache.set(inputs[taken]!.file, r.store.hash, keyFor(inputs[taken]!.file), r.store, r.fixedFiles === 0 ? inputs[taken]!.stamp : undefined, r.store.readAs, r.store.profile);
    }
  };
  // What a cached entry must fit (src/runner/cache.ts): the rules of the file's configuration with their severities, and its text when this run read it.
  const cacheCheck = (file: string, bytes: Uint8Array | undefined): CacheCheck => {
    const { rules } = configFor(file);
    return {
      severityOf: (ruleId) =>
        ruleId === directiveMeta.id ? 'any' : ruleId === encodingMeta.id || ruleId === unclosedCommentMeta.id ? 'warning' : rules.find((r) => r.rule.meta.id === ruleId)?.severity,
      text: () => {
        if (!bytes) return undefined;
        try {
          return decodeSource(bytes);
        } catch {
          return undefined;
        }
      },
    };
  };
  const misses: number[] = [];
  const jobs: FileJob[] = [];
  inputs.forEach((input, index) => {
    const { file, stdin } = input;
    // A comparison with a model is not cached: its findings carry data (the model's section and paragraph) and counts the cache does not keep.
    if (cache && !stdin && !comparesWithModel(file, ctx)) {
      let bytes = input.bytes;
      if (input.hash === undefined && !bytes) {
        try {
          bytes = readRegularFile(file);
        } catch (error) {
          take(index, { notes: [`policy-lint: ${describeReadError(shown(file), error)}\n`], problems: 1, fixedProblems: 0, fixedFiles: 0 });
          return;
        }
      }
      const hash = input.hash ?? contentHash(bytes!);
      // The bytes read here serve to check the cached findings, or are linted; they are not kept for a cached file.
      const found = cache.get(file, hash, keyFor(file), cacheCheck(file, bytes), input.stamp);
      // With a fix option, only findings that no fix applies to can be reused: anything else is linted (and fixed) again.
      if (found && (fixLevel === undefined || selectFixes(found.messages, fixLevel).applied === 0)) {
        take(index, { notes: [], problems: 0, fixedProblems: 0, fixedFiles: 0, linted: cachedLinted(file, undefined, { ...found, source: undefined }) });
        return;
      }
      if (bytes) input.bytes = bytes;
    }
    let bytes = input.bytes;
    if (!bytes) {
      try {
        bytes = readRegularFile(file);
      } catch (error) {
        take(index, { notes: [`policy-lint: ${describeReadError(shown(file), error)}\n`], problems: 1, fixedProblems: 0, fixedFiles: 0 });
        return;
      }
    }
    // The hash of the bytes actually read is recorded (run.ts), whatever was hashed above.
    jobs.push({ file, display: shown(file), bytes, stdin });
    misses.push(index);
  });
  const capped = threadsCapNotice(options.threads);
  if (capped) notice(capped);
  const threads = chooseThreads(options.threads, jobs);
  ctx.times.threads = threads;
  let script = threads > 1 ? workerScript() : undefined;
  if (script) {
    // A configuration error is reported as a run on one thread reports it (after the
    // messages about the files before it): if there is one, lint on this thread.
    try {
      for (const job of jobs) configFor(job.file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      script = undefined;
    }
  }
  // --fix writes files through temporary copies: a signal that ends the run removes the ones left unrenamed.
  const unwatch = fixLevel !== undefined && !preview && jobs.length > 0 ? cleanUpOnSignal(jobs.map((j) => j.file)) : undefined;
  try {
    if (script) {
      const init: WorkerInit = {
        cwd,
        ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
        ...(options.asOf ? { asOf: options.asOf.getTime() } : {}),
        ...(options.model !== undefined ? { model: path.resolve(cwd, options.model) } : {}),
        ...(options.profile !== undefined ? { profile: options.profile } : {}),
        today: ctx.now.getTime(),
        reportUnusedDirectives: Boolean(options.reportUnusedDirectives),
        ...(options.noInlineConfig ? { noInlineConfig: true } : {}),
        ...(options.rules?.length ? { rules: options.rules } : {}),
        job: jobOptions,
      };
      await lintInWorkers(
        jobs,
        threads,
        init,
        script,
        (k, result) => {
          const l = result.linted;
          if (l && (l as Partial<Linted>).source === undefined) {
            result.linted = cachedLinted(l.file, jobs[k]!.bytes, { ...l, suppressed: l.suppressed ?? [], lf: false });
            if (l.tallies) result.linted.tallies = l.tallies;
          }
          take(misses[k]!, result);
        },
        rebuildError,
      );
    } else if (jobs.length > 0) {
      const { lintJob } = await import('./run.js');
      for (const [k, job] of jobs.entries()) {
        const resolve = (): { rules: EnabledRule[]; settings: ResolvedConfig['settings']; profiles?: ProfileChoice } => {
          const { config, rules } = configFor(job.file);
          return { rules, settings: config.settings, ...(config.profiles ? { profiles: config.profiles } : {}) };
        };
        // Let a signal's handler run between files (linting a text file never waits for anything).
        if (unwatch) await new Promise((resolve) => setImmediate(resolve));
        take(misses[k]!, await lintJob(job, resolve, jobOptions));
      }
    }
  } finally {
    if (unwatch) {
      // A signal that came during the last write is handled now, not lost with the handler.
      await new Promise((resolve) => setImmediate(resolve));
      unwatch();
    }
  }
  if (cache) {
    const why = cache.save();
    if (why) notice(`policy-lint: warning: --cache: ${why}, so the next run will lint every file again\n`);
  }
  if (fixedFiles > 0) notice(`policy-lint: fixed ${fixedProblems} problem${fixedProblems === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}\n`);

  await preloadViews(linted, new Map(inputs.map((i) => [i.file, i.bytes])));
  let activeBaseline: Baseline | undefined = baseline;
  if (options.writeBaseline !== undefined) {
    const recorded = buildBaseline(
      linted.map((l) => ({ filePath: l.file, messages: l.messages, text: l.source.text })),
      cwd,
    );
    writeFileAtomic(path.resolve(cwd, options.writeBaseline), serializeBaseline(recorded), { display: options.writeBaseline, mkdir: true });
    const count = linted.reduce((n, l) => n + l.messages.length, 0);
    const fileCount = recorded.files.size;
    notice(
      `policy-lint: recorded ${count} finding${count === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'} in ${options.writeBaseline}; ` +
        `run with --baseline ${options.writeBaseline} to report only new ones\n`,
    );
    activeBaseline = recorded;
  }

  const results: LintResult[] = [];
  let suppressed = 0;
  let warningCount = 0;
  for (const l of linted) {
    // How each file was read (its encoding, or its format for Word and PDF files), for --debug.
    if (options.debug) notice(`policy-lint: debug: ${shown(l.file)}: read as ${l.readAs}\n`);
    let messages = l.messages;
    const suppressedMessages = [...(l.suppressed ?? [])];
    if (activeBaseline) {
      const applied = applyBaseline(activeBaseline, l.file, cwd, messages, l.source.text);
      messages = applied.kept;
      suppressed += applied.hidden.length;
      const justification = `recorded in the baseline ${options.baseline ?? options.writeBaseline ?? ''}`.trimEnd();
      for (const d of applied.hidden) suppressedMessages.push({ ...d, suppressions: [{ kind: 'baseline', justification }] });
      suppressedMessages.sort(compareDiagnostics);
    }
    warningCount += messages.filter((m) => m.severity === 'warning').length;
    if (options.quiet) messages = messages.filter((m) => m.severity === 'error');
    const result = summarize(l.file, messages);
    result.readAs = l.readAs;
    if (l.profile) result.profile = l.profile;
    // A cached file's text is decoded only if the report needs it.
    Object.defineProperty(result, 'source', { get: () => l.source, enumerable: true, configurable: true });
    if (l.output !== undefined) result.output = l.output;
    if (l.outputBytes !== undefined) result.outputBytes = l.outputBytes;
    if (l.tallies) result.tallies = l.tallies;
    if (suppressedMessages.length > 0) result.suppressedMessages = suppressedMessages;
    if (l.lf) result.lf = true;
    results.push(result);
  }
  return {
    results,
    notices: ctx.notices,
    inputProblems,
    fixedProblems,
    fixedFiles,
    suppressed,
    warningCount,
    rules: ruleMetas(ctx.resolver),
    basis: basisOf(
      ctx,
      results.map((r) => r.filePath),
    ),
    times: ctx.times,
  };
}

/** The section tree policy-lint finds in each file (--outline), instead of linting. */
export async function outlineFiles(patterns: string[], options: LintOptions = {}): Promise<OutlineRun> {
  const ctx = await openContext(options);
  const { inputs, problems } = collectInputs(patterns, options, ctx, ignorerFor(options, ctx.cwd), undefined, Date.now());
  return outlineInputs(inputs, problems, ctx);
}

/** The section tree of one text (--outline --stdin). */
export async function outlineText(text: string | Uint8Array, options: LintOptions & { filePath?: string } = {}): Promise<OutlineRun> {
  const ctx = await openContext(options);
  const file = path.resolve(ctx.cwd, options.filePath ?? '<stdin>');
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  if (textIgnored(options, ctx, file)) return { outlines: [], notices: ctx.notices, inputProblems: 0, ignored: true };
  return outlineInputs([{ file, bytes, stdin: true }], 0, ctx);
}

async function outlineInputs(inputs: Input[], readProblems: number, ctx: RunContext): Promise<OutlineRun> {
  const [{ buildDocument }, outline] = await Promise.all([import('../document/build.js'), import('../document/outline.js')]);
  const outlines: OutlineRun['outlines'] = [];
  let inputProblems = readProblems;
  for (const { file, bytes } of inputs) {
    let doc: ReturnType<typeof buildDocument>;
    try {
      // A file beyond the reading limits is refused when decoded, or (emphasis too deep for the parser's stack) when parsed.
      doc = buildDocument(file, await readSource(file, bytes ?? new Uint8Array()));
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      ctx.notice(`policy-lint: ${ctx.shown(file)}: ${error.message}; skipped\n`);
      inputProblems++;
      continue;
    }
    outlines.push({ filePath: file, display: ctx.shown(file), sections: outline.outlineOf(doc), text: outline.outlineText(ctx.shown(file), doc) });
  }
  return { outlines, notices: ctx.notices, inputProblems };
}

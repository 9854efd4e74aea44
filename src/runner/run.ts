/**
 * Linting one file as the command line does it: decode the bytes, lint, apply
 * fixes (and write them), on the main thread or in a worker thread
 * (src/runner/worker.ts). Nothing here prints: what the command line would write on
 * standard error is returned as notes, in order, so that a run prints the
 * same thing whichever thread linted each file.
 */
import { SourceError, type SourceText } from '../document/source.js';
import { readSource } from '../document/read.js';
import { lintSource } from '../engine/lint.js';
import { encodeFixed, fixApplies, fixSource, MAX_FIX_PASSES, selectFixes, unwritableReason } from '../engine/fix.js';
import { removeStaleTemps, writeFileAtomic, WriteError } from './write.js';
import { visible } from '../formatters/shared.js';
import { contentHash, shapeOf } from './cache.js';
import type { EnabledRule } from '../engine/engine.js';
import type { ProfileChoice, ProfileInfo } from '../config/profiles.js';
import type { Diagnostic, FixSafety, Settings } from '../types.js';

/** One linted file, before the baseline and --quiet are applied. */
export interface Linted {
  file: string;
  source: SourceText;
  messages: Diagnostic[];
  /** The text after fixes (original line endings), when there is fixed text to show or that was written. */
  output?: string;
  /** Standard input with a fix option: the fixed text as bytes, encoded as a fixed file is written (LintResult.outputBytes). */
  outputBytes?: Uint8Array;
  /** How the file was read: its encoding, or "docx" / "pdf" (readAs). */
  readAs: string;
  /** What rules counted (RuleContext.tally) on the text as finally linted. */
  tallies?: Record<string, number>;
  /** The profile the file was read as, and why (src/config/profiles.ts). */
  profile?: ProfileInfo;
  /** Findings inline directives silenced, on the text as finally linted (the JSON report's suppressedMessages). */
  suppressed?: Diagnostic[];
  /** The text has LF line endings only (set for cached results, whose text is read only when needed). */
  lf?: boolean;
}

/** One file (or standard input) to lint, as read. */
export interface FileJob {
  /** Absolute path (the name given with --stdin-filename, or "<stdin>", for standard input). */
  file: string;
  /** How messages name the file (relative to the current folder). */
  display: string;
  bytes: Uint8Array;
  stdin: boolean;
  /** contentHash(bytes), when the caller has it already (--cache). */
  hash?: string;
}

export interface JobOptions {
  /** Apply fixes at this level (--fix, --fix-suggestions, --fix-dry-run). */
  fixLevel?: FixSafety;
  /** Never write: a dry run, or standard input. */
  preview: boolean;
  /** Return what to record in the cache (--cache). */
  cache: boolean;
}

/** What linting one file produced. */
export interface JobResult {
  /** Lines for standard error, in order, each ending with a newline. */
  notes: string[];
  /** Input problems (a file that cannot be decoded or written): the run exits with code 2. */
  problems: number;
  /** Fixes applied and written. */
  fixedProblems: number;
  fixedFiles: number;
  linted?: Linted;
  /** Milliseconds spent decoding the file (reading a Word or PDF file's text), parsing it and running the rules (--debug). */
  times?: StageTimes;
  /** For --cache: the findings for the file's content as it now is on disk (its SHA-256). */
  store?: { hash: string; messages: Diagnostic[]; suppressed: Diagnostic[]; readAs: string; profile?: ProfileInfo; shape: string };
}

/** Milliseconds spent in each stage of linting, summed over files (and fix passes). */
export interface StageTimes {
  read: number;
  parse: number;
  rules: number;
}

/** How a file was read, as reports and the cache record it: its encoding, or its format for a Word or PDF file. */
export function readAs(source: SourceText): string {
  return source.format ?? source.encoding;
}

/** The rules and settings that apply to a file (resolved only once the file has been decoded, as a run on one thread always did). */
export type ConfigFor = () => { rules: EnabledRule[]; settings: Settings; profiles?: ProfileChoice };

/**
 * Decode, lint and fix one file with the rules and settings that apply to it.
 * A file that turns out not to be readable safely while it is linted (a
 * SourceError from the parser, e.g. emphasis nested so deep that it runs out
 * of stack) is reported on one line and skipped, as a binary file is; the
 * run goes on with the other files.
 */
export async function lintJob(job: FileJob, configFor: ConfigFor, options: JobOptions): Promise<JobResult> {
  try {
    // What rules counted, on the text as last linted (after fixes, when there were any).
    const sink: Sink = { suppressedOf: new Map() };
    const result = await lintOneJob(job, configFor, options, sink);
    if (result.linted && sink.tallies && Object.keys(sink.tallies).length > 0) result.linted.tallies = sink.tallies;
    const suppressed = result.linted && sink.suppressedOf.get(result.linted.messages);
    if (result.linted && suppressed && suppressed.length > 0) result.linted.suppressed = suppressed;
    return result;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { notes: [`policy-lint: ${job.display}: ${error.message}; skipped\n`], problems: 1, fixedProblems: 0, fixedFiles: 0 };
  }
}

/** What linting a file gave besides its findings: the tallies of the last lint, and the findings each lint's directives silenced. */
interface Sink {
  tallies?: Record<string, number>;
  suppressedOf: Map<Diagnostic[], Diagnostic[]>;
}

async function lintOneJob(job: FileJob, configFor: ConfigFor, options: JobOptions, sink: Sink): Promise<JobResult> {
  const { file, display, bytes, stdin } = job;
  const times: StageTimes = { read: 0, parse: 0, rules: 0 };
  const result: JobResult = { notes: [], problems: 0, fixedProblems: 0, fixedFiles: 0, times };
  let source: SourceText;
  const started = performance.now();
  try {
    source = await readSource(file, bytes);
    times.read += performance.now() - started;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    result.notes.push(`policy-lint: ${display}: ${error.message}; skipped\n`);
    result.problems++;
    return result;
  }
  // The text each lint's findings are positions in (the cache records its shape, to check cached findings against).
  const textOfMessages = new Map<Diagnostic[], SourceText>();
  const textOf = (messages: Diagnostic[]): SourceText => textOfMessages.get(messages) ?? source;
  const remember = (messages: Diagnostic[], written?: Uint8Array): void => {
    if (options.cache && !stdin) {
      const hash = written ? contentHash(written) : (job.hash ?? contentHash(bytes));
      result.store = { hash, messages, suppressed: sink.suppressedOf.get(messages) ?? [], readAs: readAs(source), ...withProfile(), shape: shapeOf(textOf(messages)) };
    }
  };
  const { rules, settings, profiles } = configFor();
  // The profile is the one the text as read was given (fixes do not change what kind of policy it is).
  let profile: ProfileInfo | undefined;
  const lintOnce = (s: SourceText): Diagnostic[] => {
    const out = lintSource(file, s, rules, settings, profiles);
    times.parse += out.times.parse;
    times.rules += out.times.rules;
    sink.tallies = out.tallies;
    sink.suppressedOf.set(out.messages, out.suppressed);
    textOfMessages.set(out.messages, s);
    profile ??= out.profile;
    return out.messages;
  };
  const withProfile = (): { profile?: ProfileInfo } => (profile ? { profile } : {});
  const { fixLevel } = options;
  if (fixLevel === undefined) {
    const messages = lintOnce(source);
    result.linted = { file, source, readAs: readAs(source), ...withProfile(), messages };
    remember(result.linted.messages);
    return result;
  }
  if (!options.preview && !stdin) {
    // The temporary copies an interrupted --fix of this file left (older than a few minutes, of our own naming).
    for (const name of removeStaleTemps(file)) result.notes.push(`policy-lint: ${display}: removed ${visible(name)}, a temporary copy left by an interrupted --fix\n`);
  }
  if (source.format === 'pdf') {
    // A PDF is never fixed: it is made from a document, and that is what to change.
    const messages = lintOnce(source);
    if (selectFixes(messages, fixLevel, source.text.length).applied > 0)
      result.notes.push(`policy-lint: ${display}: not fixed: a PDF is never fixed; change the Word document it was made from\n`);
    result.linted = { file, source, readAs: readAs(source), messages, ...(stdin ? { outputBytes: bytes } : {}) };
    remember(messages);
    return result;
  }
  if (source.format === 'docx') return fixDocxJob(job, source, lintOnce, fixLevel, options, result, remember);
  const blocked = unwritableReason(source, bytes);
  if (blocked) {
    const messages = lintOnce(source);
    if (selectFixes(messages, fixLevel, source.text.length).applied > 0) result.notes.push(`policy-lint: ${display}: not fixed: ${blocked}\n`);
    result.linted = { file, source, readAs: readAs(source), ...withProfile(), messages, ...(stdin ? { output: source.original, outputBytes: bytes } : {}) };
    remember(messages);
    return result;
  }
  const outcome = fixSource(source, lintOnce, fixLevel);
  if (!outcome.stable) result.notes.push(`policy-lint: warning: ${display}: fixes were still changing the text after ${outcome.passes} passes; run again and check the result\n`);
  if (!outcome.changed) {
    result.linted = { file, source, readAs: readAs(source), ...withProfile(), messages: outcome.messages, ...(stdin ? { output: source.original, outputBytes: bytes } : {}) };
    remember(outcome.messages);
    return result;
  }
  if (!options.preview) {
    let fixed: Uint8Array;
    try {
      fixed = encodeFixed(outcome.source);
    } catch (error) {
      // A Windows-1252 file, and a fix that puts in a character the encoding cannot hold: nothing is written.
      if (!(error instanceof SourceError)) throw error;
      result.notes.push(`policy-lint: ${display}: not fixed: ${error.message} (the file is ${source.encoding}); re-save it as UTF-8 and run again\n`);
      result.linted = { file, source, readAs: readAs(source), ...withProfile(), messages: outcome.initialMessages };
      remember(outcome.initialMessages);
      return result;
    }
    try {
      writeFileAtomic(file, fixed, { display, unchangedFrom: bytes });
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      result.notes.push(`policy-lint: ${error.message}\n`);
      result.problems++;
      result.linted = { file, source, readAs: readAs(source), ...withProfile(), messages: outcome.initialMessages };
      remember(outcome.initialMessages);
      return result;
    }
    result.fixedProblems += outcome.fixesApplied;
    result.fixedFiles++;
    remember(outcome.messages, fixed);
  } else if (stdin) {
    // Standard input: the fixed text goes to standard output in the input's own encoding, BOM and line
    // endings, encoded as a fixed file would be written (and not fixed at all when that encoding cannot hold it).
    let fixed: Uint8Array;
    try {
      fixed = encodeFixed(outcome.source);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      result.notes.push(`policy-lint: ${display}: not fixed: ${error.message} (the text is ${source.encoding}); re-save it as UTF-8 and run again\n`);
      result.linted = { file, source, readAs: readAs(source), ...withProfile(), messages: outcome.initialMessages, output: source.original, outputBytes: bytes };
      return result;
    }
    result.linted = { file, source: outcome.source, readAs: readAs(source), ...withProfile(), messages: outcome.messages, output: outcome.source.original, outputBytes: fixed };
    return result;
  } else {
    // A dry run leaves the file as it was: record the findings on the text as read.
    remember(outcome.initialMessages);
  }
  result.linted = { file, source: outcome.source, readAs: readAs(source), ...withProfile(), messages: outcome.messages, output: outcome.source.original };
  return result;
}

/**
 * --fix on a Word document: the fixes whose text lies in plain runs of one
 * paragraph are made in word/document.xml (src/document/docx.ts: the runs keep
 * their formatting, every other entry of the zip is copied byte for byte),
 * then the document is read and linted again, until nothing more applies.
 * A fix that would cross a field, a tracked change or a paragraph is not
 * made: it is reported as one to make in Word, with the text to change.
 */
async function fixDocxJob(
  job: FileJob,
  source: SourceText,
  lintOnce: (s: SourceText) => Diagnostic[],
  level: FixSafety,
  options: JobOptions,
  result: JobResult,
  remember: (messages: Diagnostic[], written?: Uint8Array) => void,
): Promise<JobResult> {
  const { file, display } = job;
  const docx = await import('../document/docx.js');
  const initialMessages = lintOnce(source);
  let current = source;
  let messages = initialMessages;
  let applied = 0;
  const inWord = new Map<string, string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { edits } = selectFixes(messages, level, current.text.length);
    const xmlEdits: { start: number; end: number; text: string }[] = [];
    let made = 0;
    for (const d of messages) {
      if (!d.fix || !fixApplies(d.fix.safety, level) || !d.fix.edits.every((e) => edits.includes(e))) continue;
      const plans = d.fix.edits.map((e) => docx.planEdit(current, e));
      const refused = plans.find((p) => 'reason' in p);
      if (refused && 'reason' in refused) {
        const e = d.fix.edits[0]!;
        const where = d.paragraph !== undefined ? `paragraph ${d.paragraph}` : `line ${d.line}`;
        const key = `${where}: change "${current.text.slice(e.start, e.end)}" to "${e.text}"`;
        inWord.set(key, `policy-lint: ${display}: ${where}: fix it in Word: change "${current.text.slice(e.start, e.end)}" to "${e.text}" (${refused.reason})\n`);
        continue;
      }
      for (const p of plans) if ('xml' in p) xmlEdits.push(...p.xml);
      made++;
    }
    if (made === 0) break;
    const model = (current as { docx?: { xml: string } }).docx!;
    const xml = docx.applyXmlEdits(model.xml, xmlEdits);
    if (xml === model.xml) break;
    current = docx.reread(current, xml);
    applied += made;
    messages = lintOnce(current);
  }
  for (const note of inWord.values()) result.notes.push(note);
  if (current === source) {
    result.linted = { file, source, readAs: 'docx', messages: initialMessages, ...(job.stdin ? { outputBytes: job.bytes } : {}) };
    remember(initialMessages);
    return result;
  }
  if (!options.preview) {
    const fixed = docx.encodeDocx(current);
    try {
      writeFileAtomic(file, fixed, { display, unchangedFrom: job.bytes });
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      result.notes.push(`policy-lint: ${error.message}\n`);
      result.problems++;
      result.linted = { file, source, readAs: 'docx', messages: initialMessages };
      remember(initialMessages);
      return result;
    }
    result.fixedProblems += applied;
    result.fixedFiles++;
    remember(messages, fixed);
  } else {
    remember(initialMessages);
  }
  result.linted = { file, source: current, readAs: 'docx', messages, output: current.text, ...(job.stdin ? { outputBytes: docx.encodeDocx(current) } : {}) };
  return result;
}

/**
 * The command line's options: their names, help text and parsers, and the
 * error that ends a run with exit code 2 and one line.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FORMAT_NAMES } from '../formatters/index.js';
import type { ThreadsOption } from '../runner/pool.js';
import type { CliIO } from './io.js';
import { AS_OF_RANGE, dateProblem } from '../config/schema.js';
import { didYouMean } from '../config/errors.js';

/** A problem with the command line that ends the run with exit code 2 and a one-line message. */
export class UsageError extends Error {}

export function parseAsOf(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new UsageError(`--as-of: "${value}" is not a date in the form YYYY-MM-DD`);
  const date = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3])));
  date.setUTCFullYear(Number(m[1])); // Date.UTC reads years 0-99 as 1900-1999
  if (date.getUTCFullYear() !== Number(m[1]) || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    throw new UsageError(`--as-of: ${dateProblem(value)}`);
  }
  if (date.getUTCFullYear() < AS_OF_RANGE[0] || date.getUTCFullYear() > AS_OF_RANGE[1]) {
    throw new UsageError(`--as-of: the date ${value} is out of range: give a day from ${AS_OF_RANGE[0]}-01-01 to ${AS_OF_RANGE[1]}-12-31`);
  }
  return date;
}

/**
 * Commander's message for a command line it cannot parse, in policy-lint's words and on one line:
 * `unknown option '--colour' (did you mean --color?)`, `--threads: "0" is not valid: give a whole number ...`.
 */
export function houseStyle(error: CommanderError): string {
  const message = error.message.replace(/^error: /, '');
  const flagOf = (spec: string): string => /--[\w-]+/.exec(spec)?.[0] ?? spec;
  if (error.code === 'commander.unknownOption') {
    const option = /unknown option '([^']+)'/.exec(message)?.[1] ?? '';
    const near = /\(Did you mean (.+?)\?\)/.exec(message)?.[1];
    return `unknown option '${option}'${near ? ` (did you mean ${near}?)` : ' (policy-lint --help lists the options)'}`;
  }
  const invalid = /^option '([^']+)' argument '([\s\S]*)' is invalid\. ([\s\S]*)$/.exec(message);
  if (error.code === 'commander.invalidArgument' && invalid) {
    const [, spec, value, why] = invalid;
    const choices = /^Allowed choices are (.*)\.$/.exec(why!);
    // A near choice is suggested, as for an unknown option or rule ("jsn": did you mean "json"?).
    return choices ? `${flagOf(spec!)}: "${value}" is not one of ${choices[1]}${didYouMean(value!, choices[1]!.split(', '))}` : `${flagOf(spec!)}: "${value}" is not valid: ${why}`;
  }
  const missing = /^option '([^']+)' argument missing$/.exec(message);
  if (error.code === 'commander.optionMissingArgument' && missing) {
    const flag = flagOf(missing[1]!);
    const arg = /<([^>]+)>/.exec(missing[1]!)?.[1];
    return `${flag} needs a value${arg ? ` (${flag} <${arg}>)` : ''}`;
  }
  return message.split('\n')[0]!;
}

const EXAMPLES = `
Examples:
  $ policy-lint policy.md                      lint one policy
  $ policy-lint policies/                      lint every .md, .markdown and .txt file below a folder
  $ policy-lint "policies/**/*.md" --format json
  $ policy-lint policy.md --as-of 2025-09-01   judge dates as on 1 September 2025
  $ policy-lint --outline policy.md            show the sections policy-lint found
  $ policy-lint --print-text policy.docx       show the text policy-lint reads in a Word or PDF file
  $ policy-lint --init                         write a starter .policylintrc.yaml here
  $ policy-lint --print-config policy.md       show the settings that apply to a file
  $ policy-lint policies/ --fix                fix what can be fixed safely, then report the rest
  $ policy-lint policy.md --fix-dry-run        print the fixed text; change nothing
  $ policy-lint . --format sarif -o policy-lint.sarif   a report for GitHub code scanning
  $ policy-lint . --write-baseline .policylint-baseline.json   accept today's findings ...
  $ policy-lint . --baseline .policylint-baseline.json         ... and report only new ones

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 a usage or input problem.`;

export function buildProgram(io: CliIO, version: string): Command {
  const program = new Command();
  program
    .name('policy-lint')
    .description("Check a school's policy documents for out-of-date guidance, missing names and unfinished text.")
    .argument('[paths...]', 'files, folders or glob patterns to lint')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('--as-of <date>', 'judge dates as on this day (YYYY-MM-DD); default: today (overrides settings.asOf)')
    .option('--profile <name>', "read every file as this profile (herts-csw, lac, generic or a pack's); default: detected from each document (overrides profile: in configuration)")
    .option('-c, --config <file>', 'use this configuration file only (no .policylintrc files are looked for)')
    .option('--model <file>', 'compare each policy with this model policy (rule model-drift; overrides settings.model)')
    .option('--print-config <file>', 'print the configuration that applies to this file (JSON) instead of linting')
    .option('--init', 'write a starter .policylintrc.yaml in the current folder')
    .option('--rule <rule>', 'set a rule over the configuration files: "id: severity" or "id: [severity, {options}]" (repeatable)', collect)
    .option('--report-unused-directives', 'report policy-lint-disable comments that silence nothing (as warnings)')
    .option('--no-inline-config', 'let no policy-lint-disable comment silence anything, and report each one (to audit what was silenced)')
    .option('--outline', 'print the section tree policy-lint found instead of linting')
    .option('--print-text <file>', 'print the text policy-lint reads in this file (for a Word or PDF file, the text view that line and column point into)')
    .option('--list-rules', 'list every rule: its severity, whether it can fix what it finds, and what it checks')
    .option('--explain <rule>', "show a rule's documentation, with its examples run now")
    .option('--fix', 'apply safe fixes to the files, then report what is left')
    .option('--fix-suggestions', 'apply suggested fixes too (they change wording: check them)')
    .option('--fix-dry-run', 'show the fixed text (or "output" in --format json) without changing any file')
    .option('-o, --output-file <file>', 'write the report to this file instead of standard output')
    .addOption(new Option('--max-warnings <number>', 'exit with code 1 when there are more warnings than this (-1: no limit)').argParser(parseMaxWarnings))
    .option('--quiet', 'report errors only, not warnings')
    .option('--stdin', 'lint the text on standard input')
    .option('--stdin-filename <name>', 'the file name to report standard input under (and to match ignore patterns)')
    .option('--ignore-pattern <pattern>', 'skip files matching this pattern (gitignore syntax; repeatable)', collect)
    .option('--no-ignore', 'lint files even if .policylintignore, --ignore-pattern or "ignores" in a configuration would skip them')
    .option('--baseline <file>', 'do not report the findings recorded in this baseline file')
    .option('--write-baseline <file>', "record today's findings in this baseline file")
    .option('--cache', "remember each file's findings and re-check only files (or settings) that changed")
    .option('--cache-location <path>', 'where --cache keeps its file (default: .policylintcache in the current folder)')
    .addOption(new Option('--threads <n>', 'lint on up to N threads at once (default: auto, one per CPU core when there is enough to lint)').argParser(parseThreads))
    .option('--no-threads', 'lint on one thread only')
    .option('--color', 'always colour the output, even when it is not a terminal')
    .option('--no-color', 'never colour the output (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('--debug', 'print stack traces for internal errors; on standard error, the configuration files used, the files found, how each was read and the time per stage')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });
  return program;
}

export interface Options {
  model?: string;
  format: string;
  asOf?: string;
  profile?: string;
  config?: string;
  printConfig?: string;
  init?: boolean;
  reportUnusedDirectives?: boolean;
  /** false with --no-inline-config. */
  inlineConfig?: boolean;
  /** --rule values. */
  rule?: string[];
  outline?: boolean;
  printText?: string;
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

export function parseThreads(value: string): ThreadsOption {
  if (value === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('give a whole number of 1 or more, or "auto"');
  return Number(value);
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number of 0 or more');
  return Number(value);
}

/** --max-warnings: a whole number, or -1 for no limit (as ESLint). */
export function parseMaxWarnings(value: string): number {
  if (value === '-1') return -1; // no limit
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('give a whole number of 0 or more, or -1 for no limit');
  return Number(value);
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

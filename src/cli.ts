/**
 * The command line: parse options, find files, lint, print, exit.
 *
 * Exit codes: 0 no errors; 1 at least one error (or more warnings than
 * --max-warnings); 2 a usage, configuration or input problem, reported on one
 * line naming the file and what is wrong (a stack trace only with --debug).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { decodeSource, SourceError } from './source.js';
import { defaultConfig, enabledRules } from './config.js';
import { expandPaths, InputError } from './files.js';
import { lintSource, summarize, type LintResult } from './lint.js';
import { RuleError } from './engine.js';
import { FORMATTERS } from './formatters/index.js';
import { buildDocument } from './document.js';
import { outlineOf, outlineText } from './outline.js';
import { RULES } from '../rules/index.js';
import type { RuleMeta } from './types.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
}

const defaultIO = (): CliIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});

/** A problem that ends the run with exit code 2 and a one-line message. */
class UsageError extends Error {}

function readVersion(): string {
  // dist/src/cli.js and src/cli.ts both sit two levels or one below the package root.
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'policy-lint' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
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

Exit codes: 0 no errors, 1 errors found, 2 a usage or input problem.`;

export function buildProgram(io: CliIO): Command {
  const program = new Command();
  program
    .name('policy-lint')
    .description("Check a school's policy documents for out-of-date guidance, missing names and unfinished text.")
    .argument('[paths...]', 'files, folders or glob patterns to lint')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('--as-of <date>', 'judge dates as on this day (YYYY-MM-DD); default: today')
    .option('--outline', 'print the section tree policy-lint found instead of linting')
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
  outline?: boolean;
  color?: boolean;
  debug?: boolean;
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
    const patterns = program.args;
    if (patterns.length === 0) throw new UsageError('no files given: try "policy-lint policy.md" or "policy-lint --help"');
    const asOf = opts.asOf !== undefined ? parseAsOf(opts.asOf) : undefined;
    const config = defaultConfig(asOf);
    const files = expandPaths(patterns, io.cwd);
    const rules = enabledRules(config);
    const results: LintResult[] = [];
    const outlines: { filePath: string; sections: ReturnType<typeof outlineOf> }[] = [];
    const outlineTexts: string[] = [];
    let inputProblems = 0;

    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        io.stderr(`policy-lint: ${describeReadError(path.relative(io.cwd, file) || file, error)}\n`);
        inputProblems++;
        continue;
      }
      let source;
      try {
        source = decodeSource(bytes);
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        io.stderr(`policy-lint: ${path.relative(io.cwd, file) || file}: ${error.message}; skipped\n`);
        inputProblems++;
        continue;
      }
      if (opts.outline) {
        const doc = buildDocument(file, source);
        outlines.push({ filePath: file, sections: outlineOf(doc) });
        outlineTexts.push(outlineText(path.relative(io.cwd, file) || file, doc));
        continue;
      }
      const { messages } = lintSource(file, source, rules, config.settings);
      results.push(summarize(file, messages));
    }

    if (opts.outline) {
      io.stdout(opts.format === 'json' ? `${JSON.stringify(outlines)}\n` : `${outlineTexts.join('\n\n')}\n`);
      return inputProblems > 0 ? 2 : 0;
    }
    const formatter = FORMATTERS[opts.format];
    if (!formatter) throw new UsageError(`--format: unknown format "${opts.format}"`);
    const meta = new Map<string, RuleMeta>(RULES.map((r) => [r.meta.id, r.meta]));
    const output = formatter(results, { cwd: io.cwd, color: useColor(opts.color, io), rules: meta });
    if (output) io.stdout(output.endsWith('\n') ? output : `${output}\n`);
    if (inputProblems > 0) return 2;
    return results.some((r) => r.errorCount > 0) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`policy-lint: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RuleError) {
      io.stderr(`policy-lint: internal error: ${error.message}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`policy-lint: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { sealOf, type PackedEntry } from '../src/runner/cache.js';
import { fileURLToPath } from 'node:url';
import { fromDecoded, decodeSource } from '../src/document/source.js';
import { buildDocument } from '../src/document/build.js';
import { runRules } from '../src/engine/engine.js';
import { defaultConfig } from '../src/config/index.js';
import { applyFixes } from '../src/engine/fix.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import { main } from '../src/cli/main.js';
import type { Diagnostic, FixSafety, PolicyDocument } from '../src/types.js';
import type { Guidance } from '../src/domain/guidance.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const BIN = path.join(ROOT, 'bin', 'policy-lint.js');

/** The five seed policies, by their three-digit prefix. */
export const SEEDS = fs
  .readdirSync(FIXTURES)
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort();

export function seedPath(prefix: string): string {
  const name = SEEDS.find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return path.join(FIXTURES, name);
}

export function docOf(text: string, filePath = 'test.md'): PolicyDocument {
  return buildDocument(filePath, fromDecoded(text));
}

export function docOfFile(file: string): PolicyDocument {
  return buildDocument(file, decodeSource(fs.readFileSync(file)));
}

export interface LintOptions {
  rules?: string[];
  options?: Record<string, unknown>;
  asOf?: string;
  /** A model policy's text, for rules that compare with one (model-drift). */
  model?: string;
  /** The guidance registry to judge by (settings.guidance; default: data/guidance.yaml's). */
  guidance?: Guidance;
}

/** Lint text with the given rules (default: all) at their default severities. */
export function lint(text: string, opts: LintOptions = {}): Diagnostic[] {
  return lintDoc(docOf(text), opts);
}

export function lintDoc(doc: PolicyDocument, opts: LintOptions = {}): Diagnostic[] {
  const config = defaultConfig(new Date(`${opts.asOf ?? '2026-11-24'}T00:00:00Z`));
  const rules = (opts.rules ?? RULES.map((r) => r.meta.id)).map((id) => {
    const rule = RULES_BY_ID.get(id);
    if (!rule) throw new Error(`unknown rule ${id}`);
    return { rule, severity: rule.meta.severity, options: opts.options ?? {} };
  });
  const settings = {
    ...config.settings,
    ...(opts.model !== undefined ? { model: { file: 'model.md', doc: docOf(opts.model, 'model.md') } } : {}),
    ...(opts.guidance ? { guidance: opts.guidance } : {}),
  };
  return runRules(doc, rules, settings);
}

/** Apply fixes repeatedly (up to 10 passes) with one rule set; returns the final text. */
export function fixText(text: string, opts: LintOptions & { level?: FixSafety } = {}): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applyFixes(current, lint(current, opts), opts.level ?? 'suggestion');
    if (applied === 0 || next === current) break;
    current = next;
  }
  return current;
}

/** "line:column" of each diagnostic. */
export function positions(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column}`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI's main() in this process with `--as-of` pinned, capturing what it prints. */
export async function runMain(args: string[], opts: { cwd: string; asOf?: string; stdin?: Uint8Array | string }): Promise<CliRun & { code: number }> {
  let stdout = '';
  let stderr = '';
  const stdin = opts.stdin;
  const code = await main(['node', 'policy-lint', '--as-of', opts.asOf ?? '2026-11-24', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: opts.cwd,
    env: {},
    isTTY: false,
    ...(stdin !== undefined ? { stdin: async () => (typeof stdin === 'string' ? Buffer.from(stdin) : stdin) } : {}),
  });
  return { code, stdout, stderr };
}

/**
 * Run the built CLI as a subprocess without blocking this test worker (spawn, not spawnSync), so that a long run
 * cannot starve vitest's own messages to the worker. `node` adds options for node itself (e.g. --import).
 */
export function spawnCli(args: string[], opts: SpawnOptions): Promise<CliRun> {
  return spawnCliRaw(args, opts).then((r) => ({ code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr }));
}

export interface SpawnOptions {
  cwd: string;
  node?: string[];
  uid?: number;
  timeout?: number;
  env?: Record<string, string>;
  /** Standard input, written whole and closed (by default the child's standard input is an open pipe). */
  input?: Uint8Array | string;
  /** Called with the child process as soon as it is started (to signal it mid-run). */
  onSpawn?: (child: ChildProcess) => void;
}

/** spawnCli, with standard output as the bytes the CLI wrote (for output that is not UTF-8), and the exit signal. */
export function spawnCliRaw(args: string[], opts: SpawnOptions): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.node ?? []), BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env } as NodeJS.ProcessEnv,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
      ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    if (opts.input !== undefined) child.stdin.end(opts.input);
    opts.onSpawn?.(child);
  });
}

/** Write `content` to `name` below `dir`, creating its folder; returns the file's path. */
export function writeIn(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** A temporary folder for one test file (policy-lint-<name>-*), removed after its tests; `beforeRemove` runs first. */
export function testFolder(name: string, beforeRemove?: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `policy-lint-${name}-`));
  afterAll(() => {
    beforeRemove?.(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** The five core checks (issue 13: their findings must be the same whatever the format). */
export const CORE_RULES = ['kcsie-current', 'required-roles', 'termly-pep', 'ap-full-time-hours', 'therapeutic-thinking-naming'];

/** (rule, section) of each core finding, sorted: what must be the same whatever the format. */
export const coreKey = (messages: Diagnostic[]): string[] =>
  messages
    .filter((m) => CORE_RULES.includes(m.ruleId))
    .map((m) => `${m.ruleId} | ${m.section ?? ''}`)
    .sort();

/**
 * Edit a cache file as an attacker (or a test proving a run reads the cache) would: replace the stored string
 * `from` with `to` and seal every entry again, so that the cache's own check accepts the edited entries.
 */
export function tamperCache(file: string, from: string, to: string): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { strings: string[]; entries: Record<string, PackedEntry> };
  const at = data.strings.indexOf(from);
  expect(at, `"${from}" is stored in the cache`).toBeGreaterThanOrEqual(0);
  data.strings[at] = to;
  for (const entry of Object.values(data.entries)) entry[8] = sealOf(entry, data.strings);
  fs.writeFileSync(file, JSON.stringify(data));
}

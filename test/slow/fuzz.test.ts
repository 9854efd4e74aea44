/**
 * The adversarial test of issue 17, as a bounded fuzz test: the five seed
 * policies mutated (bytes flipped, cut, spliced, duplicated; hostile snippets
 * inserted: unclosed comments, deep nesting, wide tables, escape sequences,
 * bidi controls, NUL bytes, lone surrogates, directives, huge lines; line
 * endings, BOMs and UTF-16 changed), and every case linted by the built
 * command line, as a user runs it.
 *
 * Seeded and fixed: POLICY_LINT_FUZZ_SEED (default 17) and
 * POLICY_LINT_FUZZ_CASES (default 2,000) give the same cases on every
 * machine. Cases are linted many to a process (BATCH files a run), so that
 * 2,000 take a few minutes on CI's two cores. Each run must end by itself
 * within a bound of CASE_BOUND_MS per case it holds (it is killed after
 * that); a batch that is killed, or that breaks a property, is bisected to
 * the first case that does, and that case is saved under fixtures/fuzz/ (as
 * `<seed>-<case>.md`) so that it can be replayed and kept as a regression
 * fixture.
 *
 * Every run must: exit 0, 1 or 2; print no stack trace (every line of
 * standard error is a `policy-lint: ` message); print valid JSON; report
 * every position inside its file (line 1..lines, column 1..line length + 1,
 * start before end), and every fix range inside the file's text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/document/source.js';
import { FIXTURES, SEEDS, spawnCli } from '../helpers.js';

const SEED = Number(process.env.POLICY_LINT_FUZZ_SEED ?? 17);
const CASES = Number(process.env.POLICY_LINT_FUZZ_CASES ?? 2000);
const BATCH = 100;
/** The time a run may take for each case it holds before it is killed (a hang guard, far above any real case). */
const CASE_BOUND_MS = 3000;
const SAVED = path.join(FIXTURES, 'fuzz');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-fuzz-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** mulberry32: a small seeded generator, the same on every machine. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = SEEDS.map((s) => fs.readFileSync(path.join(FIXTURES, s), 'utf8'));

const SNIPPETS = [
  '<!--',
  '<!-- policy-lint-disable -->',
  '<!-- policy-lint-disable-next-line placeholder-text -->',
  '<!-- policy-lint-enable -->',
  '\u001b]0;title\u0007\u001b[2J',
  '\u202e\u2066',
  '\u0000',
  '\ud800',
  '\udc00x',
  '\r',
  '\r\n',
  '\t\t\t',
  ' '.repeat(2000),
  '> '.repeat(60),
  '- '.repeat(40),
  '*'.repeat(200),
  '[a](#) '.repeat(50),
  `|${'a|'.repeat(80)}\n|${'-|'.repeat(80)}\n|${'a|'.repeat(80)}\n`,
  '# ',
  '\n## Appendix 1\n',
  '\n### Roles and Responsibilities\n',
  'XXXX',
  '[INSERT NAME]',
  'Review date: 31/02/2026',
  'September 2026',
  'KCSIE 2023',
  '\u{1F600}\u0301\u0301',
  '&amp;&#x0;&#xD800;',
  '`'.repeat(30),
  '```\ncode\n',
  '\\',
  '<![CDATA[',
  '\uFEFF',
  '\u2028\u2029',
];

/** One mutated policy, as bytes. */
function makeCase(rand: () => number): Uint8Array {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let text = pick(seeds);
  // Most cases are a cut of a seed, to keep the run short; some are whole.
  if (rand() < 0.7) {
    const len = Math.floor(rand() * 6000) + 1;
    const start = Math.floor(rand() * Math.max(1, text.length - len));
    text = text.slice(start, start + len);
  }
  const edits = 1 + Math.floor(rand() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (text.length + 1));
    const kind = rand();
    if (kind < 0.45) text = text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
    else if (kind < 0.6) text = text.slice(0, at) + text.slice(at + Math.floor(rand() * 200));
    else if (kind < 0.7) text = text.slice(0, at) + text.slice(Math.floor(rand() * text.length)).slice(0, 500) + text.slice(at);
    else if (kind < 0.8) text = text.slice(0, at) + String.fromCharCode(Math.floor(rand() * 0x3000)) + text.slice(at + 1);
    else if (kind < 0.85) text = text.replace(/\n/g, '\r\n');
    else if (kind < 0.9) text = text.replace(/\n/g, '\r');
    else text = text.slice(0, at) + pick(SNIPPETS).repeat(1 + Math.floor(rand() * 20)) + text.slice(at);
  }
  const form = rand();
  if (form < 0.05) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (form < 0.08) return Buffer.from(text, 'utf16le');
  const bytes = Buffer.from(rand() < 0.1 ? `\uFEFF${text}` : text, 'utf8');
  if (form < 0.15) {
    // A few raw bytes flipped: invalid UTF-8, Windows-1252 look-alikes.
    for (let k = 0; k < 3 && bytes.length > 0; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
  }
  return bytes;
}

interface JsonMessage {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { edits?: { range: [number, number] }[]; range?: [number, number] };
}

/** What is wrong with one run's output, or undefined. */
function problemOf(run: { code: number | null; stdout: string; stderr: string }, files: Map<string, Uint8Array>): string | undefined {
  if (run.code !== 0 && run.code !== 1 && run.code !== 2) return `exit code ${run.code} (killed or crashed)`;
  if (/\n\s+at /.test(run.stderr)) return 'a stack trace on standard error';
  for (const line of run.stderr.split('\n').filter(Boolean))
    if (!line.startsWith('policy-lint: ')) return `a line on standard error that is not a policy-lint message: ${line.slice(0, 200)}`;
  let results: { filePath: string; messages: JsonMessage[] }[];
  try {
    results = JSON.parse(run.stdout) as typeof results;
  } catch {
    return `standard output is not valid JSON: ${run.stdout.slice(0, 200)}`;
  }
  for (const r of results) {
    const bytes = files.get(path.basename(r.filePath));
    if (!bytes) return `a result for a file that was not given: ${r.filePath}`;
    let text: string;
    try {
      text = decodeSource(bytes).text;
    } catch {
      continue; // Decoded differently by the command line (e.g. a limit of its own heap): positions cannot be checked here.
    }
    const lines = text.split('\n');
    for (const m of r.messages) {
      const where = `${path.basename(r.filePath)} ${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;
      const inside = (line: number, column: number): boolean =>
        Number.isInteger(line) && Number.isInteger(column) && line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
      if (!inside(m.line, m.column) || !inside(m.endLine, m.endColumn)) return `a position outside the file: ${where}`;
      if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) return `a range that ends before it starts: ${where}`;
      for (const e of m.fix?.edits ?? []) {
        const [a, b] = e.range;
        // Offsets into the file's decoded text (original line endings: at least as long as the normalised text).
        if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a <= b && b <= text.length + lines.length)) return `a fix range outside the file: ${where} [${a}, ${b}]`;
      }
    }
  }
  return undefined;
}

async function runBatch(names: string[], files: Map<string, Uint8Array>, folder: string): Promise<string | undefined> {
  const run = await spawnCli(['--format', 'json', '--as-of', '2026-11-24', '--no-ignore', ...names], {
    cwd: folder,
    timeout: CASE_BOUND_MS * names.length + 10_000,
  });
  return problemOf(run, new Map(names.map((n) => [n, files.get(n)!])));
}

describe(`fuzz: ${CASES} mutated policies (seed ${SEED})`, () => {
  it('every case: exit 0/1/2, no stack trace, valid JSON, every position inside its file, done within its bound', { timeout: 1_800_000 }, async () => {
    const rand = generator(SEED);
    const files = new Map<string, Uint8Array>();
    const names: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const name = `case-${String(i).padStart(5, '0')}.md`;
      const bytes = makeCase(rand);
      files.set(name, bytes);
      names.push(name);
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    const failures: string[] = [];
    for (let b = 0; b < names.length; b += BATCH) {
      const batch = names.slice(b, b + BATCH);
      const problem = await runBatch(batch, files, dir);
      if (!problem) continue;
      // Bisect to the first case that fails alone, and keep it as a fixture.
      let culprit: string | undefined;
      let why = problem;
      for (const name of batch) {
        const alone = await runBatch([name], files, dir);
        if (alone) {
          culprit = name;
          why = alone;
          break;
        }
      }
      const saved = path.join(SAVED, `${SEED}-${culprit ?? batch[0]!}`);
      fs.mkdirSync(SAVED, { recursive: true });
      fs.writeFileSync(saved, files.get(culprit ?? batch[0]!)!);
      failures.push(`${culprit ?? `batch from ${batch[0]}`}: ${why} (saved as ${path.relative(process.cwd(), saved)})`);
    }
    expect(failures).toEqual([]);
  });

  it('the cases saved from earlier failures pass now', { timeout: 600_000 }, async () => {
    const saved = fs.existsSync(SAVED) ? fs.readdirSync(SAVED).filter((f) => f.endsWith('.md')) : [];
    if (saved.length === 0) return;
    const files = new Map(saved.map((f) => [f, fs.readFileSync(path.join(SAVED, f))]));
    expect(await runBatch(saved, files, SAVED)).toBeUndefined();
  });
});

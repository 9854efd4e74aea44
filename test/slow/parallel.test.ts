/**
 * Linting on worker threads gives exactly what linting on one thread gives:
 * the same report in the same order, the same messages on standard error,
 * the same exit code, the same fixed files. The built CLI is run (worker
 * threads run the compiled code), with --threads forcing workers on a corpus
 * small enough for a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUTO_BYTES_PER_THREAD, AUTO_MAX_THREADS, chooseThreads } from '../../src/runner/pool.js';
import { SEEDS, FIXTURES, ROOT, spawnCli } from '../helpers.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-parallel-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], cwd = dir): Promise<Run> {
  return spawnCli(['--as-of', '2026-11-24', ...args], { cwd });
}

/** A corpus in `root`: two copies of each seed (one of them read-only), and files that go wrong in different ways. */
function corpus(root: string): void {
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  for (let i = 1; i < 3; i++) {
    for (const seed of SEEDS) fs.writeFileSync(path.join(root, i === 1 ? 'sub' : '.', `${i}_${seed.replace(/\.txt$/, '.md')}`), fs.readFileSync(path.join(FIXTURES, seed)));
  }
  fs.chmodSync(path.join(root, `2_${SEEDS[1]!.replace(/\.txt$/, '.md')}`), 0o444);
  const crlf = 'Behaviour\r\n\r\nWe follow Hertfordshire Steps.\r\n';
  fs.writeFileSync(path.join(root, 'crlf.md'), crlf);
  fs.writeFileSync(path.join(root, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Staff have completed Step On training.\n', 'utf16le')]));
  fs.writeFileSync(path.join(root, 'binary.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
  fs.writeFileSync(path.join(root, 'empty.md'), '');
}

describe('worker threads give the same results as one thread', () => {
  it('the same JSON, stylish and SARIF reports, messages and exit code', async () => {
    corpus(dir);
    for (const format of ['json', 'sarif']) {
      const one = await cli(['.', '--no-threads', '-f', format]);
      const three = await cli(['.', '--threads', '2', '-f', format]);
      expect(three, format).toEqual(one);
      expect(one.code).toBe(2); // the binary file
      expect(one.stderr).toBe(
        'policy-lint: binary.md: not a readable Word document (the zip container is damaged: no end of central directory); open it in Word and save it again as .docx; skipped\n',
      );
    }
    const results = JSON.parse((await cli(['.', '--threads', '2', '-f', 'json'])).stdout) as { filePath: string; messages: unknown[] }[];
    // Every file but the binary one, in path order.
    expect(results).toHaveLength(SEEDS.length * 2 + 3);
    expect(results.map((r) => r.filePath)).toEqual([...results.map((r) => r.filePath)].sort());
  });

  it('--fix on threads writes the same files and says the same as on one thread', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    corpus(a);
    corpus(b);
    const one = await cli(['.', '--fix', '--no-threads'], a);
    const many = await cli(['.', '--fix', '--threads', '2'], b);
    expect(many).toEqual(one);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(
      /^policy-lint: 2_001_\w+\.md: is read-only, so it was not changed\npolicy-lint: binary\.md: not a readable Word document .*; skipped\npolicy-lint: fixed \d+ problems in \d+ files\n$/,
    );
    const files = (root: string): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const f of fs.readdirSync(root, { recursive: true }) as string[]) {
        const full = path.join(root, f);
        if (fs.statSync(full).isFile()) out[f] = fs.readFileSync(full).toString('base64');
      }
      return out;
    };
    const fixedA = files(a);
    expect(files(b)).toEqual(fixedA);
    // The CRLF file was fixed and kept its line endings.
    expect(Buffer.from(fixedA['crlf.md']!, 'base64').toString()).toBe('Behaviour\r\n\r\nWe follow Therapeutic Thinking Hertfordshire.\r\n');
  });

  it('--fix-dry-run on threads prints the same fixed texts', async () => {
    corpus(dir);
    const one = await cli(['.', '--fix-dry-run', '--no-threads']);
    expect(await cli(['.', '--fix-dry-run', '--threads', '2'])).toEqual(one);
    expect(one.stdout).toContain('==> crlf.md (fixed) <==\nBehaviour\r\n\r\nWe follow Therapeutic Thinking Hertfordshire.\r\n');
  });

  it('a configuration error is reported as on one thread', async () => {
    corpus(dir);
    fs.writeFileSync(path.join(dir, 'sub', '.policylintrc.yaml'), 'rules:\n  no-such-rule: error\n');
    const one = await cli(['.', '--no-threads', '--no-ignore']);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe(
      'policy-lint: binary.md: not a readable Word document (the zip container is damaged: no end of central directory); open it in Word and save it again as .docx; skipped\n' +
        'policy-lint: sub/.policylintrc.yaml:2:3: rules: unknown rule "no-such-rule" (policy-lint --list-rules lists the rules)\n',
    );
    expect(await cli(['.', '--threads', '2', '--no-ignore'])).toEqual(one);
  });

  it('--cache and threads together: the cold run and the cached re-run report what one thread reports', async () => {
    corpus(dir);
    const one = await cli(['.', '--no-threads', '-f', 'json']);
    expect(await cli(['.', '--threads', '2', '--cache', '-f', 'json'])).toEqual(one);
    expect(await cli(['.', '--threads', '2', '--cache', '-f', 'json'])).toEqual(one);
  });

  it('--threads takes a whole number of 1 or more, or auto', async () => {
    fs.writeFileSync(path.join(dir, 'a.md'), 'Behaviour\n');
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const r = await cli(['a.md', '--threads', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toBe(`policy-lint: --threads: "${bad}" is not valid: give a whole number of 1 or more, or "auto"\n`);
    }
    expect((await cli(['a.md', '--threads', 'auto'])).code).toBe(1);
    expect((await cli(['a.md', '--threads', '1'])).code).toBe(1);
  });
});

describe('how many threads', () => {
  const files = (n: number, bytes: number): { bytes: Uint8Array }[] => Array.from({ length: n }, () => ({ bytes: new Uint8Array(bytes) }));

  it('auto: none for a small run (a pre-commit hook, a few policies)', async () => {
    expect(chooseThreads('auto', files(1, 10_000_000), 8)).toBe(1);
    expect(chooseThreads(undefined, files(5, 40_000), 8)).toBe(1);
    expect(chooseThreads(undefined, files(20, 40_000), 8)).toBe(1);
  });

  it('auto: one thread per AUTO_BYTES_PER_THREAD to lint, up to the cores and at most AUTO_MAX_THREADS', async () => {
    expect(chooseThreads(undefined, files(100, 40_000), 8)).toBe(Math.floor((100 * 40_000) / AUTO_BYTES_PER_THREAD));
    expect(chooseThreads(undefined, files(1000, 33_000), 2)).toBe(2);
    expect(chooseThreads(undefined, files(1000, 33_000), 64)).toBe(AUTO_MAX_THREADS);
    expect(chooseThreads(undefined, files(3, 10_000_000), 64)).toBe(3);
  });

  it('--no-threads and --threads 1: none; --threads N: N, but no more than one per file or one per core', async () => {
    expect(chooseThreads(false, files(1000, 33_000), 8)).toBe(1);
    expect(chooseThreads(1, files(1000, 33_000), 8)).toBe(1);
    expect(chooseThreads(3, files(1000, 33_000), 4)).toBe(3);
    expect(chooseThreads(3, files(1000, 33_000), 2)).toBe(2);
    expect(chooseThreads(3, files(2, 100), 2)).toBe(2);
    expect(chooseThreads(4, files(1, 100), 8)).toBe(1);
  });
});

describe('the run flow loads only what a run needs', () => {
  it('every --format is loaded on demand from the one registry (src/formatters/index.ts), and only a known name loads', async () => {
    const { FORMAT_NAMES, loadFormatter } = await import('../../src/formatters/index.js');
    expect([...FORMAT_NAMES].sort()).toEqual(['compact', 'csv', 'csv-summary', 'github', 'html', 'json', 'junit', 'sarif', 'stylish']);
    for (const name of FORMAT_NAMES) expect(typeof (await loadFormatter(name)), name).toBe('function');
    expect(await loadFormatter('toString')).toBeUndefined();
    expect(await loadFormatter('nope')).toBeUndefined();
  });

  it('dates in messages read as toLocaleDateString("en-GB") writes them, without loading the locale data', async () => {
    const { formatDate, formatMonthYear } = await import('../../src/domain/guidance.js');
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2041, 0, 1); t += 86_400_000 * 5) {
      const d = new Date(t);
      expect(formatDate(d)).toBe(d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
      expect(formatMonthYear(d)).toBe(d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }));
    }
    expect(formatDate('2024-09-01')).toBe('1 September 2024');
    expect(formatMonthYear('2023-09-01')).toBe('September 2023');
    expect(formatDate(new Date(Number.NaN))).toBe('Invalid Date');
  });

  it('the built-in pack loads from the snapshot the build writes (its parsed YAML, stamped with the YAML text)', async () => {
    const { BUILTIN_PACKS, builtinPackPath, packSnapshot } = await import('../../src/packs/index.js');
    for (const ref of Object.keys(BUILTIN_PACKS)) {
      const file = builtinPackPath(ref)!;
      const built = path.join(ROOT, 'dist', `${BUILTIN_PACKS[ref]}.json`);
      expect(fs.readFileSync(built, 'utf8'), ref).toBe(packSnapshot(file, fs.readFileSync(file, 'utf8')));
    }
  });
});

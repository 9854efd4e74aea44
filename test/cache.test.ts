/**
 * --cache: findings are reused only while the file's content, the
 * configuration that applies to it and policy-lint's version are unchanged; a
 * corrupt cache is ignored and rewritten; --fix never serves stale findings.
 *
 * A cache hit is proved, not assumed: the test edits the findings stored in
 * the cache file and checks that the next run reports the edited text (and
 * that a run which must not use the entry does not).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildId, CACHE_FORMAT, cacheFile, configKey, contentHash, hashFile, LintCache, STAMP_MARGIN_MS, statStamp } from '../src/runner/cache.js';
import { ConfigResolver } from '../src/config/index.js';
import { ROOT, runMain, seedPath, tamperCache, writeIn } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-cache-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], asOf = '2026-11-24'): Promise<Run> {
  return runMain(args, { cwd: dir, asOf });
}

function write(name: string, content: string | Uint8Array): string {
  return writeIn(dir, name, content);
}

const STEPS = 'Behaviour\n\nWe follow Hertfordshire Steps.\n';
const RENAMED = '"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024).';
const defaultCache = (): string => path.join(dir, '.policylintcache');

/**
 * Replace every stored string equal to `from` (a message) with `to`, in the cache file, and seal the entries again as
 * policy-lint does (whoever can write the cache can: the seal only tells a changed entry from an intact one).
 */
function messagesOf(out: string): string[] {
  return (JSON.parse(out) as { messages: { message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.message));
}

describe('--cache: hits and misses', () => {
  it('writes .policylintcache in the current folder (not node_modules/.cache: a policy repository has none), and a re-run reports exactly the same from it', async () => {
    write('a.md', STEPS);
    write('b.md', fs.readFileSync(seedPath('001')));
    const first = await run(['.', '--cache', '-f', 'json']);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('');
    expect(fs.existsSync(defaultCache())).toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
    expect(messagesOf(first.stdout)).toContain(RENAMED);

    const second = await run(['.', '--cache', '-f', 'json']);
    expect(second).toEqual(first);

    // Proof that the second run read the cache: what it reports follows the stored findings.
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    const third = await run(['.', '--cache', '-f', 'json']);
    expect(messagesOf(third.stdout)).toContain('TAMPERED');
    expect(messagesOf(third.stdout)).not.toContain(RENAMED);
  });

  it('the stylish, SARIF and baseline outputs of a cached run are those of a fresh one (the text is read again when needed)', async () => {
    write('a.md', STEPS);
    for (const args of [[], ['-f', 'sarif'], ['-f', 'compact']]) {
      const fresh = await run(['a.md', ...args]);
      await run(['a.md', '--cache', ...args]);
      const cached = await run(['a.md', '--cache', ...args]);
      expect(cached, args.join(' ')).toEqual(fresh);
    }
    const count = messagesOf((await run(['a.md', '-f', 'json'])).stdout).length;
    const recorded = await run(['a.md', '--cache', '--write-baseline', 'base.json']);
    expect(recorded.stderr).toContain(`recorded ${count} findings in 1 file`);
    const baseline = await run(['a.md', '--cache', '--baseline', 'base.json']);
    expect(baseline).toMatchObject({ code: 0, stderr: '' });
    expect(baseline.stdout).toContain(`No new problems; ${count} problems recorded in the baseline were not shown`);
  });

  it('lints a file again when its content changes', async () => {
    const file = write('a.md', STEPS);
    await run(['a.md', '--cache', '-f', 'json']);
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    fs.writeFileSync(file, STEPS.replace('We follow', 'We still follow'));
    const after = messagesOf((await run(['a.md', '--cache', '-f', 'json'])).stdout);
    expect(after).not.toContain('TAMPERED');
    expect(after).toContain(RENAMED);
  });

  it('lints a file again when its configuration changes (a rule switched off, another as-of date)', async () => {
    write('a.md', STEPS);
    await run(['a.md', '--cache', '-f', 'json']);
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    expect(messagesOf((await run(['a.md', '--cache', '-f', 'json'])).stdout)).toContain('TAMPERED');

    // Another as-of date is another configuration.
    const otherDay = messagesOf((await run(['a.md', '--cache', '-f', 'json'], '2026-11-25')).stdout);
    expect(otherDay).not.toContain('TAMPERED');
    expect(otherDay).toContain(RENAMED);

    // A configuration file that switches the rule off.
    write('.policylintrc.yaml', 'rules:\n  therapeutic-thinking-naming: off\n');
    const off = messagesOf((await run(['a.md', '--cache', '-f', 'json'])).stdout);
    expect(off).not.toContain('TAMPERED');
    expect(off).not.toContain(RENAMED);
    expect(off.length).toBeGreaterThan(0);
  });

  it('does not reuse findings cached by another version or build of policy-lint', async () => {
    write('a.md', STEPS);
    await run(['a.md', '--cache', '-f', 'json']);
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    const data = JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { version: string };
    data.version = '0.0.1+1';
    fs.writeFileSync(defaultCache(), JSON.stringify(data));
    const out = messagesOf((await run(['a.md', '--cache', '-f', 'json'])).stdout);
    expect(out).not.toContain('TAMPERED');
    expect(out).toContain(RENAMED);
    expect((JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { version: string }).version).not.toBe('0.0.1+1');
  });

  it('the cache key changes with the version, the guidance registry version, rule options and severities', () => {
    const resolver = new ConfigResolver({ cwd: dir, asOf: new Date('2026-11-24T00:00:00Z') });
    const config = resolver.forDirectory(dir);
    const key = configKey(config, buildId('1.0.0'));
    expect(configKey(config, buildId('1.0.0'))).toBe(key);
    expect(configKey(config, buildId('1.0.1'))).not.toBe(key);
    const guidance = { ...config.settings, guidance: { ...config.settings.guidance, version: `${config.settings.guidance.version}-next` } };
    expect(configKey({ ...config, settings: guidance }, buildId('1.0.0'))).not.toBe(key);
    const ruleId = 'review-date';
    const rules = { ...config.rules, [ruleId]: { ...config.rules[ruleId]!, options: { maxCycleMonths: 24 } } };
    expect(configKey({ ...config, rules }, buildId('1.0.0'))).not.toBe(key);
    const severities = { ...config.rules, [ruleId]: { ...config.rules[ruleId]!, severity: 'off' as const } };
    expect(configKey({ ...config, rules: severities }, buildId('1.0.0'))).not.toBe(key);
  });

  it('hashFile reads a file in pieces to the same hash as its bytes', () => {
    const big = Buffer.alloc(200_000, 'policy ');
    const file = write('big.md', big);
    expect(hashFile(file)).toBe(contentHash(big));
    expect(hashFile(write('empty.md', ''))).toBe(contentHash(new Uint8Array()));
  });
});

describe('--cache: files whose stamp on disk is unchanged are not read', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** Times a file was opened or read whole by the run. */
  // Every read of a file opens it (fs.readFileSync of bytes calls fs.openSync, as hashing does): count the opens.
  const readsOf = (file: string): (() => number) => {
    const open = vi.spyOn(fs, 'openSync');
    return () => open.mock.calls.filter(([p]) => String(p) === file).length;
  };
  const entriesOf = (): Record<string, unknown[]> => (JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { entries: Record<string, unknown[]> }).entries;

  it('statStamp: size, times and inode for a file changed before the margin; nothing for one changed since', () => {
    const stats = fs.statSync(write('a.md', STEPS));
    const changed = Math.max(stats.mtimeMs, stats.ctimeMs);
    expect(statStamp(stats, changed + STAMP_MARGIN_MS)).toBeUndefined();
    expect(statStamp(stats, changed + STAMP_MARGIN_MS + 1)).toBe(`${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`);
  });

  it('a file written just before the run is hashed every time (no stamp is recorded)', async () => {
    write('a.md', STEPS);
    // compact: stylish quotes the words, so it reads the text of a cached file too.
    await run(['a.md', '--cache', '-f', 'compact']);
    expect(entriesOf()['a.md']).toHaveLength(9);
    // [hash, config, findings, fixes, read as, stamp ("" for none), profile read as, shape of the text, seal]
    expect(entriesOf()['a.md']![4]).toBe('utf-8');
    expect(entriesOf()['a.md']![5]).toBe('');
    expect(String(entriesOf()['a.md']![6]).startsWith('herts-csw\u0000')).toBe(true);
    const reads = readsOf(path.join(dir, 'a.md'));
    await run(['a.md', '--cache', '-f', 'compact']);
    expect(reads()).toBe(1);
  });

  it('an old enough file is recorded with its stamp, then neither read nor hashed while it is unchanged; a change is seen', async () => {
    const file = write('a.md', STEPS);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000); // the file now looks a minute old
    const first = await run(['a.md', '--cache', '-f', 'json']);
    expect(entriesOf()['a.md']).toHaveLength(9);
    expect(entriesOf()['a.md']![5]).not.toBe('');
    // How the file was read is recorded with its findings: the JSON report names it without reading the file.
    expect((JSON.parse(first.stdout) as { encoding: string }[])[0]!.encoding).toBe('utf-8');

    const reads = readsOf(file);
    const second = await run(['a.md', '--cache', '-f', 'json']);
    expect(second).toEqual(first);
    expect(reads()).toBe(0);

    // Any write moves the change time on, even when the modification time is set back: hashed and linted again.
    const { atime, mtime } = fs.statSync(file);
    fs.writeFileSync(file, STEPS.replace('We follow', 'We now follow'));
    fs.utimesSync(file, atime, mtime);
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    const third = await run(['a.md', '--cache', '-f', 'json']);
    expect(reads()).toBeGreaterThan(0);
    expect(messagesOf(third.stdout)).toContain(RENAMED);
    expect(messagesOf(third.stdout)).not.toContain('TAMPERED');
  });
});

describe('--cache: a corrupt cache is ignored and rewritten', () => {
  const cases: [string, string][] = [
    ['not JSON at all', '{{{ this is not json'],
    ['truncated JSON', '{"policyLintCache":7,"version":"'],
    ['JSON of another shape', '[1, 2, 3]'],
    ['a binary file', '\u0000\u0001\u0002\u00ff'],
  ];
  for (const [what, content] of cases) {
    it(`${what}: the run reports what a run without a cache reports`, async () => {
      write('a.md', STEPS);
      const fresh = await run(['a.md', '-f', 'json']);
      write('.policylintcache', content);
      const cached = await run(['a.md', '--cache', '-f', 'json']);
      expect(cached).toEqual(fresh);
      const data = JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { policyLintCache: number; entries: Record<string, unknown> };
      expect(data.policyLintCache).toBe(CACHE_FORMAT);
      expect(Object.keys(data.entries)).toEqual(['a.md']);
    });
  }

  it('entries whose findings are damaged (wrong types, string indexes out of range) are dropped, not trusted', async () => {
    write('a.md', STEPS);
    const fresh = await run(['a.md', '-f', 'json']);
    await run(['a.md', '--cache', '-f', 'json']);
    const data = JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { strings: string[]; entries: Record<string, [string, string, number[], unknown[][]]> };
    const entry = data.entries['a.md']!;
    const intact = JSON.stringify(data);
    entry[2][2] = 99_999; // the first finding's message: an index past the end of the string table
    fs.writeFileSync(defaultCache(), JSON.stringify(data));
    expect(await run(['a.md', '--cache', '-f', 'json'])).toEqual(fresh);

    const damaged = JSON.parse(intact) as typeof data;
    expect(damaged.entries['a.md']![3].length, 'the entry has a fix').toBeGreaterThan(0);
    damaged.entries['a.md']![3][0]![0] = 99; // a fix for a finding that is not there
    fs.writeFileSync(defaultCache(), JSON.stringify(damaged));
    expect(await run(['a.md', '--cache', '-f', 'json'])).toEqual(fresh);

    (damaged.entries['a.md']![2] as unknown[]).push(1.5); // not a whole number, and a finding cut short
    fs.writeFileSync(defaultCache(), JSON.stringify(damaged));
    expect(await run(['a.md', '--cache', '-f', 'json'])).toEqual(fresh);

    (data.entries['a.md'] as unknown as unknown[])[2] = 'not a list';
    fs.writeFileSync(defaultCache(), JSON.stringify(data));
    expect(await run(['a.md', '--cache', '-f', 'json'])).toEqual(fresh);

    // Rewritten whole: a further run is served from the (repaired) cache.
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    expect(messagesOf((await run(['a.md', '--cache', '-f', 'json'])).stdout)).toContain('TAMPERED');
  });

  it('a cache that cannot be written is a warning, not a failure', async () => {
    write('a.md', STEPS);
    write('blocker', 'a file where the cache folder should be');
    const fresh = await run(['a.md']);
    const r = await run(['a.md', '--cache', '--cache-location', 'blocker/cache.json']);
    expect(r.code).toBe(fresh.code);
    expect(r.stdout).toBe(fresh.stdout);
    expect(r.stderr).toBe('policy-lint: warning: --cache: blocker/cache.json: cannot be written (part of its path is a file, not a folder), so the next run will lint every file again\n');
  });
});

describe('--cache with --fix', () => {
  it('never serves findings that a fix would change: --fix fixes a file whose findings were cached, and caches the fixed text', async () => {
    const file = write('a.md', STEPS);
    await run(['a.md', '--cache']);
    const fixed = await run(['a.md', '--cache', '--fix', '-f', 'json']);
    expect(fixed.stderr).toBe('policy-lint: fixed 1 problem in 1 file\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('Behaviour\n\nWe follow Therapeutic Thinking Hertfordshire.\n');
    expect(messagesOf(fixed.stdout)).not.toContain(RENAMED);

    // The fixed text's findings are what is cached now.
    const again = await run(['a.md', '--cache', '-f', 'json']);
    expect(again.stdout).toBe(fixed.stdout.replace(/,"output":"[^"]*"/, ''));
    const key = JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { entries: Record<string, [string]> };
    expect(key.entries['a.md']![0]).toBe(contentHash(fs.readFileSync(file)));
  });

  it('--fix-dry-run with --cache shows the fix and leaves the file and its cached findings as they were', async () => {
    const file = write('a.md', STEPS);
    const dry = await run(['a.md', '--cache', '--fix-dry-run']);
    expect(dry.stdout).toBe('Behaviour\n\nWe follow Therapeutic Thinking Hertfordshire.\n');
    expect(fs.readFileSync(file, 'utf8')).toBe(STEPS);
    const again = await run(['a.md', '--cache', '-f', 'json']);
    expect(messagesOf(again.stdout)).toContain(RENAMED);
    expect(JSON.parse(fs.readFileSync(defaultCache(), 'utf8')).entries['a.md'][0]).toBe(contentHash(Buffer.from(STEPS)));
  });
});

describe('--cache-location', () => {
  it('names the cache file, or a folder (ending with a slash, or existing) to keep .policylintcache in', async () => {
    write('a.md', STEPS);
    await run(['a.md', '--cache', '--cache-location', 'my-cache.json']);
    expect(fs.existsSync(path.join(dir, 'my-cache.json'))).toBe(true);
    await run(['a.md', '--cache', '--cache-location', 'cache-dir/']);
    expect(fs.existsSync(path.join(dir, 'cache-dir', '.policylintcache'))).toBe(true);
    fs.mkdirSync(path.join(dir, 'existing'));
    await run(['a.md', '--cache', '--cache-location', 'existing']);
    expect(fs.existsSync(path.join(dir, 'existing', '.policylintcache'))).toBe(true);
    expect(fs.existsSync(defaultCache())).toBe(false);
    expect(cacheFile(dir)).toBe(defaultCache());
  });

  it('without --cache is a usage error', async () => {
    write('a.md', STEPS);
    expect(await run(['a.md', '--cache-location', 'x.json'])).toEqual({ code: 2, stdout: '', stderr: 'policy-lint: --cache-location only makes sense with --cache\n' });
  });

  it('keeps the entries of files not linted in this run', async () => {
    const a = write('a.md', STEPS);
    write('b.md', STEPS.replace('Behaviour', 'Attendance'));
    await run(['.', '--cache']);
    tamperCache(defaultCache(), RENAMED, 'TAMPERED');
    // Only a.md, changed: the cache is rewritten, and b.md's entry (tampered) is kept as it was.
    fs.writeFileSync(a, STEPS.replace('We follow', 'We still follow'));
    await run(['a.md', '--cache']);
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(LintCache.open(defaultCache(), dir, buildId(version)).discarded).toBe(false);
    const data = JSON.parse(fs.readFileSync(defaultCache(), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(data.entries).sort()).toEqual(['a.md', 'b.md']);
    const both = await run(['.', '--cache', '-f', 'json']);
    const [ra, rb] = JSON.parse(both.stdout) as { messages: { message: string }[] }[];
    expect(ra!.messages.map((m) => m.message)).toContain(RENAMED);
    expect(rb!.messages.map((m) => m.message)).toContain('TAMPERED');
  });
});

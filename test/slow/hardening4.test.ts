/**
 * Hardening (issue 17): files, streams and the file system (items 1, 2, 7, 8,
 * 16, 21, 22, 29, 30). Each test runs the built command line as a subprocess and failed
 * before its fix.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnCli, spawnCliRaw, writeIn } from '../helpers.js';
import { encodeSource } from '../../src/document/source.js';
import { availableCores, chooseThreads } from '../../src/runner/pool.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-hardening4-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let dir: string;
let n = 0;
beforeEach(() => {
  dir = path.join(root, String(n++));
  fs.mkdirSync(dir);
});

const AS_OF = ['--as-of', '2026-11-24'];
/** A policy with one safe fix (a renamed programme). */
const STEPS = 'Behaviour\n\nWe follow Hertfordshire Steps.\n';
const FIXED = 'Behaviour\n\nWe follow Therapeutic Thinking Hertfordshire.\n';
/** Bounds a run that would hang (a FIFO opened for reading blocks for ever). */
const BOUND = { timeout: 30_000 };

const cli = (args: string[], opts: Partial<Parameters<typeof spawnCli>[1]> = {}): ReturnType<typeof spawnCli> => spawnCli([...AS_OF, ...args], { cwd: dir, ...BOUND, ...opts });
const mkfifo = (name: string): string => {
  const file = path.join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
};
const lines = (text: string): string[] => text.split('\n').filter(Boolean);
const filesOf = (stdout: string): string[] => (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));

describe('item 1: --stdin --fix writes standard input back byte for byte, in its own encoding', () => {
  const noFix = 'Caf\u00e9 policy. Nothing to fix.\r\n';
  const encodings = [
    ['Windows-1252', 'windows-1252', false],
    ['UTF-8', 'utf-8', false],
    ['UTF-8 with a BOM', 'utf-8', true],
    ['UTF-16 LE with a BOM', 'utf-16le', true],
    ['UTF-16 BE with a BOM', 'utf-16be', true],
  ] as const;
  for (const [name, encoding, bom] of encodings) {
    it(`${name}: unchanged where no fix applies, fixed in the same encoding, BOM and line endings where one does`, async () => {
      const plain = encodeSource(noFix, encoding, bom);
      const same = await spawnCliRaw([...AS_OF, '--stdin', '--fix'], { cwd: dir, input: plain, ...BOUND });
      expect(same.code).toBe(1);
      expect(same.stdout.equals(Buffer.from(plain))).toBe(true);

      const crlf = `Caf\u00e9 ${STEPS}`.replace(/\n/g, '\r\n');
      const fixed = await spawnCliRaw([...AS_OF, '--stdin', '--fix'], { cwd: dir, input: encodeSource(crlf, encoding, bom), ...BOUND });
      expect(fixed.code).toBe(1);
      expect(fixed.stdout.equals(Buffer.from(encodeSource(`Caf\u00e9 ${FIXED}`.replace(/\n/g, '\r\n'), encoding, bom)))).toBe(true);
    });
  }

  it('bytes that are not valid UTF-8 come back as they were (not as U+FFFD), and are not fixed', async () => {
    const bad = Buffer.concat([Buffer.from('Caf\u00e9 policy. We follow Hertfordshire Steps. '), Buffer.from([0xff]), Buffer.from('\n')]);
    const r = await spawnCliRaw([...AS_OF, '--stdin', '--fix'], { cwd: dir, input: bad, ...BOUND });
    expect(r.stdout.equals(bad)).toBe(true);
    expect(r.stderr).toContain('policy-lint: <stdin>: not fixed: it is not valid UTF-8 (first bad byte on line 1)');
  });
});

describe('item 2: --cache-location never overwrites a file that is not a policy-lint cache', () => {
  it('an existing notes file is refused on one line, exit 2, and left as it was', async () => {
    writeIn(dir, 'a.md', STEPS);
    const notes = writeIn(dir, 'notes.md', '# My notes\n\nKeep these.\n');
    const r = await cli(['a.md', '--cache', '--cache-location', 'notes.md']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('policy-lint: --cache-location: notes.md is not a policy-lint cache, so it was not overwritten; give a new file or a folder\n');
    expect(fs.readFileSync(notes, 'utf8')).toBe('# My notes\n\nKeep these.\n');
  });

  it('a missing file, an empty file and a cache policy-lint wrote are used', async () => {
    writeIn(dir, 'a.md', STEPS);
    const fresh = await cli(['a.md', '-f', 'json']);
    const empty = writeIn(dir, 'empty.json', '');
    for (const location of ['new.json', 'empty.json', 'new.json']) {
      const r = await cli(['a.md', '-f', 'json', '--cache', '--cache-location', location]);
      expect(r, location).toEqual(fresh);
    }
    expect(fs.readFileSync(empty, 'utf8')).toMatch(/^\{"policyLintCache":/);
  });
});

describe('items 7, 8, 21: only regular files are read; a FIFO, a device or a socket is named for what it is', () => {
  it('named on the command line: one line each, exit 2, the other files linted', async () => {
    writeIn(dir, 'a.md', STEPS);
    mkfifo('fifo.md');
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    const r = await cli(['fifo.md', 'zero.md', '/dev/null', 'a.md', '-f', 'json']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'policy-lint: fifo.md: is a FIFO (named pipe), not a file',
      'policy-lint: zero.md: is a character device (such as /dev/null or /dev/zero), not a file',
      'policy-lint: /dev/null: is a character device (such as /dev/null or /dev/zero), not a file',
    ]);
    expect(filesOf(r.stdout)).toEqual(['a.md']);
  });

  it('found in a folder or matched by a pattern (FIFOs, sockets and links to them or to /dev/zero): never opened', async () => {
    writeIn(dir, 'p/a.md', STEPS);
    mkfifo('p/fifo.md');
    mkfifo('elsewhere');
    fs.symlinkSync('../elsewhere', path.join(dir, 'p/link-to-fifo.md'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'p/zero.md'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'p/socket.md'), resolve));
    try {
      const expected = [
        'policy-lint: p/fifo.md: is a FIFO (named pipe), not a file',
        'policy-lint: p/link-to-fifo.md: is a FIFO (named pipe), not a file',
        'policy-lint: p/socket.md: is a socket, not a file',
        'policy-lint: p/zero.md: is a character device (such as /dev/null or /dev/zero), not a file',
      ];
      for (const args of [['p'], ['p/*.md'], ['p', '--cache']]) {
        const r = await cli([...args, '-f', 'json']);
        expect(r.code, args.join(' ')).toBe(2);
        expect(lines(r.stderr), args.join(' ')).toEqual(expected);
        expect(filesOf(r.stdout)).toEqual(['p/a.md']);
      }
    } finally {
      server.close();
    }
  });

  it('--config, --baseline, --cache-location, a pack and .policylintignore that are FIFOs, a pack that is a folder', async () => {
    writeIn(dir, 'a.md', STEPS);
    mkfifo('fifo');
    const one = async (args: string[], line: string): Promise<void> => {
      const r = await cli(['a.md', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${line}\n`);
    };
    await one(['--config', 'fifo'], 'policy-lint: fifo:1:1: configuration file is a FIFO (named pipe), not a file');
    await one(['--baseline', 'fifo'], 'policy-lint: fifo: is a FIFO (named pipe), not a file');
    await one(['--cache', '--cache-location', 'fifo'], 'policy-lint: --cache-location: fifo is a FIFO (named pipe), not a file, so it cannot hold the cache');
    await one(
      ['--cache', '--cache-location', '/dev/zero'],
      'policy-lint: --cache-location: /dev/zero is a character device (such as /dev/null or /dev/zero), not a file, so it cannot hold the cache',
    );
    fs.mkdirSync(path.join(dir, 'packdir'));
    writeIn(dir, 'folder.yaml', 'packs: ["./packdir"]\n');
    await one(['--config', 'folder.yaml'], 'policy-lint: folder.yaml:1:9: pack file "./packdir" is a folder, not a file');
    mkfifo('pack.yaml');
    writeIn(dir, 'fifo-pack.yaml', 'packs: ["./pack.yaml"]\n');
    await one(['--config', 'fifo-pack.yaml'], 'policy-lint: fifo-pack.yaml:1:9: pack file "./pack.yaml" is a FIFO (named pipe), not a file');
    mkfifo('.policylintignore');
    await one([], 'policy-lint: .policylintignore: is a FIFO (named pipe), not a file');
  });

  it('--stdin-filename naming a FIFO only names the text: the FIFO is never opened', async () => {
    mkfifo('fifo.md');
    const r = await cli(['--stdin', '--stdin-filename', 'fifo.md', '-f', 'json'], { input: STEPS });
    expect(r.code).toBe(1);
    expect(filesOf(r.stdout)).toEqual(['fifo.md']);
  });
});

describe('item 16: a real file reached by several paths is linted once, under the first path', () => {
  it('a link beside its target, a link to a folder above, the same file named twice; --fix then exits as usual', async () => {
    const a = writeIn(dir, 'a.md', STEPS);
    fs.symlinkSync('a.md', path.join(dir, 'b.md'));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.symlinkSync('..', path.join(dir, 'sub', 'up'));
    const lint = await cli(['.', 'a.md', './a.md', '-f', 'json']);
    expect(lint.code).toBe(1);
    expect(filesOf(lint.stdout)).toEqual(['a.md']);
    const fix = await cli(['.', 'a.md', '--fix', '-f', 'json']);
    expect(fix.stderr).toBe('policy-lint: fixed 1 problem in 1 file\n');
    expect(fix.code).toBe(1);
    expect(filesOf(fix.stdout)).toEqual(['a.md']);
    expect(fs.readFileSync(a, 'utf8')).toBe(FIXED);
  });
});

describe('item 22: -o names an existing special file: written to directly', () => {
  it('-o /dev/stdout prints the report; -o /dev/null writes it nowhere', async () => {
    writeIn(dir, 'a.md', STEPS);
    const plain = await cli(['a.md', '-f', 'json']);
    const r = await cli(['a.md', '-f', 'json', '-o', '/dev/stdout']);
    // The report as -o writes it to a file: without the newline printing adds to a report that has none.
    expect(r).toEqual({ ...plain, stdout: plain.stdout.replace(/\n$/, '') });
    expect(await cli(['a.md', '-f', 'json', '-o', '/dev/null'])).toEqual({ code: 1, stdout: '', stderr: '' });
  });
});

describe('item 29: --threads is capped at the number of CPU cores, and says so', () => {
  it('chooseThreads never gives more threads than cores', () => {
    const files = Array.from({ length: 300 }, () => ({ bytes: new Uint8Array(10) }));
    expect(chooseThreads(128, files, 2)).toBe(2);
    expect(chooseThreads(2, files, 8)).toBe(2);
  });

  it('the command line: one warning line, and the same report', async () => {
    writeIn(dir, 'a.md', STEPS);
    writeIn(dir, 'b.md', STEPS);
    const cores = availableCores();
    const plain = await cli(['a.md', 'b.md', '-f', 'json', '--no-threads']);
    const r = await cli(['a.md', 'b.md', '-f', 'json', '--threads', '128']);
    expect(r.stderr).toBe(
      `policy-lint: warning: --threads 128: this machine has ${cores} CPU core${cores === 1 ? '' : 's'}, so at most ${cores} thread${cores === 1 ? ' is' : 's are'} used\n`,
    );
    expect({ ...r, stderr: '' }).toEqual(plain);
  });
});

describe('item 30: --fix leaves no temporary copy behind', () => {
  const temps = (folder: string): string[] => fs.readdirSync(folder).filter((f) => f.endsWith('.tmp'));

  /** Run --fix with the test hook that pauses after each temporary copy is written, and send `signal` once one exists. */
  const interrupted = (args: string[], folder: string, signal: NodeJS.Signals): ReturnType<typeof spawnCliRaw> =>
    spawnCliRaw([...AS_OF, ...args, '--fix'], {
      cwd: dir,
      env: { POLICY_LINT_TEST_PAUSE_AFTER_TEMP_MS: '4000' },
      ...BOUND,
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (temps(folder).length === 0) return;
          clearInterval(poll);
          child.kill(signal);
        }, 20);
        child.on('close', () => clearInterval(poll));
      },
    });

  it('SIGTERM while a fixed file is being written (one thread): the write completes, no temporary file is left', async () => {
    const a = writeIn(dir, 'one/a.md', STEPS);
    const r = await interrupted(['one'], path.join(dir, 'one'), 'SIGTERM');
    expect(r.signal).toBe('SIGTERM');
    expect(fs.readdirSync(path.join(dir, 'one'))).toEqual(['a.md']);
    expect(fs.readFileSync(a, 'utf8')).toBe(FIXED);
  });

  it('SIGINT while worker threads write: the workers are stopped, their temporary files removed, every file whole', async () => {
    const folder = path.join(dir, 'many');
    for (let i = 1; i <= 4; i++) writeIn(dir, `many/${i}.md`, STEPS);
    const r = await interrupted(['many', '--threads', '2'], folder, 'SIGINT');
    expect(r.signal).toBe('SIGINT');
    expect(fs.readdirSync(folder).sort()).toEqual(['1.md', '2.md', '3.md', '4.md']);
    for (let i = 1; i <= 4; i++) expect([STEPS, FIXED]).toContain(fs.readFileSync(path.join(folder, `${i}.md`), 'utf8'));
  });

  it('the next --fix removes stale temporary copies of our own naming beside the file it fixes, and nothing else', async () => {
    writeIn(dir, 'stale/a.md', STEPS);
    writeIn(dir, 'stale/b.md', 'Nothing to fix here.\n');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const old = (name: string): string => {
      const file = writeIn(dir, `stale/${name}`, 'half a policy');
      fs.utimesSync(file, hourAgo, hourAgo);
      return name;
    };
    old('.a.md.4242.0123abcd.tmp'); // left by an interrupted run: removed
    writeIn(dir, 'stale/.a.md.4243.89abcdef.tmp', 'another run, still writing'); // recent: kept
    old('.a.md.tmp'); // not our naming: kept
    old('.a.md.4242.0123ABCD.tmp'); // not our naming (upper-case hex): kept
    old('.c.md.4242.0123abcd.tmp'); // beside no file being fixed: kept
    old('notes.txt.4242.0123abcd.tmp'); // no leading dot: kept
    fs.symlinkSync('b.md', path.join(dir, 'stale/.a.md.4244.fedcba98.tmp')); // a link, not a file of ours: kept
    const r = await cli(['stale/a.md', '--fix', '--quiet']);
    expect(r.stderr).toBe('policy-lint: stale/a.md: removed .a.md.4242.0123abcd.tmp, a temporary copy left by an interrupted --fix\npolicy-lint: fixed 1 problem in 1 file\n');
    expect(fs.readdirSync(path.join(dir, 'stale')).sort()).toEqual(
      ['.a.md.4242.0123ABCD.tmp', '.a.md.4243.89abcdef.tmp', '.a.md.4244.fedcba98.tmp', '.a.md.tmp', '.c.md.4242.0123abcd.tmp', 'a.md', 'b.md', 'notes.txt.4242.0123abcd.tmp'].sort(),
    );
    expect(fs.readFileSync(path.join(dir, 'stale/a.md'), 'utf8')).toBe(FIXED);
  });
});

/**
 * Hardening, round three (issue 17 items 17-20 and the messages on standard
 * error): one regression test per defect. Each test failed before its fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, SEEDS, spawnCli, writeIn } from '../helpers.js';
import { sealOf, type PackedEntry } from '../../src/runner/cache.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-hardening3-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, content: string | Uint8Array): string => writeIn(tmp, name, content);
const AS_OF = ['--as-of', '2026-11-24'];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Change the one entry of a cache file, then seal it again as policy-lint would (as anyone who can write the file can). */
function craft(file: string, change: (entry: PackedEntry, strings: string[]) => void): void {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { strings: string[]; entries: Record<string, PackedEntry> };
  const entries = Object.values(data.entries);
  expect(entries).toHaveLength(1);
  change(entries[0]!, data.strings);
  entries[0]![8] = sealOf(entries[0]!, data.strings);
  fs.writeFileSync(file, JSON.stringify(data));
}

describe('item 18: --fix keeps the mode bits (setuid, setgid, sticky) and the owner', () => {
  // "Hertfordshire Steps" has one safe fix (therapeutic-thinking-naming).
  it.skipIf(!isRoot)(`a file of another owner with mode 6755 keeps both${isRoot ? '' : ' (skipped: only root can give a file another owner)'}`, async () => {
    const file = write('mode/setid.md', 'Hertfordshire Steps\n');
    fs.chownSync(file, 1234, 5678);
    fs.chmodSync(file, 0o6755);
    const r = await spawnCli(['mode/setid.md', '--fix', '--quiet', ...AS_OF], { cwd: tmp });
    expect(r.stderr).toBe('policy-lint: fixed 1 problem in 1 file\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('Therapeutic Thinking Hertfordshire\n');
    const stat = fs.statSync(file);
    expect((stat.mode & 0o7777).toString(8)).toBe('6755');
    expect([stat.uid, stat.gid]).toEqual([1234, 5678]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['setid.md']);
  });

  it('a file of our own with mode 6750 or 1640 keeps its set-id and sticky bits', async () => {
    for (const mode of [0o6750, 0o1640]) {
      const file = write(`mode/own-${mode.toString(8)}.md`, 'Hertfordshire Steps\n');
      fs.chmodSync(file, mode);
      const r = await spawnCli([path.relative(tmp, file), '--fix', '--quiet', ...AS_OF], { cwd: tmp });
      expect(r.stderr).toBe('policy-lint: fixed 1 problem in 1 file\n');
      expect((fs.statSync(file).mode & 0o7777).toString(8)).toBe(mode.toString(8));
    }
  });
});

describe('standard error names files visibly (no control character from a file name reaches the terminal raw)', () => {
  const evil = 'evil\u001b[2J\n::error file=x.md::owned\u009b31m\u202e';
  const shown = 'evil\\x1b[2J\\n::error file=x.md::owned\\x9b31m\\u202e';

  it('a skipped binary file, a read-only file --fix cannot write, a missing path, a missing baseline, --print-text', async () => {
    const dir = `names/${evil}`;
    write(`${dir}/binary.md`, '\u0000\u0001binary');
    const readOnly = write(`${dir}/ro.md`, 'Hertfordshire Steps\n');
    fs.chmodSync(readOnly, 0o444);
    const lint = await spawnCli([dir, `gone-${evil}.md`, '--fix', '--quiet', '-f', 'compact', ...AS_OF], { cwd: tmp });
    expect(lint.stderr).toBe(
      `policy-lint: gone-${shown}.md: no such file or directory\n` +
        `policy-lint: names/${shown}/binary.md: binary file (contains NUL bytes); policy-lint reads Markdown or plain text; skipped\n` +
        `policy-lint: names/${shown}/ro.md: is read-only, so it was not changed\n`,
    );
    expect(lint.code).toBe(2);
    const baseline = await spawnCli([`${dir}/ro.md`, '--baseline', `${evil}.json`, ...AS_OF], { cwd: tmp });
    expect(baseline.stderr).toBe(`policy-lint: ${shown}.json: no such baseline file (create one with --write-baseline)\n`);
    expect(baseline.code).toBe(2);
    const text = await spawnCli(['--print-text', `${dir}/binary.md`], { cwd: tmp });
    expect(text.stderr).toBe(`policy-lint: names/${shown}/binary.md: binary file (contains NUL bytes); policy-lint reads Markdown or plain text\n`);
    expect(text.code).toBe(2);
  });
});

describe('--as-of takes a four-digit year', () => {
  it('a two-digit year is not a date in the form YYYY-MM-DD; year 0026 is out of range, not "not a real date"', async () => {
    write('asof.md', 'Fine.\n');
    const two = await spawnCli(['asof.md', '--as-of', '26-09-01'], { cwd: tmp });
    expect([two.code, two.stdout, two.stderr]).toEqual([2, '', 'policy-lint: --as-of: "26-09-01" is not a date in the form YYYY-MM-DD\n']);
    const early = await spawnCli(['asof.md', '--as-of', '0026-09-01'], { cwd: tmp });
    expect([early.code, early.stdout, early.stderr]).toEqual([2, '', 'policy-lint: --as-of: the date 0026-09-01 is out of range: give a day from 1900-01-01 to 2199-12-31\n']);
    const leap = await spawnCli(['asof.md', '--as-of', '2100-02-29'], { cwd: tmp });
    expect(leap.stderr).toBe('policy-lint: --as-of: "2100-02-29" is not a real date (February 2100 has 28 days)\n');
  });
});

describe('item 17: JSON fix ranges are offsets into the file as on disk (its decoded text, after any BOM)', () => {
  interface JsonFix {
    range: [number, number];
    text: string;
  }
  interface JsonMessage {
    fix?: JsonFix;
    suggestions?: { fix: JsonFix }[];
  }
  /** What ESLint does with the fixes of a JSON report: in order of their ranges, skipping any that overlaps one taken. */
  const applyEslint = (text: string, fixes: readonly JsonFix[]): string => {
    let out = '';
    let last = Number.NEGATIVE_INFINITY;
    for (const f of [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
      if (last >= f.range[0] || f.range[0] > f.range[1]) continue;
      out += text.slice(Math.max(0, last), f.range[0]) + f.text;
      last = f.range[1];
    }
    return out + text.slice(Math.max(0, last));
  };
  const seed = fs.readFileSync(
    path.join(
      FIXTURES,
      SEEDS.find((f) => f.startsWith('001'))!,
    ),
    'utf8',
  );
  const crlf = seed.replace(/\n/g, '\r\n');
  const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
  const cp1252 = (s: string): Uint8Array => new Uint8Array([...s].map((c) => (c === '\u2013' ? 0x96 : c.charCodeAt(0))));
  const variants: [string, string, Uint8Array][] = [
    ['CRLF, UTF-8', 'utf-8', new Uint8Array(Buffer.from(crlf))],
    ['CRLF, UTF-8 with a BOM', 'utf-8', new Uint8Array(Buffer.from(`\uFEFF${crlf}`))],
    ['CRLF, UTF-16 LE with a BOM', 'utf-16le', utf16le(`\uFEFF${crlf}`)],
    ['CRLF, Windows-1252', 'windows-1252', cp1252(crlf)],
  ];
  it('seed 001 has an en dash (Windows-1252 0x96) and only ASCII otherwise', () => {
    expect([...new Set([...seed].filter((c) => c.charCodeAt(0) > 127))]).toEqual(['\u2013']);
  });

  // All the files in one run of each kind (each run of the seed takes a while): the report, --fix, --fix-suggestions.
  const slugs = variants.map(([name]) => name.replace(/\W+/g, '-'));
  const runAll = async (suffix: string, args: string[]): Promise<string> => {
    const files = variants.map(([, , bytes], k) => path.relative(tmp, write(`ranges/${slugs[k]}${suffix}.txt`, bytes)));
    const r = await spawnCli([...files, ...args, '-f', 'json', ...AS_OF], { cwd: tmp });
    expect(r.code).toBe(1);
    return r.stdout;
  };
  let reports: { filePath: string; encoding: string; messages: JsonMessage[] }[] = [];
  beforeAll(async () => {
    reports = JSON.parse(await runAll('', [])) as typeof reports;
    await runAll('--fix', ['--fix', '--quiet']);
    await runAll('--fix-suggestions', ['--fix-suggestions', '--quiet']);
  });

  variants.forEach(([name, encoding, bytes], k) => {
    it(`${name}: applying the report's fixes (then its suggestions too) to the decoded file gives what --fix (--fix-suggestions) writes`, () => {
      const result = reports.find((r) => r.filePath === path.join(tmp, 'ranges', `${slugs[k]}.txt`))!;
      expect(result.encoding).toBe(encoding);
      const decoded = new TextDecoder(encoding).decode(bytes); // the BOM removed, as ESLint's text
      const safe = result.messages.flatMap((m) => (m.fix ? [m.fix] : []));
      const suggested = result.messages.flatMap((m) => (m.suggestions ?? []).map((s) => s.fix));
      expect([safe.length, suggested.length]).toEqual([8, 5]);
      for (const [level, fixes] of [
        ['--fix', safe],
        ['--fix-suggestions', [...safe, ...suggested]],
      ] as const) {
        const written = fs.readFileSync(path.join(tmp, 'ranges', `${slugs[k]}${level}.txt`));
        expect(new TextDecoder(encoding).decode(written), level).toBe(applyEslint(decoded, fixes));
      }
    });
  });
});

describe('issue 16 item 6: JSON suppressedMessages, as ESLint fills it', () => {
  const text =
    'Behaviour\n\n<!-- policy-lint-disable-next-line therapeutic-thinking-naming -- we quote the old name -->\nWe once followed Hertfordshire Steps.\n\nWe follow Hertfordshire Steps.\n';
  interface Result {
    messages: { ruleId: string; line: number; suppressions?: unknown }[];
    suppressedMessages: { ruleId: string; line: number; column: number; severity: number; suppressions: unknown; fix?: unknown }[];
    errorCount: number;
  }
  const ttn = (r: Result): { line: number }[] => r.messages.filter((m) => m.ruleId === 'therapeutic-thinking-naming');

  it("a finding a directive silences is in suppressedMessages with the directive's reason, not in messages or the counts; the cache keeps it", async () => {
    write('suppressed/p.md', text);
    const runs: Result[] = [];
    for (const args of [[], ['--cache'], ['--cache']]) {
      const r = await spawnCli(['p.md', '-f', 'json', ...args, ...AS_OF], { cwd: path.join(tmp, 'suppressed') });
      runs.push((JSON.parse(r.stdout) as Result[])[0]!);
    }
    const [fresh, first, cached] = runs;
    expect(fresh!.suppressedMessages).toEqual([
      {
        ruleId: 'therapeutic-thinking-naming',
        severity: 2,
        message: '"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024).',
        messageId: 'renamed',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 37,
        section: 'Behaviour',
        fix: { range: [text.indexOf('Hertfordshire Steps'), text.indexOf('Hertfordshire Steps') + 19], text: 'Therapeutic Thinking Hertfordshire' },
        suppressions: [{ kind: 'directive', justification: 'we quote the old name' }],
      },
    ]);
    expect(ttn(fresh!).map((m) => m.line)).toEqual([6]);
    expect(fresh!.messages.every((m) => m.suppressions === undefined)).toBe(true);
    expect(fresh!.errorCount).toBe(fresh!.messages.filter((m) => (m as { severity?: number }).severity === 2).length);
    expect(first).toEqual(fresh);
    expect(cached).toEqual(fresh);
    // Proof that the last run was served from the cache: a justification changed in it (and sealed again) is reported.
    craft(path.join(tmp, 'suppressed', '.policylintcache'), (_entry, strings) => {
      strings[strings.indexOf('we quote the old name')] = 'CHANGED IN THE CACHE';
    });
    const again = (JSON.parse((await spawnCli(['p.md', '-f', 'json', '--cache', ...AS_OF], { cwd: path.join(tmp, 'suppressed') })).stdout) as Result[])[0]!;
    expect(again.suppressedMessages[0]!.suppressions).toEqual([{ kind: 'directive', justification: 'CHANGED IN THE CACHE' }]);
  });

  it('a finding a baseline hides is in suppressedMessages with kind "baseline", naming the baseline file', async () => {
    write('baselined/p.md', text);
    const cwd = path.join(tmp, 'baselined');
    expect((await spawnCli(['p.md', '--write-baseline', 'known.json', '-f', 'json', ...AS_OF], { cwd })).code).toBe(0);
    const r = (JSON.parse((await spawnCli(['p.md', '--baseline', 'known.json', '-f', 'json', ...AS_OF], { cwd })).stdout) as Result[])[0]!;
    expect([r.messages.length, r.errorCount]).toEqual([0, 0]);
    const kinds = r.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions]);
    expect(kinds).toContainEqual(['therapeutic-thinking-naming', 4, [{ kind: 'directive', justification: 'we quote the old name' }]]);
    expect(kinds).toContainEqual(['therapeutic-thinking-naming', 6, [{ kind: 'baseline', justification: 'recorded in the baseline known.json' }]]);
    expect(r.suppressedMessages.filter((m) => (m.suppressions as { kind: string }[])[0]!.kind === 'directive')).toHaveLength(1);
  });
});

describe('item 20: cached findings must fit the file they describe', () => {
  // [rule, severity, message, line, column, endLine, endColumn, start, end, ...] per finding (src/runner/cache.ts).
  const FIELDS = 16;
  const text = 'Behaviour\n\nWe follow Hertfordshire Steps.\n';
  const cwd = path.join(tmp, 'cache20');
  const cache = path.join(cwd, '.policylintcache');
  let fresh = '';
  /** The index in the packed findings of the therapeutic-thinking-naming finding (it has a start and end well inside line 3). */
  const ttnAt = (entry: PackedEntry, strings: string[]): number => {
    const flat = entry[2];
    for (let i = 0; i < flat.length; i += FIELDS) if (strings[flat[i]!] === 'therapeutic-thinking-naming') return i;
    throw new Error('no therapeutic-thinking-naming finding in the cache');
  };
  const cases: [string, (entry: PackedEntry, strings: string[]) => void][] = [
    ['a line of 1e308', (e, s) => void (e[2][ttnAt(e, s) + 3] = 1e308)],
    ['an end line past the last line', (e, s) => void (e[2][ttnAt(e, s) + 5] = 99)],
    ['a negative column', (e, s) => void (e[2][ttnAt(e, s) + 4] = -1)],
    ['an offset past the end of the text', (e, s) => void (e[2][ttnAt(e, s) + 8] = text.length + 1)],
    ['a line that is not the one its offset is on', (e, s) => void (e[2][ttnAt(e, s) + 3] = 1)],
    ['a fix edit past the end of the text', (e) => void (e[3][0]![2][0]![1] = 10_000)],
    ['a rule that does not exist', (e, s) => void (e[2][ttnAt(e, s)] = s.push('no-such-rule') - 1)],
    ['an error turned into a warning', (e, s) => void (e[2][ttnAt(e, s) + 1] = 1)],
    ['the shape of another text', (e) => void (e[7] = '5000:300:1')],
  ];

  it('an intact cache is used (a message changed in it, and sealed again, is reported)', async () => {
    write('cache20/a.md', text);
    fresh = (await spawnCli(['a.md', '-f', 'json', ...AS_OF], { cwd })).stdout;
    expect((await spawnCli(['a.md', '-f', 'json', '--cache', ...AS_OF], { cwd })).stdout).toBe(fresh);
    const intact = fs.readFileSync(cache, 'utf8');
    craft(cache, (_e, s) => void (s[s.indexOf('"Hertfordshire Steps" is now "Therapeutic Thinking Hertfordshire" (renamed 6 September 2024).')] = 'FROM THE CACHE'));
    expect((await spawnCli(['a.md', '-f', 'json', '--cache', ...AS_OF], { cwd })).stdout).toContain('FROM THE CACHE');
    fs.writeFileSync(cache, intact);
  });

  for (const [what, change] of cases) {
    it(`${what}: the entry is dropped and the file linted again`, async () => {
      const intact = fs.readFileSync(cache, 'utf8');
      craft(cache, change);
      // Written again (same bytes): its stamp changes, so the run reads and hashes it (the text is at hand for the checks).
      write('cache20/a.md', text);
      const r = await spawnCli(['a.md', '-f', 'json', '--cache', ...AS_OF], { cwd });
      expect([r.code, r.stderr]).toEqual([1, '']);
      expect(r.stdout).toBe(fresh);
      fs.writeFileSync(cache, intact);
    });
  }

  it('a finding removed from an entry without sealing it again: the entry is dropped', async () => {
    const intact = fs.readFileSync(cache, 'utf8');
    const data = JSON.parse(intact) as { strings: string[]; entries: Record<string, PackedEntry> };
    const entry = data.entries['a.md']!;
    const at = ttnAt(entry, data.strings);
    entry[2].splice(at, FIELDS);
    entry[3] = [];
    fs.writeFileSync(cache, JSON.stringify(data));
    expect((await spawnCli(['a.md', '-f', 'json', '--cache', ...AS_OF], { cwd })).stdout).toBe(fresh);
    fs.writeFileSync(cache, intact);
  });
});

describe('item 19: an unclosed <!-- is reported, and the rest of the document is still read', () => {
  interface Message {
    ruleId: string;
    severity: number;
    message: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    section: string;
  }
  const seed = fs.readFileSync(
    path.join(
      FIXTURES,
      SEEDS.find((f) => f.startsWith('001'))!,
    ),
    'utf8',
  );
  const lines = seed.split('\n');
  const stray = [...lines.slice(0, 2), '<!-- note for the head teacher', ...lines.slice(2)].join('\n');
  const messagesOf = async (name: string, text: string): Promise<Message[]> => {
    write(`comments/${name}`, text);
    const r = await spawnCli([`comments/${name}`, '-f', 'json', ...AS_OF], { cwd: tmp });
    expect(r.stderr).toBe('');
    // Positions and words only (fix ranges are offsets, which the inserted line moves).
    return (JSON.parse(r.stdout) as { messages: Message[] }[])[0]!.messages.map(({ ruleId, severity, message, line, column, endLine, endColumn, section }) => ({
      ruleId,
      severity,
      message,
      line,
      column,
      endLine,
      endColumn,
      section,
    }));
  };

  it('seed 001 with a stray "<!--" on line 3: every finding of the seed (a line lower), and one warning at the comment', async () => {
    const original = await messagesOf('seed.txt', seed);
    expect(original.length).toBeGreaterThan(40);
    const lower = (m: Message): Message => ({ ...m, line: m.line >= 3 ? m.line + 1 : m.line, endLine: m.endLine >= 3 ? m.endLine + 1 : m.endLine });
    const withStray = await messagesOf('stray.txt', stray);
    const warning = withStray.filter((m) => m.ruleId === 'policy-lint/unclosed-comment');
    expect(warning).toEqual([
      {
        ruleId: 'policy-lint/unclosed-comment',
        severity: 1,
        message:
          'This HTML comment ("<!--") is never closed with "-->", so in Markdown everything after it, to the end of the document, is a comment that ' +
          'viewers do not show. policy-lint still reads the rest as policy text; close the comment with "-->" where it should end, or remove the "<!--".',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 5,
        section: '',
      },
    ]);
    expect(withStray.filter((m) => m.ruleId !== 'policy-lint/unclosed-comment')).toEqual(original.map(lower));
  });

  it('a comment closed lines later is not reported, and hides what it holds', async () => {
    const closed = [...lines.slice(0, 2), '<!-- a note', '', 'Hertfordshire Steps', '-->', ...lines.slice(2)].join('\n');
    const messages = await messagesOf('closed.txt', closed);
    expect(messages.filter((m) => m.ruleId.startsWith('policy-lint/'))).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'therapeutic-thinking-naming' && m.line === 5)).toEqual([]);
  });

  it('the pseudo-rule is documented for SARIF, and cannot be configured', async () => {
    write('comments/stray.md', 'Title\n\n<!-- never closed\n\nText.\n');
    const sarif = await spawnCli(['comments/stray.md', '-f', 'sarif', ...AS_OF], { cwd: tmp });
    const rules = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] }).runs[0]!.tool.driver.rules;
    expect(rules.find((r) => r.id === 'policy-lint/unclosed-comment')?.helpUri).toMatch(/\/docs\/configuration\.md#an-unclosed-comment$/);
    write('comments/conf/.policylintrc.yaml', 'rules:\n  policy-lint/unclosed-comment: off\n');
    write('comments/conf/a.md', 'Text.\n');
    const r = await spawnCli(['comments/conf/a.md', ...AS_OF], { cwd: tmp });
    expect([r.code, r.stderr]).toEqual([
      2,
      'policy-lint: comments/conf/.policylintrc.yaml:2:3: rules.policy-lint/unclosed-comment: the unclosed-comment warning cannot be configured (close the comment with "-->" to clear it)\n',
    ]);
  });
});

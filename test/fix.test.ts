/**
 * Fixing: choosing non-conflicting edits, mapping them back to the file's own
 * line endings, the lint-fix-lint loop, and fixing every seed policy with the
 * real rules (the "fixable findings" are read from the lint results, so the
 * test keeps working as rules are added).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEditsToSource, applyFixes, encodeFixed, fixSource, MAX_FIX_PASSES, selectFixes, toOriginalOffset, unwritableReason } from '../src/engine/fix.js';
import { decodeSource, fromDecoded, type SourceText } from '../src/document/source.js';
import { lintSource } from '../src/engine/lint.js';
import { enabledRules } from '../src/config/index.js';
import { ConfigResolver } from '../src/config/resolve.js';
import type { Diagnostic, Fix, FixSafety } from '../src/types.js';
import { writeFileAtomic, WriteError } from '../src/runner/write.js';
import { ROOT, SEEDS, seedPath } from './helpers.js';

function diag(start: number, end: number, fix?: Fix, ruleId = 'r'): Diagnostic {
  return { ruleId, severity: 'error', message: `m${start}`, line: 1, column: start + 1, endLine: 1, endColumn: end + 1, start, end, ...(fix ? { fix } : {}) };
}

function replace(start: number, end: number, text: string, safety: FixSafety = 'safe'): Fix {
  return { safety, edits: [{ start, end, text }] };
}

describe('selectFixes / applyFixes', () => {
  it('applies non-overlapping fixes in one pass', () => {
    const text = 'aaa bbb ccc';
    const out = applyFixes(text, [diag(8, 11, replace(8, 11, 'C')), diag(0, 3, replace(0, 3, 'A'))], 'safe');
    expect(out).toEqual({ text: 'A bbb C', applied: 2 });
  });

  it('leaves a fix that overlaps an earlier one for the next pass', () => {
    const text = 'abcdef';
    const out = applyFixes(text, [diag(0, 4, replace(0, 4, 'X')), diag(2, 6, replace(2, 6, 'Y'))], 'safe');
    expect(out).toEqual({ text: 'Xef', applied: 1 });
  });

  it('treats two fixes starting at the same offset as conflicting (the order would be ambiguous)', () => {
    const { edits, applied } = selectFixes([diag(2, 2, replace(2, 2, 'ins')), diag(2, 4, replace(2, 4, 'R'))], 'safe', 10);
    expect(applied).toBe(1);
    expect(edits).toEqual([{ start: 2, end: 2, text: 'ins' }]);
  });

  it('applies touching fixes together', () => {
    expect(applyFixes('abcdef', [diag(0, 3, replace(0, 3, 'X')), diag(3, 6, replace(3, 6, 'Y'))], 'safe')).toEqual({ text: 'XY', applied: 2 });
  });

  it('applies suggestions only at the suggestion level', () => {
    const ds = [diag(0, 1, replace(0, 1, 'S')), diag(2, 3, replace(2, 3, 'G', 'suggestion'))];
    expect(applyFixes('a b', ds, 'safe').text).toBe('S b');
    expect(applyFixes('a b', ds, 'suggestion').text).toBe('S G');
  });

  it('skips malformed fixes: out of range, reversed, or with overlapping edits of their own', () => {
    const bad: Fix[] = [
      replace(5, 99, 'x'),
      replace(3, 1, 'x'),
      {
        safety: 'safe',
        edits: [
          { start: 0, end: 3, text: 'x' },
          { start: 2, end: 4, text: 'y' },
        ],
      },
      { safety: 'safe', edits: [] },
    ];
    expect(
      selectFixes(
        bad.map((f, i) => diag(i, i, f)),
        'suggestion',
        10,
      ),
    ).toEqual({ edits: [], applied: 0 });
  });

  it('keeps the edits of one fix together (all or none)', () => {
    const twoEdits: Fix = {
      safety: 'safe',
      edits: [
        { start: 0, end: 1, text: 'A' },
        { start: 6, end: 7, text: 'G' },
      ],
    };
    const out = applyFixes('abcdefg', [diag(0, 1, twoEdits), diag(5, 7, replace(5, 7, 'Z'))], 'safe');
    expect(out).toEqual({ text: 'AbcdefG', applied: 1 });
  });
});

describe('mapping fixes back to the original text', () => {
  it('maps LF offsets to the same line and column in a CRLF original', () => {
    const src = fromDecoded('one\r\ntwo\r\nthree');
    expect(src.text).toBe('one\ntwo\nthree');
    expect(toOriginalOffset(src, 0)).toBe(0);
    expect(toOriginalOffset(src, 3)).toBe(3); // end of line 1, before \r\n
    expect(toOriginalOffset(src, 4)).toBe(5); // start of line 2
    expect(toOriginalOffset(src, 13)).toBe(15); // end of text
  });

  it('keeps CRLF endings, and a "\\n" in a replacement becomes CRLF', () => {
    const src = fromDecoded('alpha beta\r\ngamma\r\n');
    const out = applyEditsToSource(src, [
      { start: 5, end: 6, text: '\n' },
      { start: 11, end: 16, text: 'GAMMA' },
    ]);
    expect(out.original).toBe('alpha\r\nbeta\r\nGAMMA\r\n');
    expect(out.text).toBe('alpha\nbeta\nGAMMA\n');
  });

  it('deleting a line ending removes the whole CRLF', () => {
    const src = fromDecoded('a\r\nb\r\n');
    expect(applyEditsToSource(src, [{ start: 1, end: 2, text: ' ' }]).original).toBe('a b\r\n');
  });

  it('keeps lone CR endings (old Mac files) and mixed endings outside the edits', () => {
    expect(applyEditsToSource(fromDecoded('x\ry\rz'), [{ start: 2, end: 3, text: 'Y\nY' }]).original).toBe('x\rY\rY\rz');
    const mixed = fromDecoded('a\r\nb\nc\r\nd\r\n');
    expect(mixed.eol).toBe('\r\n');
    expect(applyEditsToSource(mixed, [{ start: 4, end: 5, text: 'C' }]).original).toBe('a\r\nb\nC\r\nd\r\n');
  });

  it('keeps the encoding and BOM: UTF-16 LE in, identical bytes out except the edit', () => {
    const text = 'Head\r\nWe use Hertfordshire Steps.\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const src = decodeSource(bytes);
    expect(unwritableReason(src, bytes)).toBeUndefined();
    const at = src.text.indexOf('Hertfordshire Steps');
    const fixed = applyEditsToSource(src, [{ start: at, end: at + 19, text: 'Therapeutic Thinking Hertfordshire' }]);
    const expected = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('Hertfordshire Steps', 'Therapeutic Thinking Hertfordshire'), 'utf16le')]);
    expect(Buffer.from(encodeFixed(fixed)).equals(expected)).toBe(true);
  });
});

describe('unwritableReason', () => {
  it('refuses a file that was not valid UTF-8, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0x81]), Buffer.from(' here\n')]);
    const src = decodeSource(bytes);
    expect(unwritableReason(src, bytes)).toMatch(/^it is not valid UTF-8 \(first bad byte on line 2\)/);
  });

  it('refuses UTF-16 whose bytes do not survive decoding (an odd trailing byte)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('abc', 'utf16le'), Buffer.from([0x41])]);
    expect(unwritableReason(decodeSource(bytes), bytes)).toMatch(/do not survive decoding and re-encoding as utf-16le/);
  });

  it('accepts UTF-8 with a BOM and CRLF', () => {
    const bytes = Buffer.from('\uFEFFa\r\nb\r\n', 'utf8');
    expect(unwritableReason(decodeSource(bytes), bytes)).toBeUndefined();
  });
});

describe('fixSource: lint, fix, lint again', () => {
  /** A stand-in rule set: each "aa" becomes "a" (so "aaaa" needs several passes). */
  const halve = (s: SourceText): Diagnostic[] => {
    const out: Diagnostic[] = [];
    for (const m of s.text.matchAll(/aa/g)) out.push(diag(m.index, m.index + 2, replace(m.index, m.index + 2, 'a')));
    return out;
  };

  it('repeats until nothing more applies and reports what is left', () => {
    const outcome = fixSource(fromDecoded('aaaaaaaa b'), halve, 'safe');
    expect(outcome.source.text).toBe('a b');
    expect(outcome.messages).toEqual([]);
    expect(outcome.initialMessages).toHaveLength(4); // 8 a: 4, then 2, then 1 fix
    expect(outcome.passes).toBe(3);
    expect(outcome.fixesApplied).toBe(7);
    expect(outcome).toMatchObject({ changed: true, stable: true });
  });

  it('stops after MAX_FIX_PASSES passes when fixes never settle', () => {
    let n = 0;
    const forever = (): Diagnostic[] => [diag(0, 0, replace(0, 0, String(n++ % 10)))];
    const outcome = fixSource(fromDecoded('x'), forever, 'safe');
    expect(outcome.passes).toBe(MAX_FIX_PASSES);
    expect(outcome.stable).toBe(false);
  });

  it('does nothing when no fix applies at the level', () => {
    const suggestOnly = (): Diagnostic[] => [diag(0, 1, replace(0, 1, 'Z', 'suggestion'))];
    const src = fromDecoded('abc');
    const outcome = fixSource(src, suggestOnly, 'safe');
    expect(outcome.changed).toBe(false);
    expect(outcome.source).toBe(src);
    expect(outcome.messages).toHaveLength(1);
  });
});

describe('fixing the seed policies with every rule', () => {
  // The configuration the command line uses for the seeds: every code rule and the built-in rule packs.
  const settingsAt = new ConfigResolver({ cwd: ROOT, asOf: new Date('2026-11-24T00:00:00Z') }).forFile(seedPath('000'));
  const rules = enabledRules(settingsAt);
  // A finding is identified by its rule and line: a fix may shift columns on its line, and may
  // change another finding's wording (a link text quoted in a message), but not its rule or line.
  const multiset = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.ruleId} line ${d.line}`).sort();

  describe.each(SEEDS.map((s) => [s.slice(0, 3)]))('seed %s', (seed) => {
    const file = seedPath(seed);
    const bytes = fs.readFileSync(file);
    const source = decodeSource(bytes);
    const lint = (s: SourceText): Diagnostic[] => lintSource(file, s, rules, settingsAt.settings).messages;

    it.each(['safe', 'suggestion'] as const)('--fix at level %s removes exactly the fixable findings; a second run is a no-op', (level) => {
      const before = lint(source);
      const fixable = before.filter((d) => d.fix && (level === 'suggestion' || d.fix.safety === 'safe'));
      const outcome = fixSource(source, lint, level);
      expect(outcome.stable).toBe(true);
      expect(outcome.changed).toBe(fixable.length > 0);
      const kept = before.filter((d) => !fixable.includes(d));
      if (outcome.source.text.split('\n').length === source.text.split('\n').length) {
        expect(multiset(outcome.messages)).toEqual(multiset(kept));
      } else {
        // A fix added or removed lines: compare findings per rule.
        expect(outcome.messages.map((d) => d.ruleId).sort()).toEqual(kept.map((d) => d.ruleId).sort());
      }
      expect(outcome.messages.filter((d) => d.fix && (level === 'suggestion' || d.fix.safety === 'safe'))).toEqual([]);
      // Fixing again changes nothing.
      const again = fixSource(outcome.source, lint, level);
      expect(again.changed).toBe(false);
      expect(again.source.original).toBe(outcome.source.original);
      expect(unwritableReason(source, bytes)).toBeUndefined();
    });
  });

  it('the configuration includes the rule packs (their fixes are checked too)', () => {
    expect(rules.some((r) => r.rule.meta.id.includes('/'))).toBe(true);
  });

  it('seeds 001-003 have fixable findings (the therapeutic-thinking-naming renames at least; the old mailbox only as a suggestion)', () => {
    for (const seed of ['001', '002', '003']) {
      const file = seedPath(seed);
      const found = lintSource(file, decodeSource(fs.readFileSync(file)), rules, settingsAt.settings).messages.filter((d) => d.ruleId === 'therapeutic-thinking-naming');
      expect(found.filter((d) => d.fix?.safety === 'safe').length).toBeGreaterThanOrEqual(6);
      const mailbox = found.filter((d) => /@hertfordshire\.gov\.uk/.test(d.message));
      expect(mailbox.length).toBe(1);
      expect(mailbox[0]!.fix?.safety).toBe('suggestion');
    }
  });
});

describe('writeFileAtomic', () => {
  const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-write-'));

  it('replaces the file and keeps its mode, leaving no temporary file', () => {
    const dir = tmp();
    const file = path.join(dir, 'p.md');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o600);
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['p.md']);
    fs.rmSync(dir, { recursive: true });
  });

  it.each([
    [
      'the disk fills up while writing',
      {
        writeSync: (): number => {
          throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        },
      },
      'the disk is full',
    ],
    [
      'the rename fails',
      {
        renameSync: (): void => {
          throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
        },
      },
      'EXDEV',
    ],
  ])('when %s: one-line error naming the file, original untouched, temporary file removed', (_what, ops, reason) => {
    const dir = tmp();
    const file = path.join(dir, 'p.md');
    fs.writeFileSync(file, 'original bytes');
    expect(() => writeFileAtomic(file, 'fixed', { display: 'policies/p.md', ops })).toThrow(new WriteError(`policies/p.md: could not be written (${reason}); the original is unchanged`));
    expect(fs.readFileSync(file, 'utf8')).toBe('original bytes');
    expect(fs.readdirSync(dir)).toEqual(['p.md']);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a read-only file even when running as root', () => {
    const dir = tmp();
    const file = path.join(dir, 'p.md');
    fs.writeFileSync(file, 'keep');
    fs.chmodSync(file, 0o444);
    expect(() => writeFileAtomic(file, 'x', { display: 'p.md' })).toThrow('p.md: is read-only, so it was not changed');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * Windows text exports (issue 13, part 3): Word's "Plain Text" save writes
 * Windows-1252 by default on Windows. Such a file lints like the same text in
 * UTF-8, without an encoding warning, and --fix writes it back in
 * Windows-1252 with its line endings, changing only the fixed words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain, seedPath, testFolder, writeIn } from './helpers.js';
import { decodeSource, decodeWindows1252, encodeSource, firstUnencodable1252 } from '../src/document/source.js';

const tmp = testFolder('1252');

/** Encode text as Windows-1252 (every character of the seeds has a byte there). */
function cp1252(text: string): Buffer {
  const bytes = encodeSource(text, 'windows-1252', false);
  return Buffer.from(bytes);
}

interface JsonResult {
  filePath: string;
  encoding: string;
  messages: { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

const strip = (r: JsonResult): unknown => r.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message]);

describe('Windows-1252 text', () => {
  // Seed 002 has curly quotes and en dashes; with Windows line endings, as Word writes them.
  const utf8 = fs.readFileSync(seedPath('002'), 'utf8').replace(/\n/g, '\r\n') + 'Fees of \u00a35 \u2014 \u201cpaid\u201d \u2026 Hertfordshire Steps.\r\n';
  const bytes = cp1252(utf8);

  it('the export really is not UTF-8, and is read back exactly', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const source = decodeSource(bytes);
    expect(source.encoding).toBe('windows-1252');
    expect(source.original).toBe(utf8);
    expect(source.eol).toBe('\r\n');
    expect(source.invalidUtf8At).toBeUndefined();
    expect(Buffer.from(encodeSource(source.original, source.encoding, source.bom)).equals(bytes)).toBe(true);
  });

  it('lints like the same text in UTF-8, with no encoding warning, and says how it was read', async () => {
    writeIn(tmp, 'lint/export.txt', bytes);
    writeIn(tmp, 'lint/utf8.txt', utf8);
    const a = await runMain(['lint/export.txt', '--format', 'json', '--debug'], { cwd: tmp });
    const b = await runMain(['lint/utf8.txt', '--format', 'json'], { cwd: tmp });
    const [ra] = JSON.parse(a.stdout) as JsonResult[];
    const [rb] = JSON.parse(b.stdout) as JsonResult[];
    expect(ra!.encoding).toBe('windows-1252');
    expect(rb!.encoding).toBe('utf-8');
    expect(ra!.messages.length).toBeGreaterThan(0);
    expect(ra!.messages.some((m) => m.ruleId === 'policy-lint/encoding')).toBe(false);
    expect(strip(ra!)).toEqual(strip(rb!));
    expect(a.stderr.split('\n').filter((l) => l.includes(': read as '))).toEqual([`policy-lint: debug: ${path.join('lint', 'export.txt')}: read as windows-1252`]);
  });

  it('--fix writes Windows-1252 back, byte-identical outside the fixed words, and is idempotent', async () => {
    const file = writeIn(tmp, 'fix/export.txt', bytes);
    const twin = writeIn(tmp, 'fix/utf8.txt', utf8);
    const a = await runMain(['fix/export.txt', '--fix'], { cwd: tmp });
    await runMain(['fix/utf8.txt', '--fix'], { cwd: tmp });
    expect(a.stderr).toMatch(/^policy-lint: fixed \d+ problems? in 1 file\n$/);
    const fixed = fs.readFileSync(file);
    expect(fixed.equals(bytes)).toBe(false);
    // The UTF-8 twin fixed by the same rules, encoded as Windows-1252: the same bytes.
    expect(fixed.equals(cp1252(fs.readFileSync(twin, 'utf8')))).toBe(true);
    expect(decodeSource(fixed).encoding).toBe('windows-1252');
    // Every byte before the first fixed word is as it was, and the line endings are still CRLF.
    let same = 0;
    while (fixed[same] === bytes[same]) same++;
    expect(same).toBeGreaterThan(0);
    expect(fixed.toString('latin1').match(/\r\n/g)!.length).toBe(bytes.toString('latin1').match(/\r\n/g)!.length);
    const again = await runMain(['fix/export.txt', '--fix'], { cwd: tmp });
    expect(again.stderr).toBe('');
    expect(fs.readFileSync(file).equals(fixed)).toBe(true);
  });

  it('a UTF-8 file with one broken byte stays UTF-8 (with the warning); a byte undefined in Windows-1252 too', () => {
    const broken = Buffer.concat([Buffer.from('caf\u00e9 \u2013 '), Buffer.from([0xe9]), Buffer.from('\n')]);
    expect(decodeSource(broken)).toMatchObject({ encoding: 'utf-8', invalidUtf8At: 7 });
    const undefinedByte = Buffer.from([0x41, 0x92, 0x81, 0x0a]);
    expect(decodeSource(undefinedByte)).toMatchObject({ encoding: 'utf-8', invalidUtf8At: 1 });
    expect(decodeWindows1252(undefinedByte)).toBeUndefined();
  });

  it('a character Windows-1252 cannot hold is found, and never written', () => {
    expect(firstUnencodable1252('ab\u2019c')).toBe(-1);
    expect(firstUnencodable1252('ab\u2192c')).toBe(2);
    expect(() => encodeSource('a\u2192', 'windows-1252', false)).toThrow(/Windows-1252 cannot hold \(U\+2192\)/);
  });
});

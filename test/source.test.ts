/**
 * Reading text: encodings, BOMs and line endings, and positions as an editor shows them.
 */
import { describe, expect, it } from 'vitest';
import { decodeSource, encodeSource, SourceError } from '../src/document/source.js';
import { buildDocument } from '../src/document/build.js';

const utf16le = (s: string, bom = true): Uint8Array => {
  const body = Buffer.from(s, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
};
const utf16be = (s: string): Uint8Array => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};

describe('decodeSource', () => {
  it('reads UTF-8 without a BOM', () => {
    const s = decodeSource(Buffer.from('Intention\n\nText – “quoted”.\n'));
    expect(s).toMatchObject({ encoding: 'utf-8', bom: false, eol: '\n', text: 'Intention\n\nText – “quoted”.\n' });
  });

  it('strips a UTF-8 BOM and remembers it', () => {
    const s = decodeSource(Buffer.from('\uFEFFAttendance\n', 'utf8'));
    expect(s).toMatchObject({ encoding: 'utf-8', bom: true, text: 'Attendance\n' });
  });

  it('decodes UTF-16 LE and BE with a BOM (Word "Unicode text")', () => {
    expect(decodeSource(utf16le('Impact\r\nText\r\n'))).toMatchObject({ encoding: 'utf-16le', bom: true, eol: '\r\n', text: 'Impact\nText\n' });
    expect(decodeSource(utf16be('Impact\nText\n'))).toMatchObject({ encoding: 'utf-16be', bom: true, text: 'Impact\nText\n' });
  });

  it('normalises CRLF and lone CR to LF, keeping the original', () => {
    const crlf = decodeSource(Buffer.from('a\r\nb\r\n'));
    expect(crlf).toMatchObject({ text: 'a\nb\n', original: 'a\r\nb\r\n', eol: '\r\n', originalLineStarts: [0, 3, 6] });
    const cr = decodeSource(Buffer.from('a\rb\r'));
    expect(cr).toMatchObject({ text: 'a\nb\n', eol: '\r' });
  });

  it('refuses binary content', () => {
    expect(() => decodeSource(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).toThrow(SourceError);
  });

  it('decodes invalid UTF-8 with replacement characters and marks where', () => {
    const s = decodeSource(Uint8Array.from([0x41, 0x0a, 0x42, 0x81, 0x43]));
    expect(s.text).toBe('A\nB\uFFFDC');
    expect(s.invalidUtf8At).toBe(3);
  });

  it('encodes back to identical bytes', () => {
    for (const bytes of [Buffer.from('\uFEFFa\r\nb – c\r\n'), Buffer.from(utf16le('x\r\ny\r\n')), Buffer.from(utf16be('p\nq\n')), Buffer.from('plain\n')]) {
      const s = decodeSource(bytes);
      expect(Buffer.from(encodeSource(s.original, s.encoding, s.bom)).equals(bytes)).toBe(true);
    }
  });
});

describe('positions', () => {
  it('reports 1-based line and column as an editor shows them in CRLF, CR, BOM, tab and UTF-16 files', () => {
    const files: [Uint8Array, number, number][] = [
      [Buffer.from('\uFEFFTitle\r\n\r\n\tX marks\r\n'), 3, 2],
      [Buffer.from('Title\r\rX marks\r'), 3, 1],
      [utf16le('Title\r\n\r\nSee X\r\n'), 3, 5],
    ];
    for (const [bytes, line, column] of files) {
      const source = decodeSource(bytes);
      const doc = buildDocument('f.md', source);
      const offset = doc.text.indexOf('X');
      expect(doc.pointAt(offset)).toEqual({ line, column, offset });
    }
  });

  it('gives a point for the very end of the text', () => {
    const doc = buildDocument('f.md', decodeSource(Buffer.from('ab\ncd')));
    expect(doc.pointAt(5)).toEqual({ line: 2, column: 3, offset: 5 });
  });
});

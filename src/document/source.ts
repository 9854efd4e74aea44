/**
 * Reading policy files: bytes in, text out.
 *
 * Policies arrive as UTF-8 (with or without a BOM), as UTF-16 with a BOM
 * (Word's "Unicode text" export), or as Windows-1252 (what Word's "Plain
 * Text" save writes by default on Windows: curly quotes, dashes and pound
 * signs as single bytes), with LF, CRLF or lone CR line endings. A file is
 * read as Windows-1252 only when it is not valid UTF-8, holds no well-formed
 * UTF-8 sequence of two or more bytes (a UTF-8 file with one broken byte
 * stays UTF-8, with the warning below) and none of the five bytes
 * Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
 *
 * Every later stage works on `text`: the decoded document with the BOM removed
 * and every line ending normalised to LF. Normalising line endings changes no
 * line number and no column, so a position in `text` is the position the user
 * sees in an editor. `original` keeps the decoded text with its own line
 * endings, so that fixes can be written back byte for byte (see src/engine/fix.ts).
 *
 * Bad input is never fatal to a run:
 * - bytes that are not valid UTF-8 (or, in a UTF-16 file, a lone surrogate)
 *   are read as U+FFFD, the file is linted, and `invalidUtf8At` /
 *   `invalidUtf16At` record where the first bad bytes were, so that the
 *   linter can say so (the `policy-lint/encoding` warning, src/engine/lint.ts) and
 *   --fix can refuse to write the file back (src/engine/fix.ts);
 * - a file that could not be read safely (binary, or beyond the reading
 *   limits below) throws a SourceError with a one-line reason, and the
 *   command line reports it, skips the file and lints the rest (exit code 2).
 */
import v8 from 'node:v8';
import type { Diagnostic, RuleMeta } from '../types.js';
import { DOCS_URL } from '../package-root.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type LineEnding = '\n' | '\r\n' | '\r';

export interface SourceText {
  /** Decoded text, BOM removed, line endings normalised to LF. */
  text: string;
  /** Decoded text, BOM removed, original line endings. */
  original: string;
  encoding: Encoding;
  bom: boolean;
  /** The most common line ending (LF when the file has a single line). */
  eol: LineEnding;
  /** Offset in `original` at which each line starts (index 0 is line 1). */
  originalLineStarts: number[];
  /** Offset in `text` of the first byte sequence that was not valid UTF-8 (decoded as U+FFFD). */
  invalidUtf8At?: number;
  /** Offset in `text` of the first unpaired surrogate of a UTF-16 file (decoded as U+FFFD). */
  invalidUtf16At?: number;
  /** A Word or PDF file: `text` is the Markdown text view policy-lint made of it (src/document/docx.ts, pdf.ts). */
  format?: 'docx' | 'pdf';
  /** For a Word or PDF file: where each stretch of the text view came from (in order of `start`). */
  locations?: ViewLocation[];
}

/** Where a stretch of a Word or PDF file's text view came from. */
export interface ViewLocation {
  /** Offset in the text view where the stretch starts. */
  start: number;
  /** A Word document's body paragraph, 1-based in document order, table cells included. */
  paragraph?: number;
  /** A PDF's page, 1-based. */
  page?: number;
  /** Text outside a Word document's body: "footnote", "endnote", "header or footer". */
  part?: string;
}

/** The location of an offset of a Word or PDF file's text view, or undefined for a text file. */
export function locationAt(source: SourceText, offset: number): ViewLocation | undefined {
  const locs = source.locations;
  if (!locs || locs.length === 0) return undefined;
  let lo = 0;
  let hi = locs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (locs[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return locs[lo];
}

/** A file policy-lint refuses to read, with a reason fit for a one-line message. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

const BOM_UTF8 = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Windows-1252's characters for the bytes 0x80-0x9F (0 = undefined); 0xA0-0xFF are Latin-1 (WHATWG Encoding Standard, index-windows-1252). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
let cp1252Back: Map<number, number> | undefined;

/** Decode Windows-1252 bytes, or undefined when a byte is one of the five the encoding leaves undefined. */
export function decodeWindows1252(bytes: Uint8Array): string | undefined {
  const parts: string[] = [];
  const units: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    let c = b;
    if (b >= 0x80 && b <= 0x9f) {
      c = CP1252_HIGH[b - 0x80]!;
      if (c === 0) return undefined;
    }
    units.push(c);
    if (units.length === 8192) parts.push(String.fromCharCode(...units.splice(0)));
  }
  parts.push(String.fromCharCode(...units));
  return parts.join('');
}

/** Offset in `text` of the first character Windows-1252 cannot hold, or -1. */
export function firstUnencodable1252(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) continue;
    if (!(cp1252Back ??= new Map(CP1252_HIGH.map((u, k) => [u, 0x80 + k] as const).filter(([u]) => u !== 0))).has(c)) return i;
  }
  return -1;
}

function encodeWindows1252(text: string): Uint8Array {
  const back = (cp1252Back ??= new Map(CP1252_HIGH.map((u, k) => [u, 0x80 + k] as const).filter(([u]) => u !== 0)));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : back.get(c);
    if (b === undefined) throw new SourceError(`the text has a character Windows-1252 cannot hold (U+${c.toString(16).toUpperCase().padStart(4, '0')})`);
    out[i] = b;
  }
  return out;
}

/** Does the text hold a well-formed UTF-8 sequence of two or more bytes? */
function hasUtf8Multibyte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c < 0xc2 || c > 0xf4) continue;
    const need = c <= 0xdf ? 1 : c <= 0xef ? 2 : 3;
    let ok = true;
    for (let k = 1; k <= need && ok; k++) {
      const d = bytes[i + k];
      ok = d !== undefined && d >= 0x80 && d <= 0xbf;
    }
    if (ok && firstInvalidUtf8(bytes.subarray(i, i + need + 1)) < 0) return true;
  }
  return false;
}

/** Decide whether bytes look like a binary file rather than text. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) return true;
  }
  return false;
}

/**
 * Index of the first byte of `bytes` that does not begin a well-formed UTF-8
 * sequence (the place where a decoder puts its first U+FFFD), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = bytes[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Index (in UTF-16 code units) of the first unpaired surrogate of a decoded string, or -1. */
function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** Decode UTF-16 code units without replacing anything (lone surrogates stay, to be found and replaced). */
function decodeUtf16(bytes: Uint8Array, le: boolean): string {
  const parts: string[] = [];
  const units: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    units.push(le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
    if (units.length === 8192) parts.push(String.fromCharCode(...units.splice(0)));
  }
  parts.push(String.fromCharCode(...units));
  // An odd trailing byte is half a code unit: read as U+FFFD, as TextDecoder does.
  if (bytes.length % 2 === 1) parts.push('\uFFFD');
  return parts.join('');
}

/**
 * UTF-16 without a byte order mark, told by its pattern of NUL bytes: text in
 * a Latin script has a NUL as the high byte of most code units (the odd bytes
 * in little-endian order, the even ones in big-endian), and never a NUL code
 * unit. Judged on the first 8,000 bytes: every second byte of the same parity
 * NUL in at least half of the code units, no NUL at the other parity, and the
 * whole decodes as well-formed UTF-16 without a NUL. Anything else is left to
 * the binary check.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const n = Math.min(bytes.length, 8000);
  let le = 0;
  let be = 0;
  let units = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    units++;
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (a === 0 && b === 0) return undefined;
    if (b === 0) le++;
    else if (a === 0) be++;
  }
  const encoding = le > 0 && be === 0 && le * 2 >= units ? 'utf-16le' : be > 0 && le === 0 && be * 2 >= units ? 'utf-16be' : undefined;
  if (!encoding) return undefined;
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return text.includes('\u0000') ? undefined : encoding;
  } catch {
    return undefined;
  }
}

/**
 * Decode the bytes of a policy file. Throws SourceError for binary content
 * and for text beyond the reading limits (checkReadable, and first
 * checkReadableSize on the bytes alone).
 */
export function decodeSource(bytes: Uint8Array): SourceText {
  let encoding: Encoding = 'utf-8';
  let bom = false;
  let decoded: string;
  /** Offset in `decoded` of the first bad bytes (read as U+FFFD), or -1. */
  let invalidAt = -1;
  const withBom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  checkReadableSize(bytes.length, false);
  const sniffed = withBom ? undefined : sniffUtf16(bytes);
  if (withBom || sniffed) checkReadableSize(bytes.length, true);

  if (sniffed) {
    encoding = sniffed;
    decoded = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } else if (withBom) {
    encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    bom = true;
    const body = bytes.subarray(2);
    try {
      decoded = new TextDecoder(encoding, { fatal: true }).decode(body);
    } catch {
      const raw = decodeUtf16(body, encoding === 'utf-16le');
      invalidAt = firstLoneSurrogate(raw);
      if (invalidAt < 0) invalidAt = raw.length - 1; // the odd trailing byte
      decoded = new TextDecoder(encoding).decode(body);
    }
  } else {
    bom = startsWith(bytes, BOM_UTF8);
    const body = bom ? bytes.subarray(3) : bytes;
    if (looksBinary(body)) {
      throw new SourceError('binary file (contains NUL bytes); policy-lint reads Markdown or plain text');
    }
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      const cp1252 = bom || hasUtf8Multibyte(body) ? undefined : decodeWindows1252(body);
      if (cp1252 !== undefined) {
        const source = fromDecoded(cp1252, 'windows-1252', false);
        checkReadable(source.text);
        return source;
      }
      const at = firstInvalidUtf8(body);
      // Everything before the first bad byte is well formed, so it decodes to the same text either way.
      invalidAt = at < 0 ? 0 : new TextDecoder('utf-8').decode(body.subarray(0, at)).length;
      decoded = new TextDecoder('utf-8').decode(body);
    }
  }
  const source = fromDecoded(decoded, encoding, bom, invalidAt >= 0, invalidAt);
  checkReadable(source.text);
  return source;
}

/**
 * Build a SourceText from an already decoded string (e.g. from --stdin).
 * `invalid` marks text that was decoded with U+FFFD in place of bad bytes;
 * `invalidAt` is the offset in `decoded` of the first of them (default: the
 * first U+FFFD).
 */
export function fromDecoded(decoded: string, encoding: Encoding = 'utf-8', bom = false, invalid = false, invalidAt?: number): SourceText {
  let original = decoded;
  if (original.charCodeAt(0) === 0xfeff) {
    original = original.slice(1);
    bom = true;
    if (invalidAt !== undefined) invalidAt = Math.max(0, invalidAt - 1);
  }
  const originalLineStarts = [0];
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c === 13) {
      if (original.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else {
        cr++;
      }
      originalLineStarts.push(i + 1);
    } else if (c === 10) {
      lf++;
      originalLineStarts.push(i + 1);
    }
  }
  const eol: LineEnding = crlf >= lf && crlf >= cr && crlf > 0 ? '\r\n' : cr > lf ? '\r' : '\n';
  const text = crlf + cr > 0 ? original.replace(/\r\n?/g, '\n') : original;
  const source: SourceText = { text, original, encoding, bom, eol, originalLineStarts };
  if (invalid) {
    let at: number;
    if (invalidAt !== undefined) {
      // The same place in `text`: only line endings before it changed length.
      const before = original.slice(0, Math.min(invalidAt, original.length));
      at = crlf + cr > 0 ? before.replace(/\r\n?/g, '\n').length : before.length;
    } else {
      at = text.indexOf('\uFFFD');
    }
    at = Math.max(0, Math.min(at, text.length));
    if (encoding === 'utf-8') source.invalidUtf8At = at;
    else source.invalidUtf16At = at;
  }
  return source;
}

/** Encode text back into the file's own encoding and BOM. */
export function encodeSource(original: string, encoding: Encoding, bom: boolean): Uint8Array {
  if (encoding === 'windows-1252') return encodeWindows1252(original);
  if (encoding === 'utf-8') {
    const body = new TextEncoder().encode(original);
    if (!bom) return body;
    const out = new Uint8Array(body.length + 3);
    out.set(BOM_UTF8, 0);
    out.set(body, 3);
    return out;
  }
  const out = new Uint8Array(original.length * 2 + (bom ? 2 : 0));
  let o = 0;
  const le = encoding === 'utf-16le';
  if (bom) {
    out[o++] = le ? 0xff : 0xfe;
    out[o++] = le ? 0xfe : 0xff;
  }
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    out[o++] = le ? c & 0xff : c >> 8;
    out[o++] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

/**
 * Reading limits. The Markdown parser (micromark) needs time that grows
 * faster than the text in three shapes no policy has, and memory in
 * proportion to the text; past these limits a file is refused with a
 * one-line reason (a ReadLimitError) instead of hanging, overflowing the
 * stack or running out of memory:
 *
 * - nesting: lists and block quotes nested more than `maxNesting` deep
 *   (markdown-it's default maxNesting is also 100). Policies nest 2 to 4
 *   levels; 800 nested list items take the parser about 20 seconds and 5,000
 *   nested quotes overflow the stack of a later stage.
 * - inline marks: emphasis and link marks (* _ ~ [ ]) in one paragraph.
 *   The parser's work on a paragraph grows with the square of their number
 *   when they do not pair up (20,000 "a* " in one paragraph take 13
 *   seconds, 10,000 take 3); the seeds have at most 18 in a paragraph. The
 *   sum over the paragraphs of (marks in the paragraph)^2 may not exceed
 *   `maxInlineWork`, that of one paragraph of 20,000 marks (a 2 MB line of
 *   the seeds' text has 10,285).
 * - inline HTML that opens and does not close: "<!--", "<![CDATA[", "<?"
 *   and "<!X" each make the parser look ahead to the end of the paragraph
 *   for their end, so the work grows with the square of their number in one
 *   paragraph (4,000 "<!-- " take about 7 seconds, 20,000 about 40). The sum
 *   over paragraphs of (such openings in the paragraph)^2 may not exceed
 *   `maxHtmlWork`, that of one paragraph of 1,000 (about a second); the
 *   seeds have none.
 * - size: parsing and linting hold about 70 bytes of memory per character
 *   of ordinary text (20 MB of the seeds need 1.2 to 1.6 GB), about 3 KB
 *   per Markdown mark (measured: 300,000 marks of "[a](#) " held 0.95 GB of
 *   heap, emphasis 2.7 KB a mark) and about 8 KB per table cell (a 200 x 300
 *   table held 0.5 GB: 8.7 KB per "|"); `bytesPerMark` and `bytesPerCell`
 *   charge more than measured, since parsing peaks above what it keeps. A text whose
 *   estimated need (`bytesPerChar`, `bytesPerMark`) exceeds 85% of the
 *   JavaScript heap (node's --max-old-space-size; about 4 GB by default on
 *   a machine with 16 GB or more) would crash node with an out-of-memory
 *   abort; it is refused, naming the size, instead. The estimate errs high.
 *
 * The checks read the text once and estimate from above: they may refuse a
 * bizarre but harmless file (a list item indented 200 spaces deep), never
 * miss a harmful one of these shapes.
 */
export const READ_LIMITS = Object.freeze({
  maxNesting: 100,
  maxInlineWork: 20_000 ** 2,
  maxHtmlWork: 1_000 ** 2,
  /** Estimated heap bytes per character of text, extra per Markdown punctuation mark, and per table cell ("|"). */
  bytesPerChar: 80,
  bytesPerMark: 4_000,
  bytesPerCell: 12_000,
  /** The share of the heap the estimate may use. */
  heapShare: 0.85,
});

/** A file beyond the reading limits (READ_LIMITS): refused with a one-line reason, like a binary file. */
export class ReadLimitError extends SourceError {
  constructor(
    message: string,
    readonly limit: 'nesting' | 'inline' | 'html' | 'size',
  ) {
    super(message);
    this.name = 'ReadLimitError';
  }
}

export interface TextShape {
  /** Deepest nesting of lists and block quotes (an upper estimate), and the line where it is reached. */
  nesting: number;
  nestingLine: number;
  /** Most emphasis and link marks in one paragraph (an upper estimate), and the line the paragraph starts on. */
  inlineMarks: number;
  inlineMarksLine: number;
  /** The sum over paragraphs of the square of their marks. */
  inlineWork: number;
  /** Most inline HTML openings ("<!" or "<?") in one paragraph, the line the paragraph starts on, and the sum of their squares. */
  htmlMarks: number;
  htmlMarksLine: number;
  htmlWork: number;
  /** Markdown punctuation marks in the whole text (each costs the parser memory). */
  marks: number;
  /** Estimated heap bytes the parser needs for the text. */
  memory: number;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** A line (after its container markers) that is a thematic break: "* * *", "- - -", "___". */
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Measure what drives the parser's cost, in one pass over the lines.
 *
 * Nesting: every line's container prefix (spaces, tabs, ">" and list
 * markers "-", "*", "+", "1." ...) is read; open list items are kept on a
 * stack by the column where their content starts, and a new item closes
 * only the items whose content starts to the right of its marker (as
 * CommonMark does), so the stack never holds fewer items than the parser
 * has open. A line's depth is its ">" count plus the stack. Paragraphs end
 * at blank lines and at list items that can interrupt a paragraph.
 */
export function measureText(text: string): TextShape {
  const n = text.length;
  const stack: number[] = [];
  const contentCols: number[] = [];
  let nesting = 0;
  let nestingLine = 1;
  let inlineMarks = 0;
  let inlineMarksLine = 1;
  let chunkMarks = 0;
  let chunkLine = 1;
  let inlineWork = 0;
  let htmlMarks = 0;
  let htmlMarksLine = 1;
  let chunkHtml = 0;
  let htmlWork = 0;
  let prevBlank = true;
  let marks = 0;
  let pipes = 0;
  let line = 0;
  for (let pos = 0; pos <= n;) {
    line++;
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    // The container prefix.
    let i = pos;
    let col = 0;
    let quotes = 0;
    let firstMarkerCol = -1;
    let firstMarkerInterrupts = false;
    contentCols.length = 0;
    for (;;) {
      while (i < eol) {
        const c = text.charCodeAt(i);
        if (c === 32) col++;
        else if (c === 9) col += 4 - (col % 4);
        else break;
        i++;
      }
      if (i >= eol) break;
      const c = text.charCodeAt(i);
      if (c === 62) {
        quotes++;
        i++;
        col++;
        continue;
      }
      let j = i;
      if (c === 45 || c === 42 || c === 43) j = i + 1;
      else if (isDigit(c)) {
        while (j < eol && j - i < 9 && isDigit(text.charCodeAt(j))) j++;
        const d = text.charCodeAt(j);
        if (j >= eol || (d !== 46 && d !== 41)) break;
        j++;
      } else break;
      const after = j < eol ? text.charCodeAt(j) : -1;
      if (after !== -1 && after !== 32 && after !== 9) break;
      if (contentCols.length === 0 && THEMATIC_BREAK.test(text.slice(i, eol))) break;
      if (firstMarkerCol < 0) {
        firstMarkerCol = col;
        // Only a bullet or "1." with text after it can interrupt a paragraph (and so starts a new one).
        const rest = text.slice(j, eol).trim();
        firstMarkerInterrupts = rest !== '' && (j === i + 1 || text.slice(i, j - 1) === '1');
      }
      col += j - i;
      contentCols.push(col + 1);
      i = j;
    }
    const blank = i >= eol;
    if (contentCols.length > 0) {
      while (stack.length > 0 && stack[stack.length - 1]! > firstMarkerCol) stack.pop();
      for (const c of contentCols) stack.push(c);
    } else if (!blank && prevBlank) {
      // After a blank line, a line left of an item's content closes the item (no lazy continuation).
      while (stack.length > 0 && stack[stack.length - 1]! > col) stack.pop();
    }
    const depth = quotes + stack.length;
    if (depth > nesting) {
      nesting = depth;
      nestingLine = line;
    }
    // Paragraphs and their emphasis and link marks.
    if (blank || firstMarkerInterrupts) {
      inlineWork += chunkMarks * chunkMarks;
      htmlWork += chunkHtml * chunkHtml;
      chunkMarks = 0;
      chunkHtml = 0;
      chunkLine = line;
    }
    for (let k = i; k < eol; k++) {
      const c = text.charCodeAt(k);
      // * _ ~ [ ]
      if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93) {
        chunkMarks++;
        marks++;
      } else if (c === 124) {
        // | (a table cell: the costliest mark)
        pipes++;
        marks++;
      } else if (c === 33 || c === 35 || c === 38 || c === 40 || c === 41 || c === 60 || c === 62 || c === 92 || c === 96) {
        // ! # & ( ) < > \ `
        marks++;
        if (c === 60) {
          // "<!" (a comment, CDATA or declaration) or "<?" (a processing instruction).
          const d = text.charCodeAt(k + 1);
          if (d === 33 || d === 63) chunkHtml++;
        }
      }
    }
    if (chunkMarks > inlineMarks) {
      inlineMarks = chunkMarks;
      inlineMarksLine = chunkLine;
    }
    if (chunkHtml > htmlMarks) {
      htmlMarks = chunkHtml;
      htmlMarksLine = chunkLine;
    }
    if (blank) chunkLine = line + 1;
    prevBlank = blank;
    pos = eol + 1;
  }
  inlineWork += chunkMarks * chunkMarks;
  htmlWork += chunkHtml * chunkHtml;
  return {
    nesting,
    nestingLine,
    inlineMarks,
    inlineMarksLine,
    inlineWork,
    htmlMarks,
    htmlMarksLine,
    htmlWork,
    marks,
    memory: n * READ_LIMITS.bytesPerChar + (marks - pipes) * READ_LIMITS.bytesPerMark + pipes * READ_LIMITS.bytesPerCell,
  };
}

const MB = 1024 * 1024;
/** Megabytes, rounded down (to a tenth below 10 MB), so that "about N MB would fit" never overstates. */
const megabytes = (bytes: number): string => (bytes < 10 * MB ? `${(Math.floor((bytes / MB) * 10) / 10).toFixed(1)} MB` : `${Math.floor(bytes / MB)} MB`);

/** Throw a ReadLimitError when the text is beyond the reading limits (READ_LIMITS). */
export function checkReadable(text: string, heapLimit: number = v8.getHeapStatistics().heap_size_limit): void {
  const shape = measureText(text);
  if (shape.nesting > READ_LIMITS.maxNesting) {
    throw new ReadLimitError(
      `too deeply nested to read (lists or quotes ${shape.nesting.toLocaleString('en-GB')} levels deep at line ${shape.nestingLine}; policy-lint reads up to ${READ_LIMITS.maxNesting})`,
      'nesting',
    );
  }
  if (shape.inlineWork > READ_LIMITS.maxInlineWork) {
    throw new ReadLimitError(
      `too complex to read (the paragraph at line ${shape.inlineMarksLine} has ${shape.inlineMarks.toLocaleString('en-GB')} emphasis or link marks * _ ~ [ ]; ` +
        `the parser's work grows with the square of that number, and policy-lint allows the work of one paragraph of ${Math.sqrt(READ_LIMITS.maxInlineWork).toLocaleString('en-GB')}: split long paragraphs with blank lines)`,
      'inline',
    );
  }
  if (shape.htmlWork > READ_LIMITS.maxHtmlWork) {
    throw new ReadLimitError(
      `too complex to read (the paragraph at line ${shape.htmlMarksLine} opens ${shape.htmlMarks.toLocaleString('en-GB')} HTML comments or declarations "<!" or "<?"; ` +
        `the parser's work grows with the square of that number, and policy-lint allows the work of one paragraph of ${Math.sqrt(READ_LIMITS.maxHtmlWork).toLocaleString('en-GB')}: close each comment with "-->", or split long paragraphs with blank lines)`,
      'html',
    );
  }
  const budget = heapLimit * READ_LIMITS.heapShare;
  if (shape.memory > budget) throw sizeError(text.length, shape.marks, shape.memory, budget);
}

/** The refusal of a text too large for the heap, with the figures that explain it. */
function sizeError(chars: number, marks: number, need: number, budget: number): ReadLimitError {
  const what = marks > 0 ? `${megabytes(chars)} of text with ${marks.toLocaleString('en-GB')} Markdown marks` : `${megabytes(chars)} of text`;
  return new ReadLimitError(
    `too large to read with the memory node allows (${what} need about ${megabytes(need)} to parse and lint; ` +
      `node allows policy-lint about ${megabytes(budget)}): split the file, or raise the limit with ` +
      `NODE_OPTIONS=--max-old-space-size=${Math.ceil(need / READ_LIMITS.heapShare / MB / 1024) * 1024}`,
    'size',
  );
}

/**
 * Refuse bytes by their size alone, before they are decoded (decoding 512 MiB
 * or more would fail with an internal error: a string cannot be that long).
 * A text has at least one UTF-16 code unit for every 3 bytes of UTF-8 (every 2
 * bytes of UTF-16), so the memory estimate has a floor that needs no decoding.
 */
export function checkReadableSize(byteLength: number, utf16: boolean, heapLimit: number = v8.getHeapStatistics().heap_size_limit): void {
  const chars = Math.floor(byteLength / (utf16 ? 2 : 3));
  const need = chars * READ_LIMITS.bytesPerChar;
  const budget = heapLimit * READ_LIMITS.heapShare;
  if (need > budget || chars > MAX_STRING_LENGTH) {
    throw new ReadLimitError(
      `too large to read with the memory node allows (${megabytes(byteLength)} on disk, at least ${megabytes(chars)} of text, need at least ` +
        `${megabytes(need)} to parse and lint; node allows policy-lint about ${megabytes(budget)}): split the file`,
      'size',
    );
  }
}

/** V8's longest string on 64-bit machines (2^29 - 24 code units). */
const MAX_STRING_LENGTH = 2 ** 29 - 24;

/** The pseudo-rule that reports bytes that could not be decoded (like policy-lint/directive, it cannot be configured or disabled). */
export const ENCODING_RULE_ID = 'policy-lint/encoding';

/** Documentation of the pseudo-rule, for --list-rules, --explain and SARIF. */
export const encodingMeta: RuleMeta = {
  id: ENCODING_RULE_ID,
  description: 'A policy file should be valid UTF-8 (or UTF-16 with a byte order mark); bytes that are not are reported where they start.',
  severity: 'warning',
  fixable: false,
  rationale:
    "A file that is not valid UTF-8 is read as Windows-1252 (what Word's Plain Text save writes on Windows) when every byte is defined there " +
    'and it holds no UTF-8 sequence; otherwise (a UTF-8 file with a broken byte, or bytes Windows-1252 leaves undefined) a curly quote, a dash or an ' +
    'accented letter becomes a byte policy-lint cannot read. Rather than refuse the whole policy, policy-lint reads each bad byte as the ' +
    'replacement character U+FFFD and lints the rest, so nothing goes unchecked; this warning says where the first bad byte is, because a ' +
    'word with a bad byte in it may not match what a rule looks for. --fix will not write such a file, since writing it back would turn ' +
    'every bad byte into U+FFFD for good: re-save it as UTF-8 (in Word: Save As, Plain Text, Unicode (UTF-8)) and run again.',
  sources: [{ title: 'WHATWG Encoding Standard: UTF-8 decode (replacement of invalid byte sequences)', url: 'https://encoding.spec.whatwg.org/#utf-8-decode' }],
  notes:
    'A warning, not an error: the text is linted as read, and only the bytes that are not UTF-8 are unreadable. It is reported once per ' +
    'file, at the first bad byte. It cannot be configured or silenced with a directive; --quiet hides it with the other warnings. ' +
    'A UTF-16 file (one that starts with a byte order mark) with half of a surrogate pair, or an odd number of bytes, is reported the same way.',
  examples: [],
  docsUrl: `${DOCS_URL}/blob/main/docs/cli.md#bad-input-and-exit-codes`,
};

/** The policy-lint/encoding warning for a text decoded with U+FFFD in place of bad bytes, or undefined. */
export function encodingDiagnostic(source: SourceText): Diagnostic | undefined {
  const utf8 = source.invalidUtf8At !== undefined;
  const at = source.invalidUtf8At ?? source.invalidUtf16At;
  if (at === undefined) return undefined;
  const text = source.text;
  const start = Math.max(0, Math.min(at, text.length));
  const end = Math.min(start + 1, text.length);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < start; i = text.indexOf('\n', i + 1)) line++;
  const message = utf8
    ? 'This file is not valid UTF-8: its first bad byte is here, and every bad byte was read as the replacement character U+FFFD (\uFFFD). ' +
      'Re-save the file as UTF-8; until then --fix will not write to it.'
    : 'This file is not valid UTF-16: its first broken character is here (half of a surrogate pair, or a last odd byte), read as the replacement character U+FFFD (\uFFFD). ' +
      'Re-save the file as UTF-8; until then --fix will not write to it.';
  return {
    ruleId: ENCODING_RULE_ID,
    severity: 'warning',
    message,
    line,
    column: start - lineStart + 1,
    endLine: line,
    endColumn: end - lineStart + 1,
    start,
    end,
  };
}

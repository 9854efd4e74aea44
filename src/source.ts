/**
 * Reading policy files: bytes in, text out.
 *
 * Policies arrive as UTF-8 (with or without a BOM), or as UTF-16 with a BOM
 * (Word's "Unicode text" export), with LF, CRLF or lone CR line endings.
 *
 * Every later stage works on `text`: the decoded document with the BOM removed
 * and every line ending normalised to LF. Normalising line endings changes no
 * line number and no column, so a position in `text` is the position the user
 * sees in an editor. `original` keeps the decoded text with its own line
 * endings, so that fixes can be written back byte for byte (see src/fix.ts).
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';
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
  /** Offsets in `text` of the first byte sequences that were not valid UTF-8 (decoded as U+FFFD). */
  invalidUtf8At?: number;
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

/** Decide whether bytes look like a binary file rather than text. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) return true;
  }
  return false;
}

/** Decode the bytes of a policy file. Throws SourceError for binary content. */
export function decodeSource(bytes: Uint8Array): SourceText {
  let encoding: Encoding = 'utf-8';
  let bom = false;
  let decoded: string;
  let invalid = false;

  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    bom = true;
    decoded = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    bom = true;
    decoded = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    bom = startsWith(bytes, BOM_UTF8);
    const body = bom ? bytes.subarray(3) : bytes;
    if (looksBinary(body)) {
      throw new SourceError('binary file (contains NUL bytes); policy-lint reads Markdown or plain text');
    }
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      invalid = true;
      decoded = new TextDecoder('utf-8').decode(body);
    }
  }
  return fromDecoded(decoded, encoding, bom, invalid);
}

/** Build a SourceText from an already decoded string (e.g. from --stdin). */
export function fromDecoded(decoded: string, encoding: Encoding = 'utf-8', bom = false, invalid = false): SourceText {
  let original = decoded;
  if (original.charCodeAt(0) === 0xfeff) {
    original = original.slice(1);
    bom = true;
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
    const at = text.indexOf('\uFFFD');
    source.invalidUtf8At = at < 0 ? 0 : at;
  }
  return source;
}

/** Encode text back into the file's own encoding and BOM. */
export function encodeSource(original: string, encoding: Encoding, bom: boolean): Uint8Array {
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

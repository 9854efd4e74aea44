/**
 * Reading and rewriting zip files (the container of a .docx), with Node's own
 * zlib: no dependency. Only what Office files use: stored and deflated
 * entries, no zip64 beyond what the limits allow, no multi-disk archives.
 *
 * Limits (ZIP_LIMITS), checked against the central directory before anything
 * is inflated, and again while inflating (zlib's maxOutputLength, so an
 * entry that lies about its size cannot grow past what it declared): a zip
 * bomb is refused, never read.
 */
import zlib from 'node:zlib';
import { SourceError } from './source.js';

export const ZIP_LIMITS = Object.freeze({
  /** Entries in the archive (a long policy with images has a few dozen). */
  maxEntries: 2_000,
  /** Decompressed bytes of one entry that is read (word/document.xml of a 300-page policy is ~10 MB). */
  maxEntryBytes: 100 * 1024 * 1024,
  /** Decompressed bytes of all entries together. */
  maxTotalBytes: 400 * 1024 * 1024,
});

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  /** Offset of the local header. */
  localOffset: number;
  /** The central directory record, as it is in the file. */
  central: Uint8Array;
  flags: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  /** Bytes between the last central record and the end record's comment (the end record itself). */
  endRecord: Uint8Array;
  centralOffset: number;
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/** A file that is not a readable zip: a SourceError with a one-line reason. */
function corrupt(what: string): SourceError {
  return new SourceError(`not a readable Word document (the zip container is damaged: ${what}); open it in Word and save it again as .docx`);
}

export function openZip(bytes: Uint8Array): ZipArchive {
  // The end of central directory record: at least 22 bytes from the end, with a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 65_535; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('no end of central directory');
  const count = u16(bytes, end + 10);
  const centralSize = u32(bytes, end + 12);
  const centralOffset = u32(bytes, end + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) throw new SourceError('too large to read (a zip64 archive); policy-lint reads Word documents up to 4 GB');
  if (count > ZIP_LIMITS.maxEntries)
    throw new SourceError(
      `refused: the zip holds ${count.toLocaleString('en-GB')} entries (policy-lint reads up to ${ZIP_LIMITS.maxEntries.toLocaleString('en-GB')}); not a policy as Word saves it`,
    );
  if (centralOffset + centralSize > end) throw corrupt('the central directory is out of place');
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let total = 0;
  let at = centralOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50) throw corrupt('a bad central directory record');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc = u32(bytes, at + 16);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localOffset = u32(bytes, at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const length = 46 + nameLength + extraLength + commentLength;
    total += size;
    if (total > ZIP_LIMITS.maxTotalBytes) {
      throw new SourceError(`refused: the zip would decompress to more than ${ZIP_LIMITS.maxTotalBytes / 1024 / 1024} MB (a zip bomb, or not a policy as Word saves it)`);
    }
    if (localOffset + 30 > centralOffset) throw corrupt(`entry ${name} is out of place`);
    const entry: ZipEntry = { name, method, compressedSize, size, crc, localOffset, central: bytes.subarray(at, at + length), flags };
    entries.push(entry);
    byName.set(name, entry);
    at += length;
  }
  return { bytes, entries, byName, endRecord: bytes.subarray(end), centralOffset };
}

/** Where an entry's data starts, and the whole local record (header + data) as it is in the file. */
function localRecord(zip: ZipArchive, entry: ZipEntry): { dataStart: number; record: Uint8Array } {
  const b = zip.bytes;
  const o = entry.localOffset;
  if (u32(b, o) !== 0x04034b50) throw corrupt(`entry ${entry.name} has no local header`);
  const dataStart = o + 30 + u16(b, o + 26) + u16(b, o + 28);
  let recordEnd = dataStart + entry.compressedSize;
  // A data descriptor follows the data when bit 3 is set (with or without its signature).
  if (entry.flags & 0x08) recordEnd += u32(b, recordEnd) === 0x08074b50 ? 16 : 12;
  if (recordEnd > zip.centralOffset) throw corrupt(`entry ${entry.name} runs past the end`);
  return { dataStart, record: b.subarray(o, recordEnd) };
}

/** The decompressed bytes of an entry, or undefined when there is none of that name. */
export function readEntry(zip: ZipArchive, name: string): Uint8Array | undefined {
  const entry = zip.byName.get(name);
  if (!entry) return undefined;
  if (entry.flags & 0x01) throw new SourceError('an encrypted zip; policy-lint cannot read it: save a copy without a password');
  if (entry.size > ZIP_LIMITS.maxEntryBytes) {
    throw new SourceError(`refused: ${name} would decompress to ${Math.ceil(entry.size / 1024 / 1024)} MB (policy-lint reads up to ${ZIP_LIMITS.maxEntryBytes / 1024 / 1024} MB)`);
  }
  const { dataStart } = localRecord(zip, entry);
  const data = zip.bytes.subarray(dataStart, dataStart + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw corrupt(`entry ${name} uses compression method ${entry.method}`);
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    if (out.length !== entry.size) throw corrupt(`entry ${name} is not the size it declares`);
    return out;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw corrupt(`entry ${name} does not decompress${error instanceof RangeError ? ' to the size it declares' : ''}`);
  }
}

let crcTable: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The archive with some entries' contents replaced: every other entry's local
 * record (header, data, descriptor) is copied byte for byte, in the same
 * order; the replaced ones are deflated afresh. The central directory is
 * rewritten with the new offsets, sizes and checksums, everything else in
 * it kept.
 */
export function replaceEntries(zip: ZipArchive, replacements: Map<string, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of zip.entries) {
    const { record } = localRecord(zip, entry);
    const replacement = replacements.get(entry.name);
    const central = new Uint8Array(entry.central);
    const view = new DataView(central.buffer, central.byteOffset, central.byteLength);
    if (!replacement) {
      parts.push(record);
      view.setUint32(42, offset, true);
      centrals.push(central);
      offset += record.length;
      continue;
    }
    const data = zlib.deflateRawSync(replacement, { level: 6 });
    const b = zip.bytes;
    const o = entry.localOffset;
    const nameLength = u16(b, o + 26);
    const extraLength = u16(b, o + 28);
    const header = new Uint8Array(b.subarray(o, o + 30 + nameLength + extraLength));
    const hv = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const crc = crc32(replacement);
    hv.setUint16(6, u16(header, 6) & ~0x08, true); // no data descriptor: sizes are in the header
    hv.setUint16(8, 8, true);
    hv.setUint32(14, crc, true);
    hv.setUint32(18, data.length, true);
    hv.setUint32(22, replacement.length, true);
    view.setUint16(8, u16(central, 8) & ~0x08, true);
    view.setUint16(10, 8, true);
    view.setUint32(16, crc, true);
    view.setUint32(20, data.length, true);
    view.setUint32(24, replacement.length, true);
    view.setUint32(42, offset, true);
    parts.push(header, data);
    centrals.push(central);
    offset += header.length + data.length;
  }
  const centralOffset = offset;
  let centralSize = 0;
  for (const c of centrals) centralSize += c.length;
  const endRecord = new Uint8Array(zip.endRecord);
  const ev = new DataView(endRecord.buffer, endRecord.byteOffset, endRecord.byteLength);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, centralOffset, true);
  return Buffer.concat([...parts, ...centrals, endRecord]);
}

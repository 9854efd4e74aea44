/**
 * Which reader a file needs: Word (.docx) and PDF files are recognised by
 * their first bytes (and a .doc or encrypted Office file refused), whatever
 * their name; everything else is text (src/document/source.ts). The Word and
 * PDF readers are loaded only when a run has such a file.
 */
import { decodeSource, SourceError, type SourceText } from './source.js';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export type FileKind = 'text' | 'docx' | 'pdf' | 'ole';

const startsWith = (bytes: Uint8Array, prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/** What a file is, from its first bytes and (for a zip or an empty file) its name. */
export function kindOf(file: string, bytes: Uint8Array): FileKind {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, OLE)) return 'ole';
  if (startsWith(bytes, ZIP) || /\.(?:docx|docm|dotx)$/i.test(file)) return 'docx';
  if (/\.pdf$/i.test(file)) return 'pdf';
  return 'text';
}

/** Read a file of any kind policy-lint reads. Throws SourceError (one line) for a file it refuses. */
export async function readSource(file: string, bytes: Uint8Array): Promise<SourceText> {
  const kind = kindOf(file, bytes);
  if (kind === 'text') return decodeSource(bytes);
  if (kind === 'pdf') return (await import('./pdf.js')).readPdf(bytes);
  return (await import('./docx.js')).readDocx(bytes);
}

/** readSource for files that need no asynchronous reader (text and Word); a PDF throws. */
export function readSourceSync(file: string, bytes: Uint8Array, docx?: typeof import('./docx.js')): SourceText {
  const kind = kindOf(file, bytes);
  if (kind === 'text') return decodeSource(bytes);
  if (kind === 'pdf' || !docx) throw new SourceError('internal: a PDF or Word file must be read with readSource');
  return docx.readDocx(bytes);
}

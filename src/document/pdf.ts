/**
 * PDF files, as schools publish their policies: the text layer read with
 * pdfjs-dist (Mozilla's PDF.js, its legacy build for Node; loaded only when a
 * run has a PDF), turned into a Markdown text view like a Word document's
 * (`policy-lint --print-text policy.pdf` prints it):
 * - text in reading order: lines from the text items' positions, top to
 *   bottom; paragraphs where the gap between lines is wider than the
 *   document's usual line spacing, the font changes, or a bullet starts;
 * - headings from the PDF's structure tags (H1-H6) where it is tagged (the structure tree's roles, by
 *   marked-content id, or a marked-content tag itself), and
 *   otherwise from font size (larger than the body text: the largest size is
 *   level 1) and weight (a whole paragraph in a bold font is bold, the
 *   bold-heading habit);
 * - running headers, footers and page numbers left out: lines near the top
 *   or bottom of the page that repeat on half the pages or more (digits
 *   aside), and "Page 3 of 12" or a bare number there;
 * - a word hyphenated across lines joined ("safe-" / "guarding"), and a
 *   paragraph that runs on to the next page joined;
 * - each paragraph knows its page (`page` in JSON).
 * Limits: at most PDF_LIMITS.maxPages pages and maxSeconds of reading, so a
 * hostile file is refused, not read. A PDF is never fixed.
 */
import { SourceError, type SourceText, type ViewLocation } from './source.js';

export const PDF_LIMITS = Object.freeze({ maxPages: 1_000, maxSeconds: 60, minTextChars: 20 });

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  page: number;
  /** A structure tag's heading level (H1-H6), when the line is in one. */
  tagLevel?: number;
  /** Position on the page from the top, 0-1. */
  top: number;
}

interface Block {
  lines: Line[];
  page: number;
  heading?: number;
  bold: boolean;
  bullet: boolean;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: PdfJs | undefined;

const INLINE_SPECIAL = /[\\`*_[\]<>|~&!]/g;
function escapeInline(s: string): string {
  return s.replace(INLINE_SPECIAL, '\\$&');
}
function escapeStart(s: string): string {
  return /^(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|>|={2,}|-{2,})/.test(s) ? `\\${s}` : s;
}

const BULLET = /^[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7\uf0b7\uf0a7o-]\s+/;
const PAGE_NUMBER = /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** Read a PDF's text layer into a text view. Throws SourceError (one line) for a PDF policy-lint refuses. */
export async function readPdf(bytes: Uint8Array): Promise<SourceText> {
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs');
  const started = Date.now();
  let doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === 'PasswordException')
      throw new SourceError('an encrypted (password-protected) PDF; policy-lint cannot read it: lint the Word document it was made from, or save a copy without a password');
    throw new SourceError(`not a readable PDF (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); lint the Word document it was made from`);
  }
  try {
    if (doc.numPages > PDF_LIMITS.maxPages) {
      throw new SourceError(
        `refused: the PDF has ${doc.numPages.toLocaleString('en-GB')} pages (policy-lint reads up to ${PDF_LIMITS.maxPages.toLocaleString('en-GB')}); split it, or lint the Word document it was made from`,
      );
    }
    const lines: Line[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - started > PDF_LIMITS.maxSeconds * 1000)
        throw new SourceError(`refused: reading the PDF took more than ${PDF_LIMITS.maxSeconds} seconds (page ${n} of ${doc.numPages})`);
      lines.push(...(await pageLines(doc, n)));
    }
    const chars = lines.reduce((k, l) => k + l.text.replace(/\s/g, '').length, 0);
    if (chars < PDF_LIMITS.minTextChars) {
      throw new SourceError(
        'a PDF with no text layer (a scan, or pages saved as pictures); policy-lint reads text: lint the Word document it was made from, or run text recognition (OCR) on it first',
      );
    }
    return buildView(dropRunning(lines, doc.numPages));
  } finally {
    await doc.destroy();
  }
}

async function pageLines(doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']>, n: number): Promise<Line[]> {
  const page = await doc.getPage(n);
  const [, , , height] = page.view as [number, number, number, number];
  const content = await page.getTextContent({ includeMarkedContent: true });
  const headingOf = await structHeadings(page);
  // Font names (to tell bold) are known once the page's fonts are loaded.
  await page.getOperatorList();
  const boldFont = new Map<string, boolean>();
  const isBold = (fontName: string): boolean => {
    let b = boldFont.get(fontName);
    if (b === undefined) {
      let name = '';
      try {
        const font = page.commonObjs.get(fontName) as { name?: string; bold?: boolean; black?: boolean } | undefined;
        name = font?.name ?? '';
        b = Boolean(font?.bold || font?.black) || /bold|black|heavy|semibold|demi/i.test(name);
      } catch {
        b = false;
      }
      boldFont.set(fontName, b);
    }
    return b;
  };
  const out: Line[] = [];
  const tags: (number | undefined)[] = [];
  let current: (Line & { end: number; chars: number; boldChars: number }) | undefined;
  const flush = (): void => {
    if (current && current.text.trim()) {
      current.text = current.text.replace(/\s+/g, ' ').trim();
      current.bold = current.boldChars * 2 > current.chars;
      out.push(current);
    }
    current = undefined;
  };
  for (const item of content.items) {
    if (!('str' in item)) {
      const mark = item as { type: string; tag?: string; id?: string };
      if (mark.type === 'beginMarkedContent' || mark.type === 'beginMarkedContentProps') {
        // The heading level of the structure element this content belongs to (its marked-content id in the
        // structure tree), else of the marked content's own tag (/H2 <<...>> BDC), else of the content around it.
        const m = /^H([1-6])$/.exec(mark.tag ?? '');
        tags.push((mark.id !== undefined ? headingOf.get(mark.id) : undefined) ?? (m ? Number(m[1]) : tags[tags.length - 1]));
      } else if (mark.type === 'endMarkedContent') tags.pop();
      continue;
    }
    const [a, b, , , x, y] = item.transform as number[];
    const size = Math.round(Math.hypot(a!, b!) * 10) / 10;
    const text = item.str;
    const sameLine = current && Math.abs(current.y - y!) < Math.max(2, size * 0.3) && current.page === n;
    if (!sameLine) {
      flush();
      if (!text.trim() && !item.hasEOL) continue;
      const tag = tags[tags.length - 1];
      current = { text: '', x: x!, y: y!, size, bold: false, page: n, top: 1 - y! / height, end: x!, chars: 0, boldChars: 0, ...(tag !== undefined ? { tagLevel: tag } : {}) };
    }
    const line = current!;
    // A gap between items on a line is a space, unless the text already has one.
    if (line.text && x! - line.end > size * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(text)) line.text += ' ';
    line.text += text;
    line.end = x! + (item.width ?? 0);
    const visible = text.replace(/\s/g, '').length;
    line.chars += visible;
    if (isBold(item.fontName)) line.boldChars += visible;
    line.size = Math.max(line.size, size);
    if (item.hasEOL) flush();
  }
  flush();
  page.cleanup();
  return out;
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/**
 * The heading level (H1-H6) of each marked-content id on a page, from the page's structure tree: a tagged PDF
 * says what is a heading there, whatever its font (Chromium's "Save as PDF" marks the page's content itself as
 * /NonStruct, and the heading role is only in the tree). Empty for an untagged page or an unreadable tree.
 */
async function structHeadings(page: { getStructTree(): Promise<unknown> }): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  let tree: StructNode | null;
  try {
    tree = (await page.getStructTree()) as StructNode | null;
  } catch {
    return out;
  }
  if (!tree) return out;
  // Depth-first without recursion (a hostile tree can be deep), carrying the nearest heading ancestor's level.
  const stack: { node: StructNode; level: number | undefined }[] = [{ node: tree, level: undefined }];
  while (stack.length > 0) {
    const { node, level } = stack.pop()!;
    if (node.type === 'content' && node.id !== undefined) {
      if (level !== undefined) out.set(node.id, level);
      continue;
    }
    const m = /^H([1-6])$/.exec(node.role ?? '');
    const here = m ? Number(m[1]) : level;
    for (const child of node.children ?? []) stack.push({ node: child, level: here });
  }
  return out;
}

/** Leave out running headers and footers, and page numbers, near the top or bottom of the page. */
function dropRunning(lines: Line[], pages: number): Line[] {
  const margin = (l: Line): boolean => l.top < 0.1 || l.top > 0.9;
  const key = (l: Line): string => `${l.top < 0.5 ? 't' : 'b'}|${l.text.replace(/\d+/g, '#').toLowerCase()}`;
  const counts = new Map<string, Set<number>>();
  for (const l of lines) if (margin(l)) (counts.get(key(l)) ?? counts.set(key(l), new Set()).get(key(l))!).add(l.page);
  return lines.filter((l) => {
    if (!margin(l)) return true;
    if (PAGE_NUMBER.test(l.text)) return false;
    const seenOn = counts.get(key(l))!.size;
    return !(seenOn >= 2 && seenOn * 2 >= pages);
  });
}

/** The most common value (rounded to halves). */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const v of values) {
    const r = Math.round(v * 2) / 2;
    const c = (counts.get(r) ?? 0) + 1;
    counts.set(r, c);
    if (c > bestCount) [best, bestCount] = [r, c];
  }
  return best;
}

function buildView(lines: Line[]): SourceText {
  const body = mode(lines.flatMap((l) => Array<number>(Math.min(l.text.length, 200)).fill(l.size)));
  const spacings: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [p, l] = [lines[i - 1]!, lines[i]!];
    if (p.page === l.page && p.size === body && l.size === body && p.y > l.y) spacings.push(p.y - l.y);
  }
  const spacing = mode(spacings) || body * 1.2;
  const larger = [...new Set(lines.filter((l) => l.size >= body * 1.15).map((l) => Math.round(l.size * 2) / 2))].sort((a, b) => b - a);
  const levelOf = (l: Line): number | undefined => l.tagLevel ?? (l.size >= body * 1.15 ? Math.min(6, larger.indexOf(Math.round(l.size * 2) / 2) + 1) : undefined);

  // Lines into blocks.
  const blocks: Block[] = [];
  let block: Block | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const p = i > 0 ? lines[i - 1] : undefined;
    const heading = levelOf(l);
    const bullet = BULLET.test(l.text);
    const samePage = p !== undefined && p.page === l.page;
    const continues =
      block !== undefined &&
      p !== undefined &&
      !bullet &&
      heading === block.heading &&
      l.bold === block.bold &&
      ((samePage && p.y - l.y <= spacing * 1.25 && Math.abs(p.size - l.size) < 0.5) ||
        // A paragraph that runs on to the next page: no full stop before the break, a small letter after it.
        (!samePage && heading === undefined && !/[.:;!?]$/.test(p.text) && /^[a-z]/.test(l.text)));
    if (continues) block!.lines.push(l);
    else {
      block = { lines: [l], page: l.page, bold: l.bold, bullet, ...(heading !== undefined ? { heading } : {}) };
      blocks.push(block);
    }
  }

  let text = '\n';
  const locations: ViewLocation[] = [{ start: 0, part: 'document' }];
  let lastPage = 0;
  let lastWasItem = false;
  for (const b of blocks) {
    // Lines joined with spaces; a word hyphenated at a line's end joined again.
    let joined = '';
    for (const l of b.lines) {
      if (!joined) joined = l.text;
      else if (/[A-Za-z]-$/.test(joined) && /^[a-z]/.test(l.text)) joined = joined.slice(0, -1) + l.text;
      else joined += ` ${l.text}`;
    }
    if (b.bullet) joined = joined.replace(BULLET, '');
    let line = escapeInline(joined);
    if (b.heading !== undefined) line = `${'#'.repeat(b.heading)} ${line}`;
    else if (b.bold) line = `**${line}**`;
    else if (b.bullet) line = `- ${line}`;
    else line = escapeStart(line);
    text += b.bullet && lastWasItem ? '\n' : text === '\n' ? '' : '\n\n';
    lastWasItem = b.bullet;
    if (b.page !== lastPage || locations[locations.length - 1]!.page !== b.page) {
      locations.push({ start: text.length, page: b.page });
      lastPage = b.page;
    }
    text += line;
  }
  text += '\n';
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { text, original: text, encoding: 'utf-8', bom: false, eol: '\n', originalLineStarts: lineStarts, format: 'pdf', locations };
}

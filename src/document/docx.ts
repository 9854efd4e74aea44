/**
 * Word documents (.docx, Word 2007 and later; also as Google Docs and
 * LibreOffice save them), read straight from the WordprocessingML in the zip
 * (ECMA-376 Part 1, https://ecma-international.org/publications-and-standards/standards/ecma-376/):
 * word/document.xml, with word/styles.xml, word/numbering.xml,
 * word/footnotes.xml, word/endnotes.xml and the headers and footers.
 *
 * The document becomes a text view in Markdown, which the rest of the
 * pipeline parses as it parses any policy (`policy-lint --print-text FILE`
 * prints it):
 * - a paragraph whose style is a heading (built-in "heading 1-9", "Title", a
 *   custom style based on one) or that has an outline level (w:outlineLvl,
 *   directly or from its style) is a `#` heading of that level, with its
 *   number as Word shows it ("1.2 Roles and Responsibilities") when it is
 *   numbered (w:numPr);
 * - bold runs are `**bold**` (a paragraph whose whole text is bold is the
 *   bold-heading habit, and the section tree treats it so); run boundaries
 *   are not kept: "KCSIE" bold and " 2023" plain are one sentence;
 * - list paragraphs (w:numPr outside headings) are `-` or `1.` items,
 *   indented by their level; tables are GFM tables (the paragraphs of a cell
 *   joined by spaces);
 * - footnotes and endnotes follow the paragraph that refers to them (as GFM
 *   footnote definitions); headers and footers come last (a footer's
 *   "Review date: Autumn 2024" is policy text);
 * - tracked changes are read as the final document: insertions in,
 *   deletions out; field results (a date, a page number) are in, field
 *   codes out; comments are not policy text.
 * Markdown characters in Word's text are escaped, so that they read as
 * themselves.
 *
 * Every character of the view knows where it came from: the body paragraph
 * (numbered from 1 in document order, table cells included, for "paragraph
 * 38" in reports) and, for text in a plain run, its place in
 * word/document.xml, so that --fix can edit the runs within one paragraph and
 * leave everything else byte for byte (fixDocxXml).
 */
import { SourceError, type SourceText, type ViewLocation } from './source.js';
import { openZip, readEntry, replaceEntries, type ZipArchive } from './zip.js';

export interface DocxModel {
  zip: ZipArchive;
  xml: string;
  styles: Styles;
  numbering: Numbering;
  notes: Map<string, string[]>;
  extras: string[];
  /** For each character of the view: index into `chars`, or -1 (markup policy-lint added), or -2 (an escape backslash). */
  origin: Int32Array;
  /** Characters that came from word/document.xml: [xmlStart, xmlEnd, paragraph, editable (1) or not (0), w:t start, w:t content end] per character. */
  chars: Int32Array;
  charCount: number;
}

// ---------------------------------------------------------------------------
// XML: a tokenizer over the part's text, with offsets (WordprocessingML is plain XML: no DTD, no entities beyond the five).

interface Token {
  /** 1 open, 2 close, 3 empty, 4 text, 0 other (comment, declaration, CDATA kept as text). */
  kind: number;
  name: string;
  start: number;
  end: number;
  attrs: string;
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>/g;

function* tokens(xml: string): Generator<Token> {
  TAG.lastIndex = 0;
  let at = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m.index > at) yield { kind: 4, name: '', start: at, end: m.index, attrs: '' };
    at = m.index + m[0].length;
    if (m[2] === undefined) {
      yield { kind: 0, name: '', start: m.index, end: at, attrs: '' };
      continue;
    }
    yield { kind: m[1] ? 2 : m[4] ? 3 : 1, name: m[2], start: m.index, end: at, attrs: m[3] ?? '' };
  }
  if (at < xml.length) yield { kind: 4, name: '', start: at, end: xml.length, attrs: '' };
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? '') : undefined;
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, named: string | undefined) =>
    named ? NAMED[named]! : String.fromCodePoint(parseInt(dec ?? hex!, dec ? 10 : 16)),
  );
}

/** The characters of an XML text node with the offset of each in the XML ([start of char, ...], plus the end). */
function decodeWithOffsets(xml: string, start: number, end: number): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (let i = start; i < end;) {
    if (xml.charCodeAt(i) === 38) {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(xml);
      if (m && m.index === i) {
        const c = m[3] ? NAMED[m[3]]! : String.fromCodePoint(parseInt(m[1] ?? m[2]!, m[1] ? 10 : 16));
        for (let k = 0; k < c.length; k++) offsets.push(i);
        text += c;
        i += m[0].length;
        continue;
      }
    }
    offsets.push(i);
    text += xml[i];
    i++;
  }
  offsets.push(end);
  return { text, offsets };
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const isOn = (attrs: string): boolean => {
  const v = attr(attrs, 'w:val');
  return v === undefined || !/^(?:0|false|off|none)$/i.test(v);
};

// ---------------------------------------------------------------------------
// Styles and numbering.

interface StyleInfo {
  name: string;
  basedOn?: string;
  outline?: number;
  bold?: boolean;
  numId?: string;
  ilvl?: number;
  type: string;
}
interface Styles {
  byId: Map<string, StyleInfo>;
  defaultParagraph?: string;
}

function readStyles(xml: string | undefined): Styles {
  const byId = new Map<string, StyleInfo>();
  let defaultParagraph: string | undefined;
  if (!xml) return { byId };
  let current: StyleInfo | undefined;
  let inRPr = false;
  let inPPr = false;
  for (const t of tokens(xml)) {
    if (t.kind === 1 && t.name === 'w:style') {
      const id = attr(t.attrs, 'w:styleId') ?? '';
      current = { name: '', type: attr(t.attrs, 'w:type') ?? 'paragraph' };
      byId.set(id, current);
      if (current.type === 'paragraph' && attr(t.attrs, 'w:default') && isOn(`w:val="${attr(t.attrs, 'w:default')}"`)) defaultParagraph = id;
    } else if (t.kind === 2 && t.name === 'w:style') current = undefined;
    else if (!current) continue;
    else if (t.name === 'w:rPr') inRPr = t.kind === 1;
    else if (t.name === 'w:pPr') inPPr = t.kind === 1;
    else if (t.kind === 1 || t.kind === 3) {
      if (t.name === 'w:name') current.name = attr(t.attrs, 'w:val') ?? '';
      else if (t.name === 'w:basedOn') current.basedOn = attr(t.attrs, 'w:val');
      else if (t.name === 'w:outlineLvl' && inPPr) current.outline = Number(attr(t.attrs, 'w:val'));
      else if (t.name === 'w:b' && inRPr) current.bold = isOn(t.attrs);
      else if (t.name === 'w:numId' && inPPr) current.numId = attr(t.attrs, 'w:val');
      else if (t.name === 'w:ilvl' && inPPr) current.ilvl = Number(attr(t.attrs, 'w:val'));
    }
  }
  return defaultParagraph !== undefined ? { byId, defaultParagraph } : { byId };
}

/** A property of a style, looked up along its basedOn chain. */
function styleProp<K extends keyof StyleInfo>(styles: Styles, id: string | undefined, key: K): StyleInfo[K] | undefined {
  for (let k = 0, s = id; s !== undefined && k < 20; k++) {
    const info = styles.byId.get(s);
    if (!info) return undefined;
    if (info[key] !== undefined) return info[key];
    s = info.basedOn;
  }
  return undefined;
}

/** The heading level a paragraph style gives (1-9), from its name or outline level, along the chain. */
function styleHeadingLevel(styles: Styles, id: string | undefined): number | undefined {
  for (let k = 0, s = id; s !== undefined && k < 20; k++) {
    const info = styles.byId.get(s);
    if (!info) break;
    if (info.outline !== undefined && info.outline >= 0 && info.outline <= 8) return info.outline + 1;
    const m = /^heading\s*([1-9])$/i.exec(info.name);
    if (m) return Number(m[1]);
    if (/^title$/i.test(info.name)) return 1;
    s = info.basedOn;
  }
  // A style id like "Heading2" with no styles part.
  const m = id ? /^heading([1-9])$/i.exec(id) : null;
  return m ? Number(m[1]) : undefined;
}

interface Level {
  fmt: string;
  text: string;
  start: number;
}
interface Numbering {
  /** numId -> abstractNumId, with start overrides by level. */
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
  abstracts: Map<string, Map<number, Level>>;
}

function readNumbering(xml: string | undefined): Numbering {
  const nums: Numbering['nums'] = new Map();
  const abstracts: Numbering['abstracts'] = new Map();
  if (!xml) return { nums, abstracts };
  let abs: Map<number, Level> | undefined;
  let lvl: Level | undefined;
  let num: { abstract: string; starts: Map<number, number> } | undefined;
  let overrideLevel = -1;
  for (const t of tokens(xml)) {
    if (t.kind === 2) {
      if (t.name === 'w:abstractNum') abs = undefined;
      else if (t.name === 'w:lvl') lvl = undefined;
      else if (t.name === 'w:num') num = undefined;
      continue;
    }
    if (t.kind !== 1 && t.kind !== 3) continue;
    if (t.name === 'w:abstractNum') abstracts.set(attr(t.attrs, 'w:abstractNumId') ?? '', (abs = new Map()));
    else if (t.name === 'w:lvl' && abs) abs.set(Number(attr(t.attrs, 'w:ilvl') ?? 0), (lvl = { fmt: 'decimal', text: '', start: 1 }));
    else if (t.name === 'w:numFmt' && lvl) lvl.fmt = attr(t.attrs, 'w:val') ?? 'decimal';
    else if (t.name === 'w:lvlText' && lvl) lvl.text = attr(t.attrs, 'w:val') ?? '';
    else if (t.name === 'w:start' && lvl) lvl.start = Number(attr(t.attrs, 'w:val') ?? 1);
    else if (t.name === 'w:num') nums.set(attr(t.attrs, 'w:numId') ?? '', (num = { abstract: '', starts: new Map() }));
    else if (t.name === 'w:abstractNumId' && num) num.abstract = attr(t.attrs, 'w:val') ?? '';
    else if (t.name === 'w:lvlOverride' && num) overrideLevel = Number(attr(t.attrs, 'w:ilvl') ?? 0);
    else if (t.name === 'w:startOverride' && num && overrideLevel >= 0) num.starts.set(overrideLevel, Number(attr(t.attrs, 'w:val') ?? 1));
  }
  return { nums, abstracts };
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}
function letters(n: number): string {
  const c = String.fromCharCode(97 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}
function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}

/** Word's list counters: the label a numbered paragraph shows ("1.2", "a)"), or "" for a bullet; `bullet` when it is one. */
class Counters {
  private readonly counts = new Map<string, number[]>();
  constructor(private readonly numbering: Numbering) {}
  label(numId: string, ilvl: number): { label: string; bullet: boolean; decimal: boolean } | undefined {
    const num = this.numbering.nums.get(numId);
    if (!num || numId === '0') return undefined;
    const levels = this.numbering.abstracts.get(num.abstract);
    const level = levels?.get(ilvl);
    if (!levels || !level) return { label: '', bullet: true, decimal: false };
    const key = numId;
    let counts = this.counts.get(key);
    if (!counts) this.counts.set(key, (counts = []));
    for (let l = 0; l <= ilvl; l++) if (counts[l] === undefined) counts[l] = (num.starts.get(l) ?? levels.get(l)?.start ?? 1) - 1;
    counts[ilvl]!++;
    counts.length = ilvl + 1;
    if (level.fmt === 'bullet' || level.fmt === 'none') return { label: '', bullet: level.fmt === 'bullet', decimal: false };
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatNumber(counts![l] ?? levels.get(l)?.start ?? 1, levels.get(l)?.fmt ?? 'decimal');
    });
    return { label, bullet: false, decimal: level.fmt === 'decimal' && /^%[1-9]\.$/.test(level.text) };
  }
}

// ---------------------------------------------------------------------------
// Paragraphs: the runs of text in a part, with their formatting and where they came from.

interface Piece {
  text: string;
  bold: boolean;
  /** Offsets in the XML of each character (and the end), for text that --fix may edit; absent for locked text. */
  offsets?: number[];
  /** The w:t element's content range, for editable text. */
  tStart?: number;
  tEnd?: number;
  /** A footnote or endnote reference (its id) instead of text. */
  note?: string;
  /** A line break (w:br, w:cr). */
  br?: boolean;
  /** A hyperlink starts (its target) or ends (""). */
  link?: string;
}

interface Para {
  style?: string;
  outline?: number;
  numId?: string;
  ilvl: number;
  pieces: Piece[];
  /** Table position: the table (an id), row and cell, when in one. */
  table?: { id: number; row: number; cell: number };
  /** 1-based number among the body's paragraphs. */
  number: number;
}

/**
 * The paragraphs of a part (the body, a footnote, a header), in order. Text
 * in a field's code, in a deletion or a move away, in a text box (it is
 * drawn apart from the flow) or in a comment is left out.
 */
function readParagraphs(xml: string, editable: boolean, rels: Map<string, string> = new Map(), onNote?: (kind: string, id: string) => void): Para[] {
  const paras: Para[] = [];
  let p: Para | undefined;
  let inPPr = 0;
  let inRPr = 0;
  let runBold: boolean | undefined;
  let runStyleBold: boolean | undefined;
  let deleted = 0;
  let skip = 0; // text boxes, fallbacks, comments' ranges never hold body text of their own
  let inserted = 0;
  const fields: ('code' | 'result')[] = [];
  let simpleField = 0;
  let tText: Token | undefined;
  let tableId = 0;
  const tables: { id: number; row: number; cell: number }[] = [];
  let count = 0;
  let charStyle: string | undefined;
  let inRun = false;
  for (const t of tokens(xml)) {
    if (t.kind === 4 || t.kind === 0) {
      if (tText && p && !skip && !deleted && fields[fields.length - 1] !== 'code') {
        const { text, offsets } =
          t.kind === 4 ? decodeWithOffsets(xml, t.start, t.end) : { text: /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(xml.slice(t.start, t.end))?.[1] ?? '', offsets: undefined };
        if (text) {
          const locked = !editable || t.kind === 0 || inserted > 0 || fields.length > 0 || simpleField > 0;
          const piece: Piece = { text, bold: runBold ?? runStyleBold ?? false };
          if (!locked && offsets) {
            piece.offsets = offsets;
            piece.tStart = t.start;
            piece.tEnd = t.end;
          }
          p.pieces.push(piece);
        }
      }
      continue;
    }
    const { name, kind } = t;
    const open = kind === 1;
    const close = kind === 2;
    switch (name) {
      case 'w:txbxContent':
      case 'mc:Fallback':
      case 'w:pict':
        if (open) skip++;
        else if (close) skip--;
        continue;
      case 'w:del':
      case 'w:moveFrom':
        if (open) deleted++;
        else if (close) deleted--;
        continue;
      case 'w:ins':
      case 'w:moveTo':
        if (inPPr || inRPr) continue; // a paragraph mark or run property change, not inserted text
        if (open) inserted++;
        else if (close) inserted--;
        continue;
      case 'w:hyperlink':
        if (skip || !p || deleted) continue;
        if (open) {
          const id = attr(t.attrs, 'r:id');
          const anchor = attr(t.attrs, 'w:anchor');
          p.pieces.push({ text: '', bold: false, link: (id !== undefined ? rels.get(id) : undefined) ?? (anchor !== undefined ? `#${anchor}` : '#') });
        } else if (close) p.pieces.push({ text: '', bold: false, link: '' });
        continue;
      case 'w:fldSimple':
        if (open) simpleField++;
        else if (close) simpleField--;
        continue;
      case 'w:tbl':
        if (skip) continue;
        if (open) tables.push({ id: ++tableId, row: -1, cell: -1 });
        else if (close) tables.pop();
        continue;
      case 'w:tr':
        if (!skip && open && tables.length) {
          tables[tables.length - 1]!.row++;
          tables[tables.length - 1]!.cell = -1;
        }
        continue;
      case 'w:tc':
        if (!skip && open && tables.length) tables[tables.length - 1]!.cell++;
        continue;
      case 'w:p':
        if (skip) continue;
        if (open) {
          count++;
          p = { ilvl: 0, pieces: [], number: count };
          const table = tables[tables.length - 1];
          if (table) p.table = { ...table };
          paras.push(p);
        } else if (close) {
          p = undefined;
        } else {
          count++;
          const empty: Para = { ilvl: 0, pieces: [], number: count };
          const table = tables[tables.length - 1];
          if (table) empty.table = { ...table };
          paras.push(empty);
        }
        continue;
      case 'w:pPr':
        if (open) inPPr++;
        else if (close) inPPr--;
        continue;
      case 'w:rPr':
        if (open) inRPr++;
        else if (close) inRPr--;
        continue;
      case 'w:r':
        if (open) {
          inRun = true;
          runBold = undefined;
          runStyleBold = undefined;
          charStyle = undefined;
        } else if (close) inRun = false;
        continue;
      default:
        break;
    }
    if (skip || !p) continue;
    if (inPPr && !inRPr && (open || kind === 3)) {
      if (name === 'w:pStyle') p.style = attr(t.attrs, 'w:val');
      else if (name === 'w:outlineLvl') p.outline = Number(attr(t.attrs, 'w:val'));
      else if (name === 'w:numId') p.numId = attr(t.attrs, 'w:val');
      else if (name === 'w:ilvl') p.ilvl = Number(attr(t.attrs, 'w:val') ?? 0);
      continue;
    }
    if (inRPr && inRun && (open || kind === 3)) {
      if (name === 'w:b') runBold = isOn(t.attrs);
      else if (name === 'w:rStyle') charStyle = attr(t.attrs, 'w:val');
      if (charStyle !== undefined && runStyleBold === undefined) runStyleBold = charStyleBold.get(charStyle);
      continue;
    }
    if (name === 'w:t') {
      tText = open ? t : undefined;
      continue;
    }
    if (name === 'w:fldChar' && kind === 3) {
      const type = attr(t.attrs, 'w:fldCharType');
      if (type === 'begin') fields.push('code');
      else if (type === 'separate' && fields.length) fields[fields.length - 1] = 'result';
      else if (type === 'end') fields.pop();
      continue;
    }
    if (deleted || fields[fields.length - 1] === 'code') continue;
    if (kind === 3 || open) {
      if (name === 'w:tab' && inRun) p.pieces.push({ text: ' ', bold: runBold ?? false });
      else if ((name === 'w:br' || name === 'w:cr') && inRun) p.pieces.push({ text: '', bold: false, br: true });
      else if (name === 'w:noBreakHyphen') p.pieces.push({ text: '-', bold: runBold ?? false });
      else if (name === 'w:footnoteReference' || name === 'w:endnoteReference') {
        const id = attr(t.attrs, 'w:id') ?? '';
        p.pieces.push({ text: '', bold: false, note: `${name === 'w:footnoteReference' ? 'footnote' : 'endnote'}:${id}` });
        onNote?.(name, id);
      }
    }
  }
  return paras;
}

/** Bold character styles, for runs that are bold by their style (set per document by readDocx). */
let charStyleBold = new Map<string, boolean>();

/** The paragraphs of each footnote or endnote, by "footnote:ID". */
function readNotes(xml: string | undefined, kind: 'footnote' | 'endnote', into: Map<string, Para[]>): void {
  if (!xml) return;
  const re = new RegExp(`<w:${kind}\\b([^>]*)>([\\s\\S]*?)</w:${kind}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const id = attr(m[1]!, 'w:id') ?? '';
    const type = attr(m[1]!, 'w:type');
    if (type === 'separator' || type === 'continuationSeparator') continue;
    into.set(`${kind}:${id}`, readParagraphs(m[2]!, false));
  }
}

// ---------------------------------------------------------------------------
// The text view.

/** Characters that would be Markdown syntax inside a line. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&!]/;

class ViewBuilder {
  text = '';
  origin: number[] = [];
  locations: ViewLocation[] = [];
  private lastLoc: string | undefined;

  at(loc: Omit<ViewLocation, 'start'>): void {
    const key = `${loc.paragraph ?? ''}|${loc.part ?? ''}`;
    if (key === this.lastLoc) return;
    this.lastLoc = key;
    this.locations.push({ start: this.text.length, ...loc });
  }
  markup(s: string): void {
    this.text += s;
    for (let i = 0; i < s.length; i++) this.origin.push(-1);
  }
  /** Word's own text: escaped where it would be Markdown; `ids` gives each character's origin. */
  content(s: string, ids: number[], lineStart: boolean): void {
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      const atStart = lineStart && i === 0;
      if (INLINE_SPECIAL.test(c) || (atStart && /[#+\-=>0-9]/.test(c) && this.startsBlockSyntax(s, i))) {
        this.text += '\\';
        this.origin.push(-2);
      }
      this.text += c;
      this.origin.push(ids[i] ?? -1);
    }
  }
  /** Would the line from s[i] on be read as a heading, list item, quote or rule? */
  private startsBlockSyntax(s: string, i: number): boolean {
    const rest = s.slice(i, i + 12);
    return /^(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|={2,}|-{2,})/.test(rest);
  }
}

/** The Markdown text view of a document and where each part came from. */
function buildView(
  body: Para[],
  notes: Map<string, Para[]>,
  extras: Para[][],
  styles: Styles,
  numbering: Numbering,
  chars: number[],
): { text: string; origin: number[]; locations: ViewLocation[] } {
  const v = new ViewBuilder();
  const counters = new Counters(numbering);
  const pendingNotes: string[] = [];

  /** The inline text of a paragraph: bold runs in `**`, whitespace kept outside the marks. */
  const inline = (p: Para, paragraph: number | undefined, editable: boolean, forceBold = false): void => {
    // Merge pieces into runs of the same boldness; keep each character's origin.
    type Char = { c: string; bold: boolean; id: number; br?: boolean; note?: string; link?: string };
    const cs: Char[] = [];
    for (const piece of p.pieces) {
      if (piece.link !== undefined) {
        cs.push({ c: '', bold: false, id: -1, link: piece.link });
        continue;
      }
      if (piece.br) {
        cs.push({ c: '\n', bold: false, id: -1, br: true });
        continue;
      }
      if (piece.note) {
        cs.push({ c: '', bold: false, id: -1, note: piece.note });
        continue;
      }
      for (let k = 0; k < piece.text.length; k++) {
        let id = -1;
        if (editable && piece.offsets && paragraph !== undefined) {
          id = chars.length / 6;
          chars.push(piece.offsets[k]!, piece.offsets[k + 1]!, paragraph, 1, piece.tStart!, piece.tEnd!);
        } else if (paragraph !== undefined) {
          id = chars.length / 6;
          chars.push(-1, -1, paragraph, 0, -1, -1);
        }
        cs.push({ c: piece.text[k]!, bold: forceBold ? false : piece.bold, id });
      }
    }
    // Trim: leading and trailing whitespace of the paragraph is not shown.
    let a = 0;
    let b = cs.length;
    const marker = (x: Char): boolean => x.note !== undefined || x.link !== undefined;
    while (a < b && /\s/.test(cs[a]!.c) && !marker(cs[a]!)) a++;
    while (b > a && !marker(cs[b - 1]!) && (/\s/.test(cs[b - 1]!.c) || cs[b - 1]!.c === '')) b--;
    let linkOpen = false;
    let linkTarget = '';
    let i = a;
    let lineStart = true;
    while (i < b) {
      const ch = cs[i]!;
      if (ch.note) {
        v.markup(`[^${ch.note.replace(':', '-')}]`);
        pendingNotes.push(ch.note);
        i++;
        continue;
      }
      if (ch.link !== undefined) {
        // [text](target): an empty or bare "#" target stays as Word has it, for the link rules.
        if (ch.link !== '' && !linkOpen) {
          v.markup('[');
          linkOpen = true;
          linkTarget = ch.link;
        } else if (ch.link === '' && linkOpen) {
          v.markup(`](${linkTarget.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`);
          linkOpen = false;
        }
        i++;
        continue;
      }
      if (ch.br) {
        v.markup('\\\n');
        lineStart = true;
        i++;
        continue;
      }
      let j = i;
      while (j < b && cs[j]!.bold === ch.bold && !cs[j]!.br && !marker(cs[j]!)) j++;
      let run = cs.slice(i, j);
      if (ch.bold) {
        // Whitespace outside the marks, so that they open and close.
        let lead = 0;
        while (lead < run.length && /\s/.test(run[lead]!.c)) lead++;
        let trail = run.length;
        while (trail > lead && /\s/.test(run[trail - 1]!.c)) trail--;
        if (lead > 0)
          v.content(
            run
              .slice(0, lead)
              .map((x) => x.c)
              .join(''),
            run.slice(0, lead).map((x) => x.id),
            lineStart,
          );
        if (trail > lead) {
          v.markup('**');
          const mid = run.slice(lead, trail);
          v.content(
            mid.map((x) => x.c).join(''),
            mid.map((x) => x.id),
            false,
          );
          v.markup('**');
          lineStart = false;
        }
        run = run.slice(trail);
        if (run.length)
          v.content(
            run.map((x) => x.c).join(''),
            run.map((x) => x.id),
            false,
          );
      } else {
        v.content(
          run.map((x) => x.c).join(''),
          run.map((x) => x.id),
          lineStart,
        );
      }
      lineStart = false;
      i = j;
    }
    if (linkOpen) v.markup(`](${linkTarget})`);
  };

  const flushNotes = (): void => {
    while (pendingNotes.length) {
      const key = pendingNotes.shift()!;
      const paras = notes.get(key) ?? [];
      const [kind] = key.split(':');
      v.at({ part: kind! });
      v.markup(`\n\n[^${key.replace(':', '-')}]: `);
      paras.forEach((np, k) => {
        if (k > 0) v.markup(' ');
        inline(np, undefined, false);
      });
    }
  };

  // The view starts with an empty line: a finding about the whole document (reported at its very start)
  // is then in no section, not in the first one.
  v.at({ part: 'document' });
  v.markup('\n');
  let first = true;
  let lastWasItem = false;
  /** Blocks are separated by a blank line; the items of one list by a line break (a tight list, as Word shows it). */
  const separate = (item = false): void => {
    if (!first) v.markup(item && lastWasItem ? '\n' : '\n\n');
    first = false;
    lastWasItem = item;
  };

  for (let i = 0; i < body.length; i++) {
    const p = body[i]!;
    if (p.table) {
      // The whole table: rows of cells, each cell the paragraphs in it.
      const id = p.table.id;
      const rows: Para[][][] = [];
      let j = i;
      while (j < body.length && body[j]!.table?.id === id) {
        const q = body[j]!;
        ((rows[q.table!.row] ??= [])[q.table!.cell] ??= []).push(q);
        j++;
      }
      separate();
      const width = Math.max(1, ...rows.map((r) => r.length));
      rows.forEach((row, r) => {
        if (r > 0) v.markup('\n');
        v.markup('|');
        for (let c = 0; c < width; c++) {
          v.markup(' ');
          const cell = row[c] ?? [];
          let wrote = false;
          for (const q of cell) {
            if (q.pieces.every((x) => !x.text.trim())) continue;
            if (wrote) v.markup(' ');
            v.at({ paragraph: q.number });
            inline({ ...q, pieces: q.pieces.filter((x) => !x.br) }, q.number, true);
            wrote = true;
          }
          v.markup(' |');
        }
        if (r === 0) v.markup(`\n|${' --- |'.repeat(width)}`);
      });
      flushNotes();
      i = j - 1;
      continue;
    }
    if (p.pieces.every((x) => !x.text.trim() && !x.note)) continue;
    const style = p.style ?? styles.defaultParagraph;
    const level = p.outline !== undefined && p.outline >= 0 && p.outline <= 8 ? p.outline + 1 : styleHeadingLevel(styles, style);
    const numId = p.numId ?? styleProp(styles, style, 'numId');
    const ilvl = p.numId !== undefined ? p.ilvl : (styleProp(styles, style, 'ilvl') ?? p.ilvl);
    const number = numId !== undefined ? counters.label(numId, ilvl) : undefined;
    separate(level === undefined && number !== undefined);
    v.at({ paragraph: p.number });
    const styleBold = styleProp(styles, style, 'bold') ?? false;
    if (styleBold) for (const x of p.pieces) x.bold ||= true;
    if (level !== undefined) {
      v.markup(`${'#'.repeat(Math.min(level, 6))} `);
      if (number?.label) v.markup(`${number.label.replace(/[\\`*_[\]<>|~&!#]/g, '\\$&')} `);
      inline(p, p.number, true, true);
    } else if (number) {
      v.markup(
        `${'  '.repeat(Math.min(ilvl, 8) * (number.decimal ? 2 : 1))}${number.decimal ? number.label + ' ' : number.bullet ? '- ' : `- ${number.label.replace(/[\\`*_[\]<>|~&!#]/g, '\\$&')} `}`,
      );
      inline(p, p.number, true);
    } else {
      inline(p, p.number, true);
    }
    flushNotes();
  }
  // Headers and footers, after the body (each distinct one once).
  const seen = new Set<string>();
  for (const part of extras) {
    for (const p of part) {
      const key = p.pieces
        .map((x) => x.text)
        .join('')
        .trim();
      if (!key || seen.has(key)) continue;
      seen.add(key);
      separate();
      v.at({ part: 'header or footer' });
      inline(p, undefined, false);
    }
  }
  v.markup('\n');
  return { text: v.text, origin: v.origin, locations: v.locations };
}

// ---------------------------------------------------------------------------

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Is this an OLE compound file (a Word 97-2003 .doc, or an encrypted Office 2007+ file)? */
export function isOle(bytes: Uint8Array): boolean {
  return OLE.every((b, i) => bytes[i] === b);
}

/** The one-line refusal for an OLE compound file. */
export function oleRefusal(bytes: Uint8Array): SourceError {
  const marker = Buffer.from('EncryptedPackage', 'utf16le');
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(marker)) {
    return new SourceError(
      'an encrypted (password-protected) Word document; policy-lint cannot read it: in Word, File > Info > Protect Document > Encrypt with Password, clear the password and save',
    );
  }
  return new SourceError('a Word 97-2003 document (.doc), which policy-lint does not read: open it in Word and save it as .docx (File > Save As > Word Document)');
}

const decodeUtf8 = (b: Uint8Array | undefined): string | undefined => (b ? new TextDecoder('utf-8').decode(b) : undefined);

/** Read a .docx: its text view (a SourceText whose `docx` holds what --fix needs). Throws SourceError with a one-line reason. */
export function readDocx(bytes: Uint8Array): SourceText {
  if (isOle(bytes)) throw oleRefusal(bytes);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new SourceError('not a Word document (a .docx is a zip file, and this is not one); open it in Word and save it as .docx');
  const zip = openZip(bytes);
  const main = readEntry(zip, 'word/document.xml');
  if (!main) {
    throw new SourceError(
      zip.byName.has('EncryptionInfo')
        ? 'an encrypted Word document; save a copy without a password'
        : 'not a Word document (the zip has no word/document.xml); open it in Word and save it as .docx',
    );
  }
  const xml = new TextDecoder('utf-8').decode(main);
  return docxFromXml(zip, xml);
}

function partsOf(zip: ZipArchive, prefix: RegExp): string[] {
  return zip.entries
    .map((e) => e.name)
    .filter((n) => prefix.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The text view of a document whose word/document.xml is `xml` (the other parts read from the zip). */
/** The relationships of word/document.xml: id -> target (hyperlinks' addresses). */
function readRels(xml: string | undefined): Map<string, string> {
  const rels = new Map<string, string>();
  if (!xml) return rels;
  for (const t of tokens(xml)) if ((t.kind === 3 || t.kind === 1) && t.name === 'Relationship') rels.set(attr(t.attrs, 'Id') ?? '', attr(t.attrs, 'Target') ?? '');
  return rels;
}

export function docxFromXml(
  zip: ZipArchive,
  xml: string,
  cached?: Pick<DocxModel, 'styles' | 'numbering'> & { noteParas: Map<string, Para[]>; extras: Para[][]; rels?: Map<string, string> },
): SourceText {
  const styles = cached?.styles ?? readStyles(decodeUtf8(readEntry(zip, 'word/styles.xml')));
  charStyleBold = new Map([...styles.byId].filter(([, s]) => s.type === 'character').map(([id]) => [id, styleProp(styles, id, 'bold') ?? false]));
  const numbering = cached?.numbering ?? readNumbering(decodeUtf8(readEntry(zip, 'word/numbering.xml')));
  let noteParas = cached?.noteParas;
  if (!noteParas) {
    noteParas = new Map();
    readNotes(decodeUtf8(readEntry(zip, 'word/footnotes.xml')), 'footnote', noteParas);
    readNotes(decodeUtf8(readEntry(zip, 'word/endnotes.xml')), 'endnote', noteParas);
  }
  const extras = cached?.extras ?? [...partsOf(zip, /^word\/header\d*\.xml$/), ...partsOf(zip, /^word\/footer\d*\.xml$/)].map((n) => readParagraphs(decodeUtf8(readEntry(zip, n))!, false));
  const rels = cached?.rels ?? readRels(decodeUtf8(readEntry(zip, 'word/_rels/document.xml.rels')));
  const body = readParagraphs(xml, true, rels);
  const chars: number[] = [];
  const view = buildView(body, noteParas, extras, styles, numbering, chars);
  const text = view.text;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const source: SourceText = {
    text,
    original: text,
    encoding: 'utf-8',
    bom: false,
    eol: '\n',
    originalLineStarts: lineStarts,
    format: 'docx',
    locations: view.locations,
  };
  const model: DocxModel & { noteParas: Map<string, Para[]>; extraParas: Para[][]; rels: Map<string, string> } = {
    zip,
    xml,
    styles,
    numbering,
    notes: new Map(),
    extras: [],
    origin: Int32Array.from(view.origin),
    chars: Int32Array.from(chars),
    charCount: chars.length / 6,
    noteParas,
    extraParas: extras,
    rels,
  };
  Object.defineProperty(source, 'docx', { value: model, enumerable: false });
  return source;
}

// ---------------------------------------------------------------------------
// Fixing: edits in the text view, applied to the runs of word/document.xml.

export interface DocxEdit {
  start: number;
  end: number;
  text: string;
}

/** Why an edit cannot be made in the runs, or undefined when it can: then the XML edits that make it. */
export function planEdit(source: SourceText, edit: DocxEdit): { xml: { start: number; end: number; text: string }[] } | { reason: string; paragraph?: number } {
  const model = (source as { docx?: DocxModel }).docx!;
  const { origin, chars } = model;
  const ids: number[] = [];
  for (let i = edit.start; i < edit.end; i++) {
    const o = origin[i]!;
    if (o === -2) continue; // an escape backslash goes with its character
    if (o === -1) return { reason: 'it touches formatting or structure (a heading mark, bold, a table or list marker)' };
    ids.push(o);
  }
  const para = (id: number): number => chars[id * 6 + 2]!;
  const editable = (id: number): boolean => chars[id * 6 + 3] === 1;
  if (ids.length === 0) {
    // A pure insertion: after the character before it, else before the one after it.
    let before = edit.start - 1;
    while (before >= 0 && origin[before] === -2) before--;
    const prev = before >= 0 ? origin[before]! : -1;
    const next = edit.start < origin.length ? origin[edit.start]! : -1;
    if (prev >= 0 && editable(prev)) return { xml: [{ start: chars[prev * 6 + 1]!, end: chars[prev * 6 + 1]!, text: escapeXml(edit.text) }] };
    if (next >= 0 && editable(next)) return { xml: [{ start: chars[next * 6]!, end: chars[next * 6]!, text: escapeXml(edit.text) }] };
    return { reason: 'there is no plain run of text to put it in' };
  }
  const paragraph = para(ids[0]!);
  if (ids.some((id) => para(id) !== paragraph)) return { reason: 'it crosses a paragraph boundary', paragraph };
  if (ids.some((id) => !editable(id))) return { reason: 'it is in a field, a tracked change or a note', paragraph };
  if (edit.text.includes('\n')) return { reason: 'it would add a paragraph break', paragraph };
  // Group the characters by their w:t element: the first gets the new text, the others lose theirs.
  const out: { start: number; end: number; text: string }[] = [];
  let k = 0;
  let firstGroup = true;
  while (k < ids.length) {
    const t = chars[ids[k]! * 6 + 4]!;
    let j = k;
    while (j < ids.length && chars[ids[j]! * 6 + 4] === t) j++;
    const start = chars[ids[k]! * 6]!;
    const end = chars[ids[j - 1]! * 6 + 1]!;
    out.push({ start, end, text: firstGroup ? escapeXml(edit.text) : '' });
    firstGroup = false;
    k = j;
  }
  return { xml: out };
}

/** Apply XML edits to word/document.xml; w:t elements whose text now starts or ends with a space get xml:space="preserve". */
export function applyXmlEdits(xml: string, edits: { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += xml.slice(at);
  // A w:t without xml:space="preserve" loses leading and trailing spaces in Word: add it where they appear.
  return out.replace(/<w:t>([^<]*)<\/w:t>/g, (m, inner: string) => (/^\s|\s$/.test(inner) ? `<w:t xml:space="preserve">${inner}</w:t>` : m));
}

/** The text view again after XML edits (styles, numbering, notes and headers reused). */
export function reread(source: SourceText, xml: string): SourceText {
  const model = (source as { docx?: DocxModel & { noteParas: Map<string, Para[]>; extraParas: Para[][]; rels: Map<string, string> } }).docx!;
  return docxFromXml(model.zip, xml, { styles: model.styles, numbering: model.numbering, noteParas: model.noteParas, extras: model.extraParas, rels: model.rels });
}

/** The .docx bytes with the edited word/document.xml and every other entry byte for byte. */
export function encodeDocx(source: SourceText): Uint8Array {
  const model = (source as { docx?: DocxModel }).docx!;
  return replaceEntries(model.zip, new Map([['word/document.xml', new TextEncoder().encode(model.xml)]]));
}

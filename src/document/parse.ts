/**
 * Parsing: text -> mdast (unified + remark-parse + GitHub Flavored Markdown) -> text blocks.
 *
 * Policies exported from Word are not code: a line indented by four spaces or
 * a tab is a continuation or a quirk of the export, never a code block, so
 * indented code is switched off in the parser.
 *
 * Robustness: the text is checked against the reading limits first
 * (checkReadable in src/document/source.ts: nesting depth, emphasis and link marks in
 * one paragraph, memory), so that no input makes the parser hang or crash;
 * a stack overflow in the parser's own tree walks is reported the same way.
 * The walks here are iterative, whatever the depth of the tree.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root, Nodes, RootContent, PhrasingContent, Table, Text, Link, Parent, Paragraph } from 'mdast';
import type { TextBlock } from '../types.js';
import { checkReadable, ReadLimitError } from './source.js';
import { sectionNumber } from '../domain/vocabulary.js';

type ParserEvent = unknown;
type Change = [number, number, ParserEvent[]];
interface EditMapLike {
  map: Change[];
  index?: Map<number, Change>;
  consume(events: ParserEvent[]): void;
}

/**
 * micromark (4.0.3) applies the edits it batches in an EditMap to its list
 * of parser events with `consume`, which copies the whole list, from the
 * first event, every time. micromark calls it each time a list item or
 * block quote closes, so a long policy takes time that grows with the
 * square of its length: 20 MB of policies (the five seeds, repeated) took
 * five minutes to parse. This `consume` makes the same edits but rebuilds
 * only the events from the first edit on: the same events in the same
 * order (test/slow/hardening.test.ts compares the trees), in linear time (the 20
 * MB parse takes about 30 seconds). package.json declares the module at
 * micromark's own range, so npm installs the one copy micromark uses. When it
 * is not there (a future micromark), nothing is replaced and parsing is as
 * fast as micromark is.
 */
function linearConsume(this: EditMapLike, events: ParserEvent[]): void {
  this.map.sort((a, b) => a[0] - b[0]);
  if (this.map.length === 0) return;
  linearConsumeCalls++;
  const first = this.map[0]![0];
  const tail: ParserEvent[] = [];
  let at = first;
  for (const [index, remove, add] of this.map) {
    for (let i = at; i < index; i++) tail.push(events[i]);
    for (const event of add) tail.push(event);
    at = index + remove;
  }
  for (let i = at; i < events.length; i++) tail.push(events[i]);
  events.length = first;
  for (const event of tail) events.push(event);
  this.map.length = 0;
  this.index?.clear();
}

let linearConsumeCalls = 0;
let editMapPrototype: EditMapLike | undefined;
let originalConsume: EditMapLike['consume'] | undefined;
try {
  const specifier = 'micromark-util-edit-map';
  const mod = (await import(specifier)) as { EditMap?: { prototype: EditMapLike } };
  const proto = mod.EditMap?.prototype;
  if (proto && typeof proto.consume === 'function' && proto.consume.length === 1) {
    editMapPrototype = proto;
    originalConsume = proto.consume;
    proto.consume = linearConsume;
  }
} catch {
  // Not installed (another micromark): parse with micromark's own consume.
}

/**
 * Switch the linear `consume` on or off (tests compare the trees both
 * produce). Returns whether it is available, and how many times it has run.
 */
export function linearEditMap(enabled?: boolean): { available: boolean; calls: number } {
  if (editMapPrototype && originalConsume && enabled !== undefined) editMapPrototype.consume = enabled ? linearConsume : originalConsume;
  return { available: editMapPrototype !== undefined, calls: linearConsumeCalls };
}

/**
 * GitHub Flavored Markdown as remark-gfm puts it together (tables,
 * footnotes, strikethrough, task lists, literal autolinks), with one
 * difference: literal autolinks (www.example.org, https://..., e-mail
 * addresses) are found after parsing, in the text of the tree, by the
 * transform of mdast-util-gfm-autolink-literal (the library remark-gfm
 * itself runs after parsing), not by micromark's tokenizer extension. That
 * extension hooks every letter and digit, to try an e-mail address at each
 * word: it made parsing a policy about 35% slower (measured on the seeds),
 * for a few links per policy. (micromark's own notes plan the same move:
 * cmark-gfm and markdown-rs find e-mail literals afterwards too.) See
 * linkLiterals below. Indented code is switched off (see above).
 */
function gfmParts(this: unknown): void {
  const data = (this as { data(): Record<string, unknown> }).data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem(), { disable: { null: ['codeIndented'] } });
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(gfmParts).freeze();

/** The library's transform that turns literal web and e-mail addresses in text nodes into links. */
const autolinkLiterals = gfmAutolinkLiteralFromMarkdown().transforms![0]! as (tree: Root) => void;

/** Text that may hold a literal autolink: each of the transform's patterns needs one of these. */
const MAY_LINK = /@|www\.|https?:\/\//i;

/**
 * Turn literal web and e-mail addresses into links, as remark-gfm does, and
 * give the new nodes their places in the source (the transform makes nodes
 * without positions). Each text node that may hold one (outside links, as
 * the library does it) is handed to the transform on its own; the pieces it
 * comes back as, whose text joins up to the node's text, take the node's
 * place. Pieces that do not join up (a future version of the library that
 * works differently) leave the node as it was.
 */
function linkLiterals(tree: Root, source: string): void {
  const stack: Parent[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const children = parent.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (child.type === 'text') {
        if (!MAY_LINK.test(child.value) || !child.position) continue;
        const pieces = linkedPieces(child, source);
        if (pieces) {
          children.splice(i, 1, ...pieces);
          i += pieces.length - 1;
        }
      } else if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') {
        stack.push(child);
      }
    }
  }
}

/** What one text node becomes once its literal addresses are links, with positions; undefined when nothing changes. */
function linkedPieces(node: Text, source: string): (Text | Link)[] | undefined {
  const holder: Paragraph = { type: 'paragraph', children: [node] };
  autolinkLiterals(holder as unknown as Root);
  const pieces = holder.children as (Text | Link)[];
  if (pieces.length === 1 && pieces[0] === node) return undefined;
  const textOf = (p: Text | Link): string | undefined => (p.type === 'text' ? p.value : p.children.length === 1 && p.children[0]!.type === 'text' ? p.children[0].value : undefined);
  const texts = pieces.map(textOf);
  if (texts.some((t) => t === undefined) || texts.join('') !== node.value) return undefined;
  const start = node.position!.start;
  const endOffset = node.position!.end.offset ?? source.length;
  const map: number[] = [];
  align(node.value, source, start.offset ?? 0, endOffset, map);
  // Points by walking the source from the node's start (columns count UTF-16 code units, as micromark's do).
  let line = start.line;
  let column = start.column;
  let at = start.offset ?? 0;
  const pointAt = (offset: number): { line: number; column: number; offset: number } => {
    for (; at < offset; at++) {
      if (source.charCodeAt(at) === 10) {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return { line, column, offset };
  };
  let k = 0;
  let from = pointAt(start.offset ?? 0);
  pieces.forEach((piece, n) => {
    k += texts[n]!.length;
    const to = pointAt(n === pieces.length - 1 ? endOffset : map[k]!);
    piece.position = { start: { ...from }, end: { ...to } };
    if (piece.type === 'link') piece.children[0]!.position = { start: { ...from }, end: { ...to } };
    from = to;
  });
  return pieces;
}

/** Does this error come from running out of stack (a tree too deep for a recursive walk)? */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Parse Markdown. Throws ReadLimitError (a SourceError) for text beyond the
 * reading limits, instead of hanging or overflowing the stack.
 */
export function parseMarkdown(text: string): Root {
  checkReadable(text);
  try {
    let tree = parseOnce(text);
    // An HTML comment that is never closed makes the rest of the document one comment: read on instead (readOnAfter).
    const unclosed = firstUnclosedComment(tree, text);
    if (unclosed !== undefined) {
      const { text: opened, at } = openComments(text, unclosed);
      tree = parseOnce(opened);
      restoreComments(tree, at);
      tree.data = { ...tree.data, unclosedCommentAt: unclosed };
    }
    return tree;
  } catch (error) {
    if (isStackOverflow(error)) throw new ReadLimitError('too deeply nested to read (the Markdown parser ran out of stack)', 'nesting');
    throw error;
  }
}

function parseOnce(text: string): Root {
  let tree = processor.parse(text) as Root;
  const glued = gluedLines(tree, text);
  if (glued.length > 0) tree = parseSeparated(text, glued);
  linkLiterals(tree, text);
  return tree;
}

/**
 * The offset of the first `<!--` that starts an HTML block and is never closed: no `-->` follows it anywhere, so
 * in Markdown (CommonMark's HTML block of type 2) everything after it, to the end of the document, is the comment.
 */
function firstUnclosedComment(tree: Root, text: string): number | undefined {
  const stack: Nodes[] = [tree];
  let first: number | undefined;
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'html') {
      const start = n.position?.start.offset;
      const lead = /^\s*/.exec(n.value)![0].length;
      if (start !== undefined && n.value.startsWith('<!--', lead) && text.indexOf('-->', start + lead + 4) === -1) {
        if (first === undefined || start + lead < first) first = start + lead;
      }
    }
    if ('children' in n) for (const c of n.children) stack.push(c as Nodes);
  }
  return first;
}

/**
 * The text with every `<!--` from `from` on made plain text of the same length (`<!..`: no Markdown or HTML
 * construct starts so), so that positions do not move; returns the offsets changed.
 */
function openComments(text: string, from: number): { text: string; at: number[] } {
  const at: number[] = [];
  for (let i = text.indexOf('<!--', from); i !== -1; i = text.indexOf('<!--', i + 4)) at.push(i);
  let out = '';
  let last = 0;
  for (const i of at) {
    out += `${text.slice(last, i)}<!..`;
    last = i + 4;
  }
  return { text: out + text.slice(last), at };
}

/** Put back the `<!--` that openComments changed, in the text of every node that holds one. */
function restoreComments(tree: Root, at: number[]): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const pos = n.position;
    if ('value' in n && typeof n.value === 'string' && pos?.start.offset !== undefined && pos.end.offset !== undefined) {
      const { offset: s } = pos.start;
      const { offset: e } = pos.end;
      let lo = 0;
      let hi = at.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (at[mid]! < s) lo = mid + 1;
        else hi = mid;
      }
      if (lo < at.length && at[lo]! < e) n.value = n.value.replaceAll('<!..', '<!--');
    }
    if ('children' in n) for (const c of n.children) stack.push(c as Nodes);
  }
}

/** A line that is a heading by its look: wholly bold, numbered ("2. Impact", "5.1 The ..."), or `#`. */
function looksLikeHeadingLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 120 || /[.;,]$/.test(t)) return false;
  if (/^(?:\*\*|__)(?:(?!\*\*|__).)+(?:\*\*|__):?$/.test(t)) return true;
  const n = sectionNumber(t);
  return n !== undefined && t.slice(n.rest).split(/\s+/).length <= 12;
}

/**
 * Lines that Markdown joins to the block above them but that an author meant as the start of a new
 * block: a line without a "|" right under a table (GFM makes it a row of the table), and a heading
 * line right under a list item with no blank line and no indent (a "lazy" continuation of the
 * item's paragraph). Word exports often lose the blank line there. Returns their start offsets.
 */
function gluedLines(tree: Root, text: string): number[] {
  const out: number[] = [];
  for (const node of tree.children) {
    if (node.type === 'table') {
      for (const row of node.children.slice(1)) {
        const at = row.position?.start.offset;
        if (at === undefined) continue;
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        let lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length;
        if (!text.slice(lineStart, lineEnd).includes('|')) {
          out.push(lineStart);
          break;
        }
      }
    } else if (node.type === 'list') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) continue;
      let at = text.indexOf('\n', start);
      while (at >= 0 && at < end) {
        const lineStart = at + 1;
        let lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length;
        const line = text.slice(lineStart, lineEnd);
        // Not indented, not a list item of its own: a lazy line. Only one that reads as a heading is split off.
        if (lineStart < end && /^[^\s]/.test(line) && !/^(?:[-*+]\s|\d{1,9}[.)]\s)/.test(line) && looksLikeHeadingLine(line)) {
          const before = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
          if (before.trim() !== '') {
            out.push(lineStart);
            break;
          }
        }
        at = text.indexOf('\n', lineStart);
      }
    }
  }
  return out;
}

/**
 * Parse `text` with a blank line put before each of the `glued` offsets, then move every position in the
 * tree back to the text as it is (each inserted line break moves what follows it by one line and one
 * offset; columns do not change, as each break goes at the start of a line).
 */
function parseSeparated(text: string, glued: number[]): Root {
  const sorted = [...glued].sort((a, b) => a - b);
  let separated = '';
  let from = 0;
  for (const at of sorted) {
    separated += `${text.slice(from, at)}\n`;
    from = at;
  }
  separated += text.slice(from);
  const tree = processor.parse(separated) as Root;
  // Offsets in the separated text of the inserted breaks.
  const inserted = sorted.map((at, k) => at + k);
  const before = (offset: number): number => {
    let lo = 0;
    let hi = inserted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inserted[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const pos = n.position;
    if (pos) {
      for (const p of [pos.start, pos.end]) {
        if (p.offset === undefined) continue;
        const k = before(p.offset);
        p.offset -= k;
        p.line -= k;
      }
    }
    if ('children' in n) for (const c of n.children as Nodes[]) stack.push(c);
  }
  return tree;
}

type DraftBlock = Omit<TextBlock, 'section' | 'index'>;

/**
 * Map each character of `value` (a node's text after the parser removed
 * escapes, entities and line prefixes) to its offset in `source`, starting
 * the search at `from`. Returns the offset after the last matched character.
 */
/** A character reference as the parser decodes it: "&amp;", "&#8217;", "&#x1F600;". */
const CHARACTER_REFERENCE = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/** How many UTF-16 code units a numeric reference decodes to (2 above U+FFFF); named ones count as 1. */
function referenceLength(reference: string): number {
  const hex = /^&#[xX]([0-9a-fA-F]+);$/.exec(reference);
  const dec = /^&#([0-9]+);$/.exec(reference);
  const code = hex ? parseInt(hex[1]!, 16) : dec ? parseInt(dec[1]!, 10) : 0;
  return code > 0xffff && code <= 0x10ffff ? 2 : 1;
}

function align(value: string, source: string, from: number, limit: number, out: number[]): number {
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (source[j] === '&') {
      // "&amp;" decodes to "&", which also matches the source's own "&": the reference must win, or
      // every later character maps to the wrong place. (Inline code keeps "&amp;" as written: then the
      // value holds the reference's own text and the characters match one by one below.)
      const reference = CHARACTER_REFERENCE.exec(source.slice(j, j + 40))?.[0];
      if (reference && !value.startsWith(reference, i)) {
        out.push(j);
        for (let k = 1; k < referenceLength(reference) && i + 1 < value.length; k++, i++) out.push(j);
        j += reference.length;
        continue;
      }
    }
    if (source[j] === c) {
      out.push(j++);
      continue;
    }
    if (source[j] === '\\' && source[j + 1] === c) {
      out.push(j + 1);
      j += 2;
      continue;
    }
    if (source[j] === '&') {
      const semi = source.indexOf(';', j);
      if (semi > j && semi - j <= 32) {
        out.push(j);
        j = semi + 1;
        continue;
      }
    }
    // Skip what the parser dropped: indentation, blockquote markers, CRs.
    let k = j;
    while (k < limit && source[k] !== c && (source[k] === ' ' || source[k] === '\t' || source[k] === '>' || source[k] === '\r')) k++;
    if (k < limit && source[k] === c) {
      out.push(k);
      j = k + 1;
      continue;
    }
    out.push(Math.min(j, Math.max(limit - 1, from)));
    if (j < limit) j++;
  }
  return j;
}

function collectInline(nodes: PhrasingContent[], source: string, parts: { text: string[]; map: number[] }): void {
  // Depth-first, in document order, without recursion (emphasis can nest thousands deep).
  const stack: PhrasingContent[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    const pos = node.position;
    switch (node.type) {
      case 'text':
      case 'inlineCode': {
        if (!pos) break;
        parts.text.push(node.value);
        const startOffset = pos.start.offset ?? 0;
        const from = node.type === 'inlineCode' ? source.indexOf(node.value, startOffset) : startOffset;
        align(node.value, source, from >= 0 ? from : startOffset, pos.end.offset ?? source.length, parts.map);
        break;
      }
      case 'break':
        if (!pos) break;
        parts.text.push('\n');
        parts.map.push(pos.start.offset ?? 0);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
        break;
      default:
        // images, inline HTML (<sup>), footnote references: no readable text.
        break;
    }
  }
}

function blockFrom(node: Nodes & { children: PhrasingContent[] }, kind: TextBlock['kind'], source: string, inList: boolean): DraftBlock {
  const parts = { text: [] as string[], map: [] as number[] };
  collectInline(node.children, source, parts);
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const text = parts.text.join('');
  parts.map.push(parts.map.length ? Math.min(end, (parts.map[parts.map.length - 1] ?? start) + 1) : end);
  return { kind, text, map: parts.map, start, end, node, inList };
}

function tableBlocks(table: Table, source: string, inList: boolean, out: DraftBlock[]): void {
  for (const row of table.children) {
    const cells: DraftBlock[] = row.children.map((cell) => blockFrom(cell, 'tableCell', source, inList));
    cells.forEach((cell, i) => {
      cell.row = cells as TextBlock[];
      cell.cellIndex = i;
      out.push(cell);
    });
  }
}

/** The text blocks of one top-level node (and of everything nested inside it), in document order. */
export function blocksOf(top: RootContent, source: string, inList = false, out: DraftBlock[] = []): DraftBlock[] {
  // Depth-first without recursion: lists and quotes may nest as deep as the reading limits allow.
  const stack: [RootContent, boolean][] = [[top, inList]];
  const pushChildren = (children: RootContent[], childInList: boolean): void => {
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, childInList]);
  };
  while (stack.length > 0) {
    const [node, nodeInList] = stack.pop()!;
    switch (node.type) {
      case 'paragraph':
        out.push(blockFrom(node, 'paragraph', source, nodeInList));
        break;
      case 'heading':
        out.push(blockFrom(node, 'heading', source, nodeInList));
        break;
      case 'table':
        tableBlocks(node, source, nodeInList, out);
        break;
      case 'html': {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? start;
        const map: number[] = [];
        for (let i = start; i <= end; i++) map.push(i);
        out.push({ kind: 'html', text: source.slice(start, end), map, start, end, node, inList: nodeInList });
        break;
      }
      case 'code': {
        // Fenced code is rare in policies; keep its text readable to rules.
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? start;
        const map: number[] = [];
        const from = source.indexOf(node.value, start);
        align(node.value, source, from >= 0 ? from : start, end, map);
        map.push(end);
        out.push({ kind: 'paragraph', text: node.value, map, start, end, node, inList: nodeInList });
        break;
      }
      case 'list': {
        const children: RootContent[] = [];
        for (const item of node.children) for (const child of item.children) children.push(child);
        pushChildren(children, true);
        break;
      }
      case 'blockquote':
      case 'footnoteDefinition':
        pushChildren(node.children as RootContent[], nodeInList);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Parsing: text -> mdast (unified + remark-parse + remark-gfm) -> text blocks.
 *
 * Policies exported from Word are not code: a line indented by four spaces or
 * a tab is a continuation or a quirk of the export, never a code block, so
 * indented code is switched off in the parser.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, Nodes, RootContent, PhrasingContent, Table } from 'mdast';
import type { TextBlock } from './types.js';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(function disableIndentedCode(this: unknown) {
    const data = (this as { data(): Record<string, unknown> }).data() as { micromarkExtensions?: unknown[] };
    (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
  })
  .freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text) as Root;
}

type DraftBlock = Omit<TextBlock, 'section' | 'index'>;

/**
 * Map each character of `value` (a node's text after the parser removed
 * escapes, entities and line prefixes) to its offset in `source`, starting
 * the search at `from`. Returns the offset after the last matched character.
 */
function align(value: string, source: string, from: number, limit: number, out: number[]): number {
  let j = from;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
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
  for (const node of nodes) {
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
        collectInline(node.children, source, parts);
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

/** The text blocks of one top-level node (and of everything nested inside it). */
export function blocksOf(node: RootContent, source: string, inList = false, out: DraftBlock[] = []): DraftBlock[] {
  switch (node.type) {
    case 'paragraph':
      out.push(blockFrom(node, 'paragraph', source, inList));
      break;
    case 'heading':
      out.push(blockFrom(node, 'heading', source, inList));
      break;
    case 'table':
      tableBlocks(node, source, inList, out);
      break;
    case 'html': {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      const map: number[] = [];
      for (let i = start; i <= end; i++) map.push(i);
      out.push({ kind: 'html', text: source.slice(start, end), map, start, end, node, inList });
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
      out.push({ kind: 'paragraph', text: node.value, map, start, end, node, inList });
      break;
    }
    case 'list':
      for (const item of node.children) for (const child of item.children) blocksOf(child, source, true, out);
      break;
    case 'blockquote':
    case 'footnoteDefinition':
      for (const child of node.children) blocksOf(child, source, inList, out);
      break;
    default:
      break;
  }
  return out;
}

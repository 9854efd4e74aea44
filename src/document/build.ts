/**
 * From source text to the document every rule reads: mdast, text blocks and
 * the section tree. Rules never parse; they receive this.
 */
import { location } from 'vfile-location';
import type { PolicyDocument, Point, TextBlock } from '../types.js';
import type { SourceText } from './source.js';
import { blocksOf, parseMarkdown } from './parse.js';
import { buildSections } from './sections.js';

export function buildDocument(filePath: string, source: SourceText): PolicyDocument {
  const text = source.text;
  const place = location(text);
  const pointAt = (offset: number): Point => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const p = place.toPoint(clamped);
    if (p) return { line: p.line, column: p.column, offset: clamped };
    // vfile-location gives no point for the very end of the text: count it here.
    const lastNl = text.lastIndexOf('\n', clamped - 1);
    const line = text.slice(0, clamped).split('\n').length;
    return { line, column: clamped - lastNl, offset: clamped };
  };
  const mdast = parseMarkdown(text);
  const topBlocks = mdast.children.map((node) => blocksOf(node, text) as TextBlock[]);
  const tree = buildSections(mdast, topBlocks, text, pointAt);
  const blocks = topBlocks.flat();
  blocks.forEach((block, index) => {
    block.index = index;
  });
  const doc: PolicyDocument = {
    filePath,
    source,
    text,
    mdast,
    root: tree.root,
    sections: tree.sections,
    blocks,
    pointAt,
  };
  if (tree.contents) doc.contents = tree.contents;
  return doc;
}

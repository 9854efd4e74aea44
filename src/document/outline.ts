/**
 * --outline: print the section tree, as indented text or JSON.
 */
import type { PolicyDocument, Section } from '../types.js';
import { visible } from '../formatters/shared.js';

export interface OutlineNode {
  title: string;
  level: number;
  line: number;
  column: number;
  endLine: number;
  children: OutlineNode[];
}

function toNode(section: Section): OutlineNode {
  return {
    title: section.title,
    level: section.level,
    line: section.start.line,
    column: section.start.column,
    endLine: section.end.line,
    children: section.children.map(toNode),
  };
}

export function outlineOf(doc: PolicyDocument): OutlineNode[] {
  return doc.root.children.map(toNode);
}

export function outlineText(filePath: string, doc: PolicyDocument): string {
  const lines = [visible(filePath)];
  if (doc.contents) {
    lines.push(`  (contents list at line ${doc.contents.start.line}: ${doc.contents.entries.map((e) => visible(e.title)).join('; ')})`);
  }
  const walk = (s: Section): void => {
    const where = `${s.start.line}-${s.end.line}`;
    lines.push(`${'  '.repeat(s.level)}${visible(s.title)}  ${where}${s.canonical ? `  [${s.canonical}]` : ''}`);
    s.children.forEach(walk);
  };
  doc.root.children.forEach(walk);
  return lines.join('\n');
}

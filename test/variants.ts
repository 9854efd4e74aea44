/**
 * Variants of a policy as other exports write it, made from the policy's own section tree: numbered
 * bold headings ("**1. Policy Objective**", "**1.2 The Designated Teacher**"), numbered plain or `#`
 * headings, and headings glued under a table (no blank line between).
 */
import { buildDocument } from '../src/document/build.js';
import { fromDecoded } from '../src/document/source.js';
import type { Section } from '../src/types.js';
import { withoutNumber } from '../src/domain/vocabulary.js';

export type HeadingForm = 'bold' | 'plain' | 'atx' | 'list';

/** Rewrite every heading of `text` as a numbered heading of `form`, numbered by its place in the tree (1., 1.1, 1.1.1). */
export function numberedVariant(text: string, form: HeadingForm): string {
  const doc = buildDocument('variant.md', fromDecoded(text));
  const edits: { start: number; end: number; text: string }[] = [];
  // The title page (before the first model section) is left as it is: exports number the body.
  const firstModel = Math.max(
    0,
    doc.root.children.findIndex((s) => s.canonical !== undefined),
  );
  const walk = (sections: Section[], prefix: number[]): void => {
    sections.forEach((s, i) => {
      if (prefix.length === 0 && i < firstModel) return;
      const parts = [...prefix, prefix.length === 0 ? i + 1 - firstModel : i + 1];
      const number = parts.length === 1 ? `${parts[0]}.` : parts.join('.');
      const lineStart = text.lastIndexOf('\n', s.start.offset - 1) + 1;
      let lineEnd = text.indexOf('\n', s.start.offset);
      if (lineEnd < 0) lineEnd = text.length;
      const words = s.title;
      const heading =
        form === 'bold'
          ? `**${number} ${words}**`
          : form === 'atx'
            ? `${'#'.repeat(Math.min(6, parts.length + 1))} ${number} ${words}`
            : form === 'list' && parts.length === 1
              ? `${parts[0]}. ${words}`
              : `${number} ${words}`;
      edits.push({ start: lineStart, end: lineEnd, text: heading });
      walk(s.children, parts);
    });
  };
  walk(doc.root.children, []);
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Put a small table directly above every top-level heading (but two, see below), with no blank line between the table and the heading. */
export function tableGluedVariant(text: string): string {
  const doc = buildDocument('variant.md', fromDecoded(text));
  // Not on the title page or above the first model section, nor above the first one after a contents list of plain lines:
  // a title-like line followed by a table there could as well be the list's last entry or the title page.
  const firstModel = Math.max(
    0,
    doc.root.children.findIndex((s) => s.canonical !== undefined),
  );
  const afterContents = doc.contents ? doc.root.children.find((s) => s.start.offset > doc.contents!.start.offset) : undefined;
  const starts = doc.root.children
    .filter((s, i) => i > firstModel && s !== afterContents)
    .map((s) => text.lastIndexOf('\n', s.start.offset - 1) + 1)
    .sort((a, b) => b - a);
  let out = text;
  for (const at of starts) out = `${out.slice(0, at)}| Version | Date |\n| --- | --- |\n| 1 | draft |\n${out.slice(at)}`;
  return out;
}

/** The outline as (depth, title without number) pairs, to compare a variant's nesting with the original's. */
export function shape(text: string): string[] {
  const doc = buildDocument('variant.md', fromDecoded(text));
  const out: string[] = [];
  const walk = (s: Section): void => {
    out.push(`${'  '.repeat(s.level - 1)}${withoutNumber(s.title)}`);
    s.children.forEach(walk);
  };
  doc.root.children.forEach(walk);
  return out;
}

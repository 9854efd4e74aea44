/**
 * The parser: GitHub Flavored Markdown from its parts, with literal web and
 * e-mail addresses turned into links after parsing (src/document/parse.ts). On real
 * policies the tree must be the one remark-gfm gives, positions included;
 * every node must have a position that points at its own source text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Link, Nodes, Root } from 'mdast';
import { parseMarkdown } from '../src/document/parse.js';
import { seedPath } from './helpers.js';

/** remark-gfm as documented, with indented code switched off as policy-lint does. */
const remarkWithGfm = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(function (this: unknown) {
    const data = (this as { data(): Record<string, unknown[] | undefined> }).data();
    (data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
  });

function nodes(tree: Root): Nodes[] {
  const out: Nodes[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

const links = (tree: Root): Link[] => nodes(tree).filter((n): n is Link => n.type === 'link');
const sourceOf = (text: string, n: Nodes): string => text.slice(n.position!.start.offset, n.position!.end.offset);

describe('parseMarkdown', () => {
  const policies = ['000', '001', '002', '003', '004'].map((n) => seedPath(n)).concat(path.join(import.meta.dirname, '..', 'fixtures', 'current-policy.md'));

  it.each(policies)('gives the tree remark-gfm gives, positions included: %s', (file) => {
    const text = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const ours = parseMarkdown(text);
    expect(ours).toEqual(remarkWithGfm.parse(text));
    // The seeds have literal addresses, so the comparison covers them.
    expect(links(ours).some((l) => l.url.startsWith('mailto:') || /^https?:\/\/[^#]/.test(l.url))).toBe(true);
  });

  it('turns literal web and e-mail addresses into links whose positions cover their source text', () => {
    const text = 'Email **virtualschool@hertfordshire.gov.uk** or see\nwww.gov.uk/guidance (and https://www.hertfordshire.gov.uk/vs).';
    const tree = parseMarkdown(text);
    expect(links(tree).map((l) => [l.url, sourceOf(text, l), l.position!.start.line, l.position!.start.column])).toEqual([
      ['mailto:virtualschool@hertfordshire.gov.uk', 'virtualschool@hertfordshire.gov.uk', 1, 9],
      ['http://www.gov.uk/guidance', 'www.gov.uk/guidance', 2, 1],
      ['https://www.hertfordshire.gov.uk/vs', 'https://www.hertfordshire.gov.uk/vs', 2, 26],
    ]);
    // Every node has a position, and text nodes' positions hold their text.
    for (const n of nodes(tree)) {
      expect(n.position, n.type).toBeDefined();
      if (n.type === 'text') expect(sourceOf(text, n)).toBe(n.value);
    }
  });

  it('maps an address after escapes and character references to its own source text', () => {
    const text = 'A \\* note &amp; see https://example.org/a&amp;b now';
    const [link] = links(parseMarkdown(text));
    expect(link!.url).toBe('https://example.org/a&b');
    expect(sourceOf(text, link!)).toBe('https://example.org/a&amp;b');
    const after = nodes(parseMarkdown(text))
      .filter((n) => n.type === 'text')
      .at(-1)!;
    expect(sourceOf(text, after)).toBe(' now');
  });

  it('leaves addresses inside a written link alone, and text without an address as one node', () => {
    const text = '[www.gov.uk](https://www.gov.uk) and plain words.';
    const tree = parseMarkdown(text);
    expect(links(tree)).toHaveLength(1);
    expect(links(tree)[0]!.children).toEqual([expect.objectContaining({ type: 'text', value: 'www.gov.uk' })]);
    expect(parseMarkdown('No address here @ all.').children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: 'No address here @ all.' }] });
  });

  it('finds addresses in table cells, list items and quotes', () => {
    const text = '| Who | Contact |\n| --- | --- |\n| VS | vs@herts.gov.uk |\n\n- see www.a.org\n\n> mail b@c.org\n';
    expect(links(parseMarkdown(text)).map((l) => sourceOf(text, l))).toEqual(['vs@herts.gov.uk', 'www.a.org', 'b@c.org']);
  });
});

/**
 * The section tree: which top-level blocks are headings, and how they nest.
 *
 * Real policies mark headings three ways, often in one file: `#` headings
 * (with levels that do not agree with the structure), bold paragraphs
 * (`**Attendance:**`) and plain short lines ("Intention", "Appendix 2").
 * This module decides, block by block:
 *
 * 1. Candidates. `#`/setext headings always; a paragraph that is one line and
 *    wholly bold or wholly plain text when it names a model-policy section
 *    (src/domain/vocabulary.ts) or reads like a title (short, capitalised, no
 *    sentence punctuation). Never: a role label ("Name of the Designated
 *    Teacher ...") or the name on the line after it, dates, "Label: value"
 *    lines (Email:, Tel:, Review date:), "That is:", lead-ins ("To implement"),
 *    link-only lines, people's names with a title, sentences in bold, list
 *    items, and the entries of a "Content:" list (kept as `contents`).
 * 2. An unknown plain or bold candidate with no body before the next
 *    candidate is demoted to text ("Promote professional practice ..." in a
 *    run of bullet-like lines).
 * 3. Ranks. Appendices and top-level model sections rank 1; model
 *    sub-sections rank 2; inside an appendix every other heading ranks below
 *    it, so an appendix holds what follows it until the next appendix. Other
 *    headings rank 2 inside a section (deeper `#` levels nest below the first
 *    `#` level seen there); before the first model section (the title page),
 *    by their `#` depth, plain lines at 1.
 */
import type { List, Root, RootContent, Paragraph, PhrasingContent } from 'mdast';
import type { ContentsList, HeadingStyle, Point, Section, TextBlock } from '../types.js';
import { matchVocabulary, normalizeTitle, sectionNumber, type SectionNumber, type VocabularyMatch } from '../domain/vocabulary.js';

interface Candidate {
  index: number;
  style: HeadingStyle;
  block: TextBlock;
  match?: VocabularyMatch;
  depth?: number;
  /** The heading's number ("5.1", "A", "iv"), when it is numbered. */
  number?: SectionNumber;
  /** A list marker that is the heading's number ("1." of "1. Policy Objective" parsed as a list), kept in the title. */
  prefix?: { text: string; start: number };
  /** A numbered list item kept as a heading only when the document has other numbered list headings. */
  tentative?: boolean;
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_ONLY = new RegExp(
  `^(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|(?:(?:autumn|spring|summer)\\s+(?:term\\s+)?)?\\d{4}(?:\\s*[-/]\\s*\\d{2,4})?|(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?${MONTH}\\.?\\s+\\d{4})$`,
  'i',
);
const PERSON_TITLE = /^(?:mr|mrs|miss|ms|mx|dr|fr|rev|revd|sr|prof)\.?\s/i;
const LEAD_IN = /^(?:that is|for example|e\.g\.|i\.e\.|such as|including|see\b|to\s+[a-z])/i;
const ROLE_LABEL = /^name of\b/i;
const CONTENTS = /^(?:table of\s+)?contents?\s*:?$/i;
const MAX_TITLE_WORDS = 10;

function isBlank(node: RootContent): boolean {
  return node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim());
}

/** The paragraph's style when it could be a heading: wholly bold, or plain text. */
function paragraphStyle(node: Paragraph): 'bold' | 'plain' | 'mixed' | undefined {
  const children = node.children.filter((c) => !(c.type === 'text' && /^[\s:]*$/.test(c.value)));
  if (children.length === 0) return undefined;
  const isStrong = (c: PhrasingContent): boolean => c.type === 'strong' || (c.type === 'emphasis' && c.children.length === 1 && c.children[0]?.type === 'strong');
  if (children.length === 1 && children[0] && isStrong(children[0])) return 'bold';
  // "**1.** **Policy Objective**": every part bold.
  if (children.every((c) => isStrong(c) || (c.type === 'text' && /^\s*$/.test(c.value)))) return 'bold';
  if (children.every((c) => c.type === 'text')) return 'plain';
  // "Alternative Provision: To be read ... [here](#)": a heading only if it names a model section.
  if (children[0]?.type === 'text' || (children[0] && isStrong(children[0]))) return 'mixed';
  return undefined;
}

/** The readable text of inline nodes, emphasis and link text included ("narrowed, **accelerated** and" reads "narrowed, accelerated and"). */
function plainText(nodes: PhrasingContent[]): string {
  let out = '';
  const stack: PhrasingContent[] = [...nodes].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if (n.type === 'break') out += '\n';
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as PhrasingContent);
  }
  return out;
}

function hasLink(node: RootContent): boolean {
  // Iterative: emphasis can nest thousands deep.
  const stack: RootContent[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n !== node && (n.type === 'link' || n.type === 'linkReference')) return true;
    if ('children' in n) for (const c of n.children as RootContent[]) stack.push(c);
  }
  return false;
}

function titleOf(block: TextBlock): { title: string; start: number; end: number } {
  const text = block.text;
  let i = 0;
  let j = text.length;
  while (i < j && /\s/.test(text[i] ?? '')) i++;
  while (j > i && /[\s:]/.test(text[j - 1] ?? '')) j--;
  return { title: text.slice(i, j).replace(/\s+/g, ' '), start: block.map[i] ?? block.start, end: (block.map[j - 1] ?? block.start) + 1 };
}

/** Does this one-line text read like a title rather than a sentence, date, label or name? */
function readsLikeTitle(text: string): boolean {
  const t = text.trim().replace(/:$/, '').trim();
  if (!t || t.includes('\n')) return false;
  if (!/^[A-Z0-9]/.test(t)) return false;
  if (/[.,;!]$/.test(t)) return false;
  if (t.split(/\s+/).length > MAX_TITLE_WORDS) return false;
  if (DATE_ONLY.test(t) || PERSON_TITLE.test(t) || LEAD_IN.test(t) || ROLE_LABEL.test(t)) return false;
  // "Designated Safeguarding Lead – Mr L. Demo", "Designated Teacher ... Ms A. Example": a post and its holder.
  // A run of dots is tried from its first dot only ((?<!\.)): from every dot, \.{3,} read the rest of a long run each time.
  if (/(?:\s[-\u2013\u2014]\s+|(?<!\.)\.{3,}\s*|\u2026\s*)(?:mr|mrs|miss|ms|mx|dr)\.?\s/i.test(t)) return false;
  if (/^[^:]{1,40}:\s*\S/.test(t)) return false; // "Email: x", "Review date: Spring 2024"
  if (/^\d[\d.,]*%?\s+[a-z]/.test(t)) return false; // "32.5 hours of provision", "1 in 10 children"
  if (/@|https?:|www\./i.test(t)) return false;
  // A lead-in sentence ("The VSH should ensure that ... includes:"), not a title; questions are titles.
  if (!t.endsWith('?') && /\b(?:should|will|must|shall|may|can|could|would|includes?)\b/i.test(t)) return false;
  return true;
}

/**
 * "1. Policy Objective" or "2) Intention" on a line of its own is, to Markdown, an ordered list of one
 * item; Word exports write numbered headings that way. A list of one item whose first paragraph is one
 * line that names a model section or reads like a title (not a sentence) is a numbered heading; its
 * number comes from the source ("7." or "7)"). The item's other blocks, if any, are the section's body.
 */
function numberedItemHeading(node: List, index: number, blocks: TextBlock[], text: string): Candidate | undefined {
  if (node.children.length !== 1) return undefined;
  const item = node.children[0]!;
  const first = item.children[0];
  const block = blocks[0];
  if (!first || first.type !== 'paragraph' || !block || block.node !== first) return undefined;
  const style = paragraphStyle(first);
  if (!style || style === 'mixed' || hasLink(first)) return undefined;
  const raw = block.text.trim();
  if (!raw || raw.includes('\n')) return undefined;
  const itemStart = item.position?.start.offset;
  if (itemStart === undefined) return undefined;
  const marker = /^(\d{1,3})([.)])/.exec(text.slice(itemStart, itemStart + 5));
  if (!marker) return undefined;
  const match = matchVocabulary(raw);
  if (!(match && !/[.;]$/.test(raw) && raw.split(/\s+/).length <= 25) && !readsLikeTitle(raw)) return undefined;
  const number: SectionNumber = { value: marker[1]!, scheme: 'decimal', depth: 1, rest: 0 };
  // One short numbered item that names no model section is a heading only in a document numbered so (see buildSections).
  const tentative = !match && style !== 'bold';
  return { index, style, block, number, prefix: { text: `${marker[1]}${marker[2]}`, start: itemStart }, ...(match ? { match } : {}), ...(tentative ? { tentative } : {}) };
}

/** Recognise a contents list that starts at node `i`; returns it and the index of the node after it. */
function detectContents(
  nodes: RootContent[],
  i: number,
  blockOf: (index: number) => TextBlock | undefined,
  pointAt: (offset: number) => Point,
): { contents: ContentsList; next: number } | undefined {
  const marker = blockOf(i);
  if (!marker || !CONTENTS.test(marker.text.trim())) return undefined;
  const entries: ContentsList['entries'] = [];
  let k = i + 1;
  const list = nodes[k];
  if (list && list.type === 'list') {
    for (const item of list.children) {
      const first = item.children[0];
      const start = first?.position?.start.offset ?? 0;
      const end = first?.position?.end.offset ?? start;
      const title = first && first.type === 'paragraph' ? plainText(first.children) : '';
      entries.push({ title: title.trim(), start: pointAt(start), end: pointAt(end) });
    }
    return { contents: { start: pointAt(marker.start), entries }, next: k + 1 };
  }
  const seen = new Set<string>();
  for (; k < nodes.length; k++) {
    const node = nodes[k];
    const block = blockOf(k);
    if (!node || !block || (node.type !== 'paragraph' && node.type !== 'heading')) break;
    const text = block.text.trim();
    if (!readsLikeTitle(text)) break;
    const key = normalizeTitle(text);
    if (seen.has(key)) break;
    const after = blockOf(k + 1);
    const afterNode = nodes[k + 1];
    // The heading after the list may be a numbered one that Markdown reads as a list of one item ("2. Policy Objective").
    const afterIsTitle =
      after !== undefined &&
      (afterNode?.type === 'paragraph' || afterNode?.type === 'heading' || (afterNode?.type === 'list' && afterNode.ordered === true && afterNode.children.length === 1)) &&
      readsLikeTitle(after.text);
    if (!afterIsTitle && entries.length > 0) break;
    seen.add(key);
    const { title, start, end } = titleOf(block);
    entries.push({ title, start: pointAt(start), end: pointAt(end) });
  }
  if (entries.length === 0) return undefined;
  return { contents: { start: pointAt(marker.start), entries }, next: k };
}

export interface SectionTree {
  root: Section;
  sections: Section[];
  contents?: ContentsList;
}

/**
 * Build the section tree from the top-level nodes of `mdast`.
 * `topBlocks[i]` holds the text blocks of `mdast.children[i]`.
 */
export function buildSections(mdast: Root, topBlocks: TextBlock[][], text: string, pointAt: (offset: number) => Point): SectionTree {
  const nodes = mdast.children;
  const firstBlock = (i: number): TextBlock | undefined => {
    const b = topBlocks[i];
    return b && b.length === 1 ? b[0] : undefined;
  };

  // 1. Candidates (and the contents list).
  const candidates: (Candidate | undefined)[] = new Array(nodes.length);
  let contents: ContentsList | undefined;
  let prevParagraph: TextBlock | undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (isBlank(node)) continue;
    if (!contents) {
      const found = detectContents(nodes, i, firstBlock, pointAt);
      if (found) {
        contents = found.contents;
        i = found.next - 1;
        prevParagraph = undefined;
        continue;
      }
    }
    if (node.type === 'list' && node.ordered) {
      const c = numberedItemHeading(node, i, topBlocks[i] ?? [], text);
      if (c) candidates[i] = c;
      prevParagraph = undefined;
      continue;
    }
    const block = firstBlock(i);
    const previous = prevParagraph;
    prevParagraph = node.type === 'paragraph' ? block : undefined;
    if (!block) continue;
    if (node.type === 'heading') {
      const title = titleOf(block).title;
      if (!title) continue;
      const number = sectionNumber(title);
      candidates[i] = {
        index: i,
        style: block.node.position && text[block.start] === '#' ? 'atx' : 'setext',
        block,
        depth: node.depth,
        match: matchVocabulary(title),
        ...(number ? { number } : {}),
      };
      continue;
    }
    if (node.type !== 'paragraph') continue;
    const style = paragraphStyle(node);
    if (!style) continue;
    const raw = block.text.trim();
    if (raw.includes('\n')) continue;
    if (previous && ROLE_LABEL.test(previous.text.trim())) continue; // the name after its label
    const number = sectionNumber(raw);
    const words = number ? raw.slice(number.rest).trim() : raw;
    const match = matchVocabulary(words);
    if (match && !/[.;]$/.test(raw) && raw.split(/\s+/).length <= 25) {
      candidates[i] = { index: i, style: style === 'mixed' ? 'plain' : style, block, match, ...(number ? { number } : {}) };
      continue;
    }
    if (style === 'mixed' || hasLink(node) || !readsLikeTitle(words)) continue;
    candidates[i] = { index: i, style, block, ...(number ? { number } : {}) };
  }

  // A lone "1. First item" is a list item; "1. Aims" ... "2. Scope" ... numbered the same way are headings.
  const listHeadings = candidates.filter((c) => c?.prefix !== undefined).length;
  if (listHeadings < 2) for (let i = 0; i < nodes.length; i++) if (candidates[i]?.tentative) candidates[i] = undefined;

  // 2. Demote unknown plain/bold candidates that have no body of their own.
  const isCandidate = candidates.map((c) => c !== undefined);
  const firstContent = nodes.findIndex((n) => !isBlank(n));
  for (let i = 0; i < nodes.length; i++) {
    const c = candidates[i];
    if (!c || c.match || c.style === 'atx' || c.style === 'setext' || i === firstContent) continue;
    let k = i + 1;
    while (k < nodes.length && isBlank(nodes[k]!)) k++;
    // "6.1 Training" followed at once by "6.1.1 Courses" is a heading with a numbered sub-heading.
    const next = candidates[k]?.number;
    if (c.number && next && (next.scheme !== c.number.scheme || next.depth > c.number.depth)) continue;
    if (k >= nodes.length || isCandidate[k]) candidates[i] = undefined;
  }

  // 3. Ranks and the tree.
  const root: Section = {
    title: '',
    level: 0,
    style: 'root',
    start: pointAt(0),
    end: pointAt(text.length),
    titleStart: 0,
    titleEnd: 0,
    blocks: [],
    children: [],
  };
  const sections: Section[] = [];
  const stack: { section: Section; rank: number }[] = [];
  let inAppendix = false;
  let seenModelSection = false;
  let unknownBaseDepth: number | undefined; // `#` depth of the first unknown heading in the current top section
  let frontBaseDepth: number | undefined;
  // Numbered headings: the level of each numbering scheme in the current region (the body, or one appendix).
  // 1.2 sits one below 1; a scheme first seen after another ("(a)" after "3.") one below it.
  let schemes = new Map<string, number>();
  let lastNumberLevel: number | undefined;
  const lastLetter = new Map<string, string>();
  let anchorRank = 1; // rank of the last numbered or model section: an unnumbered unknown heading sits below it
  const levelOf = (n: SectionNumber): number => {
    let key = n.scheme === 'decimal' ? `decimal${n.depth}` : n.scheme;
    // "I." after "H." is a letter, not a roman one.
    if (n.scheme === 'roman' && n.value.length === 1 && !schemes.has('roman')) {
      const alpha = n.value === n.value.toUpperCase() ? 'upper-alpha' : 'lower-alpha';
      const previous = lastLetter.get(alpha);
      if (previous && previous.toLowerCase().charCodeAt(0) + 1 === n.value.toLowerCase().charCodeAt(0)) key = alpha;
    }
    if (key.endsWith('alpha')) lastLetter.set(key, n.value);
    const known = schemes.get(key);
    if (known !== undefined) return known;
    let level: number;
    if (n.scheme === 'decimal' && n.depth > 1) {
      const up = schemes.get(`decimal${n.depth - 1}`);
      level = up !== undefined ? up + 1 : n.depth;
    } else {
      level = (lastNumberLevel ?? 0) + 1;
    }
    schemes.set(key, level);
    return level;
  };
  const owner: Section[] = new Array(nodes.length);
  let current: Section = root;

  for (let i = 0; i < nodes.length; i++) {
    const c = candidates[i];
    if (!c) {
      owner[i] = current;
      continue;
    }
    const role = c.match?.role;
    let rank: number;
    if (role === 'appendix') {
      rank = 1;
      inAppendix = true;
      seenModelSection = true;
      unknownBaseDepth = undefined;
      schemes = new Map();
      lastNumberLevel = undefined;
      anchorRank = 1;
    } else if (c.number) {
      // The number gives the level: "5.1" sits inside "5.", whatever the model calls the section.
      const level = levelOf(c.number);
      lastNumberLevel = level;
      rank = (inAppendix ? 1 : 0) + level;
      anchorRank = rank;
      seenModelSection = true;
      unknownBaseDepth = undefined;
    } else if (role === 'top' && !inAppendix) {
      anchorRank = 1;
      rank = 1;
      seenModelSection = true;
      unknownBaseDepth = undefined;
    } else if (role === 'sub' && stack.length > 0 && seenModelSection) {
      rank = 2;
    } else if (!seenModelSection) {
      if (c.depth !== undefined) {
        frontBaseDepth ??= c.depth;
        rank = 1 + Math.max(0, c.depth - frontBaseDepth);
      } else {
        rank = 1;
      }
    } else if (c.depth !== undefined) {
      unknownBaseDepth ??= c.depth;
      rank = anchorRank + 1 + Math.max(0, c.depth - unknownBaseDepth);
    } else {
      rank = anchorRank + 1;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.rank >= rank) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1]!.section : root;
    const heading = titleOf(c.block);
    // A list marker that numbers the heading stays in the title the reader sees ("7. Attendance").
    const title = c.prefix ? `${c.prefix.text} ${heading.title}` : heading.title;
    const start = c.prefix ? c.prefix.start : heading.start;
    const end = heading.end;
    const section: Section = {
      title,
      level: parent.level + 1,
      style: c.style,
      start: pointAt(c.prefix ? c.prefix.start : c.block.start),
      end: pointAt(c.block.end),
      titleStart: start,
      titleEnd: end,
      heading: c.block,
      blocks: [],
      children: [],
      parent,
    };
    if (c.match) section.canonical = c.match.id;
    if (c.number) section.number = c.number.value;
    parent.children.push(section);
    sections.push(section);
    stack.push({ section, rank });
    current = section;
    owner[i] = section;
  }

  // Assign blocks to sections and compute section ends.
  for (let i = 0; i < nodes.length; i++) {
    const section = owner[i] ?? root;
    for (const block of topBlocks[i] ?? []) {
      block.section = section;
      if (block !== section.heading) section.blocks.push(block);
    }
    const endOffset = nodes[i]!.position?.end.offset;
    if (endOffset !== undefined) {
      for (let s: Section | undefined = section; s && s !== root; s = s.parent) s.end = pointAt(endOffset);
    }
  }
  return contents ? { root, sections, contents } : { root, sections };
}

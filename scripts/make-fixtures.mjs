#!/usr/bin/env node
/**
 * Build the Word and PDF fixtures in fixtures/formats/ from the seeds
 * (fixtures/00N_*.txt), so that tests can compare what policy-lint finds in a
 * seed's .docx and PDF with what it finds in the seed's text. Run after
 * `npm run build` (it parses the seeds with policy-lint's own parser):
 *
 *   node scripts/make-fixtures.mjs
 *
 * The output is deterministic (fixed dates and ids), and committed with this
 * script. What each file holds:
 * - seed-00N.docx: the seed as Word writes it. `#` headings are paragraphs in
 *   Word's built-in heading styles, bold paragraphs are bold runs, lists use
 *   Word numbering (bullets and "1."), links are hyperlinks; every text is
 *   split across two runs (Word splits text at every edit); one paragraph has
 *   a tracked change (its last word inserted, an old phrase deleted) and one
 *   a comment; the footer has a page-number field. None of this changes the
 *   text, so the findings are those of the seed.
 * - seed-00N.pdf: the same content laid out on A4 pages with Helvetica (headings
 *   larger, bold paragraphs bold), a running header and "Page N of M" footer.
 * - features.docx: what the reader must get right beyond the seeds: numbered
 *   headings ("1", "1.1") from a numbering definition, a custom heading style
 *   based on Heading 1, an outline level set on a paragraph, a table, a footnote,
 *   a footer with a review date, a tracked deletion and a comment that hold
 *   text that must not be read, and text split across runs in one sentence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'fixtures', 'formats');
const { parseMarkdown } = await import(path.join(ROOT, 'dist', 'src', 'document', 'parse.js'));
const DATE = '2026-11-30T09:00:00Z';

const NUMBERING = {
  config: [
    {
      reference: 'bullets',
      levels: [0, 1, 2, 3].map((level) => ({
        level,
        format: LevelFormat.BULLET,
        text: '\u2022',
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
      })),
    },
    {
      reference: 'decimal',
      levels: [0, 1, 2, 3].map((level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
      })),
    },
    {
      reference: 'headings',
      levels: [
        { level: 0, format: LevelFormat.DECIMAL, text: '%1', alignment: AlignmentType.LEFT },
        { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', alignment: AlignmentType.LEFT },
      ],
    },
  ],
};

/** Split a text in two runs near its middle (at a space when there is one), as Word's own editing does. */
function splitRuns(text, props) {
  if (text.length < 8) return [new TextRun({ text, ...props })];
  let at = text.indexOf(' ', Math.floor(text.length / 2));
  if (at < 0) at = Math.floor(text.length / 2);
  return [new TextRun({ text: text.slice(0, at), ...props }), new TextRun({ text: text.slice(at), ...props })];
}

/** The runs of a Markdown paragraph's inline content. */
function runsOf(nodes, props = {}) {
  const out = [];
  for (const n of nodes) {
    if (n.type === 'text' || n.type === 'inlineCode') out.push(...splitRuns(n.value.replace(/\n/g, ' '), props));
    else if (n.type === 'strong') out.push(...runsOf(n.children, { ...props, bold: true }));
    else if (n.type === 'emphasis') out.push(...runsOf(n.children, { ...props, italics: true }));
    else if (n.type === 'delete') out.push(...runsOf(n.children, { ...props, strike: true }));
    else if (n.type === 'link') out.push(new ExternalHyperlink({ link: n.url || '#', children: runsOf(n.children, { ...props, style: 'Hyperlink' }) }));
    else if (n.type === 'break') out.push(new TextRun({ break: 1 }));
  }
  return out;
}

/** Plain text of inline nodes. */
const textOf = (nodes) => nodes.map((n) => (n.value !== undefined ? n.value : n.children ? textOf(n.children) : n.type === 'break' ? '\n' : '')).join('');

/** The seed's blocks as simple records, shared by the Word and PDF writers. */
function blocksOf(tree) {
  const blocks = [];
  const walk = (nodes, listDepth, ordered) => {
    for (const n of nodes) {
      if (n.type === 'heading') blocks.push({ kind: 'heading', depth: n.depth, inline: n.children });
      else if (n.type === 'paragraph') blocks.push({ kind: 'paragraph', inline: n.children, ...(listDepth >= 0 ? { list: { depth: listDepth, ordered } } : {}) });
      else if (n.type === 'list') {
        for (const item of n.children) {
          item.children.forEach((child, k) => {
            if (child.type === 'paragraph')
              blocks.push({ kind: 'paragraph', inline: child.children, ...(k === 0 ? { list: { depth: listDepth + 1, ordered: n.ordered } } : { continued: true }) });
            else walk([child], listDepth + 1, n.ordered);
          });
        }
      } else if (n.type === 'blockquote') walk(n.children, listDepth, ordered);
      else if (n.type === 'table') blocks.push({ kind: 'table', rows: n.children.map((r) => r.children.map((c) => c.children)) });
      else if (n.type === 'code') blocks.push({ kind: 'paragraph', inline: [{ type: 'text', value: n.value }] });
    }
  };
  walk(tree.children, -1, false);
  return blocks;
}

/** A seed as a Word document. */
function seedDocx(blocks) {
  const children = [];
  let changed = false;
  let commented = false;
  for (const b of blocks) {
    if (b.kind === 'heading') {
      children.push(new Paragraph({ heading: HeadingLevel[`HEADING_${b.depth}`], children: runsOf(b.inline) }));
      continue;
    }
    if (b.kind === 'table') {
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph({ children: runsOf(c) })] })) })),
        }),
      );
      continue;
    }
    let runs = runsOf(b.inline);
    const text = textOf(b.inline);
    // One tracked change: the paragraph's last word inserted, an old phrase deleted before it.
    if (!changed && !b.list && b.inline.every((n) => n.type === 'text') && /^\S.*\s(\w+)\.$/.test(text) && text.length > 60) {
      const last = /(\w+)\.$/.exec(text)[1];
      const head = text.slice(0, text.length - last.length - 1);
      runs = [
        ...splitRuns(head, {}),
        new DeletedTextRun({ text: 'Hertfordshire Steps and KCSIE 2015 ', id: 1, author: 'Fixture', date: DATE }),
        new InsertedTextRun({ text: last, id: 2, author: 'Fixture', date: DATE }),
        new TextRun('.'),
      ];
      changed = true;
    } else if (!commented && !b.list && text.length > 40) {
      // One comment: not policy text.
      runs = [new CommentRangeStart(0), ...runs, new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })];
      commented = true;
    }
    const props = b.list ? { numbering: { reference: b.list.ordered ? 'decimal' : 'bullets', level: Math.min(b.list.depth, 3) } } : b.continued ? { indent: { left: 720 } } : {};
    children.push(new Paragraph({ ...props, children: runs }));
  }
  return new Document({
    creator: 'policy-lint fixtures',
    title: 'Seed policy',
    description: 'Made by scripts/make-fixtures.mjs',
    comments: {
      children: [
        { id: 0, author: 'Reviewer', date: new Date(DATE), children: [new Paragraph({ children: [new TextRun('Hertfordshire Steps is named here: comments are not policy text.')] })] },
      ],
    },
    numbering: NUMBERING,
    sections: [
      { footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }) }, children },
    ],
  });
}

/** The features document. */
function featuresDocx() {
  const h = (level, text) => new Paragraph({ heading: HeadingLevel[`HEADING_${level}`], numbering: { reference: 'headings', level: level - 1 }, children: [new TextRun(text)] });
  const p = (...runs) => new Paragraph({ children: runs });
  return new Document({
    creator: 'policy-lint fixtures',
    comments: { children: [{ id: 0, author: 'Reviewer', date: new Date(DATE), children: [new Paragraph({ children: [new TextRun('See Hertfordshire Steps (a comment)')] })] }] },
    numbering: NUMBERING,
    styles: {
      paragraphStyles: [{ id: 'PolicyHeading', name: 'Policy Heading', basedOn: 'Heading1', next: 'Normal', run: { bold: true, size: 32 } }],
    },
    footnotes: { 1: { children: [new Paragraph({ children: [new TextRun('Keeping children safe in education 2022, Department for Education.')] })] } },
    sections: [
      {
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun('Review date: Autumn 2024')] })] }) },
        children: [
          p(new TextRun('Oak Tree Primary School Policy for the Education of all Children with a Social Worker')),
          h(1, 'Policy Objective'),
          p(new TextRun('We follow '), new TextRun({ text: 'KCSIE', bold: true }), new TextRun(' 2022'), new TextRun(' in all our work.'), new FootnoteReferenceRun(1)),
          h(1, 'Roles and Responsibilities'),
          h(2, 'The Designated Teacher'),
          p(new TextRun('The designated teacher works with Hertfordshire Steps to support behaviour.')),
          p(new TextRun('Our approach is '), new TextRun('Hertfordshire'), new InsertedTextRun({ text: ' Steps', id: 3, author: 'Fixture', date: DATE }), new TextRun(' throughout.')),
          p(new DeletedTextRun({ text: 'This paragraph named Hertfordshire Steps once. ', id: 4, author: 'Fixture', date: DATE }), new TextRun('Deleted text is not read.')),
          p(new CommentRangeStart(0), new TextRun('A commented sentence.'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })),
          new Paragraph({ style: 'PolicyHeading', children: [new TextRun('Attendance')] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({ children: [new TableCell({ children: [p(new TextRun('Role'))] }), new TableCell({ children: [p(new TextRun('Name'))] })] }),
              new TableRow({ children: [new TableCell({ children: [p(new TextRun('Designated Teacher'))] }), new TableCell({ children: [p(new TextRun('Ms A Example'))] })] }),
            ],
          }),
          new Paragraph({ outlineLevel: 0, children: [new TextRun('Appendix 1 Alternative Provision')] }),
          p(new TextRun('Pupils in alternative provision follow Hertfordshire Steps and the guidance.')),
        ],
      },
    ],
  });
}

/** A seed laid out as a PDF with a running header and page numbers. */
async function seedPdf(blocks, title) {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setCreationDate(new Date(DATE));
  pdf.setModificationDate(new Date(DATE));
  pdf.setProducer('policy-lint fixtures');
  pdf.setCreator('scripts/make-fixtures.mjs');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [W, H] = [595.28, 841.89];
  const margin = 56;
  let page;
  let y = 0;
  const pages = [];
  const newPage = () => {
    page = pdf.addPage([W, H]);
    pages.push(page);
    y = H - margin - 30;
  };
  newPage();
  const safe = (font, s) =>
    [...s]
      .map((c) => {
        try {
          font.encodeText(c);
          return c;
        } catch {
          return '?';
        }
      })
      .join('');
  const write = (text, font, size, indent = 0, gapAfter = 6) => {
    const words = safe(font, text.replace(/\s+/g, ' ').trim()).split(' ');
    let line = '';
    const lines = [];
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > W - 2 * margin - indent && line) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const l of lines) {
      if (y < margin + 40) newPage();
      page.drawText(l, { x: margin + indent, y, size, font });
      y -= size * 1.3;
    }
    y -= gapAfter;
  };
  for (const b of blocks) {
    if (b.kind === 'heading') {
      y -= 6;
      write(textOf(b.inline), bold, [0, 18, 15, 13, 12, 12, 12][b.depth], 0, 8);
    } else if (b.kind === 'table') {
      for (const r of b.rows) write(r.map(textOf).join('   '), regular, 11);
    } else {
      const text = textOf(b.inline).replace(/\n/g, ' ');
      const allBold =
        b.inline.length > 0 &&
        b.inline.every((n) => n.type === 'strong' || (n.type === 'emphasis' && n.children.every((c) => c.type === 'strong')) || (n.type === 'text' && !n.value.trim()));
      const marker = b.list ? (b.list.ordered ? '' : '\u2022 ') : '';
      write(marker + text, allBold ? bold : regular, 11, b.list ? 18 * (b.list.depth + 1) : b.continued ? 18 : 0);
    }
  }
  pages.forEach((pg, i) => {
    pg.drawText(safe(regular, title), { x: margin, y: H - margin + 10, size: 9, font: regular });
    const label = `Page ${i + 1} of ${pages.length}`;
    pg.drawText(label, { x: W / 2 - regular.widthOfTextAtSize(label, 9) / 2, y: margin - 20, size: 9, font: regular });
  });
  return pdf.save({ useObjectStreams: false });
}

/** The same bytes on every run: fixed dates in docProps/core.xml and in the zip's entries. */
async function stable(buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const out = new JSZip();
  // The docx package names hyperlink relationships with random ids: number them in order instead.
  const rels = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  const ids = [...rels.matchAll(/Id="(rId[^"]*)"/g)].map((m) => m[1]).filter((id) => !/^rId\d+$/.test(id));
  const renumber = (s) => ids.reduce((t, id, i) => t.split(`"${id}"`).join(`"rIdLink${i + 1}"`), s);
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    let data = await entry.async('nodebuffer');
    if (name === 'word/document.xml' || name === 'word/_rels/document.xml.rels') data = Buffer.from(renumber(data.toString('utf8')));
    if (name === 'docProps/core.xml') data = Buffer.from(data.toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${DATE}`));
    out.file(name, data, { date: new Date(DATE), createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

fs.mkdirSync(OUT, { recursive: true });
const seeds = fs
  .readdirSync(path.join(ROOT, 'fixtures'))
  .filter((f) => /^\d{3}_.*\.txt$/.test(f))
  .sort();
for (const seed of seeds) {
  const text = fs.readFileSync(path.join(ROOT, 'fixtures', seed), 'utf8');
  const blocks = blocksOf(parseMarkdown(text));
  const name = `seed-${seed.slice(0, 3)}`;
  fs.writeFileSync(path.join(OUT, `${name}.docx`), await stable(await Packer.toBuffer(seedDocx(blocks))));
  const first = blocks.find((b) => b.kind !== 'table');
  fs.writeFileSync(path.join(OUT, `${name}.pdf`), await seedPdf(blocks, first ? textOf(first.inline).slice(0, 80) : 'Policy'));
}
fs.writeFileSync(path.join(OUT, 'features.docx'), await stable(await Packer.toBuffer(featuresDocx())));
console.log(`wrote ${seeds.length * 2 + 1} files in ${path.relative(ROOT, OUT)}`);

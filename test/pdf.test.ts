/**
 * PDF files (issue 13, parts 2, 4, 6): the seeds as PDFs (made by
 * scripts/make-fixtures.mjs with pdf-lib, fixtures/formats/) lint like the
 * seeds' text, with page numbers that point at the page that holds the words;
 * running headers and page numbers are left out; hyphenated words are joined;
 * refusals are one line and exit code 2; a PDF is never fixed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { coreKey, FIXTURES, runMain, seedPath, testFolder, writeIn } from './helpers.js';
import { lintFiles } from '../src/runner/api.js';
import { readPdf, PDF_LIMITS } from '../src/document/pdf.js';

const FORMATS = path.join(FIXTURES, 'formats');
const AS_OF = new Date('2026-11-24T00:00:00Z');
const tmp = testFolder('pdf');

/** The text of each page, read with pdf.js directly (words only, no layout). */
async function pageTexts(file: string): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), verbosity: 0 }).promise;
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    out.push(
      content.items
        .map((i) => ('str' in i ? i.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  await doc.destroy();
  return out;
}

/** A small PDF of lines of text at the given sizes, one page per array. */
async function makePdf(pages: { text: string; size?: number; bold?: boolean; y?: number }[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const [regular, bold] = [await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold)];
  for (const lines of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 760;
    for (const l of lines) {
      page.drawText(l.text, { x: 56, y: l.y ?? y, size: l.size ?? 11, font: l.bold ? bold : regular });
      y -= (l.size ?? 11) * 1.3 + (l.text === '' ? 8 : 0);
    }
  }
  return pdf.save();
}

describe('the seeds as PDFs', () => {
  for (const n of ['000', '001', '002', '003', '004']) {
    it(`seed ${n}: the five core rules find the same (rule, count, section) in the PDF as in the text, on pages that hold the words`, async () => {
      const file = path.join(FORMATS, `seed-${n}.pdf`);
      const [text, pdf] = await Promise.all([lintFiles([seedPath(n)], { asOf: AS_OF, threads: 1 }), lintFiles([file], { asOf: AS_OF, threads: 1 })]);
      expect(pdf.inputProblems).toBe(0);
      const r = pdf.results[0]!;
      expect(r.readAs).toBe('pdf');
      expect(coreKey(r.messages)).toEqual(coreKey(text.results[0]!.messages));
      const pages = await pageTexts(file);
      const view = r.source!.text;
      let checked = 0;
      for (const m of r.messages) {
        if (m.page === undefined || m.end <= m.start || m.end - m.start > 40) continue;
        const words = view.slice(m.start, m.end).replace(/\*\*|\\(?=.)/g, '');
        if (/\n/.test(words)) continue;
        // The words may run on to the next page.
        expect(`${pages[m.page - 1]} ${pages[m.page] ?? ''}`.replace(/\s+/g, ' '), `${m.ruleId} on page ${m.page}: "${words}"`).toContain(words.split(' ')[0]);
        expect(pages[m.page - 1]!.includes(words) || `${pages[m.page - 1]} ${pages[m.page] ?? ''}`.includes(words.split(' ').slice(-1)[0]!)).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      // Running headers and "Page N of M" are not policy text.
      expect(view).not.toMatch(/Page \d+ of \d+/);
    });
  }
});

describe('reading a PDF', () => {
  it('headings from font size, bold paragraphs, hyphenated words joined, page numbers per paragraph', async () => {
    const bytes = await makePdf([
      [
        { text: 'Policy Objective', size: 18, bold: true },
        { text: '' },
        { text: 'We follow the statutory guid-' },
        { text: 'ance for all children.' },
        { text: '' },
        { text: 'Attendance', bold: true },
        { text: '' },
        { text: 'Pupils attend every day.' },
        { text: '3', y: 40 },
      ],
      [{ text: 'Roles and Responsibilities', size: 14, bold: true }, { text: '' }, { text: 'The designated teacher leads.' }, { text: '4', y: 40 }],
    ]);
    const source = await readPdf(bytes);
    expect(source.text).toBe(
      '\n# Policy Objective\n\nWe follow the statutory guidance for all children.\n\n**Attendance**\n\nPupils attend every day.\n\n## Roles and Responsibilities\n\nThe designated teacher leads.\n',
    );
    expect(source.locations!.filter((l) => l.page !== undefined).map((l) => [source.text.slice(l.start, l.start + 8), l.page])).toEqual([
      ['# Policy', 1],
      ['## Roles', 2],
    ]);
  });

  it('JSON has format and page; the human formats name the page', async () => {
    const file = path.join(FORMATS, 'seed-001.pdf');
    const r = await runMain([file, '--format', 'json'], { cwd: tmp });
    const [result] = JSON.parse(r.stdout) as { format: string; messages: { ruleId: string; page?: number }[] }[];
    expect(result!.format).toBe('pdf');
    expect(result!.messages.filter((m) => m.ruleId === 'therapeutic-thinking-naming').every((m) => typeof m.page === 'number')).toBe(true);
    const s = await runMain([file], { cwd: tmp });
    expect(s.stdout).toMatch(/\bpage \d+\b/);
  });

  it('--fix never writes a PDF, and says why', async () => {
    const file = writeIn(tmp, 'fix/seed.pdf', fs.readFileSync(path.join(FORMATS, 'seed-001.pdf')));
    const before = fs.readFileSync(file);
    const r = await runMain(['fix/seed.pdf', '--fix', '--format', 'compact'], { cwd: tmp });
    expect(r.stderr).toBe('policy-lint: fix/seed.pdf: not fixed: a PDF is never fixed; change the Word document it was made from\n');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('PDF refusals: one line, exit code 2, the other files still linted', () => {
  const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
    ['scan.pdf', async () => makePdf([[{ text: ' ' }]]), /: a PDF with no text layer \(a scan, or pages saved as pictures\)/],
    ['broken.pdf', async () => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n'), /: not a readable PDF \(/],
    [
      'long.pdf',
      async () => {
        const pdf = await PDFDocument.create();
        for (let i = 0; i <= PDF_LIMITS.maxPages; i++) pdf.addPage([100, 100]);
        return pdf.save();
      },
      /: refused: the PDF has 1,001 pages \(policy-lint reads up to 1,000\)/,
    ],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      writeIn(tmp, `refuse-${name}/${name}`, await make());
      fs.copyFileSync(seedPath('001'), path.join(tmp, `refuse-${name}`, 'policy.txt'));
      const r = await runMain([`refuse-${name}`], { cwd: tmp });
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(lines[0]!.startsWith(`policy-lint: ${path.join(`refuse-${name}`, name)}: `)).toBe(true);
      expect(r.stdout).toContain('policy.txt');
      expect(r.code).toBe(2);
    });
  }

  it('an encrypted PDF', async () => {
    // An /Encrypt dictionary of the standard security handler whose /U does not match the empty password: it needs one.
    const hex = (c: string): string => `<${c.repeat(64)}>`;
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
        '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>\nendobj\n' +
        `4 0 obj\n<< /Filter /Standard /V 1 /R 2 /O ${hex('a')} /U ${hex('b')} /P -4 >>\nendobj\n` +
        `trailer\n<< /Root 1 0 R /Encrypt 4 0 R /ID [<${'c'.repeat(32)}> <${'c'.repeat(32)}>] /Size 5 >>\n%%EOF\n`,
    );
    await expect(readPdf(pdf)).rejects.toThrow(/^an encrypted \(password-protected\) PDF; policy-lint cannot read it/);
  });
});

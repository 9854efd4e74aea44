/**
 * Word documents (issue 13, parts 1, 4-8): the seeds as .docx (made by
 * scripts/make-fixtures.mjs, fixtures/formats/) lint like the seeds' text;
 * paragraph numbers point at the paragraph that holds the words; --outline
 * lists Word's headings; --fix edits the runs and nothing else; every refusal
 * is one line and exit code 2, the other files still linted.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { coreKey, FIXTURES, runMain, seedPath, testFolder, writeIn } from './helpers.js';
import { lintFiles, outlineFiles } from '../src/runner/api.js';
import { readDocx } from '../src/document/docx.js';
import { ZIP_LIMITS } from '../src/document/zip.js';

const FORMATS = path.join(FIXTURES, 'formats');
const AS_OF = new Date('2026-11-24T00:00:00Z');
const tmp = testFolder('docx');

/** The text of each body paragraph of a .docx, read with a zip library and a regular expression (independently of policy-lint's reader). */
async function bodyParagraphs(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const paras = xml.match(/<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g) ?? [];
  const decode = (s: string): string =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return paras.map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join(''));
}

describe('the seeds as Word documents', () => {
  for (const n of ['000', '001', '002', '003', '004']) {
    it(`seed ${n}: the five core rules find the same (rule, count, section) in the .docx as in the text, at paragraphs that hold the words`, async () => {
      const docx = path.join(FORMATS, `seed-${n}.docx`);
      const [text, word] = await Promise.all([lintFiles([seedPath(n)], { asOf: AS_OF, threads: 1 }), lintFiles([docx], { asOf: AS_OF, threads: 1 })]);
      expect(word.inputProblems).toBe(0);
      const [t, w] = [text.results[0]!, word.results[0]!];
      expect(w.readAs).toBe('docx');
      expect(coreKey(w.messages)).toEqual(coreKey(t.messages));
      expect(coreKey(w.messages).length).toBeGreaterThan(0);
      // Every finding on words of the body names the paragraph that holds them.
      const paras = await bodyParagraphs(docx);
      const view = w.source!.text;
      let checked = 0;
      for (const m of w.messages) {
        if (m.paragraph === undefined || m.end <= m.start) continue;
        const words = view
          .slice(m.start, m.end)
          .replace(/\*\*|\\(?=.)/g, '')
          .replace(/\]\([^)]*\)|\[/g, '');
        if (words.includes('\n')) continue;
        expect(paras[m.paragraph - 1], `${m.ruleId} at paragraph ${m.paragraph}: "${words}"`).toContain(words);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('what the reader gets right (features.docx)', () => {
  const file = path.join(FORMATS, 'features.docx');
  const source = readDocx(fs.readFileSync(file));

  it('--outline lists Word headings: heading styles with their numbers, a custom style based on a heading, an outline level', async () => {
    const run = await outlineFiles([file]);
    const titles: string[] = [];
    const walk = (nodes: { title: string; children: unknown[] }[], depth: number): void => {
      for (const node of nodes) {
        titles.push(`${'  '.repeat(depth)}${node.title}`);
        walk(node.children as { title: string; children: unknown[] }[], depth + 1);
      }
    };
    walk(run.outlines[0]!.sections as never, 0);
    expect(titles).toEqual(expect.arrayContaining(['1 Policy Objective', '2 Roles and Responsibilities', '  2.1 The Designated Teacher', 'Attendance', 'Appendix 1 Alternative Provision']));
  });

  it('reads text split across runs as one sentence, footnotes, tables and footers; not deletions or comments', () => {
    const text = source.text;
    expect(text).toContain('We follow **KCSIE** 2022 in all our work.');
    expect(text).toContain('Keeping children safe in education 2022');
    expect(text).toContain('| Designated Teacher | Ms A Example |');
    expect(text).toContain('Review date: Autumn 2024');
    expect(text).toContain('Our approach is Hertfordshire Steps throughout.');
    expect(text).not.toContain('This paragraph named');
    expect(text).not.toContain('(a comment)');
  });

  it('JSON carries format, section and paragraph; the footer review date and the footnote are linted', async () => {
    const r = await runMain([path.relative(tmp, file), '--format', 'json'], { cwd: tmp });
    const [result] = JSON.parse(r.stdout) as { format: string; messages: { ruleId: string; section: string; paragraph?: number; line: number }[] }[];
    expect(result!.format).toBe('docx');
    const kcsie = result!.messages.filter((m) => m.ruleId === 'kcsie-current');
    expect(kcsie).toHaveLength(2);
    expect(kcsie[0]).toMatchObject({ section: '1 Policy Objective', paragraph: 3 });
    expect(kcsie[1]!.paragraph).toBeUndefined(); // in the footnote
    expect(result!.messages.some((m) => m.ruleId === 'review-date')).toBe(true);
    const steps = result!.messages.filter((m) => m.ruleId === 'therapeutic-thinking-naming').map((m) => m.paragraph);
    expect(steps).toEqual([6, 7, 16]); // the table's four cells are paragraphs 11-14
  });

  it('the human formats quote the words and name the paragraph and section', async () => {
    const r = await runMain([path.relative(tmp, file)], { cwd: tmp });
    // stylish (grouped by section, src/formatters/stylish.ts) names the paragraph instead of a line.
    expect(r.stdout).toMatch(/\bparagraph 3\b/);
    expect(r.stdout).not.toMatch(/\bline \d+:\d+/);
    const c = await runMain([path.relative(tmp, file), '--format', 'compact'], { cwd: tmp });
    expect(c.stdout).toMatch(/features\.docx:\d+:\d+: error KCSIE 2022 is out of date.*\(paragraph 3 in 1 Policy Objective: 'We follow KCSIE 2022 in all our work\.'\) \[kcsie-current\]/);
  });

  it('--print-text prints the text view that line and column point into', async () => {
    const r = await runMain(['--print-text', file], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(source.text);
  });
});

describe('--fix on a Word document', () => {
  it('edits the runs of one paragraph, keeps every other zip entry byte for byte, is idempotent, and reports what to fix in Word', async () => {
    const original = fs.readFileSync(path.join(FORMATS, 'features.docx'));
    const file = writeIn(tmp, 'fix/features.docx', original);
    const r = await runMain(['fix/features.docx', '--fix', '--format', 'compact'], { cwd: tmp });
    expect(r.stderr).toBe(
      'policy-lint: fix/features.docx: paragraph 7: fix it in Word: change "Hertfordshire Steps" to "Therapeutic Thinking Hertfordshire" (it is in a field, a tracked change or a note)\n' +
        'policy-lint: fixed 2 problems in 1 file\n',
    );
    const fixed = fs.readFileSync(file);
    // A Word reader reads the fix back.
    const { value } = await mammoth.extractRawText({ buffer: fixed });
    expect(value).toContain('The designated teacher works with Therapeutic Thinking Hertfordshire to support behaviour.');
    expect(value).toContain('Pupils in alternative provision follow Therapeutic Thinking Hertfordshire and the guidance.');
    // Every other entry: the same bytes, compressed and decompressed.
    const [before, after] = await Promise.all([JSZip.loadAsync(original), JSZip.loadAsync(fixed)]);
    const names = Object.keys(before.files);
    expect(Object.keys(after.files)).toEqual(names);
    for (const name of names) {
      if (name === 'word/document.xml') continue;
      expect(Buffer.from(await after.file(name)!.async('uint8array')).equals(Buffer.from(await before.file(name)!.async('uint8array'))), name).toBe(true);
    }
    const rawEntries = (bytes: Buffer): Map<string, string> => {
      const out = new Map<string, string>();
      for (let i = bytes.indexOf('PK\x03\x04'); i >= 0 && i < bytes.length; i = bytes.indexOf('PK\x03\x04', i + 4)) {
        const nameLength = bytes.readUInt16LE(i + 26);
        const extra = bytes.readUInt16LE(i + 28);
        const size = bytes.readUInt32LE(i + 18);
        const name = bytes.subarray(i + 30, i + 30 + nameLength).toString();
        out.set(name, bytes.subarray(i, i + 30 + nameLength + extra + size).toString('base64'));
      }
      return out;
    };
    const [rawBefore, rawAfter] = [rawEntries(original), rawEntries(fixed)];
    for (const [name, raw] of rawBefore) if (name !== 'word/document.xml') expect(rawAfter.get(name), name).toBe(raw);
    // Outside the fixed words, word/document.xml is as it was.
    const [xmlBefore, xmlAfter] = await Promise.all([before.file('word/document.xml')!.async('string'), after.file('word/document.xml')!.async('string')]);
    expect(xmlAfter.replace(/Therapeutic Thinking Hertfordshire/g, 'Hertfordshire Steps')).toBe(xmlBefore);
    // A second run changes nothing.
    const again = await runMain(['fix/features.docx', '--fix', '--format', 'compact'], { cwd: tmp });
    expect(again.stderr).toBe(
      'policy-lint: fix/features.docx: paragraph 7: fix it in Word: change "Hertfordshire Steps" to "Therapeutic Thinking Hertfordshire" (it is in a field, a tracked change or a note)\n',
    );
    expect(fs.readFileSync(file).equals(fixed)).toBe(true);
  });
});

/** A minimal zip with one stored entry, optionally lying about its size. */
function storedZip(name: string, data: Buffer, declaredSize = data.length, method = 0, payload = data): Buffer {
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(payload.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(payload.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + payload.length, 16);
  return Buffer.concat([local, nameBytes, payload, central, nameBytes, end]);
}

describe('refusals: one line, exit code 2, the other files still linted', () => {
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  const cases: [string, Buffer, RegExp][] = [
    ['legacy.doc', ole, /: a Word 97-2003 document \(\.doc\), which policy-lint does not read: open it in Word and save it as \.docx/],
    [
      'locked.docx',
      Buffer.concat([ole, Buffer.from('EncryptionInfo', 'utf16le'), Buffer.from('EncryptedPackage', 'utf16le')]),
      /: an encrypted \(password-protected\) Word document; policy-lint cannot read it/,
    ],
    ['corrupt.docx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), /: not a readable Word document \(the zip container is damaged: no end of central directory\)/],
    ['not-word.docx', storedZip('hello.txt', Buffer.from('hello')), /: not a Word document \(the zip has no word\/document\.xml\)/],
    ['bomb.docx', storedZip('word/document.xml', Buffer.alloc(10), ZIP_LIMITS.maxTotalBytes + 1), /: refused: the zip would decompress to more than 400 MB/],
    [
      'liar.docx',
      storedZip('word/document.xml', Buffer.alloc(0), 100, 8, zlib.deflateRawSync(Buffer.alloc(1_000_000))),
      /: not a readable Word document \(the zip container is damaged: entry word\/document\.xml does not decompress to the size it declares\)/,
    ],
  ];
  for (const [name, bytes, message] of cases) {
    it(name, async () => {
      writeIn(tmp, `refuse-${name}/${name}`, bytes);
      fs.copyFileSync(seedPath('001'), path.join(tmp, `refuse-${name}`, 'policy.txt'));
      const r = await runMain([`refuse-${name}/${name}`, `refuse-${name}/policy.txt`], { cwd: tmp });
      const lines = r.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^policy-lint: ${path.join(`refuse-${name}`, name).replace(/[.\\/]/g, '\\$&')}`));
      expect(lines[0]).toMatch(message);
      expect(r.stdout).toContain('policy.txt');
      expect(r.code).toBe(2);
    });
  }

  it('too many entries', () => {
    const entries = ZIP_LIMITS.maxEntries + 1;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries, 8);
    end.writeUInt16LE(entries, 10);
    expect(() => readDocx(Buffer.concat([Buffer.from('PK\x03\x04'), end]))).toThrow(/refused: the zip holds 2,001 entries/);
  });
});

describe('folders pick up Word documents, whatever the case of the extension', () => {
  it('a folder with .md and .DOCX files lints both (and skips Word lock files)', async () => {
    writeIn(tmp, 'mixed/a.md', 'Policy\n\nWe use Hertfordshire Steps.\n');
    writeIn(tmp, 'mixed/B.DOCX', fs.readFileSync(path.join(FORMATS, 'features.docx')));
    writeIn(tmp, 'mixed/~$B.DOCX', Buffer.alloc(162));
    const run = await lintFiles(['mixed'], { cwd: tmp, asOf: AS_OF, threads: 1 });
    expect(run.results.map((r) => path.basename(r.filePath))).toEqual(['B.DOCX', 'a.md']);
    expect(run.inputProblems).toBe(0);
  });
});

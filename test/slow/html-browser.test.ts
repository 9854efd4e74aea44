/**
 * The html report in a real browser: Debian's headless Chromium (`chromium`)
 * opens the report of the seeds (and of a policy written to break it), with
 * no network. It must log nothing to the console, draw a page that is not
 * blank at 1280 and at 390 pixels wide, and print to A4 PDF pages that carry
 * every policy's title (read back with pdftotext and pdfinfo, poppler-utils).
 *
 * .ci/run installs chromium and poppler-utils when they are missing. When
 * they are not here and cannot be installed, the tests say so and skip.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function ensureTools(): string | undefined {
  if (has('chromium') && has('pdftotext') && has('pdfinfo')) return undefined;
  if (has('apt-get') && process.getuid?.() === 0) {
    process.stderr.write('html-browser: chromium or poppler-utils missing: installing them with apt-get\n');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'poppler-utils'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (has('chromium') && has('pdftotext') && has('pdfinfo')) return undefined;
  return "SKIPPED: the browser tests need Debian's chromium and poppler-utils (apt-get install chromium poppler-utils), which are not installed and could not be installed here";
}

const missing = ensureTools();
if (missing) process.stderr.write(`html-browser: ${missing}\n`);

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-browser-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Run headless Chromium on a file with a fresh profile and no network; returns its log. */
function chromium(file: string, args: string[]): string {
  const profile = fs.mkdtempSync(path.join(tmp, 'profile-'));
  const r = spawnSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--enable-logging=stderr',
      '--v=0',
      ...args,
      `file://${file}`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (r.error) throw r.error;
  return `${r.stdout}${r.stderr}`;
}

/** What the page wrote to the console (Chromium logs every console message and uncaught error as CONSOLE). */
function consoleLines(log: string): string[] {
  return log.split('\n').filter((l) => /:CONSOLE[:(]/.test(l));
}

/** A PNG's pixels as RGBA rows (8-bit colour types 2 and 6, as Chromium writes them). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let at = 8;
  let width = 0;
  let height = 0;
  let type = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const kind = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    if (kind === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8], 'bit depth').toBe(8);
      type = data[9]!;
    } else if (kind === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const channels = type === 6 ? 4 : type === 2 ? 3 : 0;
  expect(channels, 'colour type').toBeGreaterThan(0);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? line[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let add = 0;
      if (filter === 1) add = a;
      else if (filter === 2) add = b;
      else if (filter === 3) add = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        add = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[x] = (line[x]! + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      out[o] = line[x * channels]!;
      out[o + 1] = line[x * channels + 1]!;
      out[o + 2] = line[x * channels + 2]!;
      out[o + 3] = channels === 4 ? line[x * channels + 3]! : 255;
    }
    prev = line;
  }
  return { width, height, rgba: out };
}

/** The share of pixels that differ from the page's background (the top-left pixel). */
function inkShare(png: Buffer): { width: number; share: number } {
  const { width, height, rgba } = decodePng(png);
  let ink = 0;
  for (let i = 0; i < width * height * 4; i += 4) {
    if (Math.abs(rgba[i]! - rgba[0]!) + Math.abs(rgba[i + 1]! - rgba[1]!) + Math.abs(rgba[i + 2]! - rgba[2]!) > 60) ink++;
  }
  return { width, share: ink / (width * height) };
}

function report(name: string, inputs: string[]): string {
  const out = path.join(tmp, name);
  const r = spawnSync(process.execPath, [BIN, '--as-of', '2026-11-24', '--format', 'html', '-o', out, ...inputs], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBeLessThanOrEqual(1);
  return out;
}

const HOSTILE =
  '# <script>document.title="pwned"; console.error("ran")</script> Policy & "Procedures" سياسة المدرسة\n\nReview date: Autumn 2025\n\n# Roles and Responsibilities\n\nWe follow Hertfordshire Steps <img src="http://example.invalid/x.png" onerror="console.error(1)"> & KCSIE 2022.\n';

describe.skipIf(missing !== undefined)('the html report in headless Chromium', () => {
  it('the console check works: a page with a script that logs and throws is caught', () => {
    const bad = path.join(tmp, 'bad.html');
    fs.writeFileSync(bad, '<!doctype html><title>t</title><p>text</p><script>console.error("logged"); throw new Error("thrown")</script>');
    const lines = consoleLines(chromium(bad, ['--screenshot=' + path.join(tmp, 'bad.png'), '--window-size=400,300']));
    expect(lines.join('\n')).toContain('logged');
    expect(lines.join('\n')).toContain('thrown');
  });

  it("the seeds' report renders with nothing in the console, not blank at 1280 and 390 pixels wide", () => {
    const file = report(
      'seeds.html',
      fs
        .readdirSync(path.join(ROOT, 'fixtures'))
        .filter((f) => /^\d{3}_.*\.txt$/.test(f))
        .map((f) => `fixtures/${f}`),
    );
    for (const width of [1280, 390]) {
      const shot = path.join(tmp, `seeds-${width}.png`);
      const log = chromium(file, [`--screenshot=${shot}`, `--window-size=${width},1600`, '--hide-scrollbars']);
      expect(consoleLines(log), log).toEqual([]);
      const { width: drawn, share } = inkShare(fs.readFileSync(shot));
      expect(drawn).toBe(width);
      // Text and tables, not an empty page (and not a page all ink).
      expect(share, `ink at ${width}px`).toBeGreaterThan(0.02);
      expect(share, `ink at ${width}px`).toBeLessThan(0.6);
    }
    // Kept for a person to look at when the test runs locally.
    if (process.env.POLICY_LINT_KEEP_SCREENSHOTS)
      for (const w of [1280, 390]) fs.copyFileSync(path.join(tmp, `seeds-${w}.png`), path.join(process.env.POLICY_LINT_KEEP_SCREENSHOTS, `seeds-${w}.png`));
  });

  it("a policy with markup in it runs nothing and loads nothing: the console stays empty and the title is the report's", () => {
    const policy = path.join(tmp, 'hostile.md');
    fs.writeFileSync(policy, HOSTILE);
    const file = report('hostile.html', [policy]);
    const log = chromium(file, ['--dump-dom']);
    expect(consoleLines(log), log).toEqual([]);
    expect(log).toContain('<title>Policy check: &lt;script&gt;document.title="pwned"');
    expect(log).not.toContain('<title>pwned</title>');
  });

  it("prints to A4 PDF pages that carry every policy's title", () => {
    const inputs = ['000', '001', '004'].map((p) => `fixtures/${fs.readdirSync(path.join(ROOT, 'fixtures')).find((f) => f.startsWith(`${p}_`))}`);
    const file = report('print.html', inputs);
    const pdf = path.join(tmp, 'print.pdf');
    const log = chromium(file, [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer']);
    expect(consoleLines(log), log).toEqual([]);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(info).toMatch(/^Page size:\s+59[45](?:\.\d*)? x 84[12](?:\.\d*)? pts \(A4\)/m);
    // A first page, then each policy from a new page.
    expect(pages).toBeGreaterThanOrEqual(inputs.length + 1);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const title of ['Education of all Children with a Social Worker', 'Hobletts Manor Junior School', 'Bushey Heath Primary School']) expect(text).toContain(title);
    // Each policy starts a page: its title is at the top of some page.
    const perPage = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.split('\f');
    expect(perPage.filter((p) => /Bushey Heath Primary School/.test(p.slice(0, 200))).length).toBeGreaterThan(0);
  });
});

/**
 * The reports people read: html (structure and escaping, without a browser;
 * test/slow/html-browser.test.ts opens it in Chromium), csv and csv-summary
 * (parsed back), and the GitHub step summary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes, Root } from 'hast';
import { loadAllFormatters } from '../src/formatters/index.js';
import { main } from '../src/cli/main.js';
import { lintSource, summarize, type LintResult } from '../src/engine/lint.js';
import { fromDecoded } from '../src/document/source.js';
import { defaultConfig, enabledRules } from '../src/config/index.js';
import type { RuleMeta } from '../src/types.js';
import { RULES } from '../rules/index.js';
import { githubSummary } from '../src/formatters/github.js';
import { FIXTURES, runMain, seedPath, writeIn } from './helpers.js';

const FORMATTERS = await loadAllFormatters();
const CWD = '/work/repo';
const META = new Map<string, RuleMeta>(RULES.map((r) => [r.meta.id, r.meta]));
const config = defaultConfig(new Date('2026-11-24T00:00:00Z'));
const ctx = { cwd: CWD, color: false, rules: META, version: '1.2.3', asOf: config.settings.asOf, guidance: config.settings.guidance, configFiles: [] };

function lintText(file: string, text: string): LintResult {
  const source = fromDecoded(text);
  const r = summarize(path.join(CWD, file), lintSource(file, source, enabledRules(config), config.settings).messages);
  r.source = source;
  return r;
}

/** A policy written to break a report: markup, entities, quotes and right-to-left text in its title, headings and findings. */
const HOSTILE = [
  '# <script>alert("x")</script> Policy & "Procedures" for \'Children\' سياسة',
  '',
  'Review date: Autumn 2025',
  '',
  '# Roles and Responsibilities <b>bold</b> & more',
  '',
  'We follow Hertfordshire Steps <img src=x onerror=alert(1)> & "KCSIE 2022" سياسة المدرسة.',
  '',
].join('\n');

function walk(node: Nodes, visit: (e: Element) => void): void {
  if (node.type === 'element') visit(node);
  if ('children' in node) for (const c of node.children) walk(c as Nodes, visit);
}

function all(tree: Root, tag: string): Element[] {
  const out: Element[] = [];
  walk(tree, (e) => {
    if (e.tagName === tag) out.push(e);
  });
  return out;
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}

describe('html', () => {
  it('is one page with landmarks, headings in order, a header with the as-of date, registry, version and configuration', () => {
    const html = FORMATTERS.html!([lintText('a.md', HOSTILE)], ctx);
    const tree = fromHtml(html);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(all(tree, 'html')[0]!.properties.lang).toBe('en-GB');
    expect(all(tree, 'header')).toHaveLength(1);
    expect(all(tree, 'main')).toHaveLength(1);
    expect(all(tree, 'footer')).toHaveLength(1);
    expect(all(tree, 'h1').map(textOf)).toEqual(['Policy check report']);
    const header = textOf(all(tree, 'header')[0]!);
    expect(header).toContain('24 November 2026');
    expect(header).toContain(`version ${config.settings.guidance.version}`);
    expect(header).toContain('version 1.2.3');
    expect(header).toContain('built-in defaults');
    // No scripts, no external requests: nothing to load but the page itself.
    expect(all(tree, 'script')).toHaveLength(0);
    expect(all(tree, 'link')).toHaveLength(0);
    expect(all(tree, 'img')).toHaveLength(0);
    for (const a of all(tree, 'a')) expect(String(a.properties.href)).toMatch(/^(#|https:\/\/)/);
  });

  it("the header gives the registry's check date when the registry records one", () => {
    const guidance = { ...config.settings.guidance, checked: '2026-12-01' };
    const tree = fromHtml(FORMATTERS.html!([lintText('a.md', HOSTILE)], { ...ctx, guidance }));
    expect(textOf(all(tree, 'header')[0]!)).toContain(`version ${guidance.version}, facts last checked 1 December 2026`);
  });

  it('escapes every string from a policy: <script>, tags, & and quotes stay text; right-to-left text is marked dir=auto', () => {
    const html = FORMATTERS.html!([lintText('a.md', HOSTILE)], ctx);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#x3C;script>');
    const tree = fromHtml(html);
    const h2 = all(tree, 'h2');
    expect(h2.map(textOf)).toEqual(['<script>alert("x")</script> Policy & "Procedures" for \'Children\' سياسة']);
    expect(h2[0]!.properties.dir).toBe('auto');
    const h3 = all(tree, 'h3').map(textOf);
    // Section titles are the parsed headings' text (inline HTML is not text); whatever they hold stays text.
    expect(
      h3.some((t) => t.startsWith('Roles and Responsibilities') && t.endsWith('& more')),
      h3.join(' | '),
    ).toBe(true);
    expect(all(tree, 'b')).toHaveLength(0);
    const quotes = all(tree, 'blockquote');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q) => q.properties.dir === 'auto')).toBe(true);
    const marked = all(tree, 'mark').map(textOf);
    expect(marked).toContain('Hertfordshire Steps');
    const quoted = quotes.map(textOf).join('\n');
    expect(quoted).toContain('<img src=x onerror=alert(1)> & "KCSIE 2022" سياسة المدرسة.');
  });

  it('each finding: what to change, why, and a link to the rule page; status in words', () => {
    const html = FORMATTERS.html!([lintText('a.md', HOSTILE)], ctx);
    const tree = fromHtml(html);
    const items = all(tree, 'li').filter((li) => (li.properties.className as string[] | undefined)?.some((c) => c === 'error' || c === 'warning'));
    expect(items.length).toBeGreaterThan(0);
    for (const li of items) {
      const t = textOf(li);
      expect(t).toContain('What to change: ');
      expect(t).toContain('Why: ');
      const links = all({ type: 'root', children: [li] }, 'a').map((a) => String(a.properties.href));
      expect(links.some((href) => /\/docs\/rules\/[a-z0-9/-]+\.md$/.test(href))).toBe(true);
    }
    expect(textOf(tree)).toContain('Red: changes needed');
  });

  it('several policies: a first page with the table of policies and the table of rules, with column headers', () => {
    const results = [
      lintText('a.md', HOSTILE),
      lintText('b.md', fs.readFileSync(seedPath('004'), 'utf8')),
      lintText('c.md', fs.readFileSync(path.join(FIXTURES, 'current-policy.md'), 'utf8')),
    ];
    const tree = fromHtml(FORMATTERS.html!(results, ctx));
    const tables = all(tree, 'table');
    expect(tables.map((t) => textOf(all({ type: 'root', children: [t] }, 'caption')[0]!))).toEqual(['Policies', 'Rules by the number of policies they found something in']);
    const headers = all({ type: 'root', children: [tables[0]!] }, 'th')
      .filter((th) => th.properties.scope === 'col')
      .map(textOf);
    expect(headers).toEqual(['Policy', 'Status', 'Errors', 'Warnings', 'Next review', 'Oldest guidance named']);
    const rows = all({ type: 'root', children: [tables[0]!] }, 'tbody')[0]!.children.filter((c): c is Element => c.type === 'element');
    expect(rows).toHaveLength(3);
    expect(textOf(rows[0]!)).toContain('Autumn 2025 (passed)');
    expect(textOf(rows[0]!)).toContain('KCSIE 2022');
    expect(textOf(rows[2]!)).toContain('Green: nothing found');
    // Every policy has its own section, in order, each labelled by its heading.
    const sections = all(tree, 'section').filter((s) => (s.properties.className as string[]).includes('policy'));
    expect(sections).toHaveLength(3);
    for (const s of sections) expect([all({ type: 'root', children: [s] }, 'h2')[0]!.properties.id]).toEqual(s.properties.ariaLabelledBy);
  });

  it('lists every finding of the seeds (repeats counted once with their count)', () => {
    const results = ['000', '001', '004'].map((p) => lintText(`${p}.txt`, fs.readFileSync(seedPath(p), 'utf8')));
    const tree = fromHtml(FORMATTERS.html!(results, ctx));
    const items = all(tree, 'li').filter((li) => (li.properties.className as string[] | undefined)?.some((c) => c === 'error' || c === 'warning'));
    const counted = items.map((li) => {
      const m = /\((\d+) times:/.exec(textOf(li));
      return m ? Number(m[1]) : 1;
    });
    expect(counted.reduce((a, b) => a + b, 0)).toBe(results.reduce((n, r) => n + r.messages.length, 0));
  });
});

/** RFC 4180, read back independently of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      expect(c, 'a bare LF or CR outside quotes').not.toMatch(/[\r\n]/);
      field += c;
      i++;
    }
  }
  expect(field, 'the file ends with CRLF').toBe('');
  return rows;
}

describe('csv', () => {
  it('one row per finding, RFC 4180, with a UTF-8 BOM, read back field for field', () => {
    const results = [lintText('a.md', HOSTILE), lintText('b.md', fs.readFileSync(seedPath('001'), 'utf8'))];
    const out = FORMATTERS.csv!(results, ctx);
    expect(out.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(out.slice(1));
    expect(rows[0]).toEqual(['File', 'Profile', 'Section', 'Paragraph', 'Page', 'Line', 'Column', 'Severity', 'Rule', 'Message', 'Words', 'Sentence']);
    const messages = results.flatMap((r) => r.messages.map((m) => ({ r, m })));
    expect(rows.length - 1).toBe(messages.length);
    rows.slice(1).forEach((row, i) => {
      const { r, m } = messages[i]!;
      expect(row).toHaveLength(12);
      expect(row[0]).toBe(path.relative(CWD, r.filePath));
      expect(row[2]).toBe(m.section ?? '');
      expect(row[5]).toBe(String(m.line));
      expect(row[6]).toBe(String(m.column));
      expect(row[7]).toBe(m.severity);
      expect(row[8]).toBe(m.ruleId);
      expect(row[9]).toBe(/^[=+\-@]/.test(m.message) ? `'${m.message}` : m.message);
    });
    // A policy's quotes, commas and right-to-left text survive the round trip.
    expect(rows.some((row) => row[11]!.includes('& "KCSIE 2022" سياسة المدرسة.'))).toBe(true);
  });

  it('a field that a spreadsheet would run as a formula is written as text', () => {
    const r = lintText('a.md', '# Roles\n\n=HYPERLINK("http://x") Hertfordshire Steps\n');
    const rows = parseCsv(FORMATTERS.csv!([r], ctx).slice(1));
    expect(rows.slice(1).some((row) => row[11]!.startsWith("'=HYPERLINK("))).toBe(true);
    expect(rows.slice(1).every((row) => row.every((f) => !/^[=+@-]/.test(f)))).toBe(true);
  });

  it('csv-summary: one row per policy with title, status, counts and review date', () => {
    const results = [lintText('a.md', HOSTILE), lintText('c.md', fs.readFileSync(path.join(FIXTURES, 'current-policy.md'), 'utf8'))];
    const rows = parseCsv(FORMATTERS['csv-summary']!(results, ctx).slice(1));
    expect(rows[0]).toEqual(['File', 'Title', 'Profile', 'Status', 'Errors', 'Warnings', 'Review date', 'Review date passed', 'Oldest guidance named']);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 2)).toEqual(['a.md', '<script>alert("x")</script> Policy & "Procedures" for \'Children\' سياسة']);
    expect(rows[1]![3]).toBe('red');
    expect(rows[1]![4]).toBe(String(results[0]!.errorCount));
    expect(rows[1]!.slice(6)).toEqual(['Autumn 2025', 'yes', 'KCSIE 2022']);
    expect(rows[2]!.slice(0, 4)).toEqual(['c.md', 'Education of all Children with a Social Worker', '', 'green']);
    expect(rows[2]!.slice(6, 8)).toEqual(['Autumn 2027', 'no']);
  });
});

describe('github', () => {
  it('annotations: every error before any warning', () => {
    const results = [lintText('a.md', HOSTILE), lintText('b.md', fs.readFileSync(seedPath('001'), 'utf8'))];
    const kinds = FORMATTERS.github!(results, ctx)
      .trim()
      .split('\n')
      .map((l) => l.slice(2, l.indexOf(' ')));
    expect(kinds.indexOf('warning')).toBeGreaterThan(0);
    expect(kinds.lastIndexOf('error')).toBeLessThan(kinds.indexOf('warning'));
  });

  it('the step summary: a table of policies, then the errors, every policy string escaped', () => {
    const results = [lintText('a.md', HOSTILE), lintText('c.md', '# Clean\n\nNothing here.\n')];
    const md = githubSummary(results, ctx);
    expect(md).toContain('| Policy | File | Status | Errors | Warnings |');
    expect(md).toContain('### Errors');
    expect(md).not.toMatch(/<script|<b>|<img/);
    expect(md).toContain('&lt;script&gt;');
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Policy') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(2);
    // An escaped | cannot split a cell: every row has five cells.
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
  });
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-reports-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the command line', () => {
  it('--format github appends a summary to $GITHUB_STEP_SUMMARY when it is set, and prints the annotations as without it', async () => {
    writeIn(dir, 'a.md', HOSTILE);
    const without = await runMain(['a.md', '-f', 'github'], { cwd: dir });
    const summary = path.join(dir, 'summary.md');
    fs.writeFileSync(summary, 'earlier step\n');
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'policy-lint', '--as-of', '2026-11-24', 'a.md', '-f', 'github'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: dir,
      env: { GITHUB_STEP_SUMMARY: summary },
      isTTY: false,
    });
    expect({ code, stdout, stderr }).toEqual(without);
    const written = fs.readFileSync(summary, 'utf8');
    expect(written.startsWith('earlier step\n## policy-lint\n')).toBe(true);
    expect(written).toContain('| a.md |');
  });

  it('--format html -o writes the report; csv and csv-summary print tables', async () => {
    writeIn(dir, 'a.md', HOSTILE);
    const r = await runMain(['a.md', '-f', 'html', '-o', 'report.html'], { cwd: dir });
    expect(r.stdout).toBe('');
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h1>Policy check report</h1>');
    expect(html).toContain('24 November 2026');
    const csv = await runMain(['a.md', '-f', 'csv'], { cwd: dir });
    expect(csv.stdout.startsWith('\uFEFFFile,Profile,Section,')).toBe(true);
    const summary = await runMain(['a.md', '-f', 'csv-summary'], { cwd: dir });
    expect(summary.stdout.split('\r\n')).toHaveLength(3);
  });
});

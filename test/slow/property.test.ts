/**
 * Property-based tests (issue 6, part 2): policies generated from the seeds'
 * own paragraphs and headings, cut up and spliced with random text (Markdown
 * punctuation, astral characters, combining marks, right-to-left text and
 * marks, tabs, directives, the phrases the rules look for), with LF, CRLF or
 * CR line endings and an optional BOM, linted through the library with the
 * default configuration (every rule, the Hertfordshire pack included).
 *
 * The runs are reproducible: the seed is fixed (POLICY_LINT_PROPERTY_SEED
 * overrides it, to explore) and fast-check prints it, with the shrunk
 * counterexample, when a property fails. POLICY_LINT_PROPERTY_RUNS multiplies
 * the number of runs (default 1; the file then takes a few seconds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSource, encodeSource, type SourceText } from '../../src/document/source.js';
import { lintSource } from '../../src/engine/lint.js';
import { applyEditsToSource, fixSource, selectFixes, toOriginalOffset } from '../../src/engine/fix.js';
import { buildDocument } from '../../src/document/build.js';
import { ConfigResolver, enabledRules } from '../../src/config/index.js';
import type { Diagnostic, Section } from '../../src/types.js';
import { FIXTURES, SEEDS } from '../helpers.js';

const SEED = Number(process.env.POLICY_LINT_PROPERTY_SEED ?? 20261124);
const SCALE = Number(process.env.POLICY_LINT_PROPERTY_RUNS ?? 1);
const runs = (n: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)), endOnFailure: false });

// The default configuration (policy-lint:recommended, with the Hertfordshire pack), as for a file in a folder with no .policylintrc.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-property-'));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
const resolver = new ConfigResolver({ cwd: folder, asOf: new Date('2026-11-24T00:00:00Z') });
const config = resolver.forDirectory(folder);
const RULES = enabledRules(config);
const lint = (source: SourceText): Diagnostic[] => lintSource(path.join(folder, 'policy.md'), source, RULES, config.settings).messages;

// ---------------------------------------------------------------------------
// Generated policies.

const seedTexts = SEEDS.map((s) => fs.readFileSync(path.join(FIXTURES, s), 'utf8').replace(/\r\n?/g, '\n'));
/** Every paragraph, heading and list of the seeds (split at blank lines). */
const BLOCKS = [...new Set(seedTexts.flatMap((s) => s.split(/\n[ \t]*\n/)).map((b) => b.replace(/^\n+|\n+$/g, '')))].filter((b) => b.trim() !== '');
/** Lines the seeds have few of, that some rules read: role statements with two names, a contents list, headings. */
const EXTRA = [
  'Name of the Designated Teacher for CLA and PLA: Mrs A Smith',
  'Name of the Designated Teacher for CLA and PLA: Mr B Jones',
  'Name of the Designated School Governor for CLA and PLA\n\nMs C Khan',
  'Contents:\n\n- Intention\n- Attendance\n- Appendix 9',
  '# Attendance',
  '**Attendance:**',
  '## Roles and Responsibilities',
  'Review date: Autumn 2025',
  '| Role | Name |\n|---|---|\n| Designated Teacher | [Name] |',
];
const PIECES = [
  ' ',
  ' ',
  ' ',
  '\t',
  'a',
  'the',
  'School',
  'Z',
  '1',
  '2024',
  '.',
  ',',
  ':',
  ';',
  '*',
  '**',
  '_',
  '~~',
  '[',
  ']',
  '(',
  ')',
  '#',
  '# ',
  '## ',
  '>',
  '> ',
  '- ',
  '1. ',
  '|',
  '`',
  '\\',
  '&',
  '&amp;',
  '&#128512;',
  '<',
  '!',
  '"',
  '“',
  '”',
  '’',
  "'",
  '😀',
  '𝒜',
  'e\u0301',
  '\u0301',
  '\u0308',
  'مرحبا',
  'שלום',
  '\u200F',
  '\u202E',
  '\u00A0',
  '\uFFFD',
  '\u2028',
  '\n',
  '\n',
  '\n\n',
  '\r',
  'Hertfordshire Steps',
  'Therapeutic Thinking',
  'KCSIE 2023',
  'Keeping Children Safe in Education 2024',
  'September 2024',
  'Autumn 2025',
  '2019/20',
  '2025-26',
  'PLA',
  'CPLA',
  'CLA',
  'LAC',
  'Designated Teacher',
  'Virtual School Head',
  'Review date: ',
  'Date of review: Summer 2023',
  '[Name]',
  'XXX',
  'TBC',
  '<!-- policy-lint-disable -->',
  '<!-- policy-lint-disable-next-line empty-link -->',
  '<!-- policy-lint-enable -->',
  '<!-- policy-lint-disabel x -->',
  '[here](#)',
  '[link]()',
  '](#)',
  'https://',
  'termly',
  'PEP',
  'ePEP',
  'kinship care',
  '32.5 hours',
  'full time',
  'Pupil Premium Plus',
  'Appendix 1',
  'Attendance',
  'Intention',
  'Contents:',
  '**Attendance:**',
  'Mrs A Smith',
];
const noise = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 30 });
const spliced = fc.tuple(fc.constantFrom(...BLOCKS), noise, fc.nat()).map(([block, text, at]) => {
  const i = at % (block.length + 1);
  return block.slice(0, i) + text + block.slice(i);
});
const fragment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...BLOCKS) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTRA) },
  { weight: 2, arbitrary: spliced },
  { weight: 2, arbitrary: noise },
);

interface Generated {
  /** The file's bytes: UTF-8, with or without a BOM. */
  bytes: Uint8Array;
  eol: string;
}

const policy: fc.Arbitrary<Generated> = fc
  .record({
    parts: fc.array(fc.tuple(fragment, fc.constantFrom('\n\n', '\n\n', '\n', '\n\n\n', ' \n\n', '\t\n\n')), { maxLength: 14 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    end: fc.constantFrom('', '\n', '\n\n'),
  })
  .map(({ parts, eol, bom, end }) => {
    const text = `${parts
      .map(([f, sep]) => f + sep)
      .join('')
      .replace(/\n$/, '')}${end}`.replace(/\r\n?|\n/g, eol);
    const body = Buffer.from(text, 'utf8');
    return { bytes: bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body, eol: JSON.stringify(eol) };
  });

// ---------------------------------------------------------------------------
// Helpers for the properties.

/** What a reader sees of source text: emphasis and link markup, link targets and character references removed, spaces collapsed. */
function readable(text: string): string {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n) <= 0x10ffff ? Number(n) : 0xfffd))
    .replace(/[*_`\\[\]~]/g, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The texts a message quotes in "double quotes", in order (a quote cut short with "..." loses the dots). */
function quotes(message: string): string[] {
  return [...message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/\.\.\.$/, ''));
}

/**
 * The rules whose messages quote the text they found, and which quote that
 * is. The other rules quote what to add ("add "Name of the Designated
 * Teacher ..."", "for example "Review date: Autumn 2027"") or the name of a
 * missing section, at a whole-document position, or quote nothing
 * (kcsie-current, termly-pep, policy-lint/encoding): for them there is
 * nothing in the text to point at.
 */
const QUOTING_RULES: Record<string, 'first' | 'any'> = {
  // Not "The section "X" (line 7) is not in the contents list": that one is reported at the list, where X is to be added.
  'contents-match': 'first',
  'duplicate-section': 'first',
  'empty-link': 'first',
  'ended-programme': 'first',
  'hertfordshire/virtual-school-address': 'first',
  'placeholder-text': 'first',
  'policy-lint/directive': 'first',
  'role-name-consistency': 'first',
  'stale-academic-year': 'first',
  'superseded-guidance': 'first',
  'therapeutic-thinking-naming': 'first',
  // "calls children looked after both "CLA" (twice) and "LAC" (once)": the range is the less used term, either quote.
  'consistent-terminology': 'any',
};

function sectionsOf(root: Section): Section[] {
  const out: Section[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    out.push(s);
    for (let i = s.children.length - 1; i >= 0; i--) stack.push(s.children[i]!);
  }
  return out;
}

// ---------------------------------------------------------------------------

describe('generated policies (fast-check)', () => {
  it('the linter never throws, and every range lies inside the file', () => {
    fc.assert(
      fc.property(policy, ({ bytes }) => {
        const source = decodeSource(bytes);
        const messages = lint(source);
        const lines = source.text.split('\n');
        for (const m of messages) {
          const where = `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn} (${m.start}-${m.end})`;
          expect(m.start, where).toBeGreaterThanOrEqual(0);
          expect(m.start, where).toBeLessThanOrEqual(m.end);
          expect(m.end, where).toBeLessThanOrEqual(source.text.length);
          expect(m.line, where).toBeGreaterThanOrEqual(1);
          expect(m.endLine, where).toBeGreaterThanOrEqual(m.line);
          expect(m.endLine, where).toBeLessThanOrEqual(lines.length);
          expect(m.column, where).toBeGreaterThanOrEqual(1);
          expect(m.column, where).toBeLessThanOrEqual(lines[m.line - 1]!.length + 1);
          expect(m.endColumn, where).toBeLessThanOrEqual(lines[m.endLine - 1]!.length + 1);
          if (m.endLine === m.line) expect(m.endColumn, where).toBeGreaterThanOrEqual(m.column);
          // Line and column name the same place as the offsets.
          const lineStart = (line: number): number => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
          expect(lineStart(m.line) + m.column - 1, where).toBe(m.start);
          expect(lineStart(m.endLine) + m.endColumn - 1, where).toBe(m.end);
        }
      }),
      runs(250),
    );
  });

  it('a message that quotes the text it found points at that text', () => {
    const checked = new Map<string, number>();
    fc.assert(
      fc.property(policy, ({ bytes }) => {
        const source = decodeSource(bytes);
        for (const m of lint(source)) {
          const which = QUOTING_RULES[m.ruleId];
          const quoted = quotes(m.message)
            .map(readable)
            .filter((q) => q !== '');
          if (!which || quoted.length === 0 || / is not in the contents list: add it/.test(m.message)) continue;
          const raw = source.text.slice(m.start, m.end);
          // A message reads the text without inline HTML ("M<!-- x -->ake visible" reads "Make visible"), and a
          // directive's message quotes the comment itself: the range is read both ways.
          const ranges = [readable(raw), readable(raw.replace(/<!--[\s\S]*?-->|<[^<>]*>/g, ''))];
          const candidates = which === 'first' ? quoted.slice(0, 1) : quoted;
          // The quoted text lies in the range, or the range inside the quoted text (a range on one word of a quoted heading).
          const ok = candidates.some((q) => ranges.some((range) => range.includes(q) || (range !== '' && q.includes(range))));
          expect(ok, `${m.ruleId} at ${m.line}:${m.column}: "${m.message}" but the range reads "${source.text.slice(m.start, m.end)}"`).toBe(true);
          checked.set(m.ruleId, (checked.get(m.ruleId) ?? 0) + 1);
        }
      }),
      runs(250),
    );
    // The property is not empty: the generated text draws quoted findings from most of these rules.
    expect([...checked.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(checked.size).toBeGreaterThanOrEqual(6);
  });

  it('fixing (safe fixes and suggestions) settles, is idempotent, and changes nothing outside its edits', () => {
    let fixed = 0;
    fc.assert(
      fc.property(policy, ({ bytes }) => {
        const source = decodeSource(bytes);
        // One pass at a time, as --fix applies them: outside the edits, the file's own text (its line endings included) is kept.
        let current = source;
        for (let pass = 0; pass < 10; pass++) {
          const { edits, applied } = selectFixes(lint(current), 'suggestion', current.text.length);
          if (applied === 0) break;
          const next = applyEditsToSource(current, edits);
          let at = 0;
          let o = 0;
          for (const e of edits) {
            const start = toOriginalOffset(current, e.start);
            const end = toOriginalOffset(current, e.end);
            const kept = current.original.slice(at, start);
            expect(next.original.slice(o, o + kept.length)).toBe(kept);
            o += kept.length + e.text.replace(/\r\n?|\n/g, current.eol).length;
            at = end;
          }
          expect(next.original.slice(o)).toBe(current.original.slice(at));
          current = next;
          fixed++;
        }
        const outcome = fixSource(source, lint, 'suggestion');
        expect(outcome.stable).toBe(true);
        const again = fixSource(outcome.source, lint, 'suggestion');
        expect(again.changed).toBe(false);
        // The written bytes keep the encoding, the BOM and the line endings.
        const written = encodeSource(outcome.source.original, outcome.source.encoding, outcome.source.bom);
        expect(written[0] === 0xef && written[1] === 0xbb && written[2] === 0xbf).toBe(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf);
        if (!outcome.changed) expect(Buffer.from(written).equals(Buffer.from(bytes))).toBe(true);
      }),
      runs(100),
    );
    expect(fixed).toBeGreaterThan(10); // fixes were applied, so the property was tested
  });

  it('the outline covers the document: sections in order, siblings apart, children inside their parents', () => {
    let nested = 0;
    fc.assert(
      fc.property(policy, ({ bytes }) => {
        const source = decodeSource(bytes);
        const doc = buildDocument('policy.md', source);
        expect(doc.root.start.offset).toBe(0);
        expect(doc.root.end.offset).toBe(doc.text.length);
        for (const s of sectionsOf(doc.root)) {
          expect(s.start.offset).toBeLessThanOrEqual(s.end.offset);
          let previous: Section | undefined;
          for (const child of s.children) {
            expect(child.parent).toBe(s);
            expect(child.level).toBe(s.level + 1);
            expect(child.start.offset, `"${child.title}" starts inside "${s.title}"`).toBeGreaterThanOrEqual(s.start.offset);
            expect(child.end.offset, `"${child.title}" ends inside "${s.title}"`).toBeLessThanOrEqual(s.end.offset);
            if (previous) expect(child.start.offset, `"${child.title}" starts after "${previous.title}" ends`).toBeGreaterThanOrEqual(previous.end.offset);
            previous = child;
            if (s.level > 0) nested++;
          }
        }
        // doc.sections is every section, in document order.
        expect(doc.sections).toEqual(sectionsOf(doc.root).slice(1));
        for (let i = 1; i < doc.sections.length; i++) expect(doc.sections[i]!.start.offset).toBeGreaterThan(doc.sections[i - 1]!.start.offset);
        // Every block belongs to one section and lies inside it.
        for (const block of doc.blocks) {
          expect(block.section.blocks.includes(block) || block.section.heading === block).toBe(true);
          expect(block.start).toBeGreaterThanOrEqual(block.section.start.offset);
          expect(block.end).toBeLessThanOrEqual(block.section.end.offset);
        }
      }),
      runs(250),
    );
    expect(nested).toBeGreaterThan(0); // sub-sections were generated, so nesting was tested
  });
});

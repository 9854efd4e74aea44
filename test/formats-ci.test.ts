/**
 * The CI formats as other tools read them (issue 16): JUnit with one test case per finding (as ESLint's),
 * JSON in ESLint's shape (only safe fixes in `fix`, suggestions in `suggestions`), SARIF links that lead
 * somewhere and help Markdown that renders as written. Every output is checked the way a consumer would
 * read it: SARIF against the 2.1.0 schema, JUnit parsed as XML, ESLint-style fixes applied to the text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import { loadAllFormatters } from '../src/formatters/index.js';
import { DOCS_URL } from '../src/formatters/shared.js';
import { markdownText } from '../src/formatters/sarif.js';
import { directiveMeta } from '../src/engine/directives.js';
import { encodingMeta } from '../src/document/source.js';
import { builtinPackRules, loadPack } from '../src/packs/index.js';
import type { RuleMeta } from '../src/types.js';
import { RULES } from '../rules/index.js';
import { CWD, finding, resultOf, validateSarif } from './format-helpers.js';
import { ROOT } from './helpers.js';

const FORMATTERS = await loadAllFormatters();

function userPack(withLink: boolean): RuleMeta {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-pack-'));
  const file = path.join(dir, 'our-la.yaml');
  fs.writeFileSync(
    file,
    `name: our-la\nrules:\n  - id: our-la/${withLink ? 'old-name' : 'old-word'}\n    type: existence\n    message: '"{match}" is the old name.'\n    tokens: [Old Team]\n${withLink ? '    link: https://example.org/our-la/renamed\n' : ''}`,
  );
  try {
    return loadPack(file).rules[0]!.meta;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The anchor GitHub makes for a heading: lower case, punctuation dropped, spaces as hyphens. */
function githubAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors GitHub makes for the headings of a Markdown file in the repository. */
function anchorsOf(file: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubAnchor(m[1]!.trim())));
}

describe('SARIF links and help', () => {
  const linked = userPack(true);
  const unlinked = userPack(false);
  const metas = [...RULES.map((r) => r.meta), ...builtinPackRules().map((r) => r.meta), directiveMeta, encodingMeta, linked, unlinked];
  const rules = new Map(metas.map((m) => [m.id, m]));
  const log = JSON.parse(
    FORMATTERS.sarif!([resultOf('a.md', [finding(1, 1, 'x', { ruleId: 'our-la/old-name' }), finding(1, 2, 'y', { ruleId: 'not-known' })], 'Old Team\n')], { cwd: CWD, color: false, rules }),
  );
  const byId = new Map<string, { helpUri?: string; help?: { text: string; markdown: string } }>(log.runs[0].tool.driver.rules.map((r: { id: string }) => [r.id, r]));

  it('validates against the SARIF 2.1.0 schema with pack, pseudo- and unknown rules', () => {
    validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
  });

  it("every helpUri into policy-lint's repository names a page that exists, and a heading in it", () => {
    const prefix = `${DOCS_URL}/blob/main/`;
    const intoRepo = [...byId.values()].map((r) => r.helpUri).filter((u): u is string => u?.startsWith(prefix) ?? false);
    expect(intoRepo.length).toBeGreaterThan(RULES.length);
    for (const uri of intoRepo) {
      const [file, anchor] = uri.slice(prefix.length).split('#') as [string, string | undefined];
      expect(fs.existsSync(path.join(ROOT, file)), uri).toBe(true);
      if (anchor !== undefined) expect(anchorsOf(file), uri).toContain(anchor);
    }
    expect(byId.get('policy-lint/directive')!.helpUri).toBe(`${prefix}docs/configuration.md#inline-directives`);
    expect(byId.get('policy-lint/encoding')!.helpUri).toBe(`${prefix}docs/cli.md#bad-input-and-exit-codes`);
    for (const rule of RULES) expect(byId.get(rule.meta.id)!.helpUri).toBe(`${prefix}docs/rules/${rule.meta.id}.md`);
  });

  it("a pack rule with its own link points there; one without, from a user's pack, has no helpUri", () => {
    expect(byId.get('our-la/old-name')!.helpUri).toBe('https://example.org/our-la/renamed');
    expect(byId.get('our-la/old-name')!.help!.markdown).toContain('[Rule documentation](https://example.org/our-la/renamed)');
    const bare = metas.find((m) => m === unlinked)!;
    const log2 = JSON.parse(FORMATTERS.sarif!([], { cwd: CWD, color: false, rules: new Map([[bare.id, bare]]) }));
    const rule = log2.runs[0].tool.driver.rules[0];
    expect(rule.helpUri).toBeUndefined();
    expect(rule.help.markdown).not.toContain('Rule documentation');
    expect(rule.help.text).not.toContain('Documentation:');
    expect(byId.get('not-known')!.helpUri).toBeUndefined();
    // The built-in pack's rules have pages of their own.
    const builtin = builtinPackRules()[0]!.meta;
    expect(byId.get(builtin.id)!.helpUri).toBe(`${DOCS_URL}/blob/main/docs/rules/${builtin.id}.md`);
  });

  it('help.markdown shows HTML comments as code, so that they do not vanish when rendered', () => {
    const md = byId.get('policy-lint/directive')!.help!.markdown;
    expect(md).toContain('`<!-- policy-lint-disable review-date -- reason -->`');
    // Outside code spans, no raw HTML is left.
    expect(md.replace(/`[^`]*`/g, '')).not.toMatch(/<!--|<[a-z/]/i);
    expect(markdownText('a <!-- x --> b <br> c < d `<kept>`')).toBe('a `<!-- x -->` b `<br>` c \\< d `<kept>`');
  });

  it('pack rules say "an existence rule", not "a existence rule"', () => {
    expect(linked.notes).toContain('as an existence rule');
    expect(unlinked.notes).toContain('as an existence rule');
    for (const m of builtinPackRules().map((r) => r.meta)) expect(m.notes).not.toMatch(/ a [aeiou]/);
  });
});

describe('JUnit: one test case per finding', () => {
  function parse(xml: string): Document {
    const problems: string[] = [];
    const doc = new DOMParser({ onError: (level: string, msg: string) => problems.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
    expect(problems).toEqual([]);
    return doc as unknown as Document;
  }
  const messages = [
    finding(2, 4, 'First & <one>'),
    finding(2, 4, 'Same place, same rule'),
    finding(9, 1, 'Second rule', { ruleId: 'required-roles' }),
    finding(5, 2, 'A warning', { severity: 'warning', ruleId: 'empty-link' }),
  ];
  const xml = FORMATTERS.junit!([resultOf('policies/a.md', messages), resultOf('clean.md', [])], { cwd: CWD, color: false, rules: new Map() });
  const doc = parse(xml);
  const cases = [...doc.getElementsByTagName('testcase')];

  it('a testsuite per file, a uniquely named testcase per finding, a failure per error', () => {
    const suites = [...doc.getElementsByTagName('testsuite')];
    expect(suites.map((s) => [s.getAttribute('name'), s.getAttribute('tests'), s.getAttribute('failures')])).toEqual([
      ['policies/a.md', '4', '3'],
      ['clean.md', '1', '0'],
    ]);
    const root = doc.getElementsByTagName('testsuites')[0]!;
    expect([root.getAttribute('tests'), root.getAttribute('failures')]).toEqual(['5', '3']);
    const names = cases.map((c) => c.getAttribute('name'));
    expect(names).toEqual([
      'therapeutic-thinking-naming: policies/a.md:2:4',
      'therapeutic-thinking-naming: policies/a.md:2:4 (2)',
      'required-roles: policies/a.md:9:1',
      'empty-link: policies/a.md:5:2',
      'clean.md',
    ]);
    expect(new Set(cases.map((c) => `${c.getAttribute('classname')}|${c.getAttribute('name')}`)).size).toBe(cases.length);
    expect(cases.map((c) => c.getElementsByTagName('failure').length)).toEqual([1, 1, 1, 0, 0]);
    const first = cases[0]!.getElementsByTagName('failure')[0]!;
    expect(first.getAttribute('message')).toBe('First & <one>');
    expect(first.getAttribute('type')).toBe('therapeutic-thinking-naming');
    expect(first.textContent).toBe('policies/a.md:2:4: First & <one> [therapeutic-thinking-naming]');
    expect(cases[3]!.getElementsByTagName('system-out')[0]!.textContent).toBe('policies/a.md:5:2: warning A warning [empty-link]');
    expect(cases[0]!.getAttribute('file')).toBe('policies/a.md');
    expect(cases[0]!.getAttribute('classname')).toBe('policies/a');
  });

  it('a baseline note stays well-formed (properties inside a testsuite)', () => {
    const noted = parse(FORMATTERS.junit!([resultOf('a.md', [])], { cwd: CWD, color: false, rules: new Map(), suppressed: 2 }));
    const prop = noted.getElementsByTagName('property')[0]!;
    expect(prop.parentNode!.parentNode!.nodeName).toBe('testsuite');
    expect(prop.getAttribute('value')).toBe('2 findings recorded in the baseline not shown');
  });
});

describe("JSON in ESLint's shape", () => {
  const text = 'We use Hertfordshire Steps and utilise it.\n';
  const safe = finding(1, 8, 'renamed', {
    start: 7,
    end: 26,
    fix: {
      safety: 'safe',
      edits: [
        { start: 7, end: 19, text: 'Therapeutic Thinking' },
        { start: 19, end: 26, text: ' Hertfordshire' },
      ],
    },
  });
  const suggestion = finding(1, 31, 'plain English', {
    severity: 'warning',
    ruleId: 'plain',
    start: 31,
    end: 38,
    fix: { safety: 'suggestion', edits: [{ start: 31, end: 38, text: 'use' }] },
  });
  const [out] = JSON.parse(FORMATTERS.json!([resultOf('a.md', [safe, suggestion], text)], { cwd: CWD, color: false, rules: new Map() }));

  it('has every key of an ESLint result', () => {
    expect(Object.keys(out).sort()).toEqual(
      ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'usedDeprecatedRules'].sort(),
    );
    expect(out).toMatchObject({ suppressedMessages: [], fatalErrorCount: 0, usedDeprecatedRules: [], errorCount: 1, warningCount: 1 });
  });

  it('puts only safe fixes in fix, as one ESLint edit, and suggestions in suggestions, not counted as fixable', () => {
    expect(out.messages[0].fix).toEqual({ range: [7, 26], text: 'Therapeutic Thinking Hertfordshire' });
    expect(out.messages[0].suggestions).toBeUndefined();
    expect(out.messages[1].fix).toBeUndefined();
    expect(out.messages[1].suggestions).toEqual([{ desc: 'Replace with "use"', fix: { range: [31, 38], text: 'use' } }]);
    expect(out.fixableErrorCount).toBe(1);
    expect(out.fixableWarningCount).toBe(0);
  });

  it('a tool applying `fix` as ESLint does changes only what --fix changes', () => {
    let fixed = text;
    for (const m of [...out.messages].reverse()) if (m.fix) fixed = fixed.slice(0, m.fix.range[0]) + m.fix.text + fixed.slice(m.fix.range[1]);
    expect(fixed).toBe('We use Therapeutic Thinking Hertfordshire and utilise it.\n');
  });
});

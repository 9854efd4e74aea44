/**
 * Output formats: SARIF validated against the SARIF 2.1.0 JSON schema, GitHub
 * workflow commands with the toolkit's escaping, well-formed JUnit XML,
 * compact lines, and stylish's summary.
 *
 * The SARIF schema fixture and its validator: test/format-helpers.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMParser, type Document as XmlDocument } from '@xmldom/xmldom';
import { loadAllFormatters } from '../src/formatters/index.js';

const FORMATTERS = await loadAllFormatters();
import { escapeData, escapeProperty } from '../src/formatters/github.js';
import { DOCS_URL, ruleDocsUrl } from '../src/formatters/shared.js';
import { lintSource, summarize, type LintResult } from '../src/engine/lint.js';
import { decodeSource, fromDecoded } from '../src/document/source.js';
import { defaultConfig, enabledRules } from '../src/config/index.js';
import type { Diagnostic, RuleMeta } from '../src/types.js';
import { RULES } from '../rules/index.js';
import { CWD, finding, resultOf, sarifSchema, validateSarif } from './format-helpers.js';
import { FIXTURES, SEEDS } from './helpers.js';

const META = new Map<string, RuleMeta>(RULES.map((r) => [r.meta.id, r.meta]));
const ctx = { cwd: CWD, color: false, rules: META, version: '1.2.3' };

function lintText(file: string, text: string): LintResult {
  const config = defaultConfig(new Date('2026-11-24T00:00:00Z'));
  const source = fromDecoded(text);
  const r = summarize(path.join(CWD, file), lintSource(file, source, enabledRules(config), config.settings).messages);
  r.source = source;
  return r;
}

function seedResults(): LintResult[] {
  const config = defaultConfig(new Date('2026-11-24T00:00:00Z'));
  return SEEDS.map((name) => {
    const file = path.join(FIXTURES, name);
    const source = decodeSource(fs.readFileSync(file));
    const r = summarize(file, lintSource(file, source, enabledRules(config), config.settings).messages);
    r.source = source;
    return r;
  });
}

describe('sarif', () => {
  it('the schema fixture is the SARIF 2.1.0 schema and rejects a broken log', () => {
    expect(sarifSchema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false); // driver.name is required
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('output for the five seeds validates against the SARIF 2.1.0 schema', () => {
    const results = seedResults();
    const cwd = path.dirname(FIXTURES);
    const log = JSON.parse(FORMATTERS.sarif!(results, { ...ctx, cwd }));
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = log.runs[0];
    const total = results.reduce((n, r) => n + r.messages.length, 0);
    expect(total).toBeGreaterThan(0);
    expect(run.results).toHaveLength(total);
    for (const r of run.results) {
      const loc = r.locations[0].physicalLocation.artifactLocation;
      expect(loc.uriBaseId).toBe('%SRCROOT%');
      expect(SEEDS.map((name) => `fixtures/${name}`)).toContain(loc.uri);
      expect(r.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:\d+$/);
    }
    const hashes = run.results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: { primaryLocationLineHash: string } }) =>
        `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.partialFingerprints.primaryLocationLineHash}`,
    );
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('describes the tool and every rule with help text and a help link', () => {
    const log = JSON.parse(FORMATTERS.sarif!([resultOf('a.md', [finding(1, 1, 'x')], 'Hertfordshire Steps\n')], ctx));
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'policy-lint', version: '1.2.3', informationUri: DOCS_URL });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([...META.keys()].sort());
    for (const rule of driver.rules) {
      const meta = META.get(rule.id)!;
      expect(rule.shortDescription.text).toBe(meta.description);
      expect(rule.fullDescription.text).toBe(meta.rationale);
      expect(rule.help.text).toContain(meta.rationale);
      expect(rule.help.markdown).toContain(`**${meta.description}**`);
      expect(rule.helpUri).toBe(`https://github.com/policy-lint/policy-lint/blob/main/docs/rules/${rule.id}.md`);
      expect(rule.helpUri).toBe(ruleDocsUrl(rule.id));
    }
    const ttn = driver.rules.find((r: { id: string }) => r.id === 'therapeutic-thinking-naming');
    expect(ttn.help.markdown).toContain('[Therapeutic Thinking Hertfordshire (the Grid)](https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire)');
    const res = log.runs[0].results[0];
    expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  });

  it('gives each result ruleId, ruleIndex, level, message, a repo-relative location and a region', () => {
    const log = JSON.parse(
      FORMATTERS.sarif!(
        [resultOf('policies/my policy.md', [finding(2, 3, 'Old name.', { endLine: 2, endColumn: 22 }), finding(3, 1, 'Check.', { severity: 'warning' })], 'a\n  Hertfordshire Steps\nb\n')],
        ctx,
      ),
    );
    const [r1, r2] = log.runs[0].results;
    expect(r1).toMatchObject({
      ruleId: 'therapeutic-thinking-naming',
      level: 'error',
      message: { text: 'Old name.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'policies/my%20policy.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 22 },
          },
        },
      ],
    });
    expect(r2.level).toBe('warning');
    expect(validateSarif(log)).toBe(true);
  });

  it('fingerprints hash the rule and the line text with an occurrence index, not the line number', () => {
    const text = 'Intro.\n\nWe use Hertfordshire Steps and Hertfordshire Steps.\n\nHertfordshire Steps\n';
    const moved = `New paragraph.\n\nAnother.\n\n${text}`;
    const fp = (r: LintResult): string[] =>
      JSON.parse(FORMATTERS.sarif!([r], ctx))
        .runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'therapeutic-thinking-naming')
        .map((x: { partialFingerprints: { primaryLocationLineHash: string } }) => x.partialFingerprints.primaryLocationLineHash);
    const before = fp(lintText('a.md', text));
    const after = fp(lintText('a.md', moved));
    expect(before).toHaveLength(3);
    expect(before.every((h) => /^[0-9a-f]{16}:\d+$/.test(h))).toBe(true);
    expect(before[0]!.split(':')[0]).toBe(before[1]!.split(':')[0]);
    expect([before[0]!.split(':')[1], before[1]!.split(':')[1]]).toEqual(['1', '2']);
    expect(before[2]).not.toBe(before[0]);
    expect(after).toEqual(before);
    // Run twice: identical.
    expect(fp(lintText('a.md', text))).toEqual(before);
  });

  it('reports files outside the current directory by absolute file URI', () => {
    const r = summarize('/elsewhere/p.md', [finding(1, 1, 'x')]);
    const log = JSON.parse(FORMATTERS.sarif!([r], ctx));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/p.md' });
    expect(validateSarif(log)).toBe(true);
  });

  it('an empty run is valid', () => {
    const log = JSON.parse(FORMATTERS.sarif!([], ctx));
    expect(log.runs[0].results).toEqual([]);
    expect(validateSarif(log)).toBe(true);
  });
});

describe('github', () => {
  it('escapes data and properties as the Actions toolkit does', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });

  it('writes ::error and ::warning commands with escaped file, title and message', () => {
    const messages = [finding(3, 5, 'Review: 50% of roles, named\nbelow', { endLine: 4, endColumn: 2 }), finding(7, 1, 'Plain warning.', { severity: 'warning', ruleId: 'review-date' })];
    const out = FORMATTERS.github!([resultOf('dir/odd,name:v2.md', messages)], ctx);
    expect(out).toBe(
      '::error file=dir/odd%2Cname%3Av2.md,line=3,col=5,endLine=4,endColumn=2,title=therapeutic-thinking-naming::Review: 50%25 of roles, named%0Abelow\n' +
        '::warning file=dir/odd%2Cname%3Av2.md,line=7,col=1,endLine=7,endColumn=6,title=review-date::Plain warning.\n',
    );
  });

  it('adds a notice when a baseline hid findings, and prints nothing for a clean run', () => {
    expect(FORMATTERS.github!([resultOf('a.md', [])], ctx)).toBe('');
    expect(FORMATTERS.github!([resultOf('a.md', [])], { ...ctx, suppressed: 3 })).toBe('::notice title=policy-lint::3 findings recorded in the baseline not shown.\n');
  });
});

describe('junit', () => {
  /**
   * Well-formedness: xmldom checks the structure (nesting, attributes,
   * "<" in values) but lets a bare "&", "]]>" in text and characters XML 1.0
   * forbids through, so those are checked here as well.
   */
  function xmlProblems(xml: string): string[] {
    const problems: string[] = [];
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(xml)) problems.push('bare &');
    if (xml.includes(']]>')) problems.push(']]> in content');
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 does not allow
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) problems.push('character not allowed in XML 1.0');
    try {
      new DOMParser({ onError: (level: string, msg: string) => problems.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
    } catch (error) {
      problems.push(String(error));
    }
    return problems;
  }

  it('the XML checker catches what is not well-formed', () => {
    expect(xmlProblems('<a>ok &amp; fine</a>')).toEqual([]);
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>1 & 2</a>')).not.toEqual([]);
    expect(xmlProblems('<a x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems('<a x="<"/>')).not.toEqual([]);
    expect(xmlProblems('<a>]]></a>')).not.toEqual([]);
    expect(xmlProblems('<a>\u0001</a>')).not.toEqual([]);
  });

  function parse(xml: string): XmlDocument {
    // xmldom's hint that U+FFFD may mean an encoding problem is not a well-formedness
    // problem: the formatter puts U+FFFD where XML 1.0 cannot carry a character.
    expect(xmlProblems(xml).filter((p) => !/replacement character/i.test(p))).toEqual([]);
    return new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml');
  }

  const messages = [
    finding(2, 4, 'Use "Therapeutic Thinking" & <not> \'Steps\'', { ruleId: 'therapeutic-thinking-naming' }),
    finding(9, 1, 'Second error', { ruleId: 'required-roles' }),
    finding(5, 2, 'A warning with a control char \u0001 and ]]> inside', { severity: 'warning', ruleId: 'empty-link' }),
  ];

  it('is well-formed XML: a testsuite per file, a testcase per finding, a failure per error (see formats-ci.test.ts)', () => {
    const xml = FORMATTERS.junit!([resultOf('a & b.md', messages), resultOf('clean.md', [])], ctx);
    const doc = parse(xml);
    const suites = doc.getElementsByTagName('testsuite');
    expect(suites.length).toBe(2);
    expect(suites[0]!.getAttribute('tests')).toBe('3');
    expect(suites[0]!.getAttribute('failures')).toBe('2');
    const cases = doc.getElementsByTagName('testcase');
    expect(cases.length).toBe(4);
    expect(cases[0]!.getAttribute('name')).toBe('therapeutic-thinking-naming: a & b.md:2:4');
    const failures = doc.getElementsByTagName('failure');
    expect(failures.length).toBe(2);
    expect(failures[0]!.getAttribute('type')).toBe('therapeutic-thinking-naming');
    expect(failures[0]!.textContent).toBe('a & b.md:2:4: Use "Therapeutic Thinking" & <not> \'Steps\' [therapeutic-thinking-naming]');
    expect(failures[1]!.textContent).toBe('a & b.md:9:1: Second error [required-roles]');
    const out = doc.getElementsByTagName('system-out');
    expect(out[0]!.textContent).toBe('a & b.md:5:2: warning A warning with a control char \uFFFD and ]]> inside [empty-link]');
    expect(cases[3]!.getAttribute('name')).toBe('clean.md');
    expect(cases[3]!.childNodes.length).toBe(0);
  });

  it('a file with warnings only passes (warnings go to system-out)', () => {
    const doc = parse(FORMATTERS.junit!([resultOf('w.md', [messages[2]!])], ctx));
    expect(doc.getElementsByTagName('testsuite')[0]!.getAttribute('failures')).toBe('0');
    expect(doc.getElementsByTagName('failure').length).toBe(0);
  });

  it('is well-formed for every seed policy', () => {
    const results = seedResults();
    const doc = parse(FORMATTERS.junit!(results, { ...ctx, cwd: path.dirname(FIXTURES) }));
    expect(doc.getElementsByTagName('testsuite').length).toBe(SEEDS.length);
    expect(doc.getElementsByTagName('testcase').length).toBe(results.reduce((n, r) => n + Math.max(1, r.messages.length), 0));
    const names = [...doc.getElementsByTagName('testcase')].map((c) => c.getAttribute('name'));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('compact', () => {
  it('prints file:line:col: severity message [rule], then a summary', () => {
    const out = FORMATTERS.compact!([resultOf('p/a.md', [finding(2, 4, 'Old name.'), finding(3, 1, 'Two\nlines', { severity: 'warning', ruleId: 'x' })])], ctx);
    expect(out).toBe('p/a.md:2:4: error Old name. [therapeutic-thinking-naming]\np/a.md:3:1: warning Two lines [x]\n\n2 problems (1 error, 1 warning)\n');
  });

  it('says when a baseline hid everything', () => {
    expect(FORMATTERS.compact!([resultOf('a.md', [])], { ...ctx, suppressed: 2 })).toBe('No new problems (2 more recorded in the baseline not shown)\n');
  });
});

describe('stylish', () => {
  it('ends with a summary in plain words naming only the command that fixes (suggestions are not counted as changed for you)', () => {
    const safe = { safety: 'safe' as const, edits: [{ start: 0, end: 1, text: 'x' }] };
    const suggestion = { safety: 'suggestion' as const, edits: [{ start: 0, end: 1, text: 'x' }] };
    const out = FORMATTERS.stylish!(
      [resultOf('a.md', [finding(1, 1, 'one', { fix: safe }), finding(2, 1, 'two', { fix: safe, severity: 'warning' }), finding(3, 1, 'three', { fix: suggestion }), finding(4, 1, 'four')])],
      ctx,
    );
    expect(out.replace(/\n(?!\n)/g, ' ')).toContain('\u2716 3 things to change before this policy is approved; 1 to tidy up. 2 can be changed for you: run policy-lint --fix.');
    expect(out).not.toMatch(/--fix-|--\w+ option/);
    expect(out).toMatch(/^\na\.md\n\n {2}Before the first heading\n {2}line 1  error    one  therapeutic-thinking-naming\n/);
  });

  it('has no fixing command when nothing is fixable, and reports baseline suppressions', () => {
    const out = FORMATTERS.stylish!([resultOf('a.md', [finding(1, 1, 'one')])], { ...ctx, suppressed: 4 });
    expect(out).not.toContain('--fix');
    expect(out).toContain('\u2716 1 thing to change before this policy is approved.\n');
    expect(out).toContain('  4 problems recorded in the baseline were not shown.\n');
    expect(FORMATTERS.stylish!([resultOf('a.md', [])], ctx)).toBe('');
    expect(FORMATTERS.stylish!([resultOf('a.md', [])], { ...ctx, suppressed: 1 })).toBe('\u2714 No new problems; 1 problem recorded in the baseline was not shown.\n');
    const warnings = FORMATTERS.stylish!([resultOf('a.md', [finding(1, 1, 'one', { severity: 'warning' })]), resultOf('b.md', [finding(1, 1, 'two', { severity: 'warning' })])], ctx);
    expect(warnings).toContain('\u2716 2 things to tidy up.\n');
  });

  it('names sections, quotes the sentence with the words marked, says repeats once with their lines', () => {
    const text = ['# Roles', '', 'The school follows Hertfordshire Steps. Staff are trained.', '', '## Training', '', 'See [here](#). And [here](#) too.', ''].join('\n');
    const at = (words: string, from = 0): { start: number; end: number } => {
      const start = text.indexOf(words, from);
      return { start, end: start + words.length };
    };
    const here2 = text.indexOf('here', text.indexOf('here') + 1);
    const out = FORMATTERS.stylish!(
      [
        resultOf(
          'a.md',
          [
            finding(3, 20, 'Rename it.', { ...at('Hertfordshire Steps'), section: 'Roles' }),
            finding(7, 6, 'Link goes nowhere.', { ...at('here'), section: 'Roles > Training', severity: 'warning', ruleId: 'empty-link' }),
            finding(7, 21, 'Link goes nowhere.', { start: here2, end: here2 + 4, section: 'Roles > Training', severity: 'warning', ruleId: 'empty-link' }),
          ],
          text,
        ),
      ],
      ctx,
    );
    const hang = ' '.repeat(20);
    expect(out).toContain(`\n  Roles\n  line 3   error    Rename it.  therapeutic-thinking-naming\n${hang}| The school follows \u00ABHertfordshire Steps\u00BB.\n`);
    expect(out).toContain(`\n  Roles > Training\n  2 times  warning  Link goes nowhere.  empty-link\n${hang}at line 7\n${hang}| See \u00ABhere\u00BB.\n`);
  });

  it('wraps to the width it is given (100 columns by default), message lines hanging under the message', () => {
    const long = `${'word '.repeat(60)}end.`;
    const text = `# A section\n\n${'Some long sentence '.repeat(20)}with the words at issue in the middle of it ${'and more words after '.repeat(20)}.\n`;
    const start = text.indexOf('the words at issue');
    const m = finding(3, 1, long, { start, end: start + 18, section: 'A section' });
    for (const width of [undefined, 60, 140]) {
      const out = FORMATTERS.stylish!([resultOf('a.md', [m], text)], width === undefined ? ctx : { ...ctx, width });
      const lines = out.split('\n');
      for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(width ?? 100);
      expect(lines.filter((l) => /^ {19}word/.test(l)).length, 'continuation lines hang under the message').toBeGreaterThan(1);
      expect(out).toMatch(/\| \u2026.*\u00ABthe words at issue\u00BB.*\u2026\n/);
    }
  });

  it('shows "paragraph N" or "page N" instead of the line when the input has them, and the profile it was read as', () => {
    const r = resultOf('a.docx', [{ ...finding(3, 1, 'one'), paragraph: 38 } as Diagnostic, { ...finding(9, 1, 'two'), page: 4 } as Diagnostic]);
    (r as LintResult & { profile?: unknown }).profile = { id: 'model', title: 'Hertfordshire model policy', reason: "its headings are the model's" };
    const out = FORMATTERS.stylish!([r], ctx);
    expect(out).toContain("read as: Hertfordshire model policy (its headings are the model's)\n");
    expect(out).toContain('  paragraph 38  error    one');
    expect(out).toContain('  page 4        error    two');
  });

  it('seeds: every line fits 100 columns, and no option name but the fixing command', () => {
    const out = FORMATTERS.stylish!(seedResults(), ctx);
    for (const line of out.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(out.match(/--[a-z-]+/g) ?? []).toEqual(['--fix']);
  });
});

describe('json', () => {
  it('includes the fixed text as "output" when there is one', () => {
    const r = resultOf('a.md', [finding(1, 1, 'x')]);
    r.output = 'fixed\r\n';
    const [parsed] = JSON.parse(FORMATTERS.json!([r, resultOf('b.md', [])], ctx));
    expect(parsed).toMatchObject({ filePath: path.join(CWD, 'a.md'), errorCount: 1, output: 'fixed\r\n' });
  });
});

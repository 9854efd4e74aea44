/**
 * Rule documentation rendered from metadata: the --list-rules table, the
 * --explain page (examples run live), nearest-id suggestions, and the pages
 * docs/rules/<id>.md, which must be exactly what the generator writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { builtinPackRules } from '../src/packs/index.js';
import { ruleDocsPath, ruleDocsUrl } from '../src/formatters/shared.js';
import { rulePage, rulePages } from '../scripts/rule-pages.js';
import { findAll } from '../src/rule-api/kit.js';
import type { Rule } from '../src/types.js';
import { editDistance, explainRule, listRulesJson, listRulesText, nearestRuleId, runExample, wrap } from '../src/cli/rule-docs.js';
import { ROOT } from './helpers.js';

/** A rule made up for these tests: reports "TODO", fixes it to "done" as a suggestion. */
const todoRule: Rule = {
  meta: {
    id: 'no-todo',
    description: 'No "TODO" | left in text.',
    severity: 'error',
    fixable: 'suggestion',
    rationale: 'A TODO left in a published policy tells the reader that the text is unfinished and should not be relied on.',
    sources: [{ title: 'A test source', url: 'https://example.org/guide' }, { title: 'A source without an address' }],
    notes: 'Only the upper-case word is reported.',
    options: { word: { type: 'string', description: 'The word to report', default: 'TODO' } },
    examples: [
      // The expectations here are deliberately wrong: --explain must show what the rule does, not what the docs claim.
      { title: 'An unfinished sentence', text: 'Line one.\n\nWe will TODO this.\n', expect: [] },
      { title: 'Finished text', text: 'Nothing to do here.\n', expect: ['1:1 wrong'], asOf: '2025-01-31', options: { word: 'TODO' } },
    ],
  },
  check({ doc, report }) {
    for (const m of findAll(doc, /\bTODO\b/)) {
      report({ message: 'Finish this: "TODO" is left in.', start: m.start, end: m.end, fix: { safety: 'suggestion', edits: [{ start: m.start, end: m.end, text: 'done' }] } });
    }
  },
};

describe('--list-rules text', () => {
  const text = listRulesText(RULES);
  const lines = text.trimEnd().split('\n');

  it('has a header and one row per rule, in registry order', () => {
    expect(lines[0]).toMatch(/^RULE\s+SEVERITY\s+FIXABLE\s+DESCRIPTION$/);
    expect(lines).toHaveLength(RULES.length + 1);
    RULES.forEach((r, i) => {
      expect(lines[i + 1]!.split(/\s{2,}/)).toEqual([
        r.meta.id,
        r.meta.severity,
        r.meta.fixable === 'safe' ? 'safe fix' : r.meta.fixable === 'suggestion' ? 'suggestion' : 'no',
        r.meta.description,
      ]);
    });
  });

  it('aligns the columns', () => {
    const at = (line: string, word: string): number => line.indexOf(word);
    const descriptionColumn = at(lines[0]!, 'DESCRIPTION');
    RULES.forEach((r, i) => expect(lines[i + 1]!.indexOf(r.meta.description)).toBe(descriptionColumn));
  });

  it('renders a made-up rule with its labels', () => {
    expect(listRulesText([todoRule])).toBe('RULE     SEVERITY  FIXABLE     DESCRIPTION\nno-todo  error     suggestion  No "TODO" | left in text.\n');
  });
});

describe('--list-rules JSON', () => {
  it('is the metadata of every rule', () => {
    const parsed = JSON.parse(listRulesJson(RULES)) as { id: string; severity: string; fixable: unknown; description: string }[];
    expect(parsed.map((m) => m.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(parsed[0]).toEqual(JSON.parse(JSON.stringify(RULES[0]!.meta)));
  });
});

describe('--explain', () => {
  const page = explainRule(todoRule);

  it('shows every part of the doc', () => {
    expect(page.startsWith('no-todo\n=======\n\nNo "TODO" | left in text.\n\nSeverity: error\nFixable:  suggested change (check before applying)\n')).toBe(true);
    expect(page).toContain('Why\n  A TODO left in a published policy');
    expect(page).toContain('Notes\n  Only the upper-case word is reported.');
    expect(page).toContain('Options\n  word (string): The word to report\n    default: "TODO"');
    expect(page).toContain('Sources\n  - A test source\n    https://example.org/guide\n  - A source without an address\n');
  });

  it('runs each example and shows the findings the rule produces, not the documented ones', () => {
    expect(page).toContain(
      [
        '  1. An unfinished sentence (1 finding)',
        '     | Line one.',
        '     |',
        '     | We will TODO this.',
        '     3:9  Finish this: "TODO" is left in.  [suggestion]',
        '     after fixing:',
        '     | Line one.',
        '     |',
        '     | We will done this.',
      ].join('\n'),
    );
    expect(page).toContain('  2. Finished text (passes)\n     options: {"word":"TODO"}\n     as of: 2025-01-31\n     | Nothing to do here.\n');
    expect(page).not.toContain('wrong');
  });

  it('runExample: findings and fixed text, at the example date', () => {
    const run = runExample(todoRule, todoRule.meta.examples[0]!);
    expect(run.findings.map((d) => `${d.line}:${d.column}`)).toEqual(['3:9']);
    expect(run.output).toBe('Line one.\n\nWe will done this.\n');
    expect(runExample(todoRule, todoRule.meta.examples[1]!)).toEqual({ findings: [] });
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s: the page shows each real example with its computed findings', (id, rule) => {
    const text = explainRule(rule);
    expect(text.startsWith(`${id}\n`)).toBe(true);
    rule.meta.examples.forEach((example, i) => {
      const run = runExample(rule, example);
      expect(text).toContain(`  ${i + 1}. ${example.title} (${run.findings.length === 0 ? 'passes' : `${run.findings.length} finding`}`);
      for (const d of run.findings) expect(text).toContain(`     ${d.line}:${d.column}  ${d.message}`);
    });
  });

  it('wraps long text at the given width', () => {
    expect(wrap('one two three four five', 11, '  ')).toBe('  one two\n  three\n  four five');
  });
});

describe('nearest rule id', () => {
  const ids = RULES.map((r) => r.meta.id);
  it.each([
    ['empty-links', 'empty-link'],
    ['contents-mach', 'contents-match'],
    ['terminology', 'consistent-terminology'],
    ['duplicate-sections', 'duplicate-section'],
    ['EMPTY-LINK', 'empty-link'],
    ['reveiw-date', 'review-date'],
    ['nope-rule', undefined],
    ['kcsie', 'kcsie-current'],
  ])('%s -> %s', (name, nearest) => {
    expect(nearestRuleId(name, ids)).toBe(nearest);
  });

  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(nearestRuleId('x', [])).toBeUndefined();
  });
});

describe('rule pages (docs/rules/, npm run docs)', () => {
  const documented = [...RULES, ...builtinPackRules()];
  const pages = rulePages(documented);

  it('every page in docs/rules/ is exactly what `npm run docs` generates, and there is no other', () => {
    const onDisk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? onDisk(path.join(dir, e.name)) : [path.relative(ROOT, path.join(dir, e.name)).split(path.sep).join('/')]));
    expect(onDisk(path.join(ROOT, 'docs', 'rules')).sort()).toEqual([...pages.keys()].sort());
    for (const [file, text] of pages) expect(fs.readFileSync(path.join(ROOT, file), 'utf8'), `${file} is stale: run "npm run docs"`).toBe(text);
  });

  it('has a page for every rule --list-rules lists, built-in and pack rules, linked from the index', () => {
    expect(documented.some((r) => r.meta.id.includes('/'))).toBe(true);
    const index = pages.get('docs/rules/README.md')!;
    for (const { meta: m } of documented) {
      expect(pages.has(`docs/rules/${m.id}.md`)).toBe(true);
      expect(index).toContain(`| [${m.id}](${m.id}.md) | ${m.description.replace(/\|/g, '\\|')} | ${m.severity} |`);
    }
  });

  it('shows the findings the examples really give, options from the schema, messages and sources', () => {
    const page = rulePage(todoRule);
    expect(page).toContain('# no-todo\n\nNo "TODO" | left in text.\n\n- Default severity: error\n- Fixable: suggestion\n');
    expect(page).toContain('| `word` | `string` | `"TODO"` | The word to report |');
    // The first example claims no finding; the page shows the real one.
    expect(page).toContain('```markdown\nLine one.\n\nWe will TODO this.\n```\n\n1 finding:\n\n```text\n3:9  Finish this: "TODO" is left in.  [suggestion]\n```');
    expect(page).toContain('With options: `{"word":"TODO"}`, as of 2025-01-31.');
    expect(page).toContain('- [A test source](https://example.org/guide)\n- A source without an address');
  });

  it('links SARIF helpUri and --explain to the page', () => {
    expect(ruleDocsUrl('kcsie-current')).toBe('https://github.com/policy-lint/policy-lint/blob/main/docs/rules/kcsie-current.md');
    expect(ruleDocsPath('hertfordshire/virtual-school-address')).toBe('docs/rules/hertfordshire/virtual-school-address.md');
    expect(explainRule(RULES[0]!)).toContain(`\nDocumentation\n  docs/rules/${RULES[0]!.meta.id}.md in the policy-lint repository\n`);
  });

  it('a long default is shown as JSON below the table', () => {
    const rule = RULES.find((r) => r.meta.id === 'required-roles')!;
    expect(rulePage(rule)).toContain('Default of `roles`:\n\n```json\n[\n  "designated-teacher"');
  });
});

/**
 * Inline directives (src/engine/directives.ts): every form, with and without rule
 * lists and reasons, unknown ids and unused directives.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../src/engine/engine.js';
import { GUIDANCE } from '../src/domain/guidance.js';
import { findDirectives } from '../src/engine/directives.js';
import { findAll } from '../src/rule-api/kit.js';
import type { Diagnostic, Rule } from '../src/types.js';
import { docOf, lint } from './helpers.js';

/** A test rule that reports every occurrence of a word. */
function wordRule(id: string, word: string): Rule {
  return {
    meta: { id, description: `Reports ${word}.`, severity: 'error', fixable: false, rationale: 'test', sources: [{ title: 'test' }], examples: [] },
    check({ doc, report }) {
      for (const m of findAll(doc, new RegExp(`\\b${word}\\b`))) report({ message: `found ${word}`, start: m.start, end: m.end });
    },
  };
}

const RULES = [wordRule('no-apple', 'apple'), wordRule('no-pear', 'pear')];
const KNOWN = ['no-apple', 'no-pear', 'hertfordshire/virtual-school-address'];

function run(text: string, opts: { known?: boolean; unused?: boolean } = {}): Diagnostic[] {
  return runRules(
    docOf(text),
    RULES.map((rule) => ({ rule, severity: 'error', options: {} })),
    {
      asOf: new Date('2026-11-24T00:00:00Z'),
      guidance: GUIDANCE,
      directives: { ...(opts.known === false ? {} : { knownRules: KNOWN }), ...(opts.unused ? { reportUnused: true } : {}) },
    },
  );
}

const at = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.line}:${d.column} ${d.ruleId}`);

describe('finding directives in the Markdown tree', () => {
  it('reads block and inline comments, rule lists and reasons', () => {
    const text =
      '<!-- policy-lint-disable no-apple, no-pear -- agreed by governors -->\n' +
      'Text <!--policy-lint-disable-line--> more.\n\n' +
      '- item <!-- policy-lint-disable-next-line no-apple no-pear -->\n\n' +
      '> <!-- policy-lint-enable -->\n';
    const { directives, problems } = findDirectives(docOf(text));
    expect(problems).toEqual([]);
    expect(directives.map((d) => [d.kind, d.rules.map((r) => r.id), d.reason ?? null, d.line])).toEqual([
      ['disable', ['no-apple', 'no-pear'], 'agreed by governors', 1],
      ['disable-line', [], null, 2],
      ['disable-next-line', ['no-apple', 'no-pear'], null, 4],
      ['enable', [], null, 6],
    ]);
  });

  it('ignores comments in code spans, escaped comments and other comments', () => {
    const text = 'A `<!-- policy-lint-disable -->` code span and \\<!-- policy-lint-disable --> escaped.\n\n<!-- a note -->\n\napple\n';
    expect(findDirectives(docOf(text)).directives).toEqual([]);
    expect(at(run(text))).toEqual(['5:1 no-apple']);
  });
});

describe('applying directives', () => {
  it('disable ... enable silences a range, for every rule', () => {
    const text = 'apple one\n\n<!-- policy-lint-disable -- imported text -->\n\napple pear\n\n<!-- policy-lint-enable -->\n\napple two\n';
    expect(at(run(text))).toEqual(['1:1 no-apple', '9:1 no-apple']);
  });

  it('disable RULE silences only that rule, to the end without an enable', () => {
    const text = '<!-- policy-lint-disable no-apple -->\n\napple pear\n\napple\n';
    expect(at(run(text))).toEqual(['3:7 no-pear']);
  });

  it('enable RULE after disable-all re-enables just that rule', () => {
    const text = '<!-- policy-lint-disable -->\n\napple pear\n\n<!-- policy-lint-enable no-pear -->\n\napple pear\n';
    expect(at(run(text))).toEqual(['7:7 no-pear']);
  });

  it('a disable in the middle of a paragraph applies from that point', () => {
    expect(at(run('apple <!-- policy-lint-disable no-apple --> apple\n'))).toEqual(['1:1 no-apple']);
  });

  it('disable-line silences its own line only (all rules, or the rules listed)', () => {
    const text = 'apple pear <!-- policy-lint-disable-line -->\napple pear <!-- policy-lint-disable-line no-pear -->\napple pear\n';
    expect(at(run(text))).toEqual(['2:1 no-apple', '3:1 no-apple', '3:7 no-pear']);
  });

  it('disable-next-line silences the line after the comment', () => {
    const text = '<!-- policy-lint-disable-next-line no-apple -- the name of the orchard -->\napple pear\napple\n';
    expect(at(run(text))).toEqual(['2:7 no-pear', '3:1 no-apple']);
  });

  it('a disable at the very top silences findings reported at 1:1', () => {
    const rule: Rule = { ...wordRule('no-apple', 'x'), check: ({ report }) => report({ message: 'document-level', start: 0, end: 0 }) };
    const settings = { asOf: new Date('2026-11-24T00:00:00Z'), guidance: GUIDANCE, directives: { knownRules: ['no-apple'] } };
    const top = runRules(docOf('<!-- policy-lint-disable no-apple -- not a model policy -->\n# Title\n'), [{ rule, severity: 'error', options: {} }], settings);
    expect(top).toEqual([]);
    const later = runRules(docOf('# Title\n\n<!-- policy-lint-disable no-apple -->\n'), [{ rule, severity: 'error', options: {} }], settings);
    expect(at(later)).toEqual(['1:1 no-apple']);
  });

  it('reports unknown rule ids as errors, suggesting the nearest id', () => {
    const text = 'apple <!-- policy-lint-disable-line no-aple, no-such-rule -->\n';
    const found = run(text);
    expect(found.map((d) => [d.line, d.column, d.endColumn, d.ruleId, d.severity, d.message])).toEqual([
      [1, 1, 6, 'no-apple', 'error', 'found apple'],
      [1, 37, 44, 'policy-lint/directive', 'error', 'Unknown rule "no-aple" in a policy-lint-disable-line directive, so it silences nothing; did you mean "no-apple"?'],
      [1, 46, 58, 'policy-lint/directive', 'error', 'Unknown rule "no-such-rule" in a policy-lint-disable-line directive, so it silences nothing.'],
    ]);
  });

  it('does not judge rule ids when the known rules are not given (library use)', () => {
    expect(at(run('apple <!-- policy-lint-disable-line no-aple -->\n', { known: false }))).toEqual(['1:1 no-apple']);
  });

  it('reports a misspelt directive keyword', () => {
    const [d] = run('<!-- policy-lint-disabel no-apple -->\n\napple\n').filter((x) => x.ruleId === 'policy-lint/directive');
    expect(d!.message).toBe(
      'Unknown directive "policy-lint-disabel"; did you mean "policy-lint-disable"? (directives: policy-lint-disable, policy-lint-enable, policy-lint-disable-line, policy-lint-disable-next-line).',
    );
  });

  it('reports unused directives as warnings only when asked', () => {
    const text =
      '<!-- policy-lint-disable-next-line -->\nnothing here\n\n' +
      'apple <!-- policy-lint-disable-line no-apple, no-pear -->\n\n' +
      '<!-- policy-lint-disable no-pear -- old reason -->\n\napple\n';
    expect(run(text).filter((d) => d.ruleId === 'policy-lint/directive')).toEqual([]);
    const found = run(text, { unused: true });
    expect(found.map((d) => [`${d.line}:${d.column}`, d.ruleId, d.severity, d.message])).toEqual([
      ['1:1', 'policy-lint/directive', 'warning', 'Unused policy-lint-disable-next-line directive: no problems were reported on the next line, so it can be removed.'],
      [
        '4:47',
        'policy-lint/directive',
        'warning',
        'Unused policy-lint-disable-line directive for "no-pear": no problems from that rule were reported on its line, so "no-pear" can be removed from it.',
      ],
      [
        '6:26',
        'policy-lint/directive',
        'warning',
        'Unused policy-lint-disable directive for "no-pear": no problems from that rule were reported after it, so "no-pear" can be removed from it.',
      ],
      ['8:1', 'no-apple', 'error', 'found apple'],
    ]);
  });

  it('a used directive is not reported as unused', () => {
    expect(run('<!-- policy-lint-disable-next-line no-apple -->\napple\n', { unused: true })).toEqual([]);
  });

  it('applies to the rules of the test helper too (all rules, no id checks)', () => {
    const text = '<!-- policy-lint-disable -->\nHertfordshire Steps\n';
    expect(lint(text, { rules: ['therapeutic-thinking-naming'] })).toEqual([]);
    expect(lint('Hertfordshire Steps\n', { rules: ['therapeutic-thinking-naming'] })).toHaveLength(1);
  });
});

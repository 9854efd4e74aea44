// A rule option that is a list of patterns (placeholder-text `patterns`): the patterns a configuration repeats
// from the rule's defaults are the package's own (test/slow/builtin-regex.test.ts checks them), so only the
// patterns it adds cost a run of the ReDoS checker. In a file of its own: the checker's verdicts are kept for
// the process, and no other test may have checked the defaults first.
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { checkOptionValue } from '../src/config/options.js';
import { readStructured } from '../src/config/structured.js';
import { redosChecks } from '../src/packs/safe-regex.js';

describe('rule-option patterns and the ReDoS checker', () => {
  const schema = RULES.find((r) => r.meta.id === 'placeholder-text')!.meta.options!['patterns']!;
  const defaults = schema.default as string[];

  it("a list that repeats the rule's defaults sends only the added pattern to the checker", () => {
    expect(defaults.length).toBeGreaterThan(3);
    const own = 'our\\s+custom\\s+blank-[0-9]+';
    const node = readStructured('.policylintrc.json', JSON.stringify([...defaults, own]), 'json');
    expect(redosChecks()).toBe(0);
    expect(checkOptionValue(schema, node, 'patterns')).toEqual([...defaults, own]);
    expect(redosChecks()).toBe(1);
  });

  it('a pattern that is not a default is still checked, and refused when it is slow', () => {
    const node = readStructured('.policylintrc.json', JSON.stringify(['(a+)+$']), 'json');
    expect(() => checkOptionValue(schema, node, 'patterns')).toThrow(/exponential time/);
    expect(redosChecks()).toBe(2);
  });
});

/**
 * Every rule's documented examples are tests: the docs printed by --explain
 * and the README cannot drift from what the rule does.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { fixText, lint } from './helpers.js';

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('has complete metadata', () => {
    const m = rule.meta;
    expect(m.id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
    expect(m.description.length).toBeGreaterThan(10);
    expect(m.description).not.toContain('\n');
    expect(['error', 'warning']).toContain(m.severity);
    expect(m.rationale.length).toBeGreaterThan(40);
    expect(m.sources.length).toBeGreaterThan(0);
    expect(m.examples.some((e) => e.expect.length > 0)).toBe(true);
    expect(m.examples.some((e) => e.expect.length === 0)).toBe(true);
  });

  for (const example of rule.meta.examples) {
    it(`example: ${example.title}`, () => {
      const found = lint(example.text, { rules: [id], options: example.options ?? {}, asOf: example.asOf ?? '2026-11-24', ...(example.model !== undefined ? { model: example.model } : {}) });
      expect(found.map((d) => `${d.line}:${d.column}`)).toEqual(example.expect.map((e) => e.split(' ')[0]));
      example.expect.forEach((e, i) => {
        const words = e.split(' ').slice(1).join(' ');
        if (words) expect(found[i]!.message).toContain(words);
      });
      if (example.output !== undefined) {
        expect(rule.meta.fixable).not.toBe(false);
        expect(fixText(example.text, { rules: [id], options: example.options ?? {}, asOf: example.asOf ?? '2026-11-24' })).toBe(example.output);
      }
    });
  }
});

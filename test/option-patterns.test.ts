// The package's own patterns are not checked again when a user's file repeats them (test/slow/builtin-regex.test.ts
// checks them): a rule option that repeats the rule's defaults (placeholder-text `patterns`) and a copy of data/
// (POLICY_LINT_DATA) cost a run of the ReDoS checker only for the patterns they add. In a file of its own: the
// checker's verdicts are kept for the process, and no other test may have checked the same patterns first.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseData } from '../src/domain/data.js';
import { ROOT, testFolder, writeIn } from './helpers.js';
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

describe('a copy of data/ and the ReDoS checker', () => {
  const own = fs.readFileSync(path.join(ROOT, 'data', 'guidance.yaml'), 'utf8');
  const dir = testFolder('data-patterns');

  it("repeats the package's patterns without a check, and checks the one it adds", () => {
    const before = redosChecks();
    const copy = writeIn(dir, 'guidance.yaml', own);
    parseData('guidance', copy, own);
    expect(redosChecks() - before).toBe(0);
    const marker = "          - '\\b(?:Section|Paragraph|Para\\.?)\\s+59\\b'\n";
    expect(own).toContain(marker);
    const added = own.replace(marker, `${marker}          - '\\bSection\\s+61\\b'\n`);
    parseData('guidance', writeIn(dir, 'guidance.yaml', added), added);
    expect(redosChecks() - before).toBe(1);
  });
});

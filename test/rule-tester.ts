/**
 * A RuleTester in the manner of ESLint's: one call runs a rule's valid and
 * invalid cases as vitest tests.
 *
 *     ruleTester('empty-link', {
 *       valid: ['See [the guidance](https://www.gov.uk/).'],
 *       invalid: [
 *         { text: 'See [here](#).', errors: [{ messageId: 'goesNowhere', data: { words: 'here' }, line: 1, column: 6, endLine: 1, endColumn: 10 }] },
 *       ],
 *     });
 *
 * A valid case must produce no finding. An invalid case must produce exactly
 * its `errors`, in order; each expected error checks the fields it gives
 * (position, `messageId`, `data` through the filled message, `message` as a
 * text or pattern, `severity`). `output` is the text after every safe fix
 * (null: no safe fix changes the text); an error's `suggestions` lists the text after
 * applying that finding's suggestion fix (an empty list: it has none). Options are checked against the
 * rule's schema first, as a configuration file's would be. `model` is a model policy's text to compare
 * with (model-drift); `guidance` a registry of one's own (settings.guidance).
 */
import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../rules/index.js';
import { applyFixes } from '../src/engine/fix.js';
import { interpolate } from '../src/engine/engine.js';
import { checkOptionValue } from '../src/config/options.js';
import { readStructured } from '../src/config/structured.js';
import type { Diagnostic, MessageData, Severity } from '../src/types.js';
import type { Guidance } from '../src/domain/guidance.js';
import { lint, type LintOptions } from './helpers.js';

export interface ValidCase {
  /** The test's name (default: the text). */
  name?: string;
  text: string;
  options?: Record<string, unknown>;
  /** YYYY-MM-DD (default 2026-11-24). */
  asOf?: string;
  /** A model policy's text to compare with (settings.model, for model-drift). */
  model?: string;
  /** The guidance registry to judge by (settings.guidance, as a configuration gives it; default: data/guidance.yaml's). */
  guidance?: Guidance;
}

export interface ExpectedError {
  messageId?: string;
  data?: MessageData;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
  severity?: Severity;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The text after applying this finding's suggestion; [] when it has none. */
  suggestions?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after every safe fix (applied until nothing changes); null when no safe fix changes it. */
  output?: string | null;
}

const label = (c: ValidCase | string): string => (typeof c === 'string' ? c : (c.name ?? c.text)).replace(/\n/g, '\\n').slice(0, 100);

function run(ruleId: string, c: ValidCase): Diagnostic[] {
  const rule = RULES_BY_ID.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  for (const [name, value] of Object.entries(c.options ?? {})) {
    const schema = rule.meta.options?.[name];
    if (!schema) throw new Error(`rule ${ruleId} has no option ${name}`);
    checkOptionValue(schema, readStructured('options.json', JSON.stringify(value), 'json'), name);
  }
  const opts: LintOptions = {
    rules: [ruleId],
    options: c.options ?? {},
    asOf: c.asOf ?? '2026-11-24',
    ...(c.model !== undefined ? { model: c.model } : {}),
    ...(c.guidance ? { guidance: c.guidance } : {}),
  };
  return lint(c.text, opts);
}

function safeOutput(ruleId: string, c: InvalidCase): string {
  let current = c.text;
  for (let pass = 0; pass < 10; pass++) {
    const { text, applied } = applyFixes(current, run(ruleId, { ...c, text: current }), 'safe');
    if (applied === 0 || text === current) break;
    current = text;
  }
  return current;
}

export function checkInvalid(ruleId: string, c: InvalidCase): void {
  const rule = RULES_BY_ID.get(ruleId)!;
  const found = run(ruleId, c);
  expect(found.map((d) => `${d.line}:${d.column} ${d.message}`)).toHaveLength(c.errors.length);
  c.errors.forEach((want, i) => {
    const got = found[i]!;
    const { suggestions, data, message, ...fields } = want;
    expect(got).toMatchObject({ ruleId, ...fields });
    if (data !== undefined) {
      expect(want.messageId, 'data needs a messageId').toBeDefined();
      expect(got.message).toBe(interpolate(rule.meta.messages![want.messageId!]!, data));
    }
    if (typeof message === 'string') expect(got.message).toBe(message);
    else if (message) expect(got.message).toMatch(message);
    if (suggestions !== undefined) {
      const suggestion = got.fix?.safety === 'suggestion' ? [applyFixes(c.text, [got], 'suggestion').text] : [];
      expect(suggestion).toEqual(suggestions);
    }
  });
  if (c.output !== undefined) expect(safeOutput(ruleId, c)).toBe(c.output ?? c.text);
}

/** Register the valid and invalid cases of a rule as tests. */
export function ruleTester(ruleId: string, cases: { valid?: (ValidCase | string)[]; invalid?: InvalidCase[] }): void {
  describe(`${ruleId} (rule tester)`, () => {
    for (const v of cases.valid ?? []) {
      const c = typeof v === 'string' ? { text: v } : v;
      it(`valid: ${label(v)}`, () => {
        expect(run(ruleId, c)).toEqual([]);
      });
    }
    for (const c of cases.invalid ?? []) {
      it(`invalid: ${label(c)}`, () => checkInvalid(ruleId, c));
    }
  });
}

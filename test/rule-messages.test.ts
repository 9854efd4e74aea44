/**
 * Messages by id: each built-in rule declares its wording once in
 * `meta.messages` and reports `{ messageId, data }`; the engine fills the
 * `{{placeholders}}`, keeps `messageId` on the finding, and refuses a report
 * that names an unknown id, leaves a placeholder without data, or (for a rule
 * that declares messages) gives a plain message.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { interpolate, RuleError, runRules } from '../src/engine/engine.js';
import { defaultConfig } from '../src/config/index.js';
import type { ReportDescriptor, Rule } from '../src/types.js';
import { docOf } from './helpers.js';

const settings = defaultConfig(new Date('2026-11-24T00:00:00Z')).settings;

function fake(report: ReportDescriptor, messages?: Record<string, string>): Rule {
  return {
    meta: { id: 'fake', description: 'd', severity: 'warning', fixable: false, rationale: 'r', sources: [], examples: [], ...(messages ? { messages } : {}) },
    check: (ctx) => ctx.report(report),
  };
}

const run = (rule: Rule) => runRules(docOf('Some text.\n'), [{ rule, severity: 'warning', options: {} }], settings);

describe('meta.messages', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s declares its messages by id', (_id, rule) => {
    const messages = Object.entries(rule.meta.messages ?? {});
    expect(messages.length).toBeGreaterThan(0);
    for (const [id, text] of messages) {
      expect(id).toMatch(/^[a-z][A-Za-z]*$/);
      expect(text.trim()).toBe(text);
    }
  });

  it('fills placeholders and keeps the id', () => {
    const [d] = run(fake({ messageId: 'hello', data: { who: 'the governor', n: 3 }, start: 0, end: 4 }, { hello: 'Hello {{who}}, {{ n }} times ({{who}}).' }));
    expect(d).toMatchObject({ message: 'Hello the governor, 3 times (the governor).', messageId: 'hello', line: 1, column: 1, endColumn: 5 });
  });

  it("keeps a messageId report's facts as the finding's data, not the data that fills its message", () => {
    const [d] = run(fake({ messageId: 'hello', data: { who: 'the governor' }, facts: { kind: 'greeting', lines: ['a', 'b'] }, start: 0, end: 4 }, { hello: 'Hello {{who}}.' }));
    expect(d).toMatchObject({ message: 'Hello the governor.', messageId: 'hello', data: { kind: 'greeting', lines: ['a', 'b'] } });
    expect(d!.data).not.toHaveProperty('who');
    const [plain] = run(fake({ messageId: 'hello', data: { who: 'x' }, start: 0, end: 4 }, { hello: 'Hello {{who}}.' }));
    expect(plain).not.toHaveProperty('data');
  });

  it('does not read placeholders inside the data', () => {
    expect(interpolate('"{{a}}" and {{b}}', { a: '{{b}} $& $1', b: 'x' })).toBe('"{{b}} $& $1" and x');
  });

  it('refuses an unknown id, a placeholder without data, and a plain message from a rule with messages', () => {
    expect(() => run(fake({ messageId: 'nope', start: 0, end: 1 }, { hello: 'Hello.' }))).toThrow(
      new RuleError('fake', 'rule "fake" reported the messageId "nope", which is not in its meta.messages'),
    );
    expect(() => run(fake({ messageId: 'hello', start: 0, end: 1 }, { hello: 'Hello {{who}}.' }))).toThrow('rule "fake" reported "hello" without data for {{who}}');
    expect(() => run(fake({ message: 'Hello.', start: 0, end: 1 }, { hello: 'Hello.' }))).toThrow('rule "fake" declares meta.messages, so it must report a messageId, not a plain message');
    expect(() => run(fake({ start: 0, end: 1 }))).toThrow('rule "fake" reported neither a messageId nor a message');
  });

  it('keeps plain messages for rules that declare none (pack rules), without a messageId', () => {
    const [d] = run(fake({ message: 'Plain.', start: 0, end: 1 }));
    expect(d!.message).toBe('Plain.');
    expect(d).not.toHaveProperty('messageId');
  });
});

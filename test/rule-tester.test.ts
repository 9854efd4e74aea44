/** The rule tester itself: it must fail when a case is wrong (a tester that cannot fail tests nothing). */
import { describe, expect, it } from 'vitest';
import { checkInvalid } from './rule-tester.js';

const text = 'Training from Herts Steps tutors.';
const good = { messageId: 'renamed', line: 1, column: 15, endLine: 1, endColumn: 26 };

describe('rule tester', () => {
  it('passes a right case', () => {
    checkInvalid('therapeutic-thinking-naming', { text, errors: [good], output: 'Training from Therapeutic Thinking Hertfordshire tutors.' });
  });

  it.each([
    ['a wrong end column', { errors: [{ ...good, endColumn: 25 }] }],
    ['a wrong messageId', { errors: [{ ...good, messageId: 'dropSteps' }] }],
    ['wrong data', { errors: [{ ...good, data: { found: 'Steps', replacement: 'x', since: 'y' } }] }],
    ['a missing error', { errors: [good, good] }],
    ['a wrong output', { errors: [good], output: text }],
    ['a suggestion that is not there', { errors: [{ ...good, suggestions: ['x'] }] }],
    ['an option the rule does not have', { errors: [good], options: { nope: 1 } }],
  ])('fails on %s', (_what, c) => {
    expect(() => checkInvalid('therapeutic-thinking-naming', { text, ...c })).toThrow();
  });

  it('refuses options its schema refuses', () => {
    expect(() => checkInvalid('contents-match', { text: 'x', options: { reverse: 'sometimes' }, errors: [] })).toThrow(/expected one of "auto", "always" or "never"/);
  });
});

/**
 * Helpers rules share: quoting text in messages without cutting a character in half.
 */
import { describe, expect, it } from 'vitest';
import { quoteShort, sliceWhole } from '../src/rule-api/kit.js';

describe('sliceWhole', () => {
  it('keeps text that fits, and cuts plain text at the limit', () => {
    expect(sliceWhole('Virtual School', 20)).toBe('Virtual School');
    expect(sliceWhole('Virtual School', 7)).toBe('Virtual');
    expect(sliceWhole('abc', 0)).toBe('');
  });

  it('never ends in half an emoji, a letter without its accent, or a CR without its LF', () => {
    expect(sliceWhole('ab\u{1F600}cd', 3)).toBe('ab'); // the emoji is two code units
    expect(sliceWhole('cafe\u0301s', 4)).toBe('caf'); // e + combining acute is one character
    expect(sliceWhole('ab\u200Dcd', 2)).toBe('a'); // b + zero-width joiner stay together
    expect(sliceWhole('ab\r\ncd', 3)).toBe('ab');
    expect(sliceWhole('ab\r\ncd', 4)).toBe('ab\r\n');
  });
});

describe('quoteShort', () => {
  it('puts text on one line, trims it and shortens it with "..." to at most 60 characters', () => {
    expect(quoteShort('  Designated\n  Teacher  ')).toBe('Designated Teacher');
    const long = 'The Designated Teacher for Looked After and Previously Looked After Children';
    const q = quoteShort(long);
    expect(q).toBe('The Designated Teacher for Looked After and Previously Lo...');
    expect(q.length).toBe(60);
    expect(quoteShort(long, 20)).toBe('The Designated Te...');
  });
});

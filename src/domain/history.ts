/**
 * Historical mentions: a sentence that names an old name as history
 * ("Therapeutic Thinking (formerly known as Hertfordshire Steps)", "previously
 * called Step On", "renamed from Herts Steps", "Therapeutic Thinking (was
 * Step On)", "what used to be called the Steps approach") is not using the old
 * name, and no rename rule (therapeutic-thinking-naming, a pack's
 * substitution) reports or rewrites it. The marker may stand before or after
 * the old name, anywhere in the same sentence.
 */
import { sentenceSpans } from './roles.js';

/** Words that say a name is cited as history. */
export const HISTORY_MARKERS =
  /\b(?:formerly|previously|renamed\s+(?:from|as|to)|was\s+(?:renamed|known\s+as|called)|once\s+(?:known\s+as|called)|used\s+to\s+be\s+(?:called|known\s+as)|now\s+(?:called|known\s+as|renamed)|replac(?:ing|es|ed))\b|\(\s*was\b/i;

/** The sentence of `text` around [start, end). */
export function sentenceAt(text: string, start: number, end = start): { start: number; end: number } {
  for (const s of sentenceSpans(text)) if (s.start <= start && end <= s.end) return s;
  return { start: 0, end: text.length };
}

/** Whether the old name at [start, end) of `text` is mentioned as history (a marker in the same sentence). */
export function isHistoricalMention(text: string, start: number, end: number): boolean {
  const s = sentenceAt(text, start, end);
  return HISTORY_MARKERS.test(text.slice(s.start, s.end));
}

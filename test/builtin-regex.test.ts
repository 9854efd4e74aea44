/**
 * The package's own regular expressions are trusted at run time (the ReDoS
 * checker is loaded only for patterns from outside the package), so they are
 * checked by tests (issue 17 item 6): here, every pattern in data/*.yaml, in
 * the built-in packs and in the rules' default options is collected, and the
 * hot ones (placeholder-text's and kinship-care's, run over every block) are
 * run on adversarial input of growing size with a matcher that counts its
 * steps, which must grow linearly (nothing is timed); the slow tier
 * (test/slow/builtin-regex.test.ts) puts every collected pattern through the
 * checker a user's pattern must pass (about 80 s). Patterns written in the
 * rules' code are held to linear backtracking by eslint
 * (regexp/no-super-linear-backtracking).
 */
import { describe, expect, it } from 'vitest';
import { builtIn } from './builtin-patterns.js';
import { countSteps } from './step-matcher.js';

describe('built-in patterns', () => {
  it('are collected from every data file, built-in pack and rule option', () => {
    const where = new Set(builtIn.map(([w]) => w));
    for (const w of [
      'data/guidance.yaml',
      'data/roles.yaml',
      'data/placeholders.yaml',
      'policy-lint:hertfordshire',
      'placeholder-text.patterns',
      'placeholder-text.sourcePatterns',
      'kinship-care.terms',
    ]) {
      expect(where, w).toContain(w);
    }
  });
});

/** Inputs on which a super-linear pattern shows it: long runs of what patterns repeat, and of what they look around. */
const FAMILIES: [string, (n: number) => string][] = [
  ['spaces between words', (n) => `Review ${' '.repeat(n)}date`],
  ['tabs', (n) => '\t'.repeat(n)],
  ['a label and spaces', (n) => `Review date:${' '.repeat(n)}x`],
  ['"is" and spaces', (n) => `it is${' '.repeat(n)}x`],
  ['dots and a page number', (n) => `Contents${'.'.repeat(n)} 3`],
  ['dots and spaces', (n) => '. '.repeat(n)],
  ['an ellipsis run', (n) => '…'.repeat(n)],
  ['brackets', (n) => '['.repeat(n)],
  ['parentheses', (n) => '('.repeat(n)],
  ['angle brackets', (n) => '<'.repeat(n)],
  ['X and words', (n) => 'X'.repeat(n) + 'a'],
  ['underscores', (n) => '_'.repeat(n) + 'a'],
  ['"enter" and spaces', (n) => `Name: enter${' '.repeat(n)}x`],
  ['"[insert" without a close', (n) => `[insert ${'a'.repeat(n)}`],
  ['"<insert" without a close', (n) => `<insert ${'a'.repeat(n)}`],
];

const hot: [string, string, string][] = builtIn.filter(([w]) => w.startsWith('placeholder-text.') || w === 'kinship-care.terms');

describe('the hot built-in patterns do linear work on adversarial input (steps counted, not time)', () => {
  it('the step counter finds the matches V8 finds', () => {
    for (const [, source, flags] of hot) {
      for (const [, make] of FAMILIES) {
        const text = `${make(50)}\nReview date: TBC\n(enter date) [insert name] XXXX ____ ..... <name>`;
        const re = new RegExp(source, `g${flags}`);
        expect(countSteps(source, flags, text).matches, source).toEqual([...text.matchAll(re)].map((m) => [m.index, m[0]]));
      }
    }
  });

  it.each(hot)('%s: %s grows linearly on every family', (_where, source, flags) => {
    for (const [family, make] of FAMILIES) {
      const small = countSteps(source, flags, make(500)).steps;
      const large = countSteps(source, flags, make(2000)).steps;
      // Four times the input: about four times the steps when linear, sixteen when quadratic.
      expect(large / small, `${family}: ${small} steps at 500, ${large} at 2000`).toBeLessThan(6);
    }
  });
});

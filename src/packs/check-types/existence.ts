/**
 * existence: `tokens` (words, matched on word boundaries) and/or `patterns`;
 * reports each one found.
 */
import type { RuleContext } from '../../types.js';
import { findAll } from '../../rule-api/kit.js';
import { fail } from '../../config/check.js';
import { blocksInScope, fill, sectionTitle, wordBoundaryPattern, type CheckType, type Matcher } from './shared.js';

export const existence: CheckType = {
  type: 'existence',
  keys: ['tokens', 'patterns'],
  placeholders: ['match', 'section'],
  fixable: false,
  build(spec) {
    const matchers: Matcher[] = [];
    const tokens = spec.tokensOf('tokens');
    const patterns = spec.patternsOf('patterns');
    if (!tokens.length && !patterns.length) fail(spec.map, `${spec.label}: an existence rule needs "tokens" (words) or "patterns" (regular expressions)`);
    if (tokens.length) matchers.push({ regex: new RegExp(wordBoundaryPattern(tokens), spec.flags) });
    for (const regex of patterns) matchers.push({ regex });
    return { check: (context) => checkExistence(context, matchers, spec.message, spec.scope) };
  },
};

function checkExistence(context: RuleContext, matchers: Matcher[], message: string, scope: string[]): void {
  const { doc, report } = context;
  const { blocks } = blocksInScope(doc, scope);
  for (const matcher of matchers) {
    for (const m of findAll(doc, matcher.regex, blocks)) {
      report({ message: fill(message, { match: m.match[0], section: sectionTitle(m.block) }), start: m.start, end: m.end });
    }
  }
}

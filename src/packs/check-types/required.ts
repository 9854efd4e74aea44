/**
 * required: `tokens` and/or `patterns`, one of which must appear (within the
 * `scope` sections, if given). When none of the scope sections exists the
 * rule reports nothing (a missing section is required-sections' finding,
 * once), unless the rule says `sectionRequired: true`: then it reports the
 * missing section once, at its own severity.
 */
import type { RuleContext } from '../../types.js';
import { findAll } from '../../rule-api/kit.js';
import { entry, expectBoolean, fail } from '../../config/check.js';
import { blocksInScope, fill, wordBoundaryPattern, type CheckType, type Matcher } from './shared.js';

export const required: CheckType = {
  type: 'required',
  keys: ['tokens', 'patterns', 'sectionRequired'],
  placeholders: ['section'],
  fixable: false,
  build(spec) {
    const matchers: Matcher[] = [];
    const tokens = spec.tokensOf('tokens');
    const patterns = spec.patternsOf('patterns');
    if (!tokens.length && !patterns.length) fail(spec.map, `${spec.label}: a required rule needs "tokens" (words) or "patterns" (regular expressions)`);
    if (tokens.length) matchers.push({ regex: new RegExp(wordBoundaryPattern(tokens), spec.flags) });
    for (const regex of patterns) matchers.push({ regex });
    const sectionRequiredEntry = entry(spec.map, 'sectionRequired');
    const sectionRequired = sectionRequiredEntry ? expectBoolean(sectionRequiredEntry.value, `${spec.label}.sectionRequired`) : false;
    if (sectionRequiredEntry && spec.scope.length === 0) {
      fail(sectionRequiredEntry.value, `${spec.label}.sectionRequired: needs a scope (it reports the scope section when the document lacks it)`);
    }
    return { check: (context) => checkRequired(context, spec.id, matchers, spec.message, spec.scope, sectionRequired) };
  },
};

function checkRequired(context: RuleContext, id: string, matchers: Matcher[], message: string, scope: string[], sectionRequired: boolean): void {
  const { doc, report } = context;
  const { blocks, sections } = blocksInScope(doc, scope);
  if (scope.length && sections.length === 0) {
    // The section is missing: required-sections says so. Only a rule whose pack requires the section says it too, at its own severity.
    if (sectionRequired) {
      report({
        message: `${id} checks the section ${scope.map((s) => `"${s}"`).join(' or ')}, which this document does not have: add the section (or a heading that names it), or turn the rule off.`,
        start: 0,
        end: 0,
      });
    }
    return;
  }
  for (const matcher of matchers) {
    if (findAll(doc, matcher.regex, blocks).length > 0) return;
  }
  const at = sections[0];
  const section = at ? at.title : 'the document';
  if (at?.heading) report({ message: fill(message, { section }), start: at.titleStart, end: at.titleEnd });
  else report({ message: fill(message, { section }), start: 0, end: 0 });
}

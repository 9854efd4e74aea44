/**
 * The rule list. One module per rule in this folder, named by its id; add a
 * new rule here, in alphabetical order, and its doc and examples are picked up
 * by --list-rules, --explain, the README table and the example tests.
 */
import type { Rule } from '../src/types.js';
import therapeuticThinkingNaming from './therapeutic-thinking-naming.js';

export const RULES: Rule[] = [
  therapeuticThinkingNaming,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

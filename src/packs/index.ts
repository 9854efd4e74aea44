/**
 * YAML rule packs: declarative rules, as Vale styles are, so that a local
 * authority or a trust can add its own checks without writing code.
 *
 * A pack file:
 *
 *     name: hertfordshire            # kebab-case; every rule id starts with "hertfordshire/"
 *     description: ...               # optional
 *     rules:
 *       - id: hertfordshire/virtual-school-address
 *         type: substitution         # substitution | existence | required | stale-year
 *         message: '"{match}" should be "{replacement}".'
 *         severity: error            # warn | warning | error (default warning)
 *         description: one line for --list-rules (optional)
 *         link: https://...          # optional: where the fact comes from
 *         scope: Roles and Responsibilities   # optional: section title(s), aliases or canonical ids
 *         ignorecase: true           # optional, default true
 *         swap: { virtuelschool: virtualschool }
 *
 * Check types (the code lives here; packs are data):
 * - substitution: `swap` (word: replacement) or `patterns` + `replacement`
 *   (`$1`, `$<name>` allowed); reports each old form with a safe fix.
 * - existence: `tokens` (words, matched on word boundaries) and/or `patterns`;
 *   reports each one found.
 * - required: `tokens` and/or `patterns`, one of which must appear (within the
 *   `scope` sections, if given). When none of the scope sections exists the
 *   rule reports nothing (a missing section is required-sections' finding,
 *   once), unless the rule says `sectionRequired: true`: then it reports the
 *   missing section once, at its own severity. No pack rule ever reports at
 *   a severity other than its configured one.
 * - stale-year: a citation `pattern` with a `(?<year>\d{4})` group; the year
 *   must be at least `minimum`, a number or a guidance series id from the
 *   registry (`kcsie`: the year of the edition in force at the as-of date).
 *
 * Messages may use placeholders: {match}, {replacement}, {section}, {year},
 * {minimum}, {edition} (which ones depends on the type). Every field is
 * validated with file:line:column errors; every regular expression is compiled
 * with the `u` flag and refused when it could backtrack catastrophically
 * (src/packs/safe-regex.ts).
 *
 * Layout: load.ts finds and reads pack files, parse.ts validates the fields
 * every rule has, check-types/ holds one module per check type.
 */

export { PACK_TYPES, CHECK_TYPES, type PackRuleType, type CheckType } from './check-types/index.js';
export { scopeSections } from './check-types/shared.js';
export { parsePack, type LoadedPack, type PackRule } from './parse.js';
export { BUILTIN_PACKS, builtinPackPath, builtinSnapshotPath, loadPack, packSnapshot, resolvePackRef } from './load.js';
export { packageRoot } from '../package-root.js';
import type { Rule } from '../types.js';
import { BUILTIN_PACKS, builtinPackPath, loadPack } from './load.js';
import type { LoadedPack, PackRule } from './parse.js';

/** The rules of every built-in pack (for the README and docs). */
export function builtinPackRules(): PackRule[] {
  return packRules(Object.keys(BUILTIN_PACKS).map((ref) => loadPack(builtinPackPath(ref)!)));
}

/** Every rule of the given packs, in pack order. */
export function packRules(packs: LoadedPack[]): PackRule[] {
  return packs.flatMap((p) => p.rules);
}

export function isPackRule(rule: Rule): rule is PackRule {
  return typeof (rule as PackRule).pack === 'string';
}

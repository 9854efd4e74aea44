/**
 * Linting one text: build the document, run the enabled rules.
 */
import type { Diagnostic, PolicyDocument, Settings } from '../types.js';
import { encodingDiagnostic, type SourceText } from '../document/source.js';
import { buildDocument } from '../document/build.js';
import { attachSections, runRules, type EnabledRule } from './engine.js';
import { unclosedCommentDiagnostic } from './directives.js';
import { compareDiagnostics } from './summary.js';
import { detectProfile, profileCovers, type ProfileChoice, type ProfileDefinition, type ProfileInfo } from '../config/profiles.js';
import { withoutNumber } from '../domain/vocabulary.js';

// The result shape and its counts live in src/engine/summary.ts (reporting cached findings must not load the parser).
export { summarize, type LintResult } from './summary.js';

/** Rules of the built-in packs, which run only under the profiles that name them; other packs' rules always run. */
const BUILTIN_PACK_PREFIXES = ['hertfordshire/'];

/** The rules a profile runs, each with the profile's options under the configured ones. */
export function rulesForProfile(rules: EnabledRule[], profile: ProfileDefinition): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const r of rules) {
    const id = r.rule.meta.id;
    const builtin = !id.includes('/') || BUILTIN_PACK_PREFIXES.some((p) => id.startsWith(p));
    if (builtin && !profileCovers(profile, id)) continue;
    const extra = profile.options?.[id];
    out.push(extra ? { ...r, options: { ...extra, ...r.options } } : r);
  }
  return out;
}

/** The profile a document is read as: the one the configuration forces, or the one its contents point to. */
export function chooseProfile(doc: PolicyDocument, choice: ProfileChoice): { profile: ProfileDefinition; info: ProfileInfo } {
  if (choice.forced) {
    const profile = choice.available.find((p) => p.id === choice.forced!.id)!;
    return { profile, info: { id: profile.id, title: profile.title, reason: `set by ${choice.forced.by}` } };
  }
  const { profile, reason } = detectProfile(doc, choice.available, withoutNumber);
  return { profile, info: { id: profile.id, title: profile.title, reason } };
}

/**
 * Lint one decoded text with the enabled rules. A text decoded with U+FFFD in
 * place of bad bytes is linted as read, with one policy-lint/encoding warning
 * at the first bad byte (src/document/source.ts), whatever rules are enabled.
 * With `profiles`, only the rules of the document's profile run (src/config/profiles.ts).
 */
export function lintSource(
  filePath: string,
  source: SourceText,
  rules: EnabledRule[],
  settings: Settings,
  profiles?: ProfileChoice,
): { doc: PolicyDocument; messages: Diagnostic[]; suppressed: Diagnostic[]; tallies: Record<string, number>; profile?: ProfileInfo; times: { parse: number; rules: number } } {
  const started = performance.now();
  const doc = buildDocument(filePath, source);
  const parsed = performance.now();
  let run = rules;
  let profile: ProfileInfo | undefined;
  if (profiles) {
    const chosen = chooseProfile(doc, profiles);
    run = rulesForProfile(rules, chosen.profile);
    profile = chosen.info;
  }
  const tallies: Record<string, number> = {};
  const suppressed: Diagnostic[] = [];
  const messages = runRules(doc, run, settings, tallies, suppressed);
  // The pseudo-rules about how the file was read, whatever rules are enabled (and beyond directives' reach).
  const read = [encodingDiagnostic(source), unclosedCommentDiagnostic(doc)].filter((d) => d !== undefined);
  if (read.length > 0) {
    messages.push(...attachSections(doc, read));
    messages.sort(compareDiagnostics);
  }
  // Milliseconds spent parsing (the document and its section tree) and running the rules, for --debug.
  const times = { parse: parsed - started, rules: performance.now() - parsed };
  return profile ? { doc, messages, suppressed, tallies, profile, times } : { doc, messages, suppressed, tallies, times };
}

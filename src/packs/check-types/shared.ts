/**
 * What the check types share: the matchers a rule is compiled to, the
 * sections a `scope` names, and message placeholders.
 */
import type { PolicyDocument, RuleContext, Section, TextBlock } from '../../types.js';
import type { PMap } from '../../config/structured.js';
import type { Position } from '../../config/errors.js';
import { escapeRegExp, sectionBlocks } from '../../rule-api/kit.js';
import { matchVocabulary, normalizeTitle } from '../../domain/vocabulary.js';
import { compareText } from '../../engine/summary.js';

export const PACK_TYPES = ['substitution', 'existence', 'required', 'stale-year'] as const;
export type PackRuleType = (typeof PACK_TYPES)[number];

export interface Matcher {
  regex: RegExp;
  /** For swap entries: normalised old word -> replacement. */
  swap?: Map<string, string>;
  /** For substitution patterns: the replacement template. */
  replacement?: string;
}

/** A pack rule's fields, validated, as a check type's `build` receives them. */
export interface CheckSpec {
  id: string;
  /** How errors name the rule: "rules[2] (hertfordshire/old-name)". */
  label: string;
  file: string;
  map: PMap;
  message: string;
  scope: string[];
  ignoreCase: boolean;
  /** RegExp flags for the rule's patterns. */
  flags: string;
  /** The compiled patterns under a key (a string or a list), refused when unsafe. */
  patternsOf(key: string): RegExp[];
  /** The compiled pattern of a key that holds one string (required), refused when unsafe. */
  patternOf(key: string): RegExp;
  /** The words under a key (a string or a list). */
  tokensOf(key: string): string[];
  /** A string field, or undefined when absent. */
  text(key: string): string | undefined;
}

/** What a check type builds from a rule's fields. */
export interface BuiltCheck {
  check(context: RuleContext): void;
  /** A `minimum:` that names a guidance series, checked against the resolved registry. */
  seriesRef?: { id: string; file: string; pos: Position };
}

/** A check type: code that pack rules of that `type:` extend with data (as Vale's check types). */
export interface CheckType {
  type: PackRuleType;
  /** The keys a rule of this type may have besides the common ones. */
  keys: string[];
  /** The placeholders its message may use. */
  placeholders: string[];
  fixable: false | 'safe';
  /** Validate the type's own fields (errors name file, line and column) and build the check. */
  build(spec: CheckSpec): BuiltCheck;
}

export function wordBoundaryPattern(words: string[]): string {
  const sorted = [...words].sort((a, b) => b.length - a.length || compareText(a, b));
  const body = sorted.map((w) => escapeRegExp(w.trim()).replace(/\s+/g, '\\s+')).join('|');
  return `(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`;
}

export function normalizeWord(word: string, ignoreCase: boolean): string {
  const w = word.trim().replace(/\s+/g, ' ');
  return ignoreCase ? w.toLowerCase() : w;
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^{}]*)\}/g, (all, name: string) => values[name] ?? all);
}

/** Sections named by `scope` (titles, vocabulary aliases or canonical ids). */
export function scopeSections(doc: PolicyDocument, scope: string[]): Section[] {
  const canonical = new Set<string>();
  const titles = new Set<string>();
  for (const name of scope) {
    canonical.add(name);
    const v = matchVocabulary(name);
    if (v) canonical.add(v.id);
    titles.add(normalizeTitle(name));
  }
  return doc.sections.filter((s) => (s.canonical !== undefined && canonical.has(s.canonical)) || titles.has(normalizeTitle(s.title)));
}

/** The blocks a rule looks at: the whole document, or the named sections (with their subsections). */
export function blocksInScope(doc: PolicyDocument, scope: string[]): { blocks: TextBlock[]; sections: Section[] } {
  if (!scope.length) return { blocks: doc.blocks, sections: [] };
  const sections = scopeSections(doc, scope);
  const seen = new Set<number>();
  const blocks: TextBlock[] = [];
  for (const s of sections) {
    for (const b of sectionBlocks(s)) {
      if (!seen.has(b.index)) {
        seen.add(b.index);
        blocks.push(b);
      }
    }
  }
  return { blocks: blocks.sort((a, b) => a.index - b.index), sections };
}

export function sectionTitle(block: TextBlock): string {
  return block.section.level === 0 ? 'the document' : block.section.title;
}

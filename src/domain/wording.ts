/**
 * Wording facts that rules use as their default options: the groups of terms
 * that name the same children (data/terminology.yaml, consistent-terminology)
 * and the template placeholders (data/placeholders.yaml, placeholder-text).
 */
import { loadData } from './data.js';

export interface TermGroup {
  /** The terms that name the same group, written as in the policy (matched case-sensitively, as whole words). */
  terms: string[];
  /** What the terms name, for messages ("previously looked-after children"). */
  meaning?: string;
}

export const TERM_GROUPS: TermGroup[] = loadData<{ groups: TermGroup[] }>('terminology', { groups: [] }).groups;

const placeholders = loadData<{ patterns: string[]; sourcePatterns: string[] }>('placeholders', { patterns: [], sourcePatterns: [] });

/** Placeholder patterns matched case-insensitively in the readable text of each block. */
export const PLACEHOLDER_PATTERNS: string[] = placeholders.patterns;

/** Placeholders that Markdown reads as HTML ("<name>"): matched case-insensitively in the source. */
export const PLACEHOLDER_SOURCE_PATTERNS: string[] = placeholders.sourcePatterns;

/**
 * Applying fixes: non-overlapping text edits, then lint again, until stable.
 */
import type { Diagnostic, FixSafety, TextEdit } from './types.js';

/** Does a fix of this safety apply at this level? `suggestion` applies safe fixes and suggestions. */
export function fixApplies(safety: FixSafety, level: FixSafety): boolean {
  return level === 'suggestion' || safety === 'safe';
}

/**
 * Apply the edits of the given diagnostics' fixes to `text`. A fix whose edits
 * overlap an earlier accepted fix is left for the next pass (as ESLint does).
 * Returns the new text and how many fixes were applied.
 */
export function applyFixes(text: string, diagnostics: Diagnostic[], level: FixSafety): { text: string; applied: number } {
  const fixes = diagnostics
    .filter((d) => d.fix && fixApplies(d.fix.safety, level))
    .map((d) => [...d.fix!.edits].sort((a, b) => a.start - b.start))
    .sort((a, b) => a[0]!.start - b[0]!.start);
  const accepted: TextEdit[] = [];
  let applied = 0;
  for (const edits of fixes) {
    const overlaps = edits.some((e) => accepted.some((a) => e.start < a.end && a.start < e.end || (e.start === a.start && e.end === a.end)));
    if (overlaps) continue;
    accepted.push(...edits);
    applied++;
  }
  accepted.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of accepted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}

/**
 * Facts about a policy that a trust's table of policies shows beside its
 * findings: the next review date the policy states, and the oldest edition of
 * DfE guidance it names. Read from the policy's text (parsed again: only the
 * html and csv-summary reports load this).
 *
 * Both are what the policy says, not judgements: the review date is the one
 * written after a review label ("Review date: Autumn 2026"), and a guidance
 * edition is counted when the citation finder the rules use
 * (src/domain/citations.ts) finds a name of a series in the guidance registry
 * dated by a year or date that names a confirmed edition of that series
 * ("KCSIE 2022", "the 2022 Behaviour in Schools guidance").
 */
import type { LintResult } from '../engine/summary.js';
import type { Guidance, GuidanceEdition, GuidanceSeries } from '../domain/guidance.js';
import { isConfirmed } from '../domain/guidance.js';
import { findCitations } from '../domain/citations.js';
import { buildDocument } from '../document/build.js';
import { findDocumentDates, latestDocumentDate } from '../domain/dates.js';
import { titleOf } from './report.js';

export interface PolicyFacts {
  title: string;
  /** The next review date as written, when the policy states one. */
  reviewDate?: string;
  /** The review date had passed on the as-of date (its last possible day was before it). */
  reviewPassed?: boolean;
  /** The oldest guidance edition the policy names: "Keeping Children Safe in Education 2022". */
  oldestGuidance?: string;
}

/** A series' name as policies cite it: its shortest alias of more than one word, or an abbreviation ("KCSIE"). */
function shortName(series: GuidanceSeries): string {
  const abbreviation = series.aliases.find((a) => /^[A-Z][A-Za-z]{2,7}$/.test(a) && a.toUpperCase() === a);
  if (abbreviation) return abbreviation;
  const names = series.aliases.filter((a) => a.includes(' '));
  return names.length ? names.reduce((a, b) => (b.length < a.length ? b : a)) : series.title;
}

/** The facts of one policy; `guidance` is the registry to read editions from. */
export function policyFacts(result: LintResult, guidance: Guidance | undefined, fallbackTitle: string, asOf?: Date): PolicyFacts {
  let text: string | undefined;
  try {
    text = result.source?.text;
  } catch {
    text = undefined;
  }
  const facts: PolicyFacts = { title: titleOf(text, fallbackTitle) };
  if (text === undefined) return facts;
  const doc = buildDocument(result.filePath, result.source!);
  const review = latestDocumentDate(findDocumentDates(doc.blocks).filter((d) => d.kind === 'review'));
  if (review?.date) {
    facts.reviewDate = review.date.text.replace(/\s+/g, ' ').trim();
    if (asOf && review.date.latest.getTime() < asOf.getTime()) facts.reviewPassed = true;
  }
  if (guidance) {
    let oldest: { series: GuidanceSeries; edition: GuidanceEdition } | undefined;
    const all = Object.values(guidance.series);
    for (const block of doc.blocks) {
      if (block.kind === 'html') continue;
      for (const { series, edition } of findCitations(block.text, all)) {
        // Only editions the registry confirms: an expected one is not yet guidance a policy can be behind.
        if (!edition || !isConfirmed(edition)) continue;
        if (!oldest || edition.inForce < (oldest.edition.inForce ?? '')) oldest = { series, edition };
      }
    }
    if (oldest) facts.oldestGuidance = `${shortName(oldest.series)} ${oldest.edition.edition}`;
  }
  return facts;
}

/**
 * The guidance registry: every fact that changes from year to year, in one
 * place, with its source. Rules read facts from here (through
 * `settings.guidance`), never from literals of their own, and users can add to
 * or override them in configuration (`settings.guidance` in .policylintrc).
 *
 * The facts themselves are data: data/guidance.yaml (src/domain/data.ts
 * reads and validates it; docs/domain.md explains each fact and its source).
 * Dates are ISO strings (YYYY-MM-DD). Entries marked `uncertain` were not
 * confirmed from a primary source and are left out of judgements, or noted as
 * such in rule docs, until a user configures them.
 *
 * The registry's version is a hash of its content, so that a changed fact
 * always invalidates cached results.
 */
import { dataHash, loadData } from './data.js';

export interface GuidanceEdition {
  /** The edition's name as cited ("2024", "September 2023"). */
  edition: string;
  /** The year a citation names for this edition. */
  year: number;
  published?: string;
  /** The date from which a confirmed edition applies. */
  inForce?: string;
  /** For an expected edition: the date from which it was expected to apply, if one was announced. */
  expected?: string;
  /**
   * `confirmed` (checked against its source on `checked`) or `expected`
   * (announced or consulted on, not confirmed): an expected edition never
   * makes an older citation an error, only a warning that asks to check.
   */
  certainty: Certainty;
  checked?: string;
  source?: string;
  /** A second source that confirmed the edition. */
  confirmedBy?: string;
  /**
   * Regular expressions (sources, case-insensitive) that identify a citation of
   * this edition when it names no year, such as a paragraph number only this
   * edition uses ("Section 59" of the 2022 exclusion guidance).
   */
  markers?: string[];
}

export type Certainty = 'confirmed' | 'expected';

export interface GuidanceSeries {
  id: string;
  title: string;
  /** Short names and abbreviations used in citations. */
  aliases: string[];
  editions: GuidanceEdition[];
}

export interface EndedProgramme {
  id: string;
  name: string;
  /** Words or regular expressions (strings) that name the programme in text. */
  patterns: string[];
  /** The day it ended (or was withdrawn). */
  ended: string;
  note: string;
  source?: string;
}

export interface Rename {
  id: string;
  /** The old name as written in policies (a regular expression source, matched case-insensitively unless `caseSensitive`). */
  pattern: string;
  caseSensitive?: boolean;
  replacement: string;
  since: string;
  /** `safe` (a mechanical rename, the default) or `suggestion` (a change a person must decide on: a contact address). */
  fix?: 'safe' | 'suggestion';
  /** `name` (the default) or `contact`: an address to write to. */
  kind?: 'name' | 'contact';
  note: string;
  checked?: string;
  source?: string;
}

/** A statement of legal status that a change in the law is making out of date ("non-statutory"). */
export interface Statement {
  id: string;
  patterns: string[];
  /** Counts only in a sentence that also matches this (a regular expression source). */
  near?: string;
  certainty: Certainty;
  note: string;
  checked?: string;
  source: string;
}

export interface Guidance {
  version: string;
  /** The day the facts were last checked against their sources (YYYY-MM-DD). */
  checked: string;
  series: Record<string, GuidanceSeries>;
  /** Full-time education in alternative provision: the minimum weekly hours. */
  fullTimeHours: number;
  fullTimeHoursSource: string;
  /** The date by which schools were expected to offer the full-time week (first set for September 2023, then delayed to September 2024). */
  fullTimeHoursFrom?: string;
  /** The day from which the Virtual School Head's role covers children in kinship care (policies should name them). */
  kinshipCareFrom: string;
  kinshipCareSource: string;
  programmes: EndedProgramme[];
  renames: Rename[];
  statements?: Statement[];
}

/** What stands in when data/guidance.yaml cannot be read (the problem is reported by checkData). */
const EMPTY: Omit<Guidance, 'version'> = {
  checked: '2026-12-01',
  series: {},
  fullTimeHours: 32.5,
  fullTimeHoursSource: '',
  kinshipCareFrom: '2024-09-01',
  kinshipCareSource: '',
  programmes: [],
  renames: [],
};

function fromData(): Guidance {
  const data = loadData<Omit<Guidance, 'version'> & { version?: string }>('guidance', EMPTY);
  const series: Record<string, GuidanceSeries> = {};
  for (const [id, s] of Object.entries(data.series)) {
    const entry = { ...s, id };
    if (!entry.aliases) entry.aliases = [entry.title];
    series[id] = entry;
  }
  // The version is the content's: a changed fact is a new version, with no number to bump.
  return { ...data, series, version: data.version ?? `sha256:${dataHash('guidance').slice(0, 12)}` };
}

/** The registry as data/guidance.yaml gives it (before `settings.guidance`). */
export const GUIDANCE: Guidance = fromData();

/** Parse an ISO date (YYYY-MM-DD) as UTC midnight. */
export function isoDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/** Whether an edition is confirmed (an entry without a certainty, added in configuration, counts as confirmed by the user). */
export function isConfirmed(e: GuidanceEdition): e is GuidanceEdition & { inForce: string } {
  return (e.certainty ?? 'confirmed') === 'confirmed' && typeof e.inForce === 'string';
}

/** The date an edition applies from: its in-force date if confirmed, else its expected date (if any). */
export function editionDate(e: GuidanceEdition): string | undefined {
  return isConfirmed(e) ? e.inForce : e.expected;
}

/** The edition of a series in force on `asOf`: the latest confirmed one whose in-force date is on or before it. */
export function editionInForce(series: GuidanceSeries, asOf: Date): (GuidanceEdition & { inForce: string }) | undefined {
  let best: (GuidanceEdition & { inForce: string }) | undefined;
  for (const e of series.editions) {
    if (!isConfirmed(e)) continue;
    if (isoDate(e.inForce).getTime() <= asOf.getTime() && (!best || isoDate(e.inForce) >= isoDate(best.inForce))) best = e;
  }
  return best;
}

/**
 * An expected edition that was due by `asOf` and would replace the edition in
 * force (`current`): its expected date has passed and is later than the
 * current edition's. An expected edition with no date is never due.
 */
export function expectedDue(series: GuidanceSeries, asOf: Date, current: GuidanceEdition | undefined): (GuidanceEdition & { expected: string }) | undefined {
  let best: (GuidanceEdition & { expected: string }) | undefined;
  const from = current && isConfirmed(current) ? isoDate(current.inForce).getTime() : -Infinity;
  for (const e of series.editions) {
    if (isConfirmed(e) || typeof e.expected !== 'string') continue;
    const due = isoDate(e.expected).getTime();
    if (due > asOf.getTime() || due <= from) continue;
    if (current && e.year <= current.year) continue;
    if (!best || due > isoDate(best.expected).getTime()) best = e as GuidanceEdition & { expected: string };
  }
  return best;
}

/** The registry's check date plus three months: past it, a run says the facts may be out of date. */
export function registryStale(guidance: Guidance, asOf: Date): boolean {
  const checked = isoDate(guidance.checked);
  const limit = new Date(Date.UTC(checked.getUTCFullYear(), checked.getUTCMonth() + 3, checked.getUTCDate()));
  return asOf.getTime() > limit.getTime();
}

/** The one-line notice a run prints on standard error when the registry is more than three months old at its as-of date. */
export function registryNotice(guidance: Guidance): string {
  return (
    `policy-lint: note: the guidance facts were last checked on ${formatDate(guidance.checked)}; editions published since then are not known. ` +
    'Update policy-lint, or add them in configuration.'
  );
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Format an ISO date for messages: "1 September 2025" (what
 * toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
 * gives, written out here: the first call to the locale machinery costs more
 * than a whole rule).
 */
export function formatDate(value: string | Date): string {
  const d = typeof value === 'string' ? isoDate(value) : value;
  const year = d.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${year}`;
}

/** Format a date as its month and year: "September 2025" (as toLocaleDateString('en-GB', { month: 'long', year: 'numeric' })). */
export function formatMonthYear(value: string | Date): string {
  const d = typeof value === 'string' ? isoDate(value) : value;
  const year = d.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${MONTH_NAMES[d.getUTCMonth()]} ${year}`;
}

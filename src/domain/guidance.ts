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
  /** The date from which the edition applies. */
  inForce: string;
  source?: string;
  uncertain?: boolean;
  /**
   * Regular expressions (sources, case-insensitive) that identify a citation of
   * this edition when it names no year, such as a paragraph number only this
   * edition uses ("Section 59" of the 2022 exclusion guidance).
   */
  markers?: string[];
}

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
  note: string;
  source?: string;
}

export interface Guidance {
  version: string;
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
}

/** What stands in when data/guidance.yaml cannot be read (the problem is reported by checkData). */
const EMPTY: Omit<Guidance, 'version'> = {
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

/** The edition of a series in force on `asOf`: the latest whose in-force date is on or before it. Uncertain editions count only when a user marked them certain. */
export function editionInForce(series: GuidanceSeries, asOf: Date): GuidanceEdition | undefined {
  let best: GuidanceEdition | undefined;
  for (const e of series.editions) {
    if (e.uncertain) continue;
    if (isoDate(e.inForce).getTime() <= asOf.getTime() && (!best || isoDate(e.inForce) >= isoDate(best.inForce))) best = e;
  }
  return best;
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

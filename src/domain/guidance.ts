/**
 * The guidance registry: every fact that changes from year to year, in one
 * place, with its source. Rules read facts from here (through
 * `settings.guidance`), never from literals of their own, and users can add to
 * or override them in configuration (`settings.guidance` in .policylintrc).
 *
 * Dates are ISO strings (YYYY-MM-DD). Entries marked `uncertain` were not
 * confirmed from a primary source (see ../shared/DOMAIN.md) and are left out
 * of judgements, or noted as such in rule docs, until a user configures them.
 *
 * Registry version: bump `version` whenever a fact changes, so that cached
 * results are recomputed.
 */

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

export const GUIDANCE: Guidance = {
  version: '2026.11.1',
  series: {
    kcsie: {
      id: 'kcsie',
      title: 'Keeping Children Safe in Education',
      aliases: ['KCSIE', 'KCSiE', 'Keeping Children Safe in Education'],
      editions: [
        { edition: '2021', year: 2021, inForce: '2021-09-01', source: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
        { edition: '2022', year: 2022, inForce: '2022-09-01', source: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
        { edition: '2023', year: 2023, inForce: '2023-09-01', source: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
        { edition: '2024', year: 2024, inForce: '2024-09-01', source: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
        {
          edition: '2025',
          year: 2025,
          published: '2025-07-07',
          inForce: '2025-09-01',
          source: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2',
        },
      ],
    },
    'behaviour-in-schools': {
      id: 'behaviour-in-schools',
      title: 'Behaviour in schools: advice for headteachers and school staff',
      aliases: ['Behaviour in Schools'],
      editions: [
        { edition: 'September 2022', year: 2022, inForce: '2022-09-01', source: 'https://www.gov.uk/government/publications/behaviour-in-schools--2' },
        { edition: 'February 2024', year: 2024, inForce: '2024-02-01', source: 'https://www.gov.uk/government/publications/behaviour-in-schools--2' },
      ],
    },
    exclusions: {
      id: 'exclusions',
      title: 'Suspension and permanent exclusion from maintained schools, academies and pupil referral units in England',
      aliases: ['Suspension and Permanent Exclusion', 'Suspensions and Permanent Exclusions', 'School suspensions and permanent exclusions'],
      editions: [
        { edition: '2017', year: 2017, inForce: '2017-09-01', source: 'https://www.gov.uk/government/publications/school-exclusion' },
        {
          edition: 'September 2022',
          year: 2022,
          inForce: '2022-09-01',
          source: 'https://www.gov.uk/government/publications/school-exclusion',
          // The model policy quotes "Section 59" of the 2022 guidance; later copies quote "Section 60" (DOMAIN.md).
          markers: ['\\b(?:Section|Paragraph|Para\\.?)\\s+59\\b'],
        },
        { edition: 'September 2023', year: 2023, inForce: '2023-09-01', source: 'https://www.gov.uk/government/publications/school-exclusion' },
        { edition: 'August 2024', year: 2024, inForce: '2024-08-01', source: 'https://www.gov.uk/government/publications/school-exclusion' },
        {
          edition: '2026',
          year: 2026,
          published: '2026-05-26',
          inForce: '2026-07-26',
          source: 'https://www.gov.uk/government/publications/school-exclusion',
          uncertain: true,
        },
      ],
    },
    'working-together': {
      id: 'working-together',
      title: 'Working Together to Safeguard Children',
      aliases: ['Working Together to Safeguard Children', 'Working Together'],
      editions: [
        { edition: '2018', year: 2018, inForce: '2018-07-04', source: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2' },
        { edition: 'December 2023', year: 2023, inForce: '2023-12-15', source: 'https://www.gov.uk/government/publications/working-together-to-safeguard-children--2' },
        { edition: '2026', year: 2026, inForce: '2026-12-31', uncertain: true },
      ],
    },
    'alternative-provision': {
      id: 'alternative-provision',
      title: 'Arranging alternative provision: a guide for local authorities and schools',
      aliases: ['Alternative Provision statutory guidance', 'Arranging alternative provision'],
      editions: [
        { edition: '2013', year: 2013, inForce: '2013-01-01', source: 'https://www.gov.uk/government/publications/alternative-provision' },
        { edition: 'February 2025', year: 2025, published: '2025-02-05', inForce: '2025-02-05', source: 'https://www.gov.uk/government/publications/alternative-provision' },
      ],
    },
  },
  fullTimeHours: 32.5,
  fullTimeHoursSource: 'https://www.gov.uk/government/publications/length-of-the-school-week-minimum-expectation',
  fullTimeHoursFrom: '2024-09-01',
  kinshipCareFrom: '2024-09-01',
  kinshipCareSource: 'https://www.gov.uk/government/publications/virtual-school-head-role-extension-to-children-with-a-social-worker',
  programmes: [
    {
      id: 'national-tutoring-programme',
      name: 'National Tutoring Programme',
      patterns: ['National Tutoring Programme', '\\bNTP\\b'],
      ended: '2024-08-31',
      note: 'DfE funding for the National Tutoring Programme ended in August 2024.',
      source: 'https://www.gov.uk/government/publications/national-tutoring-programme-guidance-for-schools-2023-to-2024',
    },
    {
      id: 'recovery-premium',
      name: 'Recovery Premium',
      patterns: ['Recovery Premium'],
      ended: '2024-08-31',
      note: 'Recovery premium was paid for 2021/22 to 2023/24 only.',
      source: 'https://www.gov.uk/government/publications/recovery-premium-funding',
    },
    {
      id: 'summer-schools-programme',
      name: 'Summer Schools Programme',
      patterns: ['Summer Schools? Programme'],
      ended: '2021-09-30',
      note: 'The Summer Schools Programme ran in summer 2021 only.',
      source: 'https://www.gov.uk/government/publications/summer-schools-guidance',
    },
    {
      id: 'schools-bill-2022',
      name: 'Schools Bill (2022)',
      patterns: ['Schools Bill'],
      ended: '2022-12-07',
      note: "The Schools Bill was withdrawn on 7 December 2022; the Children's Wellbeing and Schools Act 2026 received Royal Assent on 29 April 2026.",
      source: 'https://bills.parliament.uk/bills/3156',
    },
    {
      id: 'childrens-wellbeing-and-schools-bill',
      name: "Children's Wellbeing and Schools Bill",
      patterns: ["Children['’]?s\\s+Wellbeing\\s+and\\s+Schools\\s+Bill"],
      ended: '2026-04-29',
      note: "The Children's Wellbeing and Schools Bill received Royal Assent on 29 April 2026 and is now the Children's Wellbeing and Schools Act 2026.",
      source: 'https://bills.parliament.uk/bills/3909',
    },
  ],
  renames: [
    {
      id: 'steps-email',
      pattern: 'steps@hertfordshire\\.gov\\.uk',
      replacement: 'therapeuticthinking@hertfordshire.gov.uk',
      since: '2024-09-06',
      note: 'The Steps team mailbox is now the Therapeutic Thinking mailbox (uncertain: taken from the seeds).',
      source: 'https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire',
    },
    {
      id: 'hertfordshire-steps',
      pattern: '(?:Hertfordshire|Herts)\\s+Steps',
      replacement: 'Therapeutic Thinking Hertfordshire',
      since: '2024-09-06',
      note: 'Hertfordshire Steps became "Therapeutic Thinking Hertfordshire Steps" on 23 March 2023 and "Therapeutic Thinking Hertfordshire" on 6 September 2024.',
      source: 'https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire',
    },
    {
      id: 'steps-approach',
      pattern: '\\bthe\\s+Steps\\s+approach',
      replacement: 'the Therapeutic Thinking approach',
      since: '2023-03-23',
      note: 'The Steps approach is now the Therapeutic Thinking approach.',
      source: 'https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire',
    },
    {
      id: 'step-on',
      pattern: '\\bStep\\s+On\\b',
      caseSensitive: true,
      replacement: 'Therapeutic Thinking',
      since: '2023-03-23',
      note: 'The de-escalation course "Step On" is now "Therapeutic Thinking".',
      source: 'https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire',
    },
    {
      id: 'step-up',
      pattern: '\\bStep\\s+Up\\b',
      caseSensitive: true,
      replacement: 'Principles of Restrictive Physical Intervention',
      since: '2023-03-23',
      note: 'The restrictive physical intervention course "Step Up" is now "Principles of Restrictive Physical Intervention".',
      source: 'https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire',
    },
  ],
};

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

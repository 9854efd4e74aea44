/**
 * The section vocabulary of the Hertfordshire Virtual School model policy
 * ("Policy for the Education of all Children with a Social Worker"), in the
 * model's order. The section tree uses it to recognise headings that arrive
 * as plain lines, and to put them at the right level whatever their `#` count.
 *
 * - `top`: a top-level section of the policy body;
 * - `sub`: a section that sits inside a top-level section or an appendix;
 * - appendices ("Appendix 1", "Appendix 3. Risk Assessment ...") are recognised
 *   by pattern and contain every heading that follows them until the next one.
 */

export interface VocabularyEntry {
  id: string;
  title: string;
  role: 'top' | 'sub';
  aliases: string[];
}

export const SECTION_VOCABULARY: VocabularyEntry[] = [
  { id: 'policy-objective', title: 'Policy Objective', role: 'top', aliases: ['Policy Objective', 'Policy Objectives'] },
  { id: 'intention', title: 'Intention', role: 'top', aliases: ['Intention', 'Intent'] },
  { id: 'implementation', title: 'Implementation', role: 'top', aliases: ['Implementation'] },
  { id: 'equality-and-diversity', title: 'Equality and Diversity', role: 'top', aliases: ['Equality and Diversity'] },
  { id: 'impact', title: 'Impact', role: 'top', aliases: ['Impact'] },
  {
    id: 'statutory-educational-planning',
    title: 'Statutory Educational Planning for all Children Looked After',
    role: 'top',
    aliases: ['Statutory Educational Planning for all Children Looked After', 'Statutory Educational Planning'],
  },
  {
    id: 'personal-education-plans',
    title: 'Statutory Personal Education Plans (ePEP)',
    role: 'sub',
    aliases: ['Statutory Personal Education Plans (ePEP)', 'Statutory Personal Education Plans', 'Personal Education Plans (ePEP)', 'Personal Education Plans'],
  },
  {
    id: 'roles-and-responsibilities',
    title: 'Roles and Responsibilities',
    role: 'top',
    aliases: ['Roles and Responsibilities', 'Role and Responsibilities', 'Roles and Responsibility'],
  },
  { id: 'attendance', title: 'Attendance', role: 'top', aliases: ['Attendance'] },
  {
    id: 'admissions-and-transitions',
    title: 'Admissions/Transitions',
    role: 'top',
    aliases: ['Admissions/Transitions', 'Admissions and Transitions', 'Admissions', 'Transitions'],
  },
  { id: 'additional-educational-needs', title: 'Additional Educational Needs', role: 'top', aliases: ['Additional Educational Needs'] },
  {
    id: 'send',
    title: 'Special Educational Needs & Disabilities',
    role: 'top',
    aliases: ['Special Educational Needs and Disabilities', 'Special Educational Needs and Disability', 'SEND'],
  },
  { id: 'safeguarding', title: 'Safeguarding', role: 'top', aliases: ['Safeguarding'] },
  {
    id: 'suspensions-and-exclusion',
    title: 'Suspensions and Exclusion',
    role: 'top',
    aliases: ['Suspensions and Exclusion', 'Suspensions and Exclusions', 'Suspension and Exclusion', 'Exclusions', 'Exclusion'],
  },
  { id: 'new-duty', title: 'The Revised New Duty', role: 'sub', aliases: ['The Revised New Duty', 'The New Duty'] },
  { id: 'alternative-provision', title: 'Alternative Provision', role: 'sub', aliases: ['Alternative Provision'] },
  { id: 'multi-agency-working', title: 'Multi-Agency Working', role: 'sub', aliases: ['Multi-Agency Working', 'Multi Agency Working', 'Multiagency Working'] },
  {
    id: 'risk-assessment',
    title: 'Risk Assessment to Support Behaviour Policy',
    role: 'sub',
    aliases: ['Risk Assessment to Support Behaviour Policy', 'Risk Assessment'],
  },
  {
    id: 'therapeutic-thinking',
    title: 'Therapeutic Thinking',
    role: 'sub',
    aliases: ['Hertfordshire Therapeutic Thinking', 'Therapeutic Thinking Hertfordshire', 'Therapeutic Thinking', 'Hertfordshire Steps'],
  },
];

/** Titles already normalised (rules compare the same headings and aliases again and again). */
const normalized = new Map<string, string>();

/** Normalise a title for comparison: case, `&`, dashes, spacing, trailing punctuation. */
export function normalizeTitle(title: string): string {
  let out = normalized.get(title);
  if (out !== undefined) return out;
  out = title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .replace(/^[\s*_]+|[\s*_:.]+$/g, '');
  // Bounded: a huge document's headings must not grow the memory for ever.
  if (normalized.size >= 20_000) normalized.clear();
  normalized.set(title, out);
  return out;
}

/** Each entry's aliases, normalised (and, for loose matching, without a leading "the"). */
const aliasTable = new WeakMap<VocabularyEntry[], { strict: string[][]; loose: string[][] }>();

function aliasesOf(entries: VocabularyEntry[]): { strict: string[][]; loose: string[][] } {
  let table = aliasTable.get(entries);
  if (!table) {
    const strict = entries.map((e) => e.aliases.map((a) => normalizeTitle(a)));
    table = { strict, loose: strict.map((list) => list.map((a) => a.replace(/^the\s+/, ''))) };
    aliasTable.set(entries, table);
  }
  return table;
}

const APPENDIX = /^appendix\s+([0-9]+|[a-z])\b[\s.:\-–—]*(.*)$/i;

export interface VocabularyMatch {
  id: string;
  role: 'top' | 'sub' | 'appendix';
}

function startsWithAlias(title: string, alias: string, loose: boolean): boolean {
  if (title === alias) return true;
  if (!title.startsWith(alias)) return false;
  const rest = title.slice(alias.length);
  return loose ? /^[^a-z0-9]/.test(rest) : /^\s*[:\-–—.(]/.test(rest);
}

/** The vocabulary entry a heading names, if any ("Attendance:", "Roles and Responsibilities: Education planning ..."). */
export function matchVocabulary(
  title: string,
  entries: VocabularyEntry[] = SECTION_VOCABULARY,
  loose = false,
): VocabularyMatch | undefined {
  const t = normalizeTitle(title);
  const appendix = APPENDIX.exec(t);
  if (appendix) {
    const rest = appendix[2] ?? '';
    const inner = rest ? matchVocabulary(rest.replace(/^the\s+/, ''), entries, true) : undefined;
    return { id: inner && inner.role !== 'appendix' ? inner.id : `appendix-${appendix[1]}`, role: 'appendix' };
  }
  const aliases = aliasesOf(entries)[loose ? 'loose' : 'strict'];
  for (let i = 0; i < entries.length; i++) {
    for (const alias of aliases[i]!) {
      if (startsWithAlias(t, alias, loose)) return { id: entries[i]!.id, role: entries[i]!.role };
    }
  }
  return undefined;
}

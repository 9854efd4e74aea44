/**
 * Profiles: a named set of rules and settings for one kind of policy, picked from the document
 * when the configuration does not name one (docs/profiles.md).
 *
 * - `herts-csw`: the Hertfordshire Virtual School model policy for the Education of all Children
 *   with a Social Worker: every rule, the Hertfordshire pack included (policy-lint as it always was);
 * - `lac`: a policy of the same subject written from any other model (another local authority's, a
 *   trust's own): the checks that hold for every such policy and nothing Hertfordshire-only;
 * - `generic`: any school policy: review date, placeholders, currency of the guidance it cites,
 *   empty links.
 *
 * Packs (YAML) can declare profiles of their own (`profiles:` in the pack), so that another local
 * authority ships its model's sections and contacts: they are tried first. A profile never changes a
 * rule's severity; it only says which rules run, and may give options (under the configured ones).
 * Rules of packs other than the built-in Hertfordshire pack always run: a configuration that loads
 * a pack means it.
 */
import type { PolicyDocument, Section } from '../types.js';

export interface ProfileDetect {
  /** Words or phrases (matched case-insensitively, as whole words) that mark the profile's documents. */
  phrases?: string[];
  /** Section titles of the profile's model (matched without numbers, case, "&"/"and" and a trailing colon). */
  sections?: string[];
  /** How many of `sections` must be present (default: half of them, at least 1). */
  minSections?: number;
  /** How many of `phrases` must appear (default: 1). */
  minPhrases?: number;
}

export interface ProfileDefinition {
  id: string;
  /** How a report names the kind of document ("read as: <title>, <reason>"). */
  title: string;
  description: string;
  /** The rules that run: rule ids, "pack/*", or "*" for every rule. */
  rules: string[];
  /** Options per rule id, applied under the options the configuration gives. */
  options?: Record<string, Record<string, unknown>>;
  /** For profiles declared by a pack: how to recognise their documents. */
  detect?: ProfileDetect;
  /** The pack that declared it (undefined for a built-in profile). */
  pack?: string;
}

/** The profile a file was read as, and why: on every file's result. */
export interface ProfileInfo {
  id: string;
  title: string;
  reason: string;
}

/** What a configuration says about profiles: the ones it knows, and the one it forces, if any. */
export interface ProfileChoice {
  available: ProfileDefinition[];
  forced?: { id: string; by: string };
}

/** The checks every policy of this subject (children looked after, designated teacher) should pass, whoever wrote its model. */
const LAC_RULES = [
  'required-roles',
  'termly-pep',
  'kcsie-current',
  'superseded-guidance',
  'expected-guidance',
  'legal-status',
  'ended-programme',
  'review-date',
  'placeholder-text',
  'stale-academic-year',
  'empty-link',
  'role-name-consistency',
  'consistent-terminology',
];

/** The checks for any school policy. */
const GENERIC_RULES = ['review-date', 'placeholder-text', 'kcsie-current', 'superseded-guidance', 'expected-guidance', 'empty-link'];

export const BUILTIN_PROFILES: ProfileDefinition[] = [
  {
    id: 'herts-csw',
    title: 'Hertfordshire model policy for children with a social worker',
    description: 'A copy of the Hertfordshire Virtual School model "Policy for the Education of all Children with a Social Worker": every rule, with the Hertfordshire rule pack.',
    rules: ['*'],
  },
  {
    id: 'lac',
    title: 'policy for children looked after (not the Hertfordshire model)',
    description:
      'A policy for children looked after and previously looked after (a designated teacher or "children in care" policy) written from any other model: named posts, termly PEPs, KCSIE and guidance currency, review date, placeholders, stale years, empty links, name and term consistency. No Hertfordshire sections, contacts or programmes.',
    rules: LAC_RULES,
  },
  {
    id: 'generic',
    title: 'school policy',
    description: 'Any school policy: review date, placeholders, currency of the guidance it cites (KCSIE and others), empty links.',
    rules: GENERIC_RULES,
  },
];

/** Does `pattern` ("*", "pack/*" or an id) cover the rule? */
export function profileCovers(profile: ProfileDefinition, ruleId: string): boolean {
  return profile.rules.some((p) => p === '*' || p === ruleId || (p.endsWith('/*') && ruleId.startsWith(p.slice(0, -1))));
}

/** The Hertfordshire model's sections, as the sixteen groups required-sections counts (ids of src/domain/vocabulary.ts). */
const HERTS_MODEL_GROUPS: string[][] = [
  ['policy-objective'],
  ['intention'],
  ['implementation', 'equality-and-diversity'],
  ['impact'],
  ['statutory-educational-planning', 'personal-education-plans'],
  ['roles-and-responsibilities'],
  ['attendance'],
  ['admissions-and-transitions'],
  ['additional-educational-needs'],
  ['send'],
  ['safeguarding'],
  ['suspensions-and-exclusion'],
  ['new-duty'],
  ['alternative-provision'],
  ['multi-agency-working'],
  ['risk-assessment'],
];

/** Sections only the Hertfordshire model has (common words such as "Attendance" or "Safeguarding" are every policy's). */
const HERTS_DISTINCTIVE = new Set([
  'policy-objective',
  'intention',
  'implementation',
  'impact',
  'statutory-educational-planning',
  'additional-educational-needs',
  'new-duty',
  'multi-agency-working',
  'risk-assessment',
]);

/** Below this many words a text is a fragment, not a policy whose kind can be told. */
export const FRAGMENT_WORDS = 120;

const HERTS_PHRASES = /\b(?:Hertfordshire|Herts|HVS|thegrid\.org\.uk|Therapeutic Thinking)\b/i;

/** Signs that a document is a policy for children looked after, whichever model it comes from. */
const SUBJECT_SIGNS: { label: string; pattern: RegExp }[] = [
  { label: 'looked-after children', pattern: /\blooked[-\s]after\b|\bchildren in care\b|\b(?:CLA|LAC|PLAC|CiC|PLA|CPLA)\b/i },
  { label: 'the designated teacher', pattern: /\bdesignated teacher\b/i },
  { label: 'the Virtual School', pattern: /\bvirtual school\b/i },
  { label: 'personal education plans', pattern: /\bpersonal education plans?\b|\be?PEPs?\b/i },
  { label: 'Pupil Premium Plus', pattern: /\bpupil premium plus\b|\bPP\+/i },
];

function textOf(doc: PolicyDocument): string {
  return doc.blocks.map((b) => b.text).join('\n');
}

function normal(title: string): string {
  return title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .replace(/[\s:.]+$/, '')
    .trim();
}

function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pack profile's evidence in the document, or undefined when it does not fit. */
function packEvidence(doc: PolicyDocument, text: string, profile: ProfileDefinition, bare: (s: Section) => string): string | undefined {
  const d = profile.detect;
  if (!d) return undefined;
  const parts: string[] = [];
  const phrases = d.phrases ?? [];
  const sections = d.sections ?? [];
  const foundPhrases = phrases.filter((p) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(p).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu').test(text));
  const titles = new Set(doc.sections.map(bare));
  const foundSections = sections.filter((s) => titles.has(normal(s)) || [...titles].some((t) => t.startsWith(`${normal(s)}:`) || t.startsWith(`${normal(s)} -`)));
  const minPhrases = d.minPhrases ?? (phrases.length ? 1 : 0);
  const minSections = d.minSections ?? (sections.length ? Math.max(1, Math.ceil(sections.length / 2)) : 0);
  if (foundPhrases.length < minPhrases || foundSections.length < minSections) return undefined;
  if (sections.length) parts.push(`${foundSections.length} of ${sections.length} model sections found`);
  if (foundPhrases.length)
    parts.push(
      `mentions ${foundPhrases
        .slice(0, 2)
        .map((p) => `"${p}"`)
        .join(' and ')}`,
    );
  return parts.join(', ') || 'declared by its pack';
}

/**
 * Pick the profile for a document: a pack's profile whose signs it carries, else `herts-csw` for a
 * copy of the Hertfordshire model, `lac` for another policy of the subject, `generic` for anything else.
 */
export function detectProfile(doc: PolicyDocument, available: ProfileDefinition[], withoutNumber: (title: string) => string): { profile: ProfileDefinition; reason: string } {
  const text = textOf(doc);
  const bare = (s: Section): string => normal(withoutNumber(s.title));
  for (const p of available) {
    if (!p.pack) continue;
    const why = packEvidence(doc, text, p, bare);
    if (why) return { profile: p, reason: why };
  }
  const byId = (id: string): ProfileDefinition => available.find((p) => p.id === id) ?? BUILTIN_PROFILES.find((p) => p.id === id)!;
  // A fragment (a pasted paragraph, an editor's selection, a rule's example) is too short to tell which model it
  // follows: every rule runs on it, as before profiles existed.
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < FRAGMENT_WORDS) return { profile: byId('herts-csw'), reason: `${words} words: too short to tell which model it follows, so every rule runs` };
  const present = new Set<string>();
  for (const s of doc.sections) if (s.canonical) present.add(s.canonical);
  const groups = HERTS_MODEL_GROUPS.filter((g) => g.some((id) => present.has(id))).length;
  const distinctive = [...present].filter((id) => HERTS_DISTINCTIVE.has(id)).length;
  const herts = HERTS_PHRASES.test(text);
  const of = `${groups} of ${HERTS_MODEL_GROUPS.length} model sections found`;
  if (groups >= 10 || (herts && (groups >= 6 || distinctive >= 3))) {
    return { profile: byId('herts-csw'), reason: `${of}${herts ? ', names Hertfordshire' : ''}` };
  }
  const signs = SUBJECT_SIGNS.filter((s) => s.pattern.test(text)).map((s) => s.label);
  if (signs.length >= 2) {
    return { profile: byId('lac'), reason: `mentions ${signs.slice(0, 3).join(', ')}; ${of.replace('model', 'Hertfordshire model')}` };
  }
  return { profile: byId('generic'), reason: signs.length ? `mentions only ${signs[0]}` : 'no sign of a policy for children looked after' };
}

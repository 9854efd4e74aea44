/**
 * required-sections: the sections of the model policy that a document lacks.
 */
import { inAppendix, matchVocabulary, type PolicyDocument, type Rule, type Section, SECTION_VOCABULARY, titleReads } from '../src/rule-api/index.js';

export interface RequiredSection {
  /** The name used in messages (and matched like an alias). */
  name: string;
  /** Other headings that satisfy the requirement: titles, or model-section ids from src/domain/vocabulary.ts. */
  aliases?: string[];
}

/**
 * The default requirement, in the model policy's order (docs/domain.md#model-policy).
 * Alternatives the model itself allows are one requirement: "Implementation" or
 * "Equality and Diversity"; the planning section under either of its two titles.
 */
export const DEFAULT_SECTIONS: RequiredSection[] = [
  { name: 'Policy Objective', aliases: ['policy-objective'] },
  { name: 'Intention', aliases: ['intention'] },
  { name: 'Implementation (or Equality and Diversity)', aliases: ['implementation', 'equality-and-diversity'] },
  { name: 'Impact', aliases: ['impact'] },
  {
    name: 'Statutory Educational Planning for all Children Looked After (Personal Education Plans)',
    aliases: ['statutory-educational-planning', 'personal-education-plans'],
  },
  { name: 'Roles and Responsibilities', aliases: ['roles-and-responsibilities'] },
  { name: 'Attendance', aliases: ['attendance'] },
  { name: 'Admissions/Transitions', aliases: ['admissions-and-transitions'] },
  { name: 'Additional Educational Needs', aliases: ['additional-educational-needs'] },
  { name: 'Special Educational Needs & Disabilities', aliases: ['send'] },
  { name: 'Safeguarding', aliases: ['safeguarding'] },
  { name: 'Suspensions and Exclusion', aliases: ['suspensions-and-exclusion'] },
  { name: 'Appendix 1: the Revised New Duty', aliases: ['new-duty'] },
  { name: 'Appendix 2: Alternative Provision', aliases: ['alternative-provision'] },
  { name: 'Appendix 2: Multi-Agency Working', aliases: ['multi-agency-working'] },
  { name: 'Appendix 3: Risk Assessment to Support Behaviour Policy', aliases: ['risk-assessment'] },
];

const VOCABULARY_IDS = new Map(SECTION_VOCABULARY.map((e) => [e.id, e]));

/** Read the `sections` option: plain strings or `{ name, aliases }` objects. */
export function readSections(value: readonly (string | RequiredSection)[]): RequiredSection[] {
  const out: RequiredSection[] = [];
  for (const item of value) {
    if (typeof item === 'string') {
      if (item.trim()) out.push({ name: item.trim() });
    } else out.push({ name: item.name, aliases: item.aliases ?? [] });
  }
  return out;
}

/** Does `section` satisfy the key (a model-section id, or a title)? */
export function sectionMatches(section: Section, key: string): boolean {
  const entry =
    VOCABULARY_IDS.get(key) ??
    (() => {
      const m = matchVocabulary(key);
      return m && m.role !== 'appendix' ? VOCABULARY_IDS.get(m.id) : undefined;
    })();
  if (entry && section.canonical === entry.id) {
    // A top-level model section is not satisfied by a sub-heading of the same name inside an appendix
    // (Appendix 1's "Attendance" is about the Virtual School Head, not the school's attendance section).
    return entry.role !== 'top' || !inAppendix(section);
  }
  return !VOCABULARY_IDS.has(key) && titleReads(section.title, key);
}

function findRequired(doc: PolicyDocument, required: RequiredSection): Section | undefined {
  const keys = [required.name, ...(required.aliases ?? [])];
  return doc.sections.find((s) => keys.some((k) => sectionMatches(s, k)));
}

type Options = { sections: (string | RequiredSection)[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'required-sections',
    description: 'The policy must have every section of the model policy (configurable).',
    severity: 'warning',
    fixable: false,
    rationale:
      'The Hertfordshire Virtual School model policy sets out, section by section, what the school commits to for children ' +
      'looked after, previously looked after and with a social worker: education plans, roles, attendance, admissions, ' +
      'additional and special educational needs, safeguarding, exclusions, and in its appendices the extended duty of the ' +
      'Virtual School Head, full-time alternative provision and risk assessment. A section that was deleted or lost when the ' +
      'policy was copied leaves that commitment out. Each missing section is reported once, at the place the model policy ' +
      'puts it, so you can restore it from the current model.',
    sources: [
      { title: 'policy-lint domain facts: the sections of the model policy, in order', url: 'docs/domain.md#model-policy' },
      {
        title: 'Virtual school head role extension to children with a social worker (DfE; Appendix 1, the New Duty)',
        url: 'https://www.gov.uk/government/publications/virtual-school-head-role-extension-to-children-with-a-social-worker',
      },
      { title: 'Arranging alternative provision (DfE, February 2025; Appendix 2)', url: 'https://www.gov.uk/government/publications/alternative-provision' },
    ],
    notes:
      'Sections are found in the section tree by their model-section id (src/domain/vocabulary.ts) or by heading text, so ' +
      '"Roles and Responsibilities: Education planning ..." counts as "Roles and Responsibilities". Required by default: the ' +
      'twelve body sections of the model, with "Implementation" or "Equality and Diversity" (copies use either) and ' +
      '"Statutory Educational Planning" or "Statutory Personal Education Plans (ePEP)" each counting as one, and the sections ' +
      'of the three appendices that carry commitments: the Revised New Duty, Alternative Provision, Multi-Agency Working and ' +
      'Risk Assessment. Not required by default: the "Therapeutic Thinking" description in Appendix 3 (it explains the local ' +
      "authority's approach rather than committing the school to anything; the risk-assessment section already stands for " +
      'Appendix 3). A sub-heading inside an appendix does not stand in for a missing body section of the same name. ' +
      'Set `sections` to your own list: plain titles, or `{ name, aliases }` where aliases are other titles or ' +
      'model-section ids. A finding sits on the heading of the next required section that is present (where the missing ' +
      'one belongs), or the last one before it when none follows, or at 1:1 when none is present.',
    options: {
      sections: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'string' },
            {
              type: 'object',
              properties: { name: { type: 'string' }, aliases: { type: 'array', items: { type: 'string' } } },
              required: ['name'],
              additionalProperties: false,
            },
          ],
        },
        description: 'Required sections, in order: titles or { name, aliases } objects (aliases: titles or model-section ids).',
        default: DEFAULT_SECTIONS,
      },
    },
    messages: {
      missing: 'The policy has no "{{name}}" section{{where}}: add it from the current model policy.',
    },
    examples: [
      {
        title: 'A policy that has lost a section',
        text: 'Attendance\n\nWe track attendance daily.\n\nSafeguarding\n\nSee the safeguarding policy.\n',
        options: { sections: ['Attendance', 'Admissions/Transitions', 'Safeguarding'] },
        expect: ['5:1 has no "Admissions/Transitions" section'],
      },
      {
        title: 'Alternatives and longer headings count',
        text:
          'Equality and Diversity:\n\nAll learners are included.\n\n' +
          '**Roles and Responsibilities: Education planning for all children with a Social Worker**\n\nThe Headteacher leads.\n',
        options: {
          sections: [{ name: 'Implementation (or Equality and Diversity)', aliases: ['implementation', 'equality-and-diversity'] }, 'Roles and Responsibilities'],
        },
        expect: [],
      },
      {
        title: 'A sub-heading of an appendix does not stand in for a body section',
        text: 'Safeguarding\n\nSee the policy.\n\nAppendix 1\n\nAttendance\n\nThe Virtual School Head promotes attendance.\n',
        options: { sections: ['Attendance', 'Safeguarding'] },
        expect: ['1:1 has no "Attendance" section'],
      },
    ],
  },

  check({ doc, options, report }) {
    const required = readSections(options.sections);
    const found = required.map((r) => findRequired(doc, r));
    required.forEach((r, i) => {
      if (found[i]) return;
      const next = found.slice(i + 1).find((s) => s !== undefined);
      const previous = found
        .slice(0, i)
        .reverse()
        .find((s) => s !== undefined);
      const anchor = next ?? previous;
      const where = next ? ` (it belongs before "${next.title}")` : previous ? ` (it belongs after "${previous.title}")` : '';
      report({
        messageId: 'missing',
        data: { name: r.name, where },
        start: anchor ? anchor.titleStart : 0,
        end: anchor ? anchor.titleEnd : 0,
      });
    });
  },
};

export default rule;

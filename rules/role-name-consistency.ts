/**
 * role-name-consistency: the person named for a post at the top is the person
 * named for it later in the text.
 */
import { DEFAULT_ROLE_IDS, findRoleStatements, quoteShort, resolveRoles, type Rule, samePerson } from '../src/rule-api/index.js';

type Options = { roles: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'role-name-consistency',
    description: 'A post (Designated Teacher, Governor, DSL) must name the same person wherever the policy names it.',
    severity: 'warning',
    fixable: false,
    rationale:
      'The model policy names the Designated Teacher at the top ("Name of the Designated Teacher for CLA and PLA") and again in ' +
      'Roles and Responsibilities ("The Designated Teacher ... is a Statutory Post and in 2024-2025 is ..."). When a post changes ' +
      'hands, schools often update one place and not the other, and the policy then gives carers and social workers two different ' +
      'people. The rule takes the first person named for each post (usually the label at the top) and reports, at the later name, ' +
      'any other place that names someone else for the same post, naming both people. Names are compared tolerantly: titles ' +
      '(Mr, Mrs, Miss, Ms, Dr, Fr), case, a job title after a comma or in brackets ("Hannah Badger, SENDCo", "(HT)") and a missing ' +
      'first name ("Mrs Short" for "Claire Short") do not count as differences.',
    sources: [
      { title: 'policy-lint domain facts: required roles and the people named', url: 'docs/domain.md#required-roles' },
      {
        title: 'The designated teacher for looked-after and previously looked-after children (DfE, February 2018)',
        url: 'https://www.gov.uk/government/publications/designated-teacher-for-looked-after-children',
      },
    ],
    notes:
      'The posts are the same option as `required-roles` (`roles`: catalogue ids or extra label text). Names are read from the ' +
      'same places: "Label: Name", a label followed by the name, a table row, and sentences whose subject is the post ' +
      '("The Designated Teacher ... is X", "... was taken over by X"). When the first statement names several people ("Miss Emma ' +
      'Fenn (HT) or Mrs Louise McLellan (DHT)"), a later statement agrees if every person it names is one of them. Given names ' +
      'must agree when both places write one; an initial agrees with a name that starts with it. It is a warning, not an ' +
      'error: which of the two names is current is for the school to say. Blank or placeholder names are `required-roles`.',
    options: {
      roles: {
        type: 'array',
        items: { type: 'string' },
        description: 'The posts to compare: catalogue ids or label text for extra posts.',
        default: DEFAULT_ROLE_IDS,
      },
    },
    messages: {
      different: 'The {{role}} is named as "{{later}}" here but "{{first}}" at line {{line}}: name the same person in both places (update whichever is out of date).',
    },
    examples: [
      {
        title: 'The same person at the top and later, written differently',
        text:
          'Name of the Designated Teacher for CLA and PLA\n\nHannah Badger, SENDCo\n\n' +
          'The Designated Teacher for Children Looked After is a Statutory Post and in 2024-2025 is Mrs H. Badger.\n',
        expect: [],
      },
      {
        title: 'A different person named later for the same post',
        text:
          'Name of the Designated Teacher for CLA and CPLA\n\nLorna Allett\n\n' +
          'The Designated Teacher for Children Looked After is a Statutory Post and in 2024-2025 is Mrs Jane Smith.\n',
        expect: ['5:90 "Mrs Jane Smith" here but "Lorna Allett" at line 3'],
      },
    ],
  },

  check({ doc, options, report }) {
    const roles = resolveRoles(options.roles);
    const statements = findRoleStatements(doc, roles).filter((s) => s.kind === 'name' && s.people.length > 0);
    for (const role of roles) {
      const mine = statements.filter((s) => s.role.id === role.id);
      const first = mine[0];
      if (!first) continue;
      const firstLine = doc.pointAt(first.valueStart).line;
      for (const later of mine.slice(1)) {
        const others = later.people.filter((p) => !first.people.some((q) => samePerson(p, q)));
        if (others.length === 0) continue;
        report({
          messageId: 'different',
          data: { role: role.name, later: quoteShort(later.value), first: quoteShort(first.value), line: firstLine },
          start: later.valueStart,
          end: later.valueEnd,
        });
      }
    }
  },
};

export default rule;

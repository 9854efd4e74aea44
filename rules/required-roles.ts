/**
 * required-roles: the Designated Teacher, the Designated School Governor and
 * the Designated Safeguarding Lead each name a person.
 */
import { DEFAULT_ROLE_IDS, findRoleStatements, quoteShort, resolveRoles, type RoleStatement, type Rule } from '../src/rule-api/index.js';

/** The message for a statement that names no one. */
function messageFor(st: RoleStatement): { messageId: string; data: { role: string; value: string } } {
  const data = { role: st.role.name, value: quoteShort(st.value) };
  return { messageId: st.kind === 'placeholder' ? 'placeholder' : st.kind === 'role-only' ? 'roleOnly' : 'blank', data };
}

type Options = { roles: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'required-roles',
    description: 'The Designated Teacher, Designated School Governor and Designated Safeguarding Lead must each be named.',
    severity: 'error',
    fixable: false,
    rationale:
      'Every school must have a Designated Teacher for children looked after and previously looked after (a statutory post), ' +
      'the model policy asks for a Designated School Governor for them, and Keeping Children Safe in Education asks the ' +
      'Designated Safeguarding Lead to take responsibility for children with a social worker. Staff, carers, social workers and ' +
      'the Virtual School read the policy to learn who these people are, so each post must name a person. The rule accepts the ' +
      'forms schools use: "Label: Name" on one line (or a tab between them), the label as its own paragraph with the name in the ' +
      'next one, a table row, a sentence such as "The Designated Teacher ... is a Statutory Post and in 2024-2025 is Hannah Badger", ' +
      'and several people ("Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)"). It reports, at the label, a name left blank, ' +
      'template text ("[insert name]", "XXXX", "TBC", "enter name") and a job title in place of a name ("the Headteacher"); ' +
      'a post that the policy never labels at all is reported once at line 1. Sentences that only mention a post ' +
      '("working alongside the Designated Safeguarding Lead to support ...") are not labels and are left alone.',
    sources: [
      {
        title: 'Children and Young Persons Act 2008, section 20 (the governing body must designate a member of staff for looked-after pupils)',
        url: 'https://www.legislation.gov.uk/ukpga/2008/23/section/20',
      },
      {
        title: 'The designated teacher for looked-after and previously looked-after children (DfE, February 2018)',
        url: 'https://www.gov.uk/government/publications/designated-teacher-for-looked-after-children',
      },
      { title: 'Keeping Children Safe in Education (the DSL and children with a social worker)', url: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
      { title: 'policy-lint domain facts: required roles', url: 'docs/domain.md#required-roles' },
    ],
    notes:
      'The posts are an option: `roles` lists catalogue ids (`designated-teacher`, `designated-governor`, ' +
      '`designated-safeguarding-lead`) or any other label text, taken as an extra post to require ("Mental Health Lead"). ' +
      "A label is recognised only when the post's name is the whole paragraph, line (before the colon) or table cell, optionally " +
      'after "Name of the" and with a qualifier such as "for CLA and PLA"; "DT" and "DSL" count only in capitals. A post with a ' +
      'heading but a sentence after it, or a table row that describes duties, is not judged. A label that starts with "Name of" ' +
      'or ends with a colon and is followed by a sentence counts as blank: the name was left out. Anything short that is not ' +
      'template text or a job title counts as a name (the rule does not second-guess unusual names). ' +
      'Whether the same person is named consistently is `role-name-consistency`; whether a name is stated for an academic year ' +
      'that has ended is `stale-academic-year`.',
    options: {
      roles: {
        type: 'array',
        items: { type: 'string' },
        description: 'The posts that must be named: catalogue ids or label text for extra posts.',
        default: DEFAULT_ROLE_IDS,
      },
    },
    messages: {
      notNamed: 'The policy does not name the {{role}}: add "{{label}}" followed by the name of the person who holds the post.',
      placeholder: 'The {{role}} is not named: "{{value}}" is template text. Replace it with the name of the person who holds this post.',
      roleOnly: 'The {{role}} is given only as a job title ("{{value}}"): write the name of the person who holds this post.',
      blank: 'No name is given for the {{role}}: write the name of the person who holds this post after the label.',
    },
    examples: [
      {
        title: 'Named posts in other common forms: dots, a dash, "Identity:", the name first, a table cell',
        text:
          'Named Designated Teacher for LAC and PLAC ... Ms B. Example\n\n' +
          'Designated Safeguarding Lead – Mr L. Demo\n\n' +
          '| Post | Person |\n| --- | --- |\n| Link Governor for Children Looked After | Dr F. Sample |\n',
        expect: [],
      },
      {
        title: '"Identity: the Designated Teacher is ..." and "X is our ..." sentences',
        text:
          'Identity: the Designated Teacher is Ms E. Example, who leads on PEPs.\n\n' +
          'Mr K. Demo is our Designated Safeguarding Lead.\n\n' +
          'The nominated governor for LAC is Mr G. Sample.\n',
        expect: [],
      },
      {
        title: 'A dash with no name after it, and a placeholder after dots',
        text: 'Designated Teacher for Children in Care – [insert name]\n\nDesignated Governor for Children in Care ... TBC\n\nDesignated Safeguarding Lead: Mr L. Demo\n',
        expect: ['1:1 template text', '3:1 not named'],
      },
      {
        title: 'Each label followed by a name (the model policy layout)',
        text:
          'Name of the Designated Teacher for CLA and PLA\n\nHannah Badger, SENDCo\n\n' +
          'Name of the Designated School Governor for CLA and PLA: Jenny Shepherd\n\n' +
          'Name of the Designated Safeguarding Lead with responsibility for children with a Social Worker\n\n' +
          'Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)\n',
        expect: [],
      },
      {
        title: 'A table of roles and a sentence naming the Designated Teacher',
        text:
          '| Role | Name |\n|---|---|\n| Designated School Governor | Jenny Shepherd |\n| DSL | Mr Tom Price |\n\n' +
          'The Designated Teacher for Children Looked After is a Statutory Post and in 2024-2025 is Hannah Badger.\n\n' +
          'All staff work alongside the Designated Safeguarding Lead to support children with a Social Worker.\n',
        expect: [],
      },
      {
        title: 'Template text and a job title in place of names',
        text:
          'Name of the Designated Teacher for CLA and PLA: [insert name]\n\n' +
          'Name of the Designated School Governor for CLA and PLA\n\nXXXX\n\n' +
          'Designated Safeguarding Lead: the Headteacher\n',
        expect: ['1:1 "[insert name]" is template text', '3:1 "XXXX" is template text', '7:1 given only as a job title ("the Headteacher")'],
      },
      {
        title: 'A blank label, and a post the policy never names',
        text: 'Name of the Designated Teacher for CLA and PLA:\n\nName of the Designated Safeguarding Lead: Mr Tom Price\n',
        expect: ['1:1 does not name the Designated School Governor for CLA and PLA', '1:1 No name is given for the Designated Teacher'],
      },
    ],
  },

  check({ doc, options, report }) {
    const roles = resolveRoles(options.roles);
    const statements = findRoleStatements(doc, roles).filter((s) => s.kind !== 'prose');
    for (const role of roles) {
      const mine = statements.filter((s) => s.role.id === role.id);
      if (mine.length === 0) {
        report({
          messageId: 'notNamed',
          data: { role: role.name, label: role.label },
          start: 0,
          end: 0,
        });
        continue;
      }
      for (const st of mine) {
        if (st.kind === 'name') continue;
        report({ ...messageFor(st), start: st.labelStart, end: st.labelEnd });
      }
    }
  },
};

export default rule;

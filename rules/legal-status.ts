/**
 * legal-status: statements of legal status that a change in the law is making
 * out of date ("the Virtual School Head's duty for children with a social
 * worker is non-statutory", "to be made statutory when Parliamentary time
 * allows").
 */
import { findAll, type Rule, sentenceAt, type Statement } from '../src/rule-api/index.js';

export const rule: Rule = {
  meta: {
    id: 'legal-status',
    description: 'Statements that a duty is "non-statutory" or "to be made statutory" must be checked against the law now in force.',
    severity: 'warning',
    fixable: false,
    rationale:
      "The model policy says that the Virtual School Head's role for children with a social worker (extended to children in kinship " +
      'care from September 2024) is non-statutory guidance, "to be made statutory when Parliamentary time allows". The Children\'s ' +
      'Wellbeing and Schools Act 2026 (Royal Assent 29 April 2026), section 6, puts that duty on a statutory footing: it inserts ' +
      'section 23ZZZA into the Children Act 1989. The section comes into force on a day set by regulations, which had not been ' +
      'confirmed when the facts were last checked, so such a statement is reported as a warning that asks the reader to check, ' +
      'not as an error. Once commencement is confirmed (configure the statement with `certainty: confirmed`), the message says so; ' +
      'make the rule an error in configuration then if you want it to fail a run.',
    sources: [
      { title: "Children's Wellbeing and Schools Act 2026, section 6 (legislation.gov.uk)", url: 'https://www.legislation.gov.uk/ukpga/2026/21' },
      {
        title: 'DfE: Virtual school head role extension to children with a social worker',
        url: 'https://www.gov.uk/government/publications/virtual-school-head-role-extension-to-children-with-a-social-worker',
      },
      { title: 'policy-lint domain facts: legal status of the VSH duty', url: 'docs/domain.md#vsh-duty-statutory' },
    ],
    notes:
      'Statements live in the guidance registry (`statements` in data/guidance.yaml): each has its patterns, a `near` pattern that ' +
      'the same sentence must match (what the statement is about: the Virtual School Head, children with a social worker, kinship ' +
      'care, the new duty), its certainty, source and check date. vsh-duty-non-statutory: certainty expected (commencement by ' +
      "regulations not confirmed), source legislation.gov.uk (Children's Wellbeing and Schools Act 2026, s.6), checked 1 December 2026. " +
      'An expected fact draws a warning that asks to check; a confirmed one a warning that says the statement is out of date. "Non-statutory" about anything else (a non-statutory advice ' +
      'document on another subject) is not reported.',
    messages: {
      check: '"{{found}}" may be out of date: {{note}} Check whether the duty is now in force and update the statement.',
      outOfDate: '"{{found}}" may be out of date: {{note}} Update the statement to say the duty is statutory.',
    },
    examples: [
      {
        title: 'The model policy wording',
        text: 'The Virtual School Head role for children with a social worker is non-statutory guidance, ' + 'to be made statutory when Parliamentary time allows.\n',
        expect: ['1:67 section 6', '1:91 section 6'],
      },
      {
        title: 'Non-statutory advice on another subject passes',
        text: 'Our uniform guidance is non-statutory.\n',
        expect: [],
      },
    ],
  },

  check({ doc, settings, report }) {
    for (const statement of settings.guidance.statements ?? []) check(statement);

    function check(statement: Statement): void {
      const near = statement.near ? new RegExp(statement.near, 'i') : undefined;
      for (const pattern of statement.patterns) {
        for (const m of findAll(doc, new RegExp(pattern, 'gi'))) {
          const s = sentenceAt(m.block.text, m.match.index, m.match.index + m.match[0].length);
          if (near && !near.test(m.block.text.slice(s.start, s.end))) continue;
          const confirmed = statement.certainty === 'confirmed';
          report({
            messageId: confirmed ? 'outOfDate' : 'check',
            data: { found: m.match[0], note: statement.note },
            start: m.start,
            end: m.end,
          });
        }
      }
    }
  },
};

export default rule;

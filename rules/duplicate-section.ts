/**
 * duplicate-section: the same section title twice at the same level under the same parent.
 */
import { normalizeTitle, type Rule, type Section } from '../src/rule-api/index.js';

type Options = { sameModelSection: boolean };

export const rule: Rule<Options> = {
  meta: {
    id: 'duplicate-section',
    description: 'A section must not appear twice under the same heading (two "Policy Objective" sections).',
    severity: 'warning',
    fixable: false,
    rationale:
      'When a policy is updated by pasting in the new model text, the old section is sometimes left in place above or below ' +
      'the new one. Readers then find two versions of the same section, often saying different things (one naming "PLA", ' +
      'the other "CPLA"; one with last year\'s wording), and cannot tell which one the school follows. The second copy is ' +
      'reported, with the line of the first, so you can merge the two or delete the out-of-date one.',
    sources: [{ title: 'policy-lint domain facts: the sections of the model policy (each appears once)', url: 'docs/domain.md#model-policy' }],
    notes:
      'Two sections are duplicates when they have the same parent in the section tree and the same title once case, "&", ' +
      'spacing and a trailing colon are ignored ("Attendance:" and "**Attendance**" are the same). Headings with the same ' +
      'name at different places are not duplicates: Appendix 1\'s "Attendance" sub-heading is not the top-level ' +
      '"Attendance" section. With `sameModelSection: true`, two sibling headings naming the same model section by different ' +
      'titles ("Policy Objective" and "Policy Objectives") count too; it is off by default because some policies split a ' +
      'model section on purpose ("Admissions" and "Transitions").',
    options: {
      sameModelSection: {
        type: 'boolean',
        description: 'Also treat sibling headings that name the same model section under different titles as duplicates.',
        default: false,
      },
    },
    messages: {
      sameTitle: 'The section "{{title}}" appears twice here (first at line {{line}}): merge the two, or delete the one that is out of date.',
      sameModelSection: '"{{title}}" repeats the section "{{first}}" (line {{line}}): merge the two, or delete the one that is out of date.',
    },
    examples: [
      {
        title: 'The old section left in after pasting the new one',
        text: 'Policy Objective\n\nTo implement the guidance.\n\nPolicy Objective:\n\nTo implement the statutory guidance.\n',
        expect: ['5:1 "Policy Objective" appears twice here (first at line 1)'],
      },
      {
        title: 'The same name in different places is not a duplicate',
        text: 'Attendance\n\nWe track attendance daily.\n\nAppendix 1\n\nAttendance\n\nThe Virtual School Head promotes attendance.\n',
        expect: [],
      },
      {
        title: 'Different titles for the same model section, when asked',
        text: 'Policy Objective\n\nTo implement the guidance.\n\nPolicy Objectives\n\nTo implement the statutory guidance.\n',
        options: { sameModelSection: true },
        expect: ['5:1 "Policy Objectives" repeats the section "Policy Objective" (line 1)'],
      },
    ],
  },

  check({ doc, options, report }) {
    const byModel = options.sameModelSection;
    const visit = (parent: Section): void => {
      const seenTitle = new Map<string, Section>();
      const seenModel = new Map<string, Section>();
      for (const child of parent.children) {
        const key = normalizeTitle(child.title);
        const first = seenTitle.get(key);
        const firstModel = byModel && child.canonical ? seenModel.get(child.canonical) : undefined;
        if (first) {
          report({
            messageId: 'sameTitle',
            data: { title: child.title, line: first.start.line },
            start: child.titleStart,
            end: child.titleEnd,
          });
        } else if (firstModel) {
          report({
            messageId: 'sameModelSection',
            data: { title: child.title, first: firstModel.title, line: firstModel.start.line },
            start: child.titleStart,
            end: child.titleEnd,
          });
        }
        if (!first) seenTitle.set(key, child);
        if (child.canonical && !seenModel.has(child.canonical)) seenModel.set(child.canonical, child);
        visit(child);
      }
    };
    visit(doc.root);
  },
};

export default rule;

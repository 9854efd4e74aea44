/**
 * legal-status: a statement of legal status the law is changing ("non-statutory", "to be made statutory when
 * Parliamentary time allows") in a sentence about the Virtual School Head's duty; while the change is only expected it
 * asks to check, once the registry confirms it the statement is out of date.
 */
import { GUIDANCE, type Guidance } from '../../src/domain/guidance.js';
import { ruleTester } from '../rule-tester.js';

const NOTE = GUIDANCE.statements!.find((s) => s.id === 'vsh-duty-non-statutory')!.note;

/** The registry with the duty confirmed in force (as a user's settings.guidance would say once regulations are made). */
function confirmed(): Guidance {
  return { ...GUIDANCE, statements: GUIDANCE.statements!.map((s) => ({ ...s, certainty: 'confirmed' as const, note: 'Section 6 is in force.' })) };
}

ruleTester('legal-status', {
  valid: [
    { name: 'non-statutory advice on another subject', text: 'Our uniform guidance is non-statutory.\n' },
    { name: 'the duty called statutory', text: "The Virtual School Head's duty for children with a social worker is statutory.\n" },
  ],
  invalid: [
    {
      name: 'the model policy wording: "non-statutory" in a sentence about the duty, not the next sentence',
      text: 'To outline how our school will implement the non-statutory guidance that is the duty to promote the education of children with a social worker. (To be made statutory when Parliamentary time allows.)\n',
      errors: [
        {
          messageId: 'check',
          data: { found: 'non-statutory', note: NOTE },
          message: `"non-statutory" may be out of date: ${NOTE} Check whether the duty is now in force and update the statement.`,
          severity: 'warning',
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 59,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: '"to be made statutory" in a sentence about the duty; other paragraphs are not read',
      text: 'The Virtual School Head role is non statutory, to be made statutory when Parliamentary time allows.\n\nOur uniform guidance is non-statutory.\n',
      errors: [
        { messageId: 'check', data: { found: 'non statutory', note: NOTE }, line: 1, column: 33, endLine: 1, endColumn: 46 },
        { messageId: 'check', data: { found: 'to be made statutory when Parliamentary time allows', note: NOTE }, line: 1, column: 48, endLine: 1, endColumn: 99 },
      ],
    },
    {
      name: 'once the registry confirms the change, the statement is out of date',
      text: 'The VSH duty is non-statutory.\n',
      guidance: confirmed(),
      errors: [
        {
          messageId: 'outOfDate',
          data: { found: 'non-statutory', note: 'Section 6 is in force.' },
          message: '"non-statutory" may be out of date: Section 6 is in force. Update the statement to say the duty is statutory.',
          line: 1,
          column: 17,
          endLine: 1,
          endColumn: 30,
        },
      ],
    },
  ],
});

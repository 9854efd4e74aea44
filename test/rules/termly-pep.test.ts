/**
 * termly-pep: commitments, weaker frequencies, what is not about the PEP, and
 * the seed policies (which all commit to termly review).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { ruleTester } from '../rule-tester.js';
import { frequencies } from '../../rules/termly-pep.js';

const rules = ['termly-pep'];
const HEADING = 'Statutory Personal Education Plans (ePEP)\n\n';

function rates(sentence: string): number[] {
  return frequencies(sentence).map((f) => f.perYear);
}

ruleTester('termly-pep', {
  valid: [
    {
      name: 'the model wording',
      text: HEADING + 'Every CLA on roll has an ePEP meeting that is reviewed termly. In any one school year there will be at least 3 PEP meetings for each CLA.\n',
    },
    { name: '"three times a year"', text: 'The PEP of each child looked after is reviewed three times a year.\n' },
    { name: '"each term"', text: 'PEP meetings take place each term.\n' },
    { name: 'a commitment in the Impact list only', text: 'Impact\n\n- All CLA to have at least termly Personal Education Planning (ePEP) meetings each academic year.\n' },
    { name: 'a commitment in the PEP section that does not repeat "PEP"', text: 'Personal Education Plans\n\nThese are reviewed every term with the carer and social worker.\n' },
    { name: 'more often than termly', text: 'PEP reviews happen half-termly.\n' },
    {
      name: 'does not judge frequencies in sentences that are not about the PEP',
      text:
        HEADING +
        'The ePEP is reviewed termly.\n\nThe Headteacher and Governing Body\n\n- completing the annual Strength and Difficulties Questionnaire (SDQ) of each CLA, to inform their annual CLA health review.\n- delivering the Virtual School training to the whole school and update training sessions annually\n- the policy is reviewed once a year.\n',
    },
    { name: 'termly meets the default minimumPerYear', text: 'The ePEP is reviewed termly.\n' },
  ],
  invalid: [
    {
      name: 'reviewed annually',
      text: HEADING + 'Each CLA has an ePEP that is reviewed annually with the social worker.\n',
      errors: [{ messageId: 'tooRare', data: { phrase: 'reviewed annually', minimum: 3, says: 'once a year' }, line: 3, column: 30, endLine: 3, endColumn: 47 }],
    },
    {
      name: 'twice a year',
      text: 'PEP meetings are held twice a year.\n',
      errors: [{ messageId: 'tooRare', data: { phrase: 'held twice a year', minimum: 3, says: 'twice a year' }, line: 1, column: 18, endLine: 1, endColumn: 35 }],
    },
    {
      name: 'once a year',
      text: 'The PEP is reviewed once a year.\n',
      errors: [{ messageId: 'tooRare', data: { phrase: 'reviewed once a year', minimum: 3, says: 'once a year' }, line: 1, column: 12, endLine: 1, endColumn: 32 }],
    },
    {
      name: 'every six months',
      text: 'PEPs are reviewed every six months.\n',
      errors: [{ messageId: 'tooRare', data: { phrase: 'reviewed every six months', minimum: 3, says: 'twice a year' }, line: 1, column: 10, endLine: 1, endColumn: 35 }],
    },
    {
      name: 'biannually',
      text: 'Our ePEP review is biannually.\n',
      errors: [{ messageId: 'tooRare', data: { phrase: 'biannually', minimum: 3, says: 'twice a year' }, line: 1, column: 20, endLine: 1, endColumn: 30 }],
    },
    {
      name: 'names the phrase, the rule and what to write',
      text: 'The PEP is reviewed annually.\n',
      errors: [
        {
          messageId: 'tooRare',
          data: { phrase: 'reviewed annually', minimum: 3, says: 'once a year' },
          message:
            '"reviewed annually" is less often than each child looked after\'s ePEP must be reviewed: the PEP is reviewed termly, at least 3 times a school year (this says once a year). Change it to "termly".',
          severity: 'error',
          line: 1,
          column: 12,
          endLine: 1,
          endColumn: 29,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'reports a weaker frequency even when termly review is promised elsewhere',
      text: HEADING + 'The ePEP is reviewed termly.\n\nImpact\n\n- PEP meetings are held twice a year.\n',
      errors: [{ messageId: 'tooRare', data: { phrase: 'held twice a year', minimum: 3, says: 'twice a year' }, line: 7, column: 20, endLine: 7, endColumn: 37 }],
    },
    {
      name: 'a missing commitment is reported once, at the PEP section heading',
      text: 'Intro\n\n' + HEADING + 'Every CLA has an ePEP, completed with the social worker.\n',
      errors: [
        {
          messageId: 'noCommitment',
          data: { minimum: 3 },
          message:
            "The policy does not commit to reviewing each child looked after's Personal Education Plan (ePEP) termly: say that the ePEP is reviewed termly, with at least 3 PEP meetings in each school year.",
          severity: 'error',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 42,
          suggestions: [],
        },
      ],
    },
    {
      name: '... at 1:1 when there is no PEP section',
      text: 'Attendance\n\nAttendance is reviewed termly. Staff have 25 hours of training.\n',
      errors: [{ messageId: 'noCommitment', data: { minimum: 3 }, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'a termly Virtual School visit is not a PEP commitment',
      text: 'Additional Educational Needs\n\n- progress is regularly monitored against the targets set as agreed in the termly Virtual School visit, ePEP and Annual Report to Governors\n',
      errors: [{ messageId: 'noCommitment', data: { minimum: 3 }, line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
    {
      name: 'minimumPerYear raises the bar (half-termly reviews)',
      text: 'The ePEP is reviewed termly.\n',
      options: { minimumPerYear: 6 },
      errors: [{ messageId: 'tooRare', data: { phrase: 'reviewed termly', minimum: 6, says: '3 times a year' }, line: 1, column: 13, endLine: 1, endColumn: 28 }],
    },
  ],
});

describe('termly-pep', () => {
  describe('frequencies', () => {
    it.each([
      ['The ePEP meeting is reviewed termly, within the care planning framework.', [3]],
      ['In any one school year there will be at least 3 PEP meetings for each CLA.', [3]],
      ['PEP meetings are held three times a year.', [3]],
      ['PEP meetings are held each term.', [3]],
      ['PEP meetings are held once a term.', [3]],
      ['All CLA to have at least termly Personal Education Planning (ePEP) meetings each academic year.', [3]],
      ['PEPs are reviewed half-termly.', [6]],
      ['The PEP is reviewed annually.', [1]],
      ['PEP meetings are held twice a year.', [2]],
      ['The PEP is reviewed once a year.', [1]],
      ['The PEP is reviewed every six months.', [2]],
      ['The PEP is reviewed biannually.', [2]],
      ['There is an annual PEP meeting.', [1]],
      ['We hold 2 PEP meetings per school year.', [2]],
      ['We hold 2 PEP meetings a term.', [6]],
      ['Targets are agreed in the termly Virtual School visit, ePEP and Annual Report to Governors.', []],
      ['Staff have at least 2 days per year training.', []],
      ['3 PEP meetings are held.', []],
    ])('%s', (sentence, expected) => {
      expect(rates(sentence)).toEqual(expected);
    });
  });

  it('reports exact columns in a CRLF file with a BOM', () => {
    const text = '\uFEFFStatutory Personal Education Plans (ePEP)\r\n\r\nEach CLA has an ePEP, reviewed twice a year.\r\n';
    const file = `${process.env.TMPDIR ?? '/tmp'}/tp-crlf-${process.pid}.md`;
    fs.writeFileSync(file, Buffer.from(text, 'utf8'));
    try {
      const found = lintDoc(docOfFile(file), { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['3:23-3:44']);
    } finally {
      fs.unlinkSync(file);
    }
  });

  describe('seeds', () => {
    // Every seed: "a Personal Education Planning (ePEP) meeting that is reviewed termly ... at least 3 PEP meetings"
    // (000:113, 001:100, 002:147, 003:119, 004:89), plus "at least termly ... (ePEP) meetings" in Impact.
    it.each(['000', '001', '002', '003', '004'])('seed %s commits to termly review and draws nothing', (seed) => {
      const doc = docOfFile(seedPath(seed));
      expect(doc.text).toMatch(/reviewed termly, within the statutory care planning framework/);
      expect(lintDoc(doc, { rules })).toEqual([]);
    });

    it('seed 000 with its PEP paragraph weakened reports the phrase', () => {
      const text = fs.readFileSync(seedPath('000'), 'utf8').replace('that is reviewed termly,', 'that is reviewed annually,').replace('at least 3 PEP meetings', 'at least 1 PEP meeting');
      // The Impact bullet (line 101) still promises termly meetings: the weaker line contradicts it.
      expect(positions(lint(text, { rules }))).toEqual(['113:104']);
    });

    it('seed 004 without any PEP commitment reports it at the ePEP heading', () => {
      const text = fs
        .readFileSync(seedPath('004'), 'utf8')
        .replace('at least termly Personal Education Planning (ePEP) meetings each academic year', 'Personal Education Planning (ePEP) meetings')
        .replace('that is reviewed termly, within', 'that is held within')
        .replace('In any one school year there will be at least 3 PEP meetings for each CLA.', '');
      expect(lint(text, { rules }).map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['87:1-87:42']);
    });
  });
});

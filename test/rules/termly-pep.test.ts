/**
 * termly-pep: commitments, weaker frequencies, what is not about the PEP, and
 * the seed policies (which all commit to termly review).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docOfFile, lint, lintDoc, positions, seedPath } from '../helpers.js';
import { frequencies } from '../../rules/termly-pep.js';

const rules = ['termly-pep'];
const HEADING = 'Statutory Personal Education Plans (ePEP)\n\n';

function rates(sentence: string): number[] {
  return frequencies(sentence).map((f) => f.perYear);
}

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

  describe('commitments pass', () => {
    it.each([
      ['the model wording', HEADING + 'Every CLA on roll has an ePEP meeting that is reviewed termly. In any one school year there will be at least 3 PEP meetings for each CLA.\n'],
      ['"three times a year"', 'The PEP of each child looked after is reviewed three times a year.\n'],
      ['"each term"', 'PEP meetings take place each term.\n'],
      ['a commitment in the Impact list only', 'Impact\n\n- All CLA to have at least termly Personal Education Planning (ePEP) meetings each academic year.\n'],
      ['a commitment in the PEP section that does not repeat "PEP"', 'Personal Education Plans\n\nThese are reviewed every term with the carer and social worker.\n'],
      ['more often than termly', 'PEP reviews happen half-termly.\n'],
    ])('%s', (_title, text) => {
      expect(lint(text, { rules })).toEqual([]);
    });
  });

  describe('weaker frequencies are reported at the phrase', () => {
    it.each([
      ['reviewed annually', HEADING + 'Each CLA has an ePEP that is reviewed annually with the social worker.\n', '3:30', '3:47', 'this says once a year'],
      ['twice a year', 'PEP meetings are held twice a year.\n', '1:18', '1:35', '"held twice a year"'],
      ['once a year', 'The PEP is reviewed once a year.\n', '1:12', '1:32', '"reviewed once a year"'],
      ['every six months', 'PEPs are reviewed every six months.\n', '1:10', '1:35', 'this says twice a year'],
      ['biannually', 'Our ePEP review is biannually.\n', '1:20', '1:30', '"biannually"'],
    ])('%s', (_title, text, start, end, words) => {
      const found = lint(text, { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual([`${start}-${end}`]);
      expect(found[0]!.ruleId).toBe('termly-pep');
      expect(found[0]!.message).toContain(words);
    });

    it('names the phrase, the rule and what to write', () => {
      const [d] = lint('The PEP is reviewed annually.\n', { rules });
      expect(d!.message).toBe(
        '"reviewed annually" is less often than each child looked after\'s ePEP must be reviewed: the PEP is reviewed termly, ' +
          'at least 3 times a school year (this says once a year). Change it to "termly".',
      );
    });

    it('reports a weaker frequency even when termly review is promised elsewhere', () => {
      const text = HEADING + 'The ePEP is reviewed termly.\n\nImpact\n\n- PEP meetings are held twice a year.\n';
      expect(positions(lint(text, { rules }))).toEqual(['7:20']);
    });
  });

  describe('a missing commitment is reported once', () => {
    it('at the PEP section heading', () => {
      const text = 'Intro\n\n' + HEADING + 'Every CLA has an ePEP, completed with the social worker.\n';
      const found = lint(text, { rules });
      expect(found.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn}`)).toEqual(['3:1-3:42']);
      expect(found[0]!.message).toBe(
        "The policy does not commit to reviewing each child looked after's Personal Education Plan (ePEP) termly: " +
          'say that the ePEP is reviewed termly, with at least 3 PEP meetings in each school year.',
      );
    });

    it('at 1:1 when there is no PEP section', () => {
      expect(positions(lint('Attendance\n\nAttendance is reviewed termly. Staff have 25 hours of training.\n', { rules }))).toEqual(['1:1']);
    });

    it('a termly Virtual School visit is not a PEP commitment', () => {
      const text = 'Additional Educational Needs\n\n- progress is regularly monitored against the targets set as agreed in the termly Virtual School visit, ePEP and Annual Report to Governors\n';
      expect(positions(lint(text, { rules }))).toEqual(['1:1']);
    });
  });

  it('does not judge frequencies in sentences that are not about the PEP', () => {
    const text =
      HEADING +
      'The ePEP is reviewed termly.\n\nThe Headteacher and Governing Body\n\n' +
      "- completing the annual Strength and Difficulties Questionnaire (SDQ) of each CLA, to inform their annual CLA health review.\n" +
      "- delivering the Virtual School training to the whole school and update training sessions annually\n" +
      '- the policy is reviewed once a year.\n';
    expect(lint(text, { rules })).toEqual([]);
  });

  it('minimumPerYear raises the bar (half-termly reviews)', () => {
    const text = 'The ePEP is reviewed termly.\n';
    expect(lint(text, { rules })).toEqual([]);
    const found = lint(text, { rules, options: { minimumPerYear: 6 } });
    expect(positions(found)).toEqual(['1:13']);
    expect(found[0]!.message).toContain('at least 6 times a school year (this says 3 times a year)');
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
      const text = fs
        .readFileSync(seedPath('000'), 'utf8')
        .replace('that is reviewed termly,', 'that is reviewed annually,')
        .replace('at least 3 PEP meetings', 'at least 1 PEP meeting');
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

/**
 * termly-pep: the policy commits to reviewing each child looked after's
 * Personal Education Plan (ePEP) termly, at least three times a school year.
 */
import { type Rule, sentenceSpans, sourceRange, type TextBlock } from '../src/rule-api/index.js';

/** A sentence about the PEP names it: "ePEP", "PEP meetings", "Personal Education Plan(ning)". */
const PEP = /\b(?:e-?)?PEPs?\b|\bpersonal\s+education\s+plan/i;
const PEP_SECTIONS = ['personal-education-plans', 'statutory-educational-planning'];

const NUMBERS: Record<string, number> = {
  one: 1,
  once: 1,
  two: 2,
  twice: 2,
  three: 3,
  thrice: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
const NUM = '(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)';
const PERIOD = '(?:(?:a|per|each|every|in\\s+(?:a|each|every|any\\s+one|the))\\s+(?:school\\s+|academic\\s+)?(?<period>year|term))';

function numberOf(word: string): number {
  const w = word.toLowerCase();
  return /^\d+$/.test(w) ? Number(w) : (NUMBERS[w] ?? 0);
}

export interface Frequency {
  /** Indexes in the sentence. */
  i: number;
  j: number;
  perYear: number;
}

const ADVERBIAL_BEFORE =
  /\b(?:review(?:ed|s|ing)?|held|hold|meet(?:s|ing|ings)?|met|updated?|take[sn]?\s+place|took\s+place|happens?|occurs?|convened?|at\s+least|a\s+minimum\s+of|minimum)\s+(?:[\w()-]+\s+){0,2}$/i;
const PREPOSITION_AFTER = /^\s+(?:within|with|by|and|in|at|through|throughout|for|during|as|to|or|from|on|alongside|where|when|if|so|until)\b/i;
const PEP_AFTER = /^\s*(?:e-?PEPs?|PEPs?|personal\s+education|reviews?|meetings?|basis|planning|\(|[,.;:)]|$)/i;

/** Every statement of how often something happens, with its rate per school year (a term is a third of a year). */
export function frequencies(s: string): Frequency[] {
  const found: Frequency[] = [];
  const add = (re: RegExp, rate: (m: RegExpExecArray) => number | undefined): void => {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let m: RegExpExecArray | null;
    while ((m = g.exec(s)) !== null) {
      const r = rate(m);
      if (r !== undefined) found.push({ i: m.index, j: m.index + m[0].length, perYear: r });
    }
  };
  // "termly", "half-termly": an adverb ("reviewed termly") or an adjective on the PEP ("termly PEP meetings"), not on
  // something else ("the termly Virtual School visit").
  add(/\b(half[- ]?)?termly\b/i, (m) => {
    const before = s.slice(0, m.index);
    const after = s.slice(m.index + m[0].length);
    if (PEP_AFTER.test(after)) return m[1] ? 6 : 3;
    if (!ADVERBIAL_BEFORE.test(before) || !PREPOSITION_AFTER.test(after)) return undefined;
    return m[1] ? 6 : 3;
  });
  add(/\b(?:once\s+(?:a|per|each|every)|each|every|per)\s+(half[- ]?)?(?:school\s+)?term\b(?!['’]s)/i, (m) => (m[1] ? 6 : 3));
  add(new RegExp(`\\b(?<n>${NUM}|once|twice|thrice)\\s+(?:times?\\s+)?${PERIOD}`, 'i'), (m) => {
    const n = numberOf(m.groups!['n']!);
    return m.groups!['period']!.toLowerCase() === 'term' ? n * 3 : n;
  });
  add(new RegExp(`\\b(?<n>${NUM})\\s+(?:(?:e-?PEP|PEP)\\s+)?(?:times|meetings|reviews|PEPs|ePEPs)\\b(?:\\s+(?:for\\s+each\\s+\\w+\\s+)?${PERIOD})?`, 'i'), (m) => {
    const n = numberOf(m.groups!['n']!);
    const period = m.groups!['period']?.toLowerCase();
    if (period === 'term') return n * 3;
    if (period === 'year') return n;
    // "In any one school year there will be at least 3 PEP meetings": the year is elsewhere in the sentence.
    return /\byear\b/i.test(s) ? n : undefined;
  });
  add(/\b(?:once|twice)[- ](?:yearly|annually)\b/i, (m) => (/^twice/i.test(m[0]) ? 2 : 1));
  add(/\b(annually|yearly|once-yearly|bi-?annually|twice-yearly|six-monthly|half-yearly|biennially)\b/i, (m) => {
    const w = m[1]!.toLowerCase();
    if (w === 'biennially') return 0.5;
    return /^(?:bi-?annually|twice-yearly|six-monthly|half-yearly)$/.test(w) ? 2 : 1;
  });
  add(/\bannual\s+(?:e-?PEPs?|PEPs?|personal\s+education\s+plan)/i, () => 1);
  add(/\bevery\s+(\d{1,2}|two|three|four|six|twelve)\s+months\b/i, (m) => 12 / Math.max(1, numberOf(m[1]!)));
  add(/\bevery\s+half[- ]term\b/i, () => 6);
  // Overlaps ("once a term" found twice): keep the longest.
  found.sort((a, b) => a.i - b.i || b.j - a.j);
  const out: Frequency[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.i < last.j) continue;
    out.push(f);
  }
  return out;
}

/** The block stands in the PEP section's own body (not in a sub-section under it, which may be about other duties). */
function inPepSection(block: TextBlock): boolean {
  const c = block.section.canonical;
  return c !== undefined && PEP_SECTIONS.includes(c);
}

function perYearText(n: number): string {
  if (n === 0.5) return 'every two years';
  if (n === 1) return 'once a year';
  if (n === 2) return 'twice a year';
  return `${n} times a year`;
}

type Options = { minimumPerYear: number };

export const rule: Rule<Options> = {
  meta: {
    id: 'termly-pep',
    description: "Each child looked after's Personal Education Plan (ePEP) must be reviewed termly, at least 3 times a school year.",
    severity: 'error',
    fixable: false,
    rationale:
      'A child looked after has a Personal Education Plan, part of their care plan under the Care Planning, Placement and Case ' +
      'Review (England) Regulations 2010. Hertfordshire Virtual School requires the PEP to be reviewed termly: at least three PEP ' +
      'meetings in each school year, so that targets and Pupil Premium Plus spending keep pace with the child. A policy that never ' +
      'commits to this, or that states a weaker frequency for the PEP ("reviewed annually", "twice a year", "every six months"), ' +
      'lets reviews slip. The rule looks for a termly commitment in any sentence about the PEP ("reviewed termly", "at least 3 PEP ' +
      'meetings" in a school year, "three times a year", "each term"); without one it reports once, at the PEP section heading ' +
      '(or line 1 when there is no such section). Each weaker frequency stated for the PEP is reported where it stands.',
    sources: [
      { title: 'Hertfordshire Virtual School: Personal Education Plans (the Grid)', url: 'http://www.thegrid.org.uk/info/welfare/virtualschool/pep/index.shtml' },
      {
        title: 'The Care Planning, Placement and Case Review (England) Regulations 2010, regulation 5(b)(ii) and Schedule 1 paragraph 2 (the personal education plan, part of the care plan)',
        url: 'https://www.legislation.gov.uk/uksi/2010/959/regulation/5',
      },
      { title: 'policy-lint domain facts: termly PEP review', url: 'docs/domain.md#termly-pep' },
    ],
    notes:
      'A sentence is about the PEP when it names it ("PEP", "ePEP", "Personal Education Plan") or stands in the Statutory ' +
      'Educational Planning / Personal Education Plans section. "termly" counts when it says how often the PEP is reviewed or met ' +
      '("reviewed termly", "at least termly ePEP meetings"), not when it describes something else ("the termly Virtual School ' +
      'visit, ePEP and Annual Report"). A count without a period ("3 PEP meetings") counts only when the sentence speaks of a ' +
      'year. Rates are compared per school year (a term is a third of a year, half-termly is 6); `minimumPerYear` (default 3, ' +
      'termly) sets the threshold, so a Virtual School that asks for half-termly reviews can set 6. A weaker frequency is ' +
      'reported even when a termly commitment is made elsewhere: the policy then contradicts itself. An adverb such as ' +
      '"annually" in a sentence about the PEP is taken to apply to the PEP.',
    options: {
      minimumPerYear: {
        type: 'integer',
        description: 'The fewest PEP reviews a school year the policy must commit to (3 = termly).',
        default: 3,
        minimum: 1,
        maximum: 12,
      },
    },
    messages: {
      tooRare:
        '"{{phrase}}" is less often than each child looked after\'s ePEP must be reviewed: the PEP is reviewed termly, at least {{minimum}} times a school year (this says {{says}}). Change it to "termly".',
      noCommitment:
        "The policy does not commit to reviewing each child looked after's Personal Education Plan (ePEP) termly: say that the ePEP is reviewed termly, with at least {{minimum}} PEP meetings in each school year.",
    },
    examples: [
      {
        title: 'The model wording: reviewed termly, at least 3 PEP meetings a year',
        text:
          'Statutory Personal Education Plans (ePEP)\n\n' +
          'The school will ensure that every CLA on roll has a Personal Education Planning (ePEP) meeting that is reviewed termly. ' +
          'In any one school year there will be at least 3 PEP meetings for each CLA.\n',
        expect: [],
      },
      {
        title: 'A weaker frequency for the PEP',
        text: 'Statutory Personal Education Plans (ePEP)\n\nEach CLA has an ePEP that is reviewed annually with the social worker.\n',
        expect: ['3:30 "reviewed annually"'],
      },
      {
        title: 'No PEP commitment: a termly Virtual School visit is not one',
        text: 'Statutory Personal Education Plans (ePEP)\n\n' + 'Progress is reviewed against the targets agreed in the termly Virtual School visit, ePEP and Annual Report to Governors.\n',
        expect: ['1:1 does not commit to reviewing'],
      },
    ],
  },

  check({ doc, options, report }) {
    const minimum = options.minimumPerYear;
    let committed = false;
    let weak = false;
    for (const block of doc.blocks) {
      if (block.kind === 'html' || block.kind === 'heading') continue;
      for (const sp of sentenceSpans(block.text)) {
        const sentence = block.text.slice(sp.start, sp.end);
        // A commitment counts in a sentence that names the PEP, or in the PEP section's own text;
        // a weaker frequency only in a sentence that names the PEP.
        const namesPep = PEP.test(sentence);
        if (!namesPep && !inPepSection(block)) continue;
        for (const f of frequencies(sentence)) {
          if (f.perYear >= minimum) {
            committed = true;
            continue;
          }
          if (!namesPep) continue;
          weak = true;
          const phraseStart = findPhraseStart(sentence, f.i);
          const phrase = sentence.slice(phraseStart, f.j);
          const range = sourceRange(block, sp.start + phraseStart, sp.start + f.j);
          report({
            messageId: 'tooRare',
            data: { phrase, minimum, says: perYearText(f.perYear) },
            start: range.start,
            end: range.end,
          });
        }
      }
    }
    // A weaker frequency already says what to change; otherwise the missing commitment is reported once,
    // at the PEP section's heading, or at line 1.
    if (committed || weak) return;
    const section = doc.sections.find((s) => s.canonical === 'personal-education-plans') ?? doc.sections.find((s) => s.canonical === 'statutory-educational-planning');
    const at = section ? { start: section.titleStart, end: section.titleEnd } : { start: 0, end: 0 };
    report({
      messageId: 'noCommitment',
      data: { minimum },
      ...at,
    });
  },
};

/** Include the verb in a weak phrase ("reviewed annually"), so the report shows what the policy says. */
function findPhraseStart(sentence: string, i: number): number {
  const before = sentence.slice(0, i);
  const verb = /\b(?:reviewed|held|updated|met|reviewing|meeting)\s+(?:at\s+least\s+|only\s+)?$/i.exec(before);
  return verb ? verb.index : i;
}

export default rule;

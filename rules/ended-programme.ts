/**
 * ended-programme: references to programmes that have ended (National
 * Tutoring Programme, Recovery Premium, Summer Schools Programme, the 2022
 * Schools Bill) and statements whose date has lapsed ("Funding ... is
 * confirmed until the end of March 2024").
 */
import { findAll, findDates, formatDate, isoDate, isPast, type Rule, sourceRange } from '../src/rule-api/index.js';

/** Phrases that promise something until a date: "is confirmed until the end of March 2024". */
export const DEFAULT_LAPSE_PHRASES: string[] = [
  'confirmed until',
  'funded until',
  'guaranteed until',
  'available until',
  'agreed until',
  'in place until',
  'runs until',
  'will run until',
  'extended until',
];

/** The sentence around a programme already says it has gone. */
const HISTORY = /\b(?:ended|has\s+ended|closed|was\s+withdrawn|withdrawn|no\s+longer|formerly|former|replaced|abolished|discontinued|ceased)\b/i;

function escapeWords(phrase: string): string {
  return phrase
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
}

/** The sentence of `text` that holds index `i`. */
function sentenceAround(text: string, i: number, j: number): string {
  const before = text.slice(0, i);
  const startAt = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1;
  const rest = text.slice(j);
  const stop = rest.search(/\.\s|\n|$/);
  return text.slice(startAt, j + stop);
}

type Options = { lapsePhrases: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'ended-programme',
    description: 'Programmes that have ended and promises whose date has passed must be removed or updated.',
    severity: 'error',
    fixable: false,
    rationale:
      "The model policy's appendix on the Virtual School Head's role still points schools to the National Tutoring Programme " +
      '(ended August 2024), the Recovery Premium (paid for 2021/22 to 2023/24 only), the Summer Schools Programme (summer 2021 ' +
      'only) and the Schools Bill of May 2022 (withdrawn on 7 December 2022), and says the role\'s funding "is confirmed until ' +
      'the end of March 2024". A designated teacher who follows these finds nothing there, and readers learn nothing about what ' +
      'is available now. The rule reports each ended programme by name, and each "confirmed until <date>" whose date has ' +
      'passed at the date of checking; remove the reference or replace it with what is available now.',
    sources: [
      {
        title: 'DfE: National Tutoring Programme guidance for schools 2023 to 2024',
        url: 'https://www.gov.uk/government/publications/national-tutoring-programme-guidance-for-schools-2023-to-2024',
      },
      { title: 'DfE: Recovery premium funding', url: 'https://www.gov.uk/government/publications/recovery-premium-funding' },
      { title: 'DfE: Summer schools guidance', url: 'https://www.gov.uk/government/publications/summer-schools-guidance' },
      { title: 'UK Parliament: Schools Bill [HL] 2022-23', url: 'https://bills.parliament.uk/bills/3156' },
      { title: "UK Parliament: Children's Wellbeing and Schools Bill (Royal Assent 29 April 2026)", url: 'https://bills.parliament.uk/bills/3909' },
      { title: 'policy-lint domain facts: ended programmes and lapsed statements', url: 'docs/domain.md#ended-programmes' },
    ],
    notes:
      'The programmes, their patterns and end dates come from the guidance registry (`programmes` in src/domain/guidance.ts) and can ' +
      'be extended in configuration; a programme is reported only once its end date is before the date of checking, and not ' +
      'where the same sentence already says it ended ("the National Tutoring Programme, which ended in 2024"). Where two ' +
      'programmes match the same words, the longer name wins ("Children\'s Wellbeing and Schools Bill" is not the 2022 "Schools ' +
      'Bill"). A match in lower case only ("our summer school programme") is an ordinary phrase and is left alone. Lapsed ' +
      'promises are found by option `lapsePhrases` ("confirmed until", "funded until" ...) followed by a date; ' +
      'the date has lapsed when its last day ("the end of March 2024": 31 March 2024) is before the date of checking. The tense ' +
      'does not matter: "was confirmed until the end of March 2023" still leaves the reader without the current position.',
    options: {
      lapsePhrases: {
        type: 'array',
        items: { type: 'string' },
        description: 'Phrases that promise something until a date ("confirmed until"); reported when that date has passed.',
        default: DEFAULT_LAPSE_PHRASES,
      },
    },
    messages: {
      ended: '"{{match}}" refers to the {{programme}}, which has ended: {{note}} Remove the reference or say what is available now.',
      lapsed: '"{{phrase}} {{date}}": that date has passed ({{passed}}). Find out the current position and update or remove this statement.',
    },
    examples: [
      {
        title: 'Ended recovery programmes',
        text: '- [The National Tutoring Programme](#)\n- [The Summer School Programme](#)\n- [Recovery Premium](#)\n',
        expect: ['1:8 National Tutoring Programme', '2:8 Summer Schools Programme', '3:4 Recovery Premium'],
      },
      {
        title: 'A withdrawn Bill and a lapsed funding promise',
        text:
          'Introduced in the [Schools Bill in May 2022](#), the Government will require a register of children not in school.\n\n' +
          'Funding for this strategic leadership role is confirmed until the end of March 2024.\n',
        expect: ['1:20 withdrawn', '3:74 31 March 2024'],
      },
      {
        title: 'History and promises still running pass',
        text: 'The National Tutoring Programme ended in August 2024.\n\n' + 'Funding for this strategic leadership role is confirmed until the end of March 2027.\n',
        expect: [],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const asOf = settings.asOf;
    // Match every programme first, ended or not, so that where two match the same words the longer name wins
    // ("Children's Wellbeing and Schools Bill" is not the 2022 "Schools Bill", even before it became an Act).
    const hits: { start: number; end: number; ended: boolean; data: { match: string; programme: string; note: string } }[] = [];
    for (const programme of settings.guidance.programmes) {
      const ended = isoDate(programme.ended).getTime() < asOf.getTime();
      for (const pattern of programme.patterns) {
        for (const m of findAll(doc, new RegExp(pattern, 'gi'))) {
          // All lower case ("our summer school programme") is an ordinary phrase, not the programme's name.
          if (!/\p{Lu}/u.test(m.match[0])) continue;
          hits.push({
            start: m.start,
            end: m.end,
            ended: ended && !HISTORY.test(sentenceAround(m.block.text, m.match.index, m.match.index + m.match[0].length)),
            data: { match: m.match[0], programme: programme.name, note: programme.note },
          });
        }
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const kept: typeof hits = [];
    for (const h of hits) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
    for (const h of kept) if (h.ended) report({ messageId: 'ended', data: h.data, start: h.start, end: h.end });

    const phrases = options.lapsePhrases;
    if (phrases.length === 0) return;
    const lapse = new RegExp(`\\b(?:${phrases.map(escapeWords).join('|')})\\s+(?:the\\s+)?(?:end\\s+of\\s+(?:the\\s+)?)?`, 'gi');
    for (const m of findAll(doc, lapse)) {
      const at = m.match.index + m.match[0].length;
      const date = findDates(m.block.text.slice(at))[0];
      if (!date || date.index !== 0 || !isPast(date, asOf)) continue;
      report({
        messageId: 'lapsed',
        data: { phrase: m.match[0].trim(), date: date.text, passed: formatDate(date.latest) },
        ...sourceRange(m.block, at, at + date.text.length),
      });
    }
  },
};

export default rule;

/**
 * stale-academic-year: "The Designated Teacher ... for the academic year
 * 2022-23 is Claire Short" once that school year is over.
 */
import { addDays, findDates, formatDate, type Rule, sourceRange } from '../src/rule-api/index.js';

/** Words that name a post, one of which must stand in the sentence before the year. */
export const DEFAULT_POSTS: string[] = [
  'designated teacher',
  'designated safeguarding lead',
  'designated school governor',
  'designated governor',
  'DSL',
  'DDSL',
  'DT',
  'SENCO',
  'SENDCo',
  'headteacher',
  'head teacher',
  'chair of governors',
  'governor',
  'lead',
  'post',
  'role',
  'coordinator',
  'co-ordinator',
  'officer',
  'mentor',
];

/** Between the year and the person: "is", "will be", "was", a colon or a dash (", the academic year" may come first). */
const LINK = /^\s*(?:academic\s+year\s*)?(?:,\s*)?(?:is|will\s+be|was|are|:|–|-)\s+(?:held\s+by\s+|covered\s+by\s+)?/i;
/**
 * A person: an optional title, then capitalised names or initials ("Mrs Katie Linnane", "Claire Short",
 * "Mrs D. Example", "Mr J Smith"). An initial is one capital with or without its full stop; a full stop after a
 * whole name ends the sentence and is not taken.
 */
const PERSON = /^(?:(?:Mr|Mrs|Miss|Ms|Mx|Dr|Prof|Rev|Fr|Sr)\.?\s+)?\p{Lu}(?:[\p{L}'’-]+|\.)?(?:\s+\p{Lu}(?:[\p{L}'’-]+|\.)?)*/u;
/** Before the year: "in", "for", "during", "for the academic year", "in the school year". */
const LEAD_IN = /\b(?:in|for|during)\s+(?:the\s+)?(?:(?:academic|school)\s+year\s+)?$/i;

function escapeWords(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

type Options = { posts: string[]; graceDays: number };

export const rule: Rule<Options> = {
  meta: {
    id: 'stale-academic-year',
    description: 'A post holder named "for the academic year 2022-23" must be brought up to date once that year has ended.',
    severity: 'error',
    fixable: false,
    rationale:
      'Model policies name who holds a statutory post for a school year: "The Designated Teacher ... is a Statutory Post and ' +
      'for the academic year 2022-23 is Claire Short". Once that year is over (the academic year runs from 1 September to 31 ' +
      'August) the sentence no longer says who holds the post now, and a reader cannot tell whether the person is still in ' +
      'role. The rule reports the year in such a statement when the year has ended; confirm who holds the post and update ' +
      'the year (or drop it, naming the person without a year). Years used as history are left alone: "in the 2020/21 academic ' +
      'year Children in Need lost ...", "between 2012/13 and 2017/18".',
    sources: [
      { title: 'policy-lint domain facts: the academic year (1 September to 31 August)', url: 'docs/domain.md#review-date' },
      {
        title: 'DfE: The designated teacher for looked-after and previously looked-after children (February 2018)',
        url: 'https://www.gov.uk/government/publications/designated-teacher-for-looked-after-children',
      },
    ],
    notes:
      'A statement counts when an academic year ("2022-23", "2022/23", "2024-2025") follows "in", "for" or "for the academic ' +
      'year", is followed by "is", "will be", "was" or a colon and a capitalised name, and a post word (option `posts`: ' +
      '"designated teacher", "DSL", "SENCO", "post", "role" ...) stands earlier in the same sentence. The year has ended when ' +
      'its 31 August is before the date of checking; `graceDays` (default 0) allows that many days after 31 August for the ' +
      'policy to be updated at the start of the new school year.',
    options: {
      posts: {
        type: 'array',
        items: { type: 'string' },
        description: 'Words or phrases that name a post; one must stand in the sentence before the year.',
        default: DEFAULT_POSTS,
      },
      graceDays: {
        type: 'number',
        description: 'Days after the end of an academic year (31 August) before a statement for that year is reported.',
        default: 0,
        minimum: 0,
      },
    },
    messages: {
      ended:
        '"{{year}}" is a school year that ended on {{ended}}, so this no longer says who holds the post now. Check that {{person}} still holds it and update the year (or name the post holder without a year).',
    },
    examples: [
      {
        title: 'A Designated Teacher named for a past year',
        text: 'The Designated Teacher for Children Looked After is a Statutory Post and for the academic year 2022-23 is Claire Short.\n',
        expect: ['1:96 2022-23'],
      },
      {
        title: 'The current year passes',
        text: 'The Designated Teacher for Children Looked After is a Statutory Post and in 2026-27 is Hannah Badger.\n',
        expect: [],
      },
      {
        title: 'Years used as history pass',
        text:
          'For example, in the 2020/21 academic year Children in Need (CiN) lost an average of 4.1 months of learning.\n\n' +
          'At least 1.6 million children have needed a social worker between 2012/13 and 2017/18.\n',
        expect: [],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const posts = options.posts;
    const grace = options.graceDays;
    if (posts.length === 0) return;
    const post = new RegExp(`\\b(?:${posts.map(escapeWords).join('|')})\\b`, 'i');
    for (const block of doc.blocks) {
      if (block.kind === 'html') continue;
      for (const year of findDates(block.text)) {
        if (year.precision !== 'academic-year') continue;
        const before = block.text.slice(0, year.index);
        if (!LEAD_IN.test(before)) continue;
        const after = block.text.slice(year.index + year.text.length);
        const link = LINK.exec(after);
        if (!link || !PERSON.test(after.slice(link[0].length))) continue;
        // The sentence the year stands in, up to the year ("Mrs." does not end a sentence).
        const sentence = before.split(/(?<!\b(?:Mr|Mrs|Ms|Dr|Prof|Rev|Fr|Sr|St))[.!?]\s+(?=\p{Lu})/u).pop() ?? before;
        if (!post.test(sentence)) continue;
        const ended = addDays(year.latest, grace);
        if (ended.getTime() >= settings.asOf.getTime()) continue;
        const person = PERSON.exec(after.slice(link[0].length))![0];
        report({
          messageId: 'ended',
          data: { year: year.text, ended: formatDate(year.latest), person },
          ...sourceRange(block, year.index, year.index + year.text.length),
        });
      }
    }
  },
};

export default rule;

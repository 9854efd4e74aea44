/**
 * ap-full-time-hours: alternative provision is full time, 32.5 hours a week.
 */
import { formatMonthYear, normalizeTitle, replaceFix, type Rule, type Section, sectionBlocks, sentenceSpans, sourceRange, type TextBlock } from '../src/rule-api/index.js';

const AP = /\balternative\s+(?:provision|provider)s?\b/i;
const FULL_TIME = /\bfull[- ]?time\b/i;
const FULL_TIME_ATTENDANCE = /\bfull[- ]?time\s+(?:attendance|education|provision|timetable)\b/i;
/** "full time (25 hours or 32.5 by September 2023)": the wording of copies made before the 32.5-hour week applied. */
const TRANSITIONAL =
  /\bfull[- ]?time\s*\(\s*(?<span>(?<low>\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\s+or\s+(?<high>\d+(?:\.\d+)?)(?:\s*(?:hours?|hrs?))?\s+(?:by|from)\s+(?:[A-Z][a-z]+\s+)?\d{4})\s*\)/gi;
const HOURS = /\b(?<n>\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\b/gi;
/** After the figure: a week ("30 hours per week"). */
const WEEKLY_AFTER = /^\s*(?:(?:a|per|each|every|in\s+a)\s+(?:school\s+)?week\b|weekly\b|\/\s*w(?:ee)?k\b|pw\b|p\/w\b)/i;
/** After the figure: a day ("5 hours a day") is not a weekly figure. */
const DAILY_AFTER = /^\s*(?:(?:a|per|each|every)\s+day\b|daily\b)/i;
/** Before the figure: a deadline or interval ("within 24 hours", "every 6 hours"). */
const DEADLINE_BEFORE = /\b(?:within|after|before|every|in\s+the\s+first)\s+$/i;
/** "25 hours of training": hours of something other than education are not the AP offer. */
const OF_OTHER_AFTER = /^\s+of\s+(?!(?:full[- ]?time\s+)?(?:education|provision|alternative|teaching|schooling|learning|tuition|lessons|school)\b)/i;
const PART_TIME = /\bpart[- ]?time\b/i;

function fmt(hours: number): string {
  return String(hours);
}

function monthYear(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  return formatMonthYear(iso);
}

function isAppendix(section: Section): boolean {
  return /^appendix\b/.test(normalizeTitle(section.title)); // "12. Appendix 2" too
}

/** The Alternative Provision section(s), and any appendix that speaks of alternative provision. */
function apSections(sections: Section[]): Section[] {
  const ap = sections.filter((s) => s.canonical === 'alternative-provision');
  const appendices = sections.filter((s) => isAppendix(s) && !ap.includes(s) && (AP.test(s.title) || sectionBlocks(s).some((b) => AP.test(b.text))));
  return [...ap, ...appendices];
}

type Options = { requireCommitment: boolean };

export const rule: Rule<Options> = {
  meta: {
    id: 'ap-full-time-hours',
    description: 'Alternative provision must be full time, 32.5 hours a week; older or lower figures are out of date.',
    severity: 'error',
    fixable: 'safe',
    rationale:
      'When a child with a social worker is placed in alternative provision, the model policy commits the school to provision ' +
      'that is "full time (32.5 hours) or contribute[s] to full time attendance". 32.5 hours is the DfE\'s minimum expectation ' +
      'for the mainstream school week, first set for September 2023 and then expected by September 2024. Copies of the policy ' +
      'made before then say "full time (25 hours or 32.5 by September 2023)": that date has passed, and 25 hours is no longer ' +
      'full time. The rule reports that transitional wording and any lower full-time figure for alternative provision at the ' +
      'figure, and a policy with no alternative provision commitment at all once. Hours in other contexts ("25 hours of ' +
      'training", "2 days per year training") are not alternative provision and are left alone.',
    sources: [
      { title: 'Length of the school week: minimum expectation (DfE)', url: 'https://www.gov.uk/government/publications/length-of-the-school-week-minimum-expectation' },
      { title: 'Arranging alternative provision: a guide for local authorities and schools (DfE, February 2025)', url: 'https://www.gov.uk/government/publications/alternative-provision' },
      { title: 'policy-lint domain facts: full-time alternative provision: 32.5 hours', url: 'docs/domain.md#ap-hours' },
    ],
    notes:
      'The figure comes from the guidance registry (`fullTimeHours`, 32.5) and can be overridden in configuration. A figure is ' +
      'judged when it stands in the Alternative Provision section (or an appendix that speaks of alternative provision) or in a ' +
      'sentence that mentions alternative provision or full-time attendance, and when it is a full-time or weekly figure: the ' +
      'sentence says "full time", or the figure is "per week". Figures per day, deadlines ("within 24 hours"), part-time ' +
      'placements and hours of something other than education ("hours of training") are not judged. The transitional wording ' +
      'gets a safe fix to "32.5 hours" (the policy already names that figure); a plain lower figure gets a suggestion only, ' +
      'since raising it changes what the school commits to. An Alternative Provision section that states no hours is reported ' +
      'once at its heading; a policy with neither such a section nor a full-time AP statement is reported once at line 1, ' +
      'unless `requireCommitment` is false (for a school whose policy deliberately leaves alternative provision out).',
    options: {
      requireCommitment: {
        type: 'boolean',
        description: 'Report a policy that makes no full-time commitment for alternative provision at all.',
        default: true,
      },
    },
    messages: {
      transitional:
        '"{{span}}" is out of date: full-time alternative provision means {{hours}} hours a week, the DfE\'s minimum school week{{expected}}. Write "full time ({{replacement}})".',
      belowFullTime:
        "{{digits}} hours is less than full time: alternative provision should be full time, {{hours}} hours a week (the DfE's minimum school week{{expected}}), or contribute to full-time attendance.",
      noHours:
        'The Alternative Provision section does not say how many hours alternative provision will be: add that it will be "full time ({{hours}} hours) or contribute to full time attendance".',
      noCommitment:
        'The policy makes no commitment on alternative provision: add the model policy\'s Alternative Provision section, saying that any alternative provision will be "full time ({{hours}} hours) or contribute to full time attendance".',
    },
    examples: [
      {
        title: 'The model wording',
        text:
          'Alternative Provision\n\nAny arrangements for provision alternative to daily attendance at school will be:\n\n' +
          '- full time (32.5 hours) or contribute to full time attendance and be of high quality\n',
        expect: [],
      },
      {
        title: 'The transitional wording of 2022-23 copies',
        text:
          'Alternative Provision\n\nAny arrangements for provision alternative to daily attendance at school will be:\n\n' +
          '- full time (25 hours or 32.5 by September 2023) or contribute to full time attendance\n',
        expect: ['5:14 "25 hours or 32.5 by September 2023" is out of date'],
        output:
          'Alternative Provision\n\nAny arrangements for provision alternative to daily attendance at school will be:\n\n' +
          '- full time (32.5 hours) or contribute to full time attendance\n',
      },
      {
        title: 'Hours of training are not alternative provision',
        text: 'Alternative Provision\n\nStaff who arrange alternative provision have had 25 hours of training. ' + 'Alternative provision will be 32.5 hours per week.\n',
        expect: [],
      },
      {
        title: 'No alternative provision commitment at all',
        text: 'Attendance\n\nWe will contact the social worker promptly. Staff have 25 hours of training.\n',
        expect: ['1:1 no commitment on alternative provision'],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const full = settings.guidance.fullTimeHours;
    const from = monthYear(settings.guidance.fullTimeHoursFrom);
    const scope = apSections(doc.sections);
    const inScope = new Set<number>();
    for (const s of scope) {
      for (const b of sectionBlocks(s)) inScope.add(b.index);
    }
    let stated = false;

    const judge = (block: TextBlock, sp: { start: number; end: number }): void => {
      const sentence = block.text.slice(sp.start, sp.end);
      if (!inScope.has(block.index) && !AP.test(sentence) && !FULL_TIME_ATTENDANCE.test(sentence)) return;
      const taken: [number, number][] = [];

      for (const m of sentence.matchAll(TRANSITIONAL)) {
        const span = m.groups!['span']!;
        const i = m.index + m[0].indexOf(span);
        const j = i + span.length;
        taken.push([i, j]);
        stated = true;
        const high = Number(m.groups!['high']);
        const range = sourceRange(block, sp.start + i, sp.start + j);
        const replacement = `${fmt(full)} hours`;
        const fix = replaceFix(doc, range.start, range.end, span, replacement, high >= full ? 'safe' : 'suggestion');
        report({
          messageId: 'transitional',
          data: { span, hours: fmt(full), expected: from ? ` (expected from ${from})` : '', replacement },
          ...range,
          ...(fix ? { fix } : {}),
        });
      }

      for (const m of sentence.matchAll(HOURS)) {
        const i = m.index;
        const j = i + m[0].length;
        if (taken.some(([a, b]) => i < b && j > a)) continue;
        const before = sentence.slice(0, i);
        const after = sentence.slice(j);
        if (DAILY_AFTER.test(after) || DEADLINE_BEFORE.test(before) || OF_OTHER_AFTER.test(after)) continue;
        if (PART_TIME.test(sentence.slice(Math.max(0, i - 40), Math.min(sentence.length, j + 25)))) continue;
        if (!FULL_TIME.test(sentence) && !WEEKLY_AFTER.test(after)) continue;
        stated = true;
        const n = Number(m.groups!['n']);
        if (n >= full) continue;
        const range = sourceRange(block, sp.start + i, sp.start + j);
        const digits = m.groups!['n']!;
        const fix = replaceFix(doc, range.start, range.start + digits.length, digits, fmt(full), 'suggestion');
        report({
          messageId: 'belowFullTime',
          data: { digits, hours: fmt(full), expected: from ? `, expected from ${from}` : '' },
          ...range,
          ...(fix ? { fix } : {}),
        });
      }
    };

    for (const block of doc.blocks) {
      if (block.kind === 'html' || block.kind === 'heading') continue;
      for (const sp of sentenceSpans(block.text)) judge(block, sp);
    }
    if (stated) return;

    const section = scope[0];
    if (section) {
      report({
        messageId: 'noHours',
        data: { hours: fmt(full) },
        start: section.titleStart,
        end: section.titleEnd,
      });
      return;
    }
    if (!options.requireCommitment) return;
    report({
      messageId: 'noCommitment',
      data: { hours: fmt(full) },
      start: 0,
      end: 0,
    });
  },
};

export default rule;

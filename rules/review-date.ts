/**
 * review-date: a policy states when it will next be reviewed, that date has
 * not passed, and it is no further from the policy's own date than the review
 * cycle allows.
 */
import { type DocumentDate, findDocumentDates, formatDate, isPast, monthsBetween, type Rule, sourceRange } from '../src/rule-api/index.js';

const DEFAULT_MAX_CYCLE_MONTHS = 12;

/** The issue date that goes with a review date: the nearest one before it, else the nearest one after it. */
function issueFor(review: DocumentDate, issues: DocumentDate[]): DocumentDate | undefined {
  const at = review.block.index;
  const before = issues.filter((i) => i.block.index < at || (i.block.index === at && i.labelIndex < review.labelIndex));
  if (before.length) return before[before.length - 1];
  return issues.find((i) => i.block.index > at || (i.block.index === at && i.labelIndex > review.labelIndex));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type Options = { maxCycleMonths: number };

export const rule: Rule<Options> = {
  meta: {
    id: 'review-date',
    description: 'A policy must give a review date that has not passed and is no more than a year after the policy was approved.',
    severity: 'error',
    fixable: false,
    rationale:
      'The DfE expects governors to review school policies regularly and recommends an annual review. A policy whose review ' +
      'date is missing, left blank, or already past is a policy nobody has checked against current guidance: staff and ' +
      'inspectors cannot tell whether it is still what the school does. The rule reports a policy with no review date, a blank ' +
      'one ("Review date:" with nothing after it), one that has passed at the date of checking (a term or a month counts as passed ' +
      'only once its last day has gone: "Autumn 2025" passes on 1 January 2026), and one set further from the policy\'s own date ' +
      '("Date:", "Date of Issue:", "Policy ratified:", "Date Policy Reviewed/Amended:") than the review cycle allows ' +
      '("Policy ratified: Autumn 2024" then "To be reviewed: Autumn 2025" is 12 months: fine).',
    sources: [
      {
        title: 'DfE: Statutory policies for maintained schools (governance guidance, 2024)',
        url: 'https://www.gov.uk/guidance/governance-in-maintained-schools/statutory-policies-for-maintained-schools',
      },
      { title: 'policy-lint domain facts: review date', url: 'docs/domain.md#review-date' },
    ],
    notes:
      'Dates are read by src/domain/dates.ts: terms (Autumn = September to December, Spring = January to April, Summer = April to July), ' +
      'months, days ("28.01.25" is read day first, as in the UK) and years. The cycle is counted in whole calendar months from the ' +
      'first month the policy date can mean to the first month the review date can mean ("Autumn 2024" to "Autumn 2025" is 12, ' +
      '"March 2023" to "Spring 2024" is 10); it is measured from the nearest policy date above the review date (or below it when ' +
      'none is above). A review date found only in a sentence ("This policy will be reviewed in Autumn 2026") counts. ' +
      '`maxCycleMonths` sets the longest cycle allowed (default 12; set 24 for policies your governors review every two years).',
    options: {
      maxCycleMonths: {
        type: 'number',
        description: 'The longest time, in months, allowed between the policy date and its review date.',
        default: DEFAULT_MAX_CYCLE_MONTHS,
        minimum: 1,
      },
    },
    messages: {
      missing:
        'This policy has no review date. Add one (for example "Review date: Autumn 2027") no more than {{cycle}} after the date the policy was approved, so that governors know when to check it again.',
      blank: 'The review date is blank. Fill in when the policy will next be reviewed (no more than {{cycle}} after it was approved).',
      notADate: 'The review date "{{value}}" is not a date. Give the term, month or day when the policy will next be reviewed.',
      passed: 'The review date "{{date}}" has passed (it {{ended}}; checked as at {{asOf}}). Review the policy against current guidance and set a new review date.',
      tooLong: 'The review date "{{date}}" is {{months}} after the policy date "{{issued}}". Policies should be reviewed at least every {{cycle}}: bring the review date forward.',
    },
    examples: [
      {
        title: 'A review date after another sentence on the same line',
        text: 'Approved: 10 October 2025. Review date: October 2026.\n',
        asOf: '2026-06-01',
        expect: [],
      },
      {
        title: '"next review" after a semicolon, passed',
        text: 'Reviewed annually; next review March 2025.\n',
        expect: ['1:32 has passed'],
      },
      {
        title: '"to be reviewed" and "review due" after another sentence',
        text: 'Ratified by governors: 3 September 2026. To be reviewed: September 2027.\n\nVersion 2. Review due: July 2025.\n',
        expect: ['3:24 has passed'],
      },
      {
        title: 'A review date in the table cell after its label',
        text: '| Approved | 1 September 2026 |\n| --- | --- |\n| Review date | Summer 2027 |\n',
        expect: [],
      },
      {
        title: 'A review date that has passed',
        text: 'Policy ratified: Autumn 2024\n\nTo be reviewed: Autumn 2025\n',
        expect: ['3:17 has passed'],
      },
      {
        title: 'A blank review date',
        text: 'Date: 28.01.25\n\nReview date:\n\nThe Hertfordshire Virtual School\n',
        expect: ['3:1 is blank'],
      },
      {
        title: 'A review cycle longer than a year',
        text: 'Date: April 2026\n\nReview date: September 2027\n',
        expect: ['3:14 17 months after'],
      },
      {
        title: 'No review date at all',
        text: 'Policy for Children with a Social Worker\n\nDate: April 2026\n',
        expect: ['1:1 no review date'],
      },
      {
        title: 'A current review date a year after ratification',
        text: 'Policy ratified: Autumn 2026\n\nTo be reviewed: Autumn 2027\n',
        expect: [],
      },
      {
        title: 'A term counts as passed only after its last day',
        text: 'Date: March 2026\n\nReview Date:\tNovember 2026\n',
        asOf: '2026-11-24',
        expect: [],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const maxCycle = options.maxCycleMonths;
    const dates = findDocumentDates(doc.blocks);
    const reviews = dates.filter((d) => d.kind === 'review');
    const issues = dates.filter((d) => d.kind === 'issue' && d.date);

    if (reviews.length === 0) {
      report({
        messageId: 'missing',
        data: { cycle: plural(maxCycle, 'month') },
        start: 0,
        end: 0,
      });
      return;
    }

    for (const review of reviews) {
      const label = sourceRange(review.block, review.labelIndex, review.labelIndex + review.label.length);
      if (!review.date) {
        if (review.value === '') {
          report({
            messageId: 'blank',
            data: { cycle: plural(maxCycle, 'month') },
            ...label,
          });
        } else {
          const value = sourceRange(review.valueBlock, review.valueIndex, review.valueIndex + review.value.length);
          report({
            messageId: 'notADate',
            data: { value: review.value },
            ...value,
          });
        }
        continue;
      }
      const date = review.date;
      const at = sourceRange(review.valueBlock, date.index, date.index + date.text.length);
      if (isPast(date, settings.asOf)) {
        const ended = date.precision === 'day' ? `was ${formatDate(date.latest)}` : `ended on ${formatDate(date.latest)}`;
        report({
          messageId: 'passed',
          data: { date: date.text, ended, asOf: formatDate(settings.asOf) },
          ...at,
        });
      }
      const issue = issueFor(review, issues);
      if (issue?.date) {
        const months = monthsBetween(issue.date.earliest, date.earliest);
        if (months > maxCycle) {
          report({
            messageId: 'tooLong',
            data: { date: date.text, months: plural(months, 'month'), issued: issue.date.text, cycle: plural(maxCycle, 'month') },
            ...at,
          });
        }
      }
    }
  },
};

export default rule;

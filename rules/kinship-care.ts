/**
 * kinship-care: a policy in force from September 2024 names children in
 * kinship care, whom the Virtual School Head's role now covers.
 */
import { type DocumentDate, findDocumentDates, findSections, formatDate, isoDate, latestDocumentDate, type Rule } from '../src/rule-api/index.js';

export const DEFAULT_TERMS: string[] = ['\\bkinship\\b'];

type JudgeAt = 'document-date' | 'as-of';

type Options = { judgeAt: JudgeAt; terms: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'kinship-care',
    description: 'A policy in use from September 2024 should say how the school supports children in kinship care.',
    severity: 'warning',
    fixable: false,
    rationale:
      "From September 2024 the Virtual School Head's strategic role was extended from children with a social worker to " +
      'children in kinship care (children raised by relatives or friends), and Keeping Children Safe in Education 2025 mentions ' +
      'them. Copies of the Hertfordshire model policy from 2024 onwards name children in kinship care among the children the ' +
      'policy is for; a policy that does not leaves out a group the school is now expected to champion. The rule warns once, ' +
      'at the Policy Objective heading (or the title), when a policy that applies on or after September 2024 never mentions ' +
      'kinship care. It is a warning, not an error: the extension is non-statutory, and the school decides how to word it.',
    sources: [
      {
        title: 'DfE: Promoting the education of children with a social worker and children in kinship care arrangements: virtual school head role extension',
        url: 'https://www.gov.uk/government/publications/virtual-school-head-role-extension-to-children-with-a-social-worker',
      },
      { title: 'Keeping Children Safe in Education 2025', url: 'https://www.gov.uk/government/publications/keeping-children-safe-in-education--2' },
      { title: 'policy-lint domain facts: the VSH duty and kinship care', url: 'docs/domain.md#vsh-duty-statutory' },
    ],
    notes:
      'The start date comes from the guidance registry (`kinshipCareFrom`, 1 September 2024). Option `judgeAt` decides which ' +
      'date a policy is judged at. "as-of" (the default) judges every policy at the date of checking, like the other currency ' +
      'rules: a policy dated March 2023 that is still in use at 24 November 2026 is warned, because it is the policy staff read ' +
      'today (the message says that the policy predates the change). "document-date" judges a policy by its own dates instead ' +
      '(the latest of its issue, approval, ratification and review dates, read by src/domain/dates.ts, counted from the first day they ' +
      'can mean: "Autumn 2024" is September 2024 or later, "2024" alone is not), for auditing what a policy should have said ' +
      'when it was written; a policy with no date is then judged at the date of checking. In both modes a policy dated ' +
      'September 2024 or later is judged even when checked at an earlier date. Option `terms` lists the regular expressions ' +
      '(case-insensitive) that count as mentioning kinship care (default: the word "kinship").',
    options: {
      judgeAt: {
        enum: ['as-of', 'document-date'],
        description: 'Judge a policy at the date of checking ("as-of") or at its own latest date ("document-date").',
        default: 'as-of',
      },
      terms: {
        type: 'array',
        items: { type: 'string' },
        regexFlags: 'i',
        description: 'Regular expressions (sources, case-insensitive) that count as a mention of kinship care.',
        default: DEFAULT_TERMS,
      },
    },
    messages: {
      missing:
        "This policy never mentions children in kinship care. Since {{since}} the Virtual School Head's role covers them: name them among the children this policy is for and say how the school supports them. {{asOfWhy}}",
    },
    examples: [
      {
        title: 'A policy ratified in Autumn 2024 that leaves out kinship care',
        text: 'Policy ratified: Autumn 2024\n\nPolicy Objective\n\n- Looked After Children (CLA)\n- Previously Looked After Children (PLA)\n',
        asOf: '2024-10-01',
        expect: ['3:1 when the change already applied'],
      },
      {
        title: 'A 2023 policy judged at its own date passes',
        text: 'Date: April 2023\n\nReview Date: April 2024\n\nPolicy Objective\n\n- Looked After Children (CLA)\n',
        options: { judgeAt: 'document-date' },
        expect: [],
      },
      {
        title: 'A 2023 policy still in use in 2026 is warned by default',
        text: 'Date: April 2023\n\nReview Date: April 2024\n\nPolicy Objective\n\n- Looked After Children (CLA)\n',
        expect: ['5:1 "Review Date: April 2024", is before the change'],
      },
      {
        title: 'A policy that names children in kinship care passes',
        text: 'Date of Issue: February 2025\n\nPolicy Objective\n\n- Children with a social worker (CSW)\n- Children in kinship care\n',
        expect: [],
      },
    ],
  },

  check({ doc, settings, options, report }) {
    const terms = options.terms;
    if (terms.length === 0) return;
    const mention = new RegExp(terms.map((t) => `(?:${t})`).join('|'), 'i');
    if (doc.blocks.some((b) => b.kind !== 'html' && mention.test(b.text))) return;

    const from = isoDate(settings.guidance.kinshipCareFrom);
    const judgeAt = options.judgeAt;
    const dates = findDocumentDates(doc.blocks).filter((d) => d.date !== undefined);
    const latest = latestDocumentDate(dates);
    const datedAfter = dates.filter((d) => d.date!.earliest.getTime() >= from.getTime());
    const checkedAfter = settings.asOf.getTime() >= from.getTime();
    const applies = datedAfter.length > 0 || (checkedAfter && (judgeAt === 'as-of' || latest === undefined));
    if (!applies) return;

    const quote = (d: DocumentDate): string => `"${d.label}: ${d.date!.text}"`;
    const issuedAfter = latestDocumentDate(datedAfter.filter((d) => d.kind === 'issue'));
    let why: string;
    // Why it applies, without the as-of date: the finding's identity (baselines) must not change from day to day.
    let reason: string;
    if (issuedAfter) {
      why = `It is dated ${quote(issuedAfter)}, when the change already applied.`;
      reason = why;
    } else if (datedAfter.length) {
      why = `It is in force until its review date ${quote(latestDocumentDate(datedAfter)!)}, after the change.`;
      reason = why;
    } else if (latest) {
      why = `Its latest date, ${quote(latest)}, is before the change, but it is checked as in use on ${formatDate(settings.asOf)}.`;
      reason = `latest date ${quote(latest)}, in use`;
    } else {
      why = `It has no date and is checked as in use on ${formatDate(settings.asOf)}.`;
      reason = 'no date, in use';
    }

    const objective = findSections(doc, ['policy-objective'])[0];
    const place = objective ?? doc.sections[0];
    report({
      messageId: 'missing',
      // The reason without the as-of date is what identifies the finding (asOf... values are left out of its identity).
      data: { since: formatDate(from), asOfWhy: why, reason },
      start: place ? place.titleStart : 0,
      end: place ? place.titleEnd : 0,
    });
  },
};

export default rule;

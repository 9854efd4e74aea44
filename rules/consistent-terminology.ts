/**
 * consistent-terminology: one term for one group of children ("PLA" or "CPLA", not both).
 */
import { escapeRegExp, findAll, replaceFix, type Rule, TERM_GROUPS, type TermGroup, type TextMatch } from '../src/rule-api/index.js';

export type { TermGroup };

/** The default groups (data/terminology.yaml). */
export const DEFAULT_GROUPS: TermGroup[] = TERM_GROUPS;

/** Read the `groups` option: `{ terms, meaning }` objects or plain lists of terms. */
export function readGroups(value: readonly (string[] | TermGroup)[]): TermGroup[] {
  const out: TermGroup[] = [];
  for (const item of value) {
    const terms = Array.isArray(item) ? item : item.terms;
    const clean = terms.filter((t) => t.trim() !== '').map((t) => t.trim());
    if (clean.length < 2) continue;
    const meaning = Array.isArray(item) ? undefined : item.meaning;
    out.push(meaning ? { terms: clean, meaning } : { terms: clean });
  }
  return out;
}

/** A whole word: no letter, digit or hyphen just before ("Post-CLA" is not "CLA"), no letter or digit just after. */
function termPattern(term: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRegExp(term)}(?![\\p{L}\\p{N}_])`, 'gu');
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

type Options = { groups: (string[] | TermGroup)[]; preferred: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'consistent-terminology',
    description: 'Use one term for one group of children: "PLA" or "CPLA", not both.',
    severity: 'warning',
    fixable: 'suggestion',
    rationale:
      'Previously looked-after children are written "PLA" in some copies of the model policy and "CPLA" in others. When one ' +
      'policy uses both (often because a section was pasted in from a newer model), a reader can fairly ask whether they are ' +
      'two different groups of children with different entitlements. The policy should pick one term and keep to it. The ' +
      'term the policy uses most is kept, and every use of the other is reported, with a suggested change.',
    sources: [
      { title: 'policy-lint domain facts: terminology (PLA or CPLA, not both)', url: 'docs/domain.md#terminology' },
      {
        title: '"The designated teacher for looked-after and previously looked-after children" (DfE, February 2018)',
        url: 'https://www.gov.uk/government/publications/designated-teacher-for-looked-after-children',
      },
    ],
    notes:
      'Default groups: PLA / CPLA / PLAC / Post-CLA (previously looked-after children) and CLA / LAC / CiC (children looked ' +
      'after). CSW and CWSW (children with a social worker) are not a default group: the model policy itself writes "CSW" in ' +
      'its opening list and quotes the DfE\'s "CWSW" in Appendix 1, so three of the five sample policies would be reported ' +
      'for text they inherited; add `{ terms: ["CSW", "CWSW"] }` to `groups` to check them. Terms are matched as whole words ' +
      'and case-sensitively ("PLA" is not found inside "CPLA" or "PLAC"; "CLA" is not found in "Post-CLA"). The term kept is ' +
      'the one named in `preferred`, else the one the policy uses most, else (on a tie) the one it uses first. Every use of ' +
      'another term in the group is reported, because each is a place to change. The suggested change swaps the abbreviation ' +
      "for the kept one; it is a suggestion, not a safe fix, because which term to keep is the school's choice.",
    options: {
      groups: {
        type: 'array',
        items: {
          anyOf: [
            { type: 'array', items: { type: 'string' } },
            {
              type: 'object',
              properties: { terms: { type: 'array', items: { type: 'string' } }, meaning: { type: 'string' } },
              required: ['terms'],
              additionalProperties: false,
            },
          ],
        },
        description: 'Groups of terms that name the same thing: lists of terms, or { terms, meaning } objects.',
        default: DEFAULT_GROUPS,
      },
      preferred: {
        type: 'array',
        items: { type: 'string' },
        description: 'Terms to keep, one per group at most; a group with none listed keeps its most-used term.',
        default: [],
      },
    },
    messages: {
      mixed: 'This policy calls {{meaning}} both {{summary}}: use "{{keep}}" throughout.',
    },
    examples: [
      {
        title: 'A policy that mixes PLA and CPLA',
        text: 'The Designated Teacher for CLA and PLA.\n\n' + 'We prioritise CLA and CPLA for support, and ensure CLA and CPLA are not overlooked.\n',
        expect: ['1:36 "CPLA" (twice) and "PLA" (once): use "CPLA" throughout'],
        output: 'The Designated Teacher for CLA and CPLA.\n\n' + 'We prioritise CLA and CPLA for support, and ensure CLA and CPLA are not overlooked.\n',
      },
      {
        title: 'The term to keep, when the school has chosen it',
        text: 'Children Previously Looked After (CPLA).\n\nThe Designated Teacher for CLA and PLA.\n',
        options: { preferred: ['PLA'] },
        expect: ['1:35 use "PLA" throughout'],
        output: 'Children Previously Looked After (PLA).\n\nThe Designated Teacher for CLA and PLA.\n',
      },
      {
        title: 'One term throughout; longer words are not the term',
        text: 'Children Previously Looked After (PLA) and PLAN meetings.\n\nThe Designated Teacher for CLA and PLA.\n',
        expect: [],
      },
    ],
  },

  check({ doc, options, report }) {
    const groups = readGroups(options.groups);
    const preferred = new Set(options.preferred);
    for (const group of groups) {
      const uses = new Map<string, TextMatch[]>();
      for (const term of group.terms) {
        const found = findAll(doc, termPattern(term));
        if (found.length > 0) uses.set(term, found);
      }
      if (uses.size < 2) continue;
      const used = [...uses.entries()];
      const first = (t: string): number => uses.get(t)![0]!.start;
      const keep = group.terms.find((t) => preferred.has(t)) ?? used.sort((a, b) => b[1].length - a[1].length || first(a[0]) - first(b[0]))[0]![0];
      const meaning = group.meaning ?? 'the same group';
      const counts = [keep, ...group.terms.filter((t) => t !== keep && uses.has(t))].filter((t) => uses.has(t)).map((t) => `"${t}" (${times(uses.get(t)!.length)})`);
      const summary = counts.length === 2 ? counts.join(' and ') : `${counts.slice(0, -1).join(', ')} and ${counts[counts.length - 1]}`;
      for (const [term, matches] of uses) {
        if (term === keep) continue;
        for (const m of matches) {
          const fix = replaceFix(doc, m.start, m.end, term, keep, 'suggestion');
          report({
            messageId: 'mixed',
            data: { meaning, summary, keep },
            start: m.start,
            end: m.end,
            ...(fix ? { fix } : {}),
          });
        }
      }
    }
  },
};

export default rule;

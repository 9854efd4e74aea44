/**
 * placeholder-text: template text that was never filled in, such as
 * "(*enter date*)", "[insert name]", "XXXX" or "TBC" where a value belongs.
 */
import { findAll, PLACEHOLDER_PATTERNS, PLACEHOLDER_SOURCE_PATTERNS, type Rule } from '../src/rule-api/index.js';

/**
 * The default placeholder patterns (data/placeholders.yaml), matched
 * case-insensitively (and line by line: ^ and $ are line ends) in the
 * readable text of each paragraph, heading and table cell, where Markdown
 * markup is already removed: the source "(*enter date*)" reads "(enter date)".
 */
export const DEFAULT_PATTERNS: string[] = PLACEHOLDER_PATTERNS;

/** Placeholders that Markdown reads as HTML ("<name>", "<insert date>"): matched in the source. */
export const DEFAULT_SOURCE_PATTERNS: string[] = PLACEHOLDER_SOURCE_PATTERNS;

/** What the placeholder stands for, for the message. */
function standsFor(found: string): string {
  if (/date|year/i.test(found)) return 'the date';
  if (/name|who/i.test(found)) return 'the name';
  return 'the real value';
}

type Options = { patterns: string[]; sourcePatterns: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'placeholder-text',
    description: 'Template text such as "(enter date)", "[insert name]", "XXXX" or "TBC" must be filled in.',
    severity: 'error',
    fixable: false,
    rationale:
      'Model policies come with gaps for each school to fill: "(enter date)", "[insert name]", "[School name]", "XXXX". A gap ' +
      'left in a published policy tells parents, staff and inspectors that the policy was adopted without being read, and ' +
      'leaves out the fact the gap was for: when the behaviour policy was reviewed, who holds a post. "TBC" or "TBA" where a ' +
      'value belongs ("Review date: TBC") is the same gap. Each placeholder is reported where it stands; only the school can ' +
      'say what belongs there, so there is no automatic fix.',
    sources: [
      { title: 'policy-lint domain facts: placeholders left from the template', url: 'docs/domain.md#placeholders' },
      { title: 'Hertfordshire Virtual School model policy for the Education of all Children with a Social Worker (the seeds)' },
    ],
    notes:
      'The patterns are options. `patterns` are regular expressions matched case-insensitively in the readable text (markup ' +
      'removed, so the source "(*enter date*)" is matched as "(enter date)"; ^ and $ match at line ends). `sourcePatterns` are ' +
      'matched in the raw source, for placeholders that Markdown would read as HTML ("<name>"). Setting either replaces its ' +
      'default list. "TBC", "TBA", "TBD" and "to be confirmed" count only where a value belongs: after a label and colon or ' +
      'tab, in brackets, after "is", or alone in a paragraph or table cell; "dates to be confirmed with parents" in a sentence ' +
      'is left alone. Dotted leaders followed by a page number (a contents list) are not placeholders.',
    options: {
      patterns: {
        type: 'array',
        items: { type: 'string' },
        regexFlags: 'im',
        description: 'Regular expressions (sources) matched case-insensitively in the readable text of each block.',
        default: DEFAULT_PATTERNS,
      },
      sourcePatterns: {
        type: 'array',
        items: { type: 'string' },
        regexFlags: 'i',
        description: 'Regular expressions (sources) matched case-insensitively in the raw source text.',
        default: DEFAULT_SOURCE_PATTERNS,
      },
    },
    messages: {
      placeholder: '"{{found}}" is template text that was never filled in: replace it with {{standsFor}}.',
    },
    examples: [
      {
        title: 'An "(*enter date*)" gap left in a sentence',
        text: 'We have reviewed the school behaviour policy (*enter date*) alongside the guidance.\n',
        expect: ['1:46 "(enter date)"'],
      },
      {
        title: 'Names never filled in',
        text: 'Name of the Designated Teacher: [insert name]\n\nHeadteacher: XXXX\n\nReview date: TBC\n',
        expect: ['1:33 "[insert name]"', '3:14 "XXXX"', '5:14 "TBC"'],
      },
      {
        title: 'A completed policy passes',
        text: 'We have reviewed the school behaviour policy (March 2025) alongside the guidance.\n\nDates for meetings are to be confirmed with parents.\n',
        expect: [],
      },
    ],
  },

  check({ doc, options, report }) {
    // Hits come sorted by start: one overlaps an earlier one exactly when it starts before the furthest end so far.
    let reachedEnd = -1;
    const add = (start: number, end: number, found: string): void => {
      if (start < reachedEnd) return;
      reachedEnd = Math.max(reachedEnd, end);
      report({
        messageId: 'placeholder',
        data: { found, standsFor: standsFor(found) },
        start,
        end,
      });
    };
    const hits: { start: number; end: number; found: string }[] = [];
    for (const source of options.patterns) {
      for (const m of findAll(doc, new RegExp(source, 'gim'))) hits.push({ start: m.start, end: m.end, found: m.match[0] });
    }
    for (const source of options.sourcePatterns) {
      const re = new RegExp(source, 'gi');
      let m: RegExpExecArray | null;
      while ((m = re.exec(doc.text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        hits.push({ start: m.index, end: m.index + m[0].length, found: m[0] });
      }
    }
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    for (const h of hits) add(h.start, h.end, h.found);
  },
};

export default rule;

/**
 * contents-match: the "Content:" list and the sections of the document must agree.
 */
import { type ContentsEntry, inAppendix, matchVocabulary, type PolicyDocument, type Rule, type Section, titleReads } from '../src/rule-api/index.js';

type ReverseMode = 'auto' | 'always' | 'never';

/** Does the entry name this section, by wording or (tolerantly) by the model section both name? */
function entryNames(entry: ContentsEntry, section: Section): boolean {
  const m = matchVocabulary(entry.title);
  // "Attendance" in the contents is the body's Attendance section, not Appendix 1's sub-heading.
  if (m?.role === 'top' && inAppendix(section)) return false;
  if (titleReads(section.title, entry.title)) return true;
  // "Appendix 2 Alternative Provision" names Appendix 2's "Alternative Provision"; "Role and ..." names "Roles and ...".
  return m !== undefined && section.canonical !== undefined && m.id === section.canonical;
}

function topOf(section: Section): Section {
  let s = section;
  while (s.parent && s.parent.level > 0) s = s.parent;
  return s;
}

/** The end of the line that holds `offset`. */
function lineEnd(doc: PolicyDocument, offset: number): number {
  const nl = doc.text.indexOf('\n', offset);
  return nl < 0 ? doc.text.length : nl;
}

type Options = { reverse: ReverseMode; matchWording: boolean };

export const rule: Rule<Options> = {
  meta: {
    id: 'contents-match',
    description: 'The "Content:" list must name the sections the policy has, and list each of its main sections.',
    severity: 'warning',
    fixable: false,
    rationale:
      'The contents list is how a reader finds their way round the policy. When a section is renamed or replaced (the model ' +
      'swapped "Implementation" for "Equality and Diversity") and the list is not updated, it names a section that is not ' +
      'there; when a section is added and not listed, readers do not know it exists. Each entry that names no section is ' +
      'reported at the entry, with the section that stands in its place when there is one; each main section missing from a ' +
      'complete list is reported at the "Content:" line.',
    sources: [{ title: 'policy-lint domain facts: contents list and sections', url: 'docs/domain.md#contents' }],
    notes:
      'Matching is tolerant by default: an entry names a section when the heading reads the same once case, "&"/"and", ' +
      'spacing and a trailing colon are ignored, when the heading is the entry followed by a colon, dash or bracket ("Roles ' +
      'and Responsibilities: Education planning ...") or "Appendix N" followed by its title, or when both name the same model section ("Role and Responsibilities" and "Roles and ' +
      'Responsibilities"): a reader finds the section, and the model policy\'s own contents list says "Role". Set ' +
      '`matchWording: true` to report such wording differences too. The reverse check (a main section the list leaves out) ' +
      'applies by default (`reverse: "auto"`) only when the list looks complete: many copies keep a contents list of just ' +
      'the first five sections, and reporting the dozen sections after them would bury the real findings; a list is taken ' +
      'to be partial when it names fewer than half of the top-level sections that follow it. `reverse: "always"` checks ' +
      'every list, `reverse: "never"` turns the reverse check off. Only sections after the list count (not the title page), ' +
      'and a section the list misses is not reported twice when an unmatched entry stands in its place.',
    options: {
      reverse: {
        enum: ['auto', 'always', 'never'],
        description: 'Report main sections missing from the list: "auto" (only when the list looks complete), "always" or "never".',
        default: 'auto',
      },
      matchWording: {
        type: 'boolean',
        description: 'Also report an entry whose wording differs from its heading when both name the same model section.',
        default: false,
      },
    },
    messages: {
      noSection: 'The contents list names "{{entry}}", but the policy has no section of that name{{place}}: make the entry match the heading, or remove it.',
      wording: 'The contents list says "{{entry}}" but the heading reads "{{heading}}" (line {{line}}): use the same words in both.',
      notListed: 'The section "{{heading}}" (line {{line}}) is not in the contents list: add it to the list.',
    },
    examples: [
      {
        title: 'An entry for a section that was replaced',
        text:
          'Content:\n\nPolicy Objective\n\nImplementation\n\nImpact\n\nPolicy Objective\n\nTo implement the guidance.\n\n' +
          'Equality and Diversity:\n\nAll learners are included.\n\nImpact\n\nThe expected impact.\n',
        expect: ['5:1 The contents list names "Implementation", but the policy has no section of that name (in its place is "Equality and Diversity", line 13)'],
      },
      {
        title: 'A complete list that leaves out a section',
        text:
          'Content:\n\n- Policy Objective\n- Intention\n- Impact\n\nPolicy Objective\n\nTo implement the guidance.\n\n' +
          'Intention\n\nWe understand the guidance.\n\nImpact\n\nThe expected impact.\n\nAttendance\n\nWe track attendance daily.\n',
        expect: ['1:1 The section "Attendance" (line 19) is not in the contents list'],
      },
      {
        title: 'Tolerant matching: "Role" for "Roles", a longer heading, "&" for "and"',
        text:
          'Content:\n\n- Role and Responsibilities\n- Special Educational Needs and Disabilities\n\n' +
          'Roles and Responsibilities: Education planning for all children with a Social Worker\n\nThe Headteacher leads.\n\n' +
          'Special Educational Needs & Disabilities\n\nThe SENCO leads.\n',
        expect: [],
      },
      {
        title: 'Wording differences, when asked',
        text: 'Content:\n\n- Role and Responsibilities\n\nRoles and Responsibilities\n\nThe Headteacher leads.\n',
        options: { matchWording: true },
        expect: ['3:3 The contents list says "Role and Responsibilities" but the heading reads "Roles and Responsibilities" (line 5)'],
      },
    ],
  },

  check({ doc, options, report }) {
    const contents = doc.contents;
    if (!contents || contents.entries.length === 0) return;
    const mode = options.reverse;
    const strict = options.matchWording;
    const after = contents.start.offset;
    const body = doc.sections.filter((s) => s.start.offset > after);
    const tops = doc.root.children.filter((s) => s.start.offset > after);

    // Each entry's first matching section; the top-level sections some entry names.
    const matches = contents.entries.map((entry) => body.find((s) => entryNames(entry, s)));
    const listed = new Set<Section>();
    contents.entries.forEach((entry) => {
      for (const s of body) if (entryNames(entry, s)) listed.add(topOf(s));
    });

    // Pair unmatched entries with unlisted top-level sections that sit in the same place.
    const paired = new Map<number, Section>();
    const usedSections = new Set<Section>();
    let i = 0;
    while (i < contents.entries.length) {
      if (matches[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < contents.entries.length && !matches[j]) j++;
      const before = i > 0 ? matches[i - 1] : undefined;
      const next = j < contents.entries.length ? matches[j] : undefined;
      const from = before ? tops.indexOf(topOf(before)) + 1 : 0;
      const to = next ? tops.indexOf(topOf(next)) : tops.length;
      const gap = tops.slice(from, Math.max(from, to)).filter((s) => !listed.has(s));
      for (let k = i; k < j && k - i < gap.length; k++) {
        paired.set(k, gap[k - i]!);
        usedSections.add(gap[k - i]!);
      }
      i = j;
    }

    contents.entries.forEach((entry, k) => {
      const section = matches[k];
      if (!section) {
        const instead = paired.get(k);
        const place = instead ? ` (in its place is "${instead.title}", line ${instead.start.line})` : '';
        report({
          messageId: 'noSection',
          data: { entry: entry.title, place },
          start: entry.start.offset,
          end: entry.end.offset,
        });
        return;
      }
      if (strict && !titleReads(section.title, entry.title)) {
        report({
          messageId: 'wording',
          data: { entry: entry.title, heading: section.title, line: section.start.line },
          start: entry.start.offset,
          end: entry.end.offset,
        });
      }
    });

    if (mode === 'never') return;
    if (mode === 'auto' && [...listed].filter((s) => tops.includes(s)).length * 2 < tops.length) return;
    const markerEnd = lineEnd(doc, contents.start.offset);
    for (const section of tops) {
      if (listed.has(section) || usedSections.has(section)) continue;
      report({
        messageId: 'notListed',
        data: { heading: section.title, line: section.start.line },
        start: contents.start.offset,
        end: markerEnd,
      });
    }
  },
};

export default rule;

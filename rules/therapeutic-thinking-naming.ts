/**
 * therapeutic-thinking-naming: Hertfordshire Steps is now Therapeutic Thinking.
 */
import { findAll, formatDate, isHistoricalMention, type Rename, type Rule, type TextEdit } from '../src/rule-api/index.js';

function linkRanges(root: unknown, out: { start: number; end: number }[] = []): { start: number; end: number }[] {
  // Depth-first in document order, without recursion (the tree can be thousands deep).
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as { type?: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] };
    if (n.type === 'link' && n.position) out.push({ start: n.position.start.offset ?? 0, end: n.position.end.offset ?? 0 });
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** The first link (in document order) that holds [start, end); `links` is sorted by start (links do not nest). */
function linkAround(links: { start: number; end: number }[], start: number, end: number): { start: number; end: number } | undefined {
  let lo = 0;
  let hi = links.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (links[mid]!.start <= start) lo = mid + 1;
    else hi = mid;
  }
  // Links never nest, so only the last one starting at or before `start` can hold the match.
  const l = lo > 0 ? links[lo - 1] : undefined;
  return l && end <= l.end ? l : undefined;
}

function matchCase(found: string, replacement: string): string {
  const first = found[0] ?? '';
  if (first === first.toUpperCase() && first !== first.toLowerCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

function flagsFor(rename: Rename): string {
  return rename.caseSensitive ? 'g' : 'gi';
}

export const rule: Rule = {
  meta: {
    id: 'therapeutic-thinking-naming',
    description: 'Old "Hertfordshire Steps" names must be replaced by their Therapeutic Thinking names.',
    severity: 'error',
    fixable: 'safe',
    rationale:
      'Hertfordshire\'s behaviour approach was renamed "Therapeutic Thinking Hertfordshire Steps" on 23 March 2023 and ' +
      '"Therapeutic Thinking Hertfordshire" on 6 September 2024; its courses Step On and Step Up became "Therapeutic Thinking" and ' +
      '"Principles of Restrictive Physical Intervention". A policy that still names Steps sends staff and parents to training, ' +
      'documents and a mailbox that no longer exist under that name (queries have gone to HFL Education since 1 April 2025). Every old name is reported where it stands, with the current ' +
      'name; the fix is a mechanical rename, so it is safe. Ordinary words are left alone: "next steps", "any steps deemed necessary", ' +
      '"step up support" (lower case), and history such as "Therapeutic Thinking (formerly Hertfordshire Steps)".',
    sources: [
      { title: 'Therapeutic Thinking Hertfordshire (the Grid)', url: 'https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire' },
      { title: 'policy-lint domain facts: Therapeutic Thinking: names, contact, certainty and check dates', url: 'docs/domain.md#therapeutic-thinking' },
    ],
    notes:
      "Facts used (data/guidance.yaml `renames`; docs/domain.md#therapeutic-thinking), all confirmed from the grid's Therapeutic " +
      'Thinking Hertfordshire page (https://thegrid.org.uk/wellbeing/behaviour/therapeutic-thinking-hertfordshire), checked ' +
      '1 December 2026: the renames of 23 March 2023 and 6 September 2024, and the contact: from 1 April 2025 all queries go to ' +
      'relationalapproach@HFLEducation.org (page updated 27 March 2025). steps@hertfordshire.gov.uk and ' +
      'therapeuticthinking@hertfordshire.gov.uk (never confirmed) are reported naming that address; the change is only a ' +
      'suggestion, because it changes whom the school tells parents to contact. A sentence that mentions an old name as ' +
      'history ("formerly", "formerly known as", "previously called", "renamed from", "(was ...)", "used to be called", before ' +
      'or after the name) draws nothing, so no fix ever writes "formerly" + the new name. Renames can be extended in configuration.',
    messages: {
      dropSteps: '"Therapeutic Thinking Hertfordshire Steps" has been "Therapeutic Thinking Hertfordshire" since {{since}}: drop "Steps".',
      renamed: '"{{found}}" is now "{{replacement}}" (renamed {{since}}).',
      contact: '"{{found}}" is out of date as a contact: {{note}} Check with the school who parents and staff should contact, and write {{replacement}} if so.',
    },
    examples: [
      {
        title: 'The old programme name, the approach and the old mailbox',
        text: 'Hertfordshire Steps\n\nThe Steps approach forms part of the strategy.\n\nEmail: steps@hertfordshire.gov.uk\n',
        expect: ['1:1 Therapeutic Thinking Hertfordshire', '3:1 The Therapeutic Thinking approach', '5:8 relationalapproach@HFLEducation.org'],
        output: 'Therapeutic Thinking Hertfordshire\n\nThe Therapeutic Thinking approach forms part of the strategy.\n\nEmail: relationalapproach@HFLEducation.org\n',
      },
      {
        title: 'The courses by their old names',
        text: 'Staff have completed Step On and Step Up training.\n',
        expect: ['1:22 "Therapeutic Thinking"', '1:34 Principles of Restrictive Physical Intervention'],
        output: 'Staff have completed Therapeutic Thinking and Principles of Restrictive Physical Intervention training.\n',
      },
      {
        title: 'The 2023 interim name',
        text: 'We follow Therapeutic Thinking Hertfordshire Steps.\n',
        expect: ['1:32 Therapeutic Thinking Hertfordshire'],
        output: 'We follow Therapeutic Thinking Hertfordshire.\n',
      },
      {
        title: 'Current names, history and ordinary words pass',
        text:
          'Hertfordshire Therapeutic Thinking\n\nTherapeutic Thinking (formerly Hertfordshire Steps) is our approach.\n\n' +
          'The assessment should identify any steps deemed necessary. Next steps: we step up support where needed.\n',
        expect: [],
      },
    ],
  },

  check({ doc, settings, report }) {
    // Every link of the document, found once (only when a fix needs them).
    let links: { start: number; end: number }[] | undefined;
    for (const rename of settings.guidance.renames) {
      const pattern = new RegExp(rename.pattern, flagsFor(rename));
      for (const m of findAll(doc, pattern)) {
        const before = m.block.text.slice(Math.max(0, m.match.index - 40), m.match.index);
        // History ("formerly known as Hertfordshire Steps", "previously called Step On", "(was Step On)"), before or after the name.
        if (isHistoricalMention(m.block.text, m.match.index, m.match.index + m.match[0].length)) continue;
        const found = m.match[0];
        const since = formatDate(rename.since);
        const interim = rename.id === 'hertfordshire-steps' && /Therapeutic\s+Thinking\s+$/i.test(before);
        if (interim) {
          // "Therapeutic Thinking Hertfordshire Steps" -> "Therapeutic Thinking Hertfordshire": drop " Steps".
          const stepsAt = found.search(/\s+Steps$/i);
          const start = m.start + stepsAt;
          const fix = doc.text.slice(m.start, m.end) === found ? { safety: 'safe' as const, edits: [{ start, end: m.end, text: '' }] } : undefined;
          report({
            messageId: 'dropSteps',
            data: { since },
            start: m.start,
            end: m.end,
            ...(fix ? { fix } : {}),
          });
          continue;
        }
        const replacement = matchCase(found, rename.replacement);
        const edits: TextEdit[] = [];
        if (doc.text.slice(m.start, m.end) === found) {
          edits.push({ start: m.start, end: m.end, text: replacement });
          // The same old name in the target of the link that shows it (mailto:steps@...).
          links ??= linkRanges(doc.mdast).sort((a, b) => a.start - b.start);
          const link = linkAround(links, m.start, m.end);
          if (link) {
            const inLink = new RegExp(rename.pattern, flagsFor(rename));
            const slice = doc.text.slice(link.start, link.end);
            let x: RegExpExecArray | null;
            while ((x = inLink.exec(slice)) !== null) {
              const s = link.start + x.index;
              if (s !== m.start) edits.push({ start: s, end: s + x[0].length, text: matchCase(x[0], rename.replacement) });
            }
          }
        }
        const safety = rename.fix ?? 'safe';
        report({
          messageId: rename.kind === 'contact' ? 'contact' : 'renamed',
          data: rename.kind === 'contact' ? { found, replacement, note: rename.note } : { found, replacement, since },
          start: m.start,
          end: m.end,
          ...(edits.length ? { fix: { safety, edits } } : {}),
        });
      }
    }
  },
};

export default rule;

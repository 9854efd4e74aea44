/**
 * empty-link: links whose target is empty or "#" go nowhere.
 */
import type { Definition, Link, LinkReference, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { quoteShort, type Rule } from '../src/rule-api/index.js';

const DEFAULT_TARGETS = ['#', 'http://', 'https://', 'mailto:', 'about:blank'];

function collect(root: Nodes, links: (Link | LinkReference)[], definitions: Map<string, Definition>): void {
  // Depth-first in document order, without recursion (the tree can be thousands deep).
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'link' || node.type === 'linkReference') links.push(node);
    if (node.type === 'definition') definitions.set(node.identifier.toLowerCase(), node);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

type Options = { targets: string[] };

export const rule: Rule<Options> = {
  meta: {
    id: 'empty-link',
    description: 'Links must go somewhere: a link whose address is empty or "#" leads nowhere.',
    severity: 'warning',
    fixable: false,
    rationale:
      'When a policy is copied from the model or exported from Word, the web addresses behind its links are often lost: ' +
      '"see guidance [here](#)" still looks like a link, but clicking it does nothing. A parent, governor or inspector who ' +
      'follows it cannot reach the guidance the policy relies on. Each such link is reported at its words, so you can put ' +
      'the right web address back, or remove the link and name the document in the text instead.',
    sources: [{ title: 'policy-lint domain facts: links that go nowhere (all five seed policies have dozens)', url: 'docs/domain.md#model-policy' }],
    notes:
      'An empty address and "#" always count as going nowhere; `targets` lists further addresses treated the same way ' +
      '(by default "#", a bare "http://" or "https://", a bare "mailto:" and "about:blank"; spaces around them are ignored). ' +
      'Reference links (`[here][1]` with `[1]: #`) are judged by their definition. Links to a place inside the page ' +
      '("#attendance") are left alone. The rule cannot know the missing address, so it offers no fix.',
    options: {
      targets: {
        type: 'array',
        items: { type: 'string' },
        description: 'Link addresses that count as going nowhere (an empty address always does).',
        default: DEFAULT_TARGETS,
      },
    },
    messages: {
      goesNowhere: 'Link "{{words}}" goes nowhere: add the web address or remove the link.',
      empty: 'This link has no words and no address: remove it, or add the words and the web address.',
    },
    examples: [
      {
        title: 'Links that lost their address in the export',
        text: 'See the [DfE guidance](#) and the [Toolkit]() training.\n\nMore information [here]( # ).\n',
        expect: ['1:10 Link "DfE guidance" goes nowhere: add the web address or remove the link.', '1:36 Link "Toolkit" goes nowhere', '3:19 Link "here" goes nowhere'],
      },
      {
        title: 'A reference link whose definition has no address',
        text: 'Read the [behaviour guidance][1].\n\n[1]: #\n',
        expect: ['1:11 Link "behaviour guidance" goes nowhere'],
      },
      {
        title: 'Links with real addresses, e-mail links and links within the page pass',
        text:
          'See the [guidance](https://www.gov.uk/government/publications/pupil-premium/pupil-premium).\n\n' +
          'Email [virtualschool@hertfordshire.gov.uk](mailto:virtualschool@hertfordshire.gov.uk) or see [Attendance](#attendance).\n',
        expect: [],
      },
    ],
  },

  check({ doc, options, report }) {
    const targets = new Set(options.targets.map((t) => t.trim().toLowerCase()));
    const goesNowhere = (url: string): boolean => {
      const u = url.trim().toLowerCase();
      return u === '' || targets.has(u);
    };
    const links: (Link | LinkReference)[] = [];
    const definitions = new Map<string, Definition>();
    collect(doc.mdast, links, definitions);
    for (const link of links) {
      const url = link.type === 'link' ? link.url : definitions.get(link.identifier.toLowerCase())?.url;
      if (url === undefined || !goesNowhere(url)) continue;
      const first = link.children[0]?.position;
      const last = link.children[link.children.length - 1]?.position;
      const start = first?.start.offset ?? link.position?.start.offset ?? 0;
      const end = last?.end.offset ?? link.position?.end.offset ?? start;
      const words = quoteShort(toString(link));
      report({
        ...(words ? { messageId: 'goesNowhere', data: { words } } : { messageId: 'empty' }),
        start,
        end,
      });
    }
  },
};

export default rule;

/**
 * html: a report for a governors' meeting or a trust's file. One
 * self-contained page (styles inline, no scripts, no external requests), that
 * prints on A4 in black and white.
 *
 * - A header: the as-of date, the guidance registry's version and check date,
 *   policy-lint's version and the configuration used.
 * - With several policies, a first page: the table of policies (status,
 *   errors, warnings, next review date, oldest guidance edition named) and the
 *   table of rules by the number of policies they found something in.
 * - For each policy: its title, the profile it was read as, its status (red:
 *   errors; amber: warnings only; green: nothing found, always in words as
 *   well as colour), and its findings grouped by section in document order,
 *   each with the sentence quoted and the words at issue marked, what to
 *   change, why (the first sentence of the rule's rationale), and a link to
 *   the rule's page. Repeats of one finding are shown once with their count.
 *
 * The page is built as a hast tree and serialised by hast-util-to-html, so
 * every string from a policy, a pack or a configuration is text, never markup.
 * Policy text is marked `dir="auto"` so that right-to-left text reads right.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { LintResult } from '../engine/summary.js';
import type { Guidance } from '../domain/guidance.js';
import type { Formatter, FormatterContext } from './types.js';
import { relativePath, plural } from './shared.js';
import { policyFacts, type PolicyFacts } from './facts.js';
import { bySection, excerptOf, groupRepeats, placesOf, plainCounts, profileOf, rulePageUrl, statusOf, STATUS_WORDS, whyOf, type Group, type Status } from './report.js';

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; background: #fff; }
header.report, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem; }
header.report { border-bottom: 3px solid #1b1b1b; }
h1 { font-size: 1.75rem; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #767676; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #767676; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
td.num, th.num, td.nowrap { white-space: nowrap; }
thead th { background: #e8e8e8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; font-weight: 700; padding: 0 0.4rem; border: 2px solid currentColor; border-radius: 0.25rem; white-space: nowrap; }
.status-red { color: #a4000f; }
.status-amber { color: #7a4d00; }
.status-green { color: #00622b; }
section.policy { border-top: 3px solid #1b1b1b; margin-top: 2.5rem; }
section.policy.only { border-top: none; margin-top: 0; }
.file { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9rem; overflow-wrap: anywhere; word-break: break-all; }
ol.findings { list-style: none; padding: 0; margin: 0; }
ol.findings > li { border-left: 4px solid #767676; padding: 0.25rem 0 0.25rem 0.75rem; margin: 0.75rem 0; break-inside: avoid; }
ol.findings > li.error { border-left-color: #a4000f; border-left-style: solid; }
ol.findings > li.warning { border-left-color: #7a4d00; border-left-style: dashed; }
.kind { font-weight: 700; }
.where { color: #444; }
blockquote { margin: 0.4rem 0; padding: 0.3rem 0.75rem; background: #f4f4f4; border-left: 2px solid #b1b1b1; }
mark { background: #ffe08a; color: inherit; font-weight: 700; text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 2px; }
p { margin: 0.25rem 0; }
.why { color: #333; }
a { color: #0b4fa3; }
a:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; }
footer { color: #444; font-size: 0.9rem; border-top: 1px solid #767676; margin-top: 2rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  header.report, main, footer { padding: 0.75rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 0.25rem; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  table.stack tr { display: block; border: 1px solid #767676; margin: 0 0 0.5rem; }
  table.stack th, table.stack td { display: block; border: none; text-align: left; white-space: normal; padding: 0.15rem 0.5rem; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
@page { size: A4; margin: 15mm; }
@media print {
  body { font-size: 10.5pt; color: #000; }
  header.report, main, footer { max-width: none; padding: 0; }
  section.policy { break-before: page; border-top: none; margin-top: 0; }
  section.policy.only { break-before: auto; }
  section.policy:first-child { break-before: auto; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: #000; }
  .status, .status-red, .status-amber, .status-green, .where, .why { color: #000; }
  thead th, blockquote { background: none; }
  mark { background: none; }
  ol.findings > li.error, ol.findings > li.warning { border-left-color: #000; }
}
`;

const STATUS_MARK: Readonly<Record<Status, string>> = { red: '\u2716', amber: '\u25B2', green: '\u2714' };

function statusBadge(status: Status): Element {
  return h('span', { className: ['status', `status-${status}`] }, [h('span', { ariaHidden: 'true' }, `${STATUS_MARK[status]} `), STATUS_WORDS[status]]);
}

function formatDay(d: Date): string {
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The registry's check date, when the registry records one. */
export function registryChecked(guidance: Guidance | undefined): string | undefined {
  if (!guidance) return undefined;
  const g = guidance as Guidance & Record<string, unknown>;
  for (const key of ['checked', 'checkedOn', 'lastChecked', 'checkDate']) {
    const v = g[key];
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

function isoDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? formatDay(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))) : value;
}

interface Policy {
  result: LintResult;
  id: string;
  file: string;
  facts: PolicyFacts;
  status: Status;
}

function header(ctx: FormatterContext, policies: Policy[]): Element {
  const facts: ElementContent[] = [];
  const fact = (term: string, ...value: (string | Element)[]): void => {
    facts.push(h('dt', term), h('dd', value));
  };
  if (ctx.asOf) fact('Checked as at', formatDay(ctx.asOf));
  if (ctx.guidance) {
    const checked = registryChecked(ctx.guidance);
    fact('Guidance registry', `version ${ctx.guidance.version}${checked ? `, facts last checked ${isoDay(checked)}` : ''}`);
  }
  fact('policy-lint', ctx.version ? `version ${ctx.version}` : 'version not known');
  const configs = ctx.configFiles ?? [];
  fact('Configuration', configs.length ? configs.join(', ') : 'built-in defaults');
  fact('Policies', String(policies.length));
  return h('header', { className: ['report'] }, [h('h1', 'Policy check report'), h('dl', { className: ['facts'] }, facts)]);
}

function policiesTable(policies: Policy[]): Element {
  const rows = policies.map((p) =>
    h('tr', [
      h('th', { scope: 'row' }, [h('a', { href: `#${p.id}`, dir: 'auto' }, p.facts.title), h('br'), h('span', { className: ['file'] }, p.file)]),
      h('td', { dataLabel: 'Status' }, [statusBadge(p.status)]),
      h('td', { className: ['num'], dataLabel: 'Errors' }, String(p.result.errorCount)),
      h('td', { className: ['num'], dataLabel: 'Warnings' }, String(p.result.warningCount)),
      h('td', { dir: 'auto', className: ['nowrap'], dataLabel: 'Next review' }, p.facts.reviewDate ? `${p.facts.reviewDate}${p.facts.reviewPassed ? ' (passed)' : ''}` : 'not stated'),
      h('td', { dataLabel: 'Oldest guidance named' }, p.facts.oldestGuidance ?? 'none named'),
    ]),
  );
  return h('div', { className: ['wide'] }, [
    h('table', { className: ['stack'] }, [
      h('caption', 'Policies'),
      h('thead', [
        h('tr', [
          h('th', { scope: 'col' }, 'Policy'),
          h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col', className: ['num'] }, 'Errors'),
          h('th', { scope: 'col', className: ['num'] }, 'Warnings'),
          h('th', { scope: 'col' }, 'Next review'),
          h('th', { scope: 'col' }, 'Oldest guidance named'),
        ]),
      ]),
      h('tbody', rows),
    ]),
  ]);
}

function rulesTable(policies: Policy[], ctx: FormatterContext): Element | undefined {
  const byRule = new Map<string, { policies: Set<string>; findings: number; errors: number }>();
  for (const p of policies) {
    for (const m of p.result.messages) {
      let e = byRule.get(m.ruleId);
      if (!e) byRule.set(m.ruleId, (e = { policies: new Set(), findings: 0, errors: 0 }));
      e.policies.add(p.id);
      e.findings++;
      if (m.severity === 'error') e.errors++;
    }
  }
  if (byRule.size === 0) return undefined;
  const rows = [...byRule.entries()]
    .sort(([a, x], [b, y]) => y.policies.size - x.policies.size || y.findings - x.findings || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, e]) =>
      h('tr', [
        h('th', { scope: 'row' }, [h('a', { href: rulePageUrl(id) }, id)]),
        h('td', { dataLabel: 'What it checks' }, ctx.rules.get(id)?.description ?? ''),
        h('td', { className: ['num'], dataLabel: 'Policies' }, String(e.policies.size)),
        h('td', { className: ['num'], dataLabel: 'Findings' }, String(e.findings)),
      ]),
    );
  return h('div', { className: ['wide'] }, [
    h('table', { className: ['stack'] }, [
      h('caption', 'Rules by the number of policies they found something in'),
      h('thead', [
        h('tr', [
          h('th', { scope: 'col' }, 'Rule'),
          h('th', { scope: 'col' }, 'What it checks'),
          h('th', { scope: 'col', className: ['num'] }, 'Policies'),
          h('th', { scope: 'col', className: ['num'] }, 'Findings'),
        ]),
      ]),
      h('tbody', rows),
    ]),
  ]);
}

function finding(group: Group, result: LintResult, ctx: FormatterContext): Element {
  const m = group.first;
  const meta = ctx.rules.get(m.ruleId);
  const kind = m.severity === 'error' ? 'Change before approval' : 'Check and tidy up';
  const count = group.all.length;
  const where = count > 1 ? `${count} times: ${placesOf(group)}` : placesOf(group);
  const body: ElementContent[] = [h('p', [h('span', { className: ['kind'] }, `${kind}`), ' ', h('span', { className: ['where'] }, `(${where})`)])];
  let text: string | undefined;
  try {
    text = result.source?.text;
  } catch {
    text = undefined;
  }
  const ex = text === undefined ? undefined : excerptOf(text, m, 300);
  if (ex) {
    body.push(
      h('blockquote', { dir: 'auto' }, [h('p', [`${ex.cutStart ? '\u2026' : ''}${ex.before}`, ...(ex.words ? [h('mark', ex.words)] : []), `${ex.after}${ex.cutEnd ? '\u2026' : ''}`])]),
    );
  }
  body.push(h('p', [h('strong', 'What to change: '), h('span', { dir: 'auto' }, m.message)]));
  const why = whyOf(meta);
  if (why) body.push(h('p', { className: ['why'] }, [h('strong', 'Why: '), why]));
  body.push(h('p', [h('a', { href: rulePageUrl(m.ruleId) }, `About the rule ${m.ruleId}`)]));
  return h('li', { className: [m.severity] }, body);
}

/**
 * "Compared with the model" (rule model-drift, when the policy was compared with a model policy):
 * the model's sections present, missing and changed, what the policy adds, and each model section
 * with a finding.
 */
function modelTable(r: LintResult): Element | undefined {
  const t = r.tallies;
  if (t?.['model-drift/modelSections'] === undefined) return undefined;
  const n = (name: string): string => String(t[`model-drift/${name}`] ?? 0);
  const bySection = new Map<string, { missing: boolean; paragraphs: number; changed: number; line: number }>();
  for (const m of r.messages) {
    if (m.ruleId !== 'model-drift' || typeof m.data?.modelSection !== 'string') continue;
    let e = bySection.get(m.data.modelSection);
    const line = typeof m.data.modelLine === 'number' ? m.data.modelLine : Infinity;
    if (!e) bySection.set(m.data.modelSection, (e = { missing: false, paragraphs: 0, changed: 0, line }));
    e.line = Math.min(e.line, line);
    if (m.data.kind === 'missing-section') e.missing = true;
    else if (m.data.kind === 'missing-paragraph') e.paragraphs++;
    else if (m.data.kind === 'changed-paragraph') e.changed++;
  }
  const counts = h('table', [
    h('caption', 'Compared with the model'),
    h('thead', [
      h('tr', [
        h('th', { scope: 'col', className: ['num'] }, 'Model sections'),
        h('th', { scope: 'col', className: ['num'] }, 'Present'),
        h('th', { scope: 'col', className: ['num'] }, 'Missing'),
        h('th', { scope: 'col', className: ['num'] }, 'With changes'),
        h('th', { scope: 'col', className: ['num'] }, 'Paragraphs missing'),
        h('th', { scope: 'col', className: ['num'] }, 'Paragraphs changed'),
        h('th', { scope: 'col' }, 'Added by this policy (not problems)'),
      ]),
    ]),
    h('tbody', [
      h('tr', [
        h('td', { className: ['num'] }, n('modelSections')),
        h('td', { className: ['num'] }, n('sectionsPresent')),
        h('td', { className: ['num'] }, n('sectionsMissing')),
        h('td', { className: ['num'] }, n('sectionsChanged')),
        h('td', { className: ['num'] }, n('paragraphsMissing')),
        h('td', { className: ['num'] }, n('paragraphsChanged')),
        h('td', `${plural(Number(n('sectionsAdded')), 'section')}, ${plural(Number(n('paragraphsAdded')), 'paragraph')}`),
      ]),
    ]),
  ]);
  const children: ElementContent[] = [counts];
  if (bySection.size > 0) {
    children.push(
      h('table', [
        h('caption', 'Model sections that differ'),
        h('thead', [h('tr', [h('th', { scope: 'col' }, 'Section of the model'), h('th', { scope: 'col' }, 'In this policy')])]),
        h(
          'tbody',
          // In the model's order.
          [...bySection]
            .sort(([, a], [, b]) => a.line - b.line)
            .map(([section, e]) =>
              h('tr', [
                h('th', { scope: 'row', dir: 'auto' }, section),
                h(
                  'td',
                  e.missing
                    ? 'missing'
                    : [e.paragraphs ? plural(e.paragraphs, 'paragraph') + ' missing' : '', e.changed ? `${plural(e.changed, 'paragraph')} changed` : ''].filter(Boolean).join(', '),
                ),
              ]),
            ),
        ),
      ]),
    );
  }
  return h('div', { className: ['wide'] }, children);
}

function policySection(p: Policy, ctx: FormatterContext, only: boolean): Element {
  const r = p.result;
  const profile = profileOf(r);
  const facts: ElementContent[] = [
    h('dt', 'File'),
    h('dd', { className: ['file'] }, p.file),
    h('dt', 'Read as'),
    h('dd', profile ? `${profile.title}${profile.reason ? ` (${profile.reason})` : ''}` : 'a policy (no profile chosen)'),
    h('dt', 'Status'),
    h('dd', [statusBadge(p.status), ` ${plural(r.errorCount, 'error')}, ${plural(r.warningCount, 'warning')}`]),
  ];
  if (p.facts.reviewDate) facts.push(h('dt', 'Next review'), h('dd', { dir: 'auto' }, `${p.facts.reviewDate}${p.facts.reviewPassed ? ' (passed)' : ''}`));
  const children: ElementContent[] = [h('h2', { id: `${p.id}-title`, dir: 'auto' }, p.facts.title), h('dl', { className: ['facts'] }, facts)];
  const model = modelTable(r);
  if (model) children.push(model);
  const groups = groupRepeats(r.messages);
  if (groups.length === 0) children.push(h('p', 'Nothing found.'));
  for (const s of bySection(groups)) {
    children.push(h('h3', { dir: 'auto' }, s.section ? s.section : 'Before the first heading'));
    children.push(
      h(
        'ol',
        { className: ['findings'] },
        s.groups.map((g) => finding(g, r, ctx)),
      ),
    );
  }
  return h('section', { id: p.id, className: only ? ['policy', 'only'] : ['policy'], ariaLabelledBy: `${p.id}-title` }, children);
}

export function htmlReport(results: LintResult[], ctx: FormatterContext): Root {
  const policies: Policy[] = results.map((result, i) => {
    const file = relativePath(result.filePath, ctx.cwd);
    return { result, id: `policy-${i + 1}`, file, facts: policyFacts(result, ctx.guidance, file, ctx.asOf), status: statusOf(result) };
  });
  const main: ElementContent[] = [];
  if (policies.length > 1) {
    const c = plainCounts(results);
    const summary: ElementContent[] = [
      h('h2', { id: 'summary-title' }, 'Summary'),
      h('p', `${plural(policies.length, 'policy').replace(/policys$/, 'policies')}: ${c.errors} things to change before approval, ${c.warnings} to check and tidy up.`),
      policiesTable(policies),
    ];
    const rules = rulesTable(policies, ctx);
    if (rules) summary.push(rules);
    main.push(h('section', { className: ['summary'], ariaLabelledBy: 'summary-title' }, summary));
  }
  for (const p of policies) main.push(policySection(p, ctx, policies.length === 1));
  if (policies.length === 0) main.push(h('p', 'No policies were checked.'));
  if (ctx.suppressed) main.push(h('p', `${plural(ctx.suppressed, 'finding')} recorded in the baseline ${ctx.suppressed === 1 ? 'is' : 'are'} not shown.`));
  const title = policies.length === 1 ? `Policy check: ${policies[0]!.facts.title}` : `Policy check: ${policies.length} policies`;
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en-GB' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'generator', content: `policy-lint${ctx.version ? ` ${ctx.version}` : ''}` }),
          h('title', title),
          h('style', CSS.trim()),
        ]),
        h('body', [
          header(ctx, policies),
          h('main', main),
          h('footer', [
            h(
              'p',
              `Made by policy-lint${ctx.version ? ` ${ctx.version}` : ''}${ctx.asOf ? `, checked as at ${formatDay(ctx.asOf)}` : ''}. Each finding links to its rule's page, which says what the rule checks and the guidance it rests on.`,
            ),
          ]),
        ]),
      ]),
    ],
  };
}

export const html: Formatter = (results, ctx) => `${toHtml(htmlReport(results, ctx))}\n`;

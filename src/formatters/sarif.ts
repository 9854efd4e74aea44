/**
 * sarif: SARIF 2.1.0, the format GitHub code scanning uploads
 * (github/codeql-action/upload-sarif), Azure DevOps and many IDEs read.
 *
 * - tool.driver: name, version, informationUri and every rule with its
 *   short and full description, help text (plain and Markdown) and helpUri.
 * - results: ruleId, ruleIndex, level, message.text, one location whose
 *   artifactLocation.uri is relative to the current directory (forward
 *   slashes, percent-encoded, uriBaseId %SRCROOT%) with a region
 *   startLine/startColumn/endLine/endColumn (columns in UTF-16 code units, the
 *   SARIF default, as everywhere in policy-lint).
 *   When the finding is in a section, the location also has a logical
 *   location naming it: `name` the section's title, `fullyQualifiedName` its
 *   title path ("Roles and Responsibilities > The Designated Teacher").
 * - For a Word (.docx) or PDF file, whose line and column point into the text
 *   view policy-lint read (`--print-text`), where a reader of the document
 *   looks: the paragraph (Word) or page (PDF) in the result's `properties`
 *   (`paragraph` / `page`, and `section`), in the region's `message` ("paragraph
 *   38 in Roles and Responsibilities", SARIF 2.1.0 §3.30.14), and at the end of
 *   `message.text` ("... (paragraph 38)"), the one text every viewer shows
 *   (GitHub's alert cannot show a line of a Word or PDF file).
 * - partialFingerprints.primaryLocationLineHash: a hash of the rule id and
 *   the text of the finding's line, plus `:n` for the n-th such finding on
 *   identical lines, so that code scanning keeps tracking an alert when
 *   unrelated text above it moves it to another line number.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleMeta } from '../types.js';
import type { Formatter } from './types.js';
import { DOCS_URL, ruleHelpUri } from './shared.js';
import { lineOf, shortHash } from '../runner/baseline.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

interface Location {
  uri: string;
  uriBaseId?: string;
}

function artifactLocation(filePath: string, cwd: string): Location {
  const abs = path.resolve(cwd, filePath);
  const rel = path.relative(cwd, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function helpText(meta: RuleMeta): string {
  const parts = [meta.description, meta.rationale];
  if (meta.notes) parts.push(`Notes: ${meta.notes}`);
  if (meta.sources.length) parts.push(`Sources:\n${meta.sources.map((s) => `- ${s.title}${s.url ? ` (${s.url})` : ''}`).join('\n')}`);
  const uri = ruleHelpUri(meta);
  if (uri) parts.push(`Documentation: ${uri}`);
  return parts.join('\n\n');
}

/**
 * Plain text as Markdown that renders as written: an HTML comment or tag (`<!-- policy-lint-disable -->`,
 * which a renderer would hide or drop) becomes code, and a lone `<` or `>` is escaped. Text already in
 * backticks is left as code.
 */
export function markdownText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>|[<>]/g, (html) => (html.length > 1 ? `\`${html}\`` : `\\${html}`))))
    .join('');
}

function helpMarkdown(meta: RuleMeta): string {
  const parts = [`**${markdownText(meta.description)}**`, markdownText(meta.rationale)];
  if (meta.notes) parts.push(`*Notes:* ${markdownText(meta.notes)}`);
  if (meta.sources.length) parts.push(`Sources:\n\n${meta.sources.map((s) => (s.url ? `- [${markdownText(s.title)}](${s.url})` : `- ${markdownText(s.title)}`)).join('\n')}`);
  const uri = ruleHelpUri(meta);
  if (uri) parts.push(`[Rule documentation](${uri})`);
  return parts.join('\n\n');
}

function descriptor(id: string, meta: RuleMeta | undefined): Record<string, unknown> {
  if (!meta) return { id, shortDescription: { text: id } };
  const helpUri = ruleHelpUri(meta);
  return {
    id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: { text: helpText(meta), markdown: helpMarkdown(meta) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: meta.severity === 'error' ? 'error' : 'warning' },
    properties: { tags: ['policy'], fixable: meta.fixable === false ? 'no' : meta.fixable },
  };
}

/** A section as a SARIF logical location: its own title, and its title path. */
function logicalLocation(section: string): Record<string, string> {
  const at = section.lastIndexOf(' > ');
  return { name: at === -1 ? section : section.slice(at + 3), fullyQualifiedName: section };
}

/** The primaryLocationLineHash of each message of one file, in order. */
export function lineHashes(ruleIds: string[], lineTexts: string[]): string[] {
  const seen = new Map<string, number>();
  return ruleIds.map((ruleId, i) => {
    const hash = shortHash(ruleId, (lineTexts[i] ?? '').trim().replace(/\s+/g, ' '));
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

export const sarif: Formatter = (results, { cwd, rules, version, suppressed = 0 }) => {
  const ids = new Set(rules.keys());
  for (const r of results) for (const m of r.messages) ids.add(m.ruleId);
  const order = [...ids].sort();
  const index = new Map(order.map((id, i) => [id, i]));
  const sarifResults: unknown[] = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, cwd);
    const text = result.source?.text;
    const hashes = lineHashes(
      result.messages.map((m) => m.ruleId),
      result.messages.map((m) => (text === undefined ? m.message : lineOf(text, m.line))),
    );
    result.messages.forEach((m, i) => {
      const place = m.paragraph !== undefined ? `paragraph ${m.paragraph}` : m.page !== undefined ? `page ${m.page}` : undefined;
      const inDocument = place !== undefined && (result.readAs === 'docx' || result.readAs === 'pdf');
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: index.get(m.ruleId),
        level: m.severity === 'error' ? 'error' : 'warning',
        message: { text: inDocument ? `${m.message} (${place})` : m.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: {
                startLine: m.line,
                startColumn: m.column,
                endLine: m.endLine,
                endColumn: m.endColumn,
                ...(inDocument ? { message: { text: `${place}${m.section ? ` in ${m.section}` : ''}` } } : {}),
              },
            },
            ...(m.section ? { logicalLocations: [logicalLocation(m.section)] } : {}),
          },
        ],
        partialFingerprints: { primaryLocationLineHash: hashes[i] },
        ...(inDocument ? { properties: { ...(m.paragraph !== undefined ? { paragraph: m.paragraph } : { page: m.page }), ...(m.section ? { section: m.section } : {}) } } : {}),
      });
    });
  }
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'policy-lint',
        ...(version ? { version, semanticVersion: version } : {}),
        informationUri: DOCS_URL,
        rules: order.map((id) => descriptor(id, rules.get(id))),
      },
    },
    columnKind: 'utf16CodeUnits',
    results: sarifResults,
  };
  if (suppressed > 0) run.properties = { suppressedByBaseline: suppressed };
  return `${JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
};

/**
 * Inline directives: HTML comments in a policy that silence findings, with a
 * reason for the record.
 *
 *     <!-- policy-lint-disable review-date -- governors agreed a two-year cycle -->
 *     ...everything after it, until...
 *     <!-- policy-lint-enable review-date -->
 *
 *     Text <!-- policy-lint-disable-line empty-link -->          (this line)
 *     <!-- policy-lint-disable-next-line placeholder-text -->     (the next line)
 *
 * - No rule list means every rule; ids are separated by commas or spaces.
 * - ` -- reason` is optional free text after the ids.
 * - A range directive silences findings that START at or after the comment
 *   (until a matching enable); -line and -next-line look at the line on which a
 *   finding starts. Findings about the whole document are reported at line 1,
 *   column 1: silence them with a directive at the very top of the file.
 * - Directives are read from the Markdown tree (`html` nodes, block or
 *   inline), so a comment inside a code span or escaped text is not one.
 *
 * Problems with directives are reported as the built-in pseudo-rule
 * `policy-lint/directive`, which cannot itself be disabled: an unknown rule id
 * or an unknown `policy-lint-*` keyword is an error (the directive would
 * silently fail to do what its author meant); with --report-unused-directives,
 * a disable directive that silences nothing is a warning.
 *
 * With --no-inline-config (or settings.noInlineConfig), as ESLint's noInlineConfig, directives silence nothing:
 * every finding is reported, and each directive is a warning that says it has no effect (with its reason), so
 * that a trust can see what its schools silenced and why.
 */
import type { Diagnostic, PolicyDocument, RuleMeta, Settings, Severity } from '../types.js';
import { didYouMean } from '../config/errors.js';
import { compareDiagnostics } from './summary.js';
import { DOCS_URL } from '../package-root.js';

export const DIRECTIVE_RULE_ID = 'policy-lint/directive';

export const DIRECTIVE_KINDS = ['disable', 'enable', 'disable-line', 'disable-next-line'] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty means every rule. */
  rules: { id: string; start: number; end: number }[];
  reason?: string;
  /** Source offsets of the whole comment. */
  start: number;
  end: number;
  line: number;
  endLine: number;
}

interface Problem {
  message: string;
  start: number;
  end: number;
  severity: Severity;
}

/** Documentation of the pseudo-rule, for --list-rules, --explain and SARIF. */
export const directiveMeta: RuleMeta = {
  id: DIRECTIVE_RULE_ID,
  description: 'Inline policy-lint directives must name known rules (and, with --report-unused-directives, silence something).',
  severity: 'error',
  fixable: false,
  rationale:
    'A comment such as `<!-- policy-lint-disable review-date -- reason -->` silences findings in a policy. If it names a rule that does ' +
    'not exist (a typo), it silences nothing and the finding it was meant to excuse comes back, so the mistake is reported. With ' +
    '--report-unused-directives, a directive that no longer silences anything (the text was corrected) is reported as a warning so it ' +
    'can be removed. With --no-inline-config (or settings.noInlineConfig) directives silence nothing and each is reported as a ' +
    'warning quoting its reason, so that a trust can audit what its schools have silenced.',
  sources: [{ title: 'ESLint: disabling rules with inline comments', url: 'https://eslint.org/docs/latest/use/configure/rules#disabling-rules' }],
  notes: 'This pseudo-rule cannot be configured or disabled. Unknown ids are errors; unused directives are warnings and do not change the exit code.',
  examples: [],
  docsUrl: `${DOCS_URL}/blob/main/docs/configuration.md#inline-directives`,
};

export const UNCLOSED_COMMENT_RULE_ID = 'policy-lint/unclosed-comment';

/** Documentation of the pseudo-rule, for --list-rules, --explain and SARIF. */
export const unclosedCommentMeta: RuleMeta = {
  id: UNCLOSED_COMMENT_RULE_ID,
  description: 'An HTML comment (`<!--`) must be closed with `-->`: in Markdown, an unclosed one makes the rest of the document a comment.',
  severity: 'warning',
  fixable: false,
  rationale:
    'In Markdown, a line that starts with `<!--` opens a comment that runs to the next `-->`. With no `-->` after it, everything from there ' +
    'to the end of the document is a comment: a Markdown viewer shows none of it, and a linter that read the file as Markdown would check ' +
    'none of it. A stray `<!--` is usually a slip (a half-deleted note, a directive whose end was lost), and a school must not lose the checks ' +
    'of the rest of its policy because of it: policy-lint reads everything after the `<!--` as policy text, checks it as usual, and warns at ' +
    'the comment. Close the comment with `-->` where the note should end, or remove the `<!--`.',
  sources: [{ title: 'CommonMark: HTML blocks (start condition 2, `<!--`, ends at `-->`)', url: 'https://spec.commonmark.org/0.31.2/#html-blocks' }],
  notes:
    'A warning, reported once per file at the first unclosed `<!--`. Every rule still reads the text after it (directives written after it are ' +
    'read as text, so they silence nothing). It cannot be configured or silenced with a directive; --quiet hides it with the other warnings.',
  examples: [],
  docsUrl: `${DOCS_URL}/blob/main/docs/configuration.md#an-unclosed-comment`,
};

/** The warning at a document's first unclosed `<!--` (src/document/parse.ts reads on after it), if it has one. */
export function unclosedCommentDiagnostic(doc: PolicyDocument): Diagnostic | undefined {
  const at = (doc.mdast.data as { unclosedCommentAt?: number } | undefined)?.unclosedCommentAt;
  if (at === undefined) return undefined;
  const s = doc.pointAt(at);
  const e = doc.pointAt(at + 4);
  return {
    ruleId: UNCLOSED_COMMENT_RULE_ID,
    severity: 'warning',
    message:
      'This HTML comment ("<!--") is never closed with "-->", so in Markdown everything after it, to the end of the document, is a comment that ' +
      'viewers do not show. policy-lint still reads the rest as policy text; close the comment with "-->" where it should end, or remove the "<!--".',
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    start: at,
    end: at + 4,
  };
}

const COMMENT = /<!--([\s\S]*?)-->/g;

/** Every html node (block or inline) of the tree, as source ranges. */
function htmlRanges(doc: PolicyDocument): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  // Depth-first in document order, without recursion (the tree can be thousands deep).
  const stack: unknown[] = [doc.mdast];
  while (stack.length > 0) {
    const n = stack.pop() as { type?: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] };
    if (n.type === 'html' && n.position) out.push({ start: n.position.start.offset ?? 0, end: n.position.end.offset ?? 0 });
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return out;
}

/** Parse the directives of a document, and the comments that look like directives but are not. */
export function findDirectives(doc: PolicyDocument): { directives: Directive[]; problems: Problem[] } {
  const directives: Directive[] = [];
  const problems: Problem[] = [];
  for (const range of htmlRanges(doc)) {
    const source = doc.text.slice(range.start, range.end);
    COMMENT.lastIndex = 0;
    let c: RegExpExecArray | null;
    while ((c = COMMENT.exec(source)) !== null) {
      const start = range.start + c.index;
      const end = start + c[0].length;
      const inner = c[1]!;
      const lead = /^\s*/.exec(inner)![0].length;
      const head = /^policy-lint-([a-z-]+)/i.exec(inner.slice(lead));
      if (!head) continue;
      const keyword = head[1]!.toLowerCase();
      if (!(DIRECTIVE_KINDS as readonly string[]).includes(keyword)) {
        problems.push({
          message: `Unknown directive "policy-lint-${head[1]}"${didYouMean(
            `policy-lint-${keyword}`,
            DIRECTIVE_KINDS.map((k) => `policy-lint-${k}`),
          )} (directives: ${DIRECTIVE_KINDS.map((k) => `policy-lint-${k}`).join(', ')}).`,
          start,
          end,
          severity: 'error',
        });
        continue;
      }
      const restAt = lead + head[0].length;
      let rest = inner.slice(restAt);
      if (rest !== '' && !/^\s/.test(rest)) {
        problems.push({ message: `Unknown directive "policy-lint-${head[1]}${/^\S*/.exec(rest)![0]}": put a space between the directive and the rule ids.`, start, end, severity: 'error' });
        continue;
      }
      let reason: string | undefined;
      const sep = /(?:^|\s)--(?:\s|$)/.exec(rest);
      if (sep) {
        reason = rest.slice(sep.index + sep[0].length).trim() || undefined;
        rest = rest.slice(0, sep.index);
      }
      const base = start + 4 + restAt; // "<!--" + offset of rest within the comment body
      const rules: Directive['rules'] = [];
      const idRe = /[^\s,]+/g;
      let m: RegExpExecArray | null;
      while ((m = idRe.exec(rest)) !== null) rules.push({ id: m[0], start: base + m.index, end: base + m.index + m[0].length });
      const directive: Directive = {
        kind: keyword as DirectiveKind,
        rules,
        start,
        end,
        line: doc.pointAt(start).line,
        endLine: doc.pointAt(end).line,
      };
      if (reason !== undefined) directive.reason = reason;
      directives.push(directive);
    }
  }
  directives.sort((a, b) => a.start - b.start);
  return { directives, problems };
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.some((r) => r.id === ruleId);
}

/**
 * The range directives (disable / enable) in force, read in document order:
 * `advanceTo(offset)` takes in every directive that starts at or before
 * `offset` (offsets must not go back), `at(ruleId)` is the disable directive
 * then in force for the rule, if any. One pass over the directives for all
 * the findings of a document, whatever their number.
 */
class RangeState {
  private next = 0;
  private all: Directive | undefined;
  private readonly exceptions = new Set<string>();
  private readonly perRule = new Map<string, Directive>();

  constructor(private readonly ranges: Directive[]) {}

  advanceTo(offset: number): void {
    for (; this.next < this.ranges.length && this.ranges[this.next]!.start <= offset; this.next++) {
      const d = this.ranges[this.next]!;
      if (d.rules.length === 0) {
        this.all = d.kind === 'disable' ? d : undefined;
        this.exceptions.clear();
        this.perRule.clear();
      } else if (d.kind === 'disable') {
        for (const r of d.rules) {
          this.perRule.set(r.id, d);
          this.exceptions.delete(r.id);
        }
      } else {
        for (const r of d.rules) {
          this.perRule.delete(r.id);
          if (this.all) this.exceptions.add(r.id);
        }
      }
    }
  }

  at(ruleId: string): Directive | undefined {
    return this.perRule.get(ruleId) ?? (this.all && !this.exceptions.has(ruleId) ? this.all : undefined);
  }
}

function diagnosticOf(doc: PolicyDocument, p: Problem): Diagnostic {
  const s = doc.pointAt(p.start);
  const e = doc.pointAt(p.end);
  return {
    ruleId: DIRECTIVE_RULE_ID,
    severity: p.severity,
    message: p.message,
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    start: p.start,
    end: p.end,
  };
}

const WHERE: Record<Exclude<DirectiveKind, 'enable'>, string> = {
  disable: 'after it',
  'disable-line': 'on its line',
  'disable-next-line': 'on the next line',
};

/**
 * Drop the findings that directives silence, and add the directive problems
 * (unknown ids always when `settings.directives.knownRules` is given; unused
 * directives when `reportUnused` is set). Returns sorted diagnostics; the
 * silenced ones, each with the directive's reason as its suppression, are
 * added to `suppressed` when given (in report order).
 */
export function applyDirectives(doc: PolicyDocument, diagnostics: Diagnostic[], settings: Settings, suppressed?: Diagnostic[]): Diagnostic[] {
  const { directives, problems } = findDirectives(doc);
  if (directives.length === 0 && problems.length === 0) return diagnostics;
  const off = settings.directives?.noInlineConfig;
  if (off !== undefined) {
    for (const d of directives) {
      const ids = d.rules.map((r) => r.id).join(', ');
      problems.push({
        message: `"policy-lint-${d.kind}${ids ? ` ${ids}` : ''}" has no effect: inline directives are off (${off})${d.reason !== undefined ? `; its reason: "${d.reason}"` : ''}.`,
        start: d.start,
        end: d.end,
        severity: 'warning',
      });
    }
    return [...diagnostics, ...problems.map((p) => diagnosticOf(doc, p))].sort(compareDiagnostics);
  }
  const known = settings.directives?.knownRules ? new Set(settings.directives.knownRules) : undefined;
  const reportUnused = Boolean(settings.directives?.reportUnused);

  const unknown = new Set<string>();
  if (known) {
    for (const d of directives) {
      for (const r of d.rules) {
        if (known.has(r.id)) continue;
        unknown.add(`${d.start}:${r.id}`);
        problems.push({
          message: `Unknown rule "${r.id}" in a policy-lint-${d.kind} directive, so it ${d.kind === 'enable' ? 'enables' : 'silences'} nothing${didYouMean(r.id, known) || '.'}`,
          start: r.start,
          end: r.end,
          severity: 'error',
        });
      }
    }
  }

  const ranges = new RangeState(directives.filter((d) => d.kind === 'disable' || d.kind === 'enable'));
  // The line directives by the lines they cover, in document order (the first that covers a finding silences it).
  const lineDirectives = new Map<number, Directive[]>();
  const onLine = (line: number, d: Directive): void => {
    const list = lineDirectives.get(line);
    if (list) list.push(d);
    else lineDirectives.set(line, [d]);
  };
  for (const d of directives) {
    if (d.kind === 'disable-line') for (let line = d.line; line <= d.endLine; line++) onLine(line, d);
    else if (d.kind === 'disable-next-line') onLine(d.endLine + 1, d);
  }
  const used = new Map<Directive, Set<string>>();
  const markUsed = (d: Directive, ruleId: string): void => {
    let set = used.get(d);
    if (!set) used.set(d, (set = new Set()));
    set.add(d.rules.length === 0 ? '*' : ruleId);
  };

  // Findings in the order of their start offsets, so that the range directives are read once.
  const silenced = new Set<Diagnostic>();
  for (const diagnostic of [...diagnostics].sort((a, b) => a.start - b.start)) {
    if (diagnostic.ruleId === DIRECTIVE_RULE_ID) continue;
    ranges.advanceTo(diagnostic.start);
    const by = lineDirectives.get(diagnostic.line)?.find((d) => covers(d, diagnostic.ruleId)) ?? ranges.at(diagnostic.ruleId);
    if (by) {
      markUsed(by, diagnostic.ruleId);
      silenced.add(diagnostic);
      suppressed?.push({ ...diagnostic, suppressions: [{ kind: 'directive', justification: by.reason ?? '' }] });
    }
  }
  const kept = diagnostics.filter((d) => !silenced.has(d));
  suppressed?.sort(compareDiagnostics);

  if (reportUnused) {
    for (const d of directives) {
      if (d.kind === 'enable') continue;
      const where = WHERE[d.kind];
      const got = used.get(d);
      if (d.rules.length === 0) {
        if (!got)
          problems.push({ message: `Unused policy-lint-${d.kind} directive: no problems were reported ${where}, so it can be removed.`, start: d.start, end: d.end, severity: 'warning' });
        continue;
      }
      for (const r of d.rules) {
        if (unknown.has(`${d.start}:${r.id}`) || got?.has(r.id)) continue;
        problems.push({
          message: `Unused policy-lint-${d.kind} directive for "${r.id}": no problems from that rule were reported ${where}, so "${r.id}" can be removed from it.`,
          start: r.start,
          end: r.end,
          severity: 'warning',
        });
      }
    }
  }

  return [...kept, ...problems.map((p) => diagnosticOf(doc, p))].sort(compareDiagnostics);
}

/**
 * The rule engine: run the enabled rules over a document, enforce their
 * metadata, and return sorted, de-duplicated diagnostics.
 */
import { locationAt } from '../document/source.js';
import type { Diagnostic, MessageData, PolicyDocument, ReportDescriptor, Rule, RuleOptions, Section, Settings, Severity } from '../types.js';
import { applyDirectives } from './directives.js';
import { compareDiagnostics } from './summary.js';

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  options: RuleOptions;
}

/** A rule broke its contract or threw: an internal error, reported with exit code 2. */
/** The identity of a finding made from a message id and its values, without the values named `asOf...`. */
export function findingIdentity(messageId: string, data: Readonly<Record<string, unknown>> = {}): string {
  const kept = Object.keys(data)
    .filter((k) => !/^asOf/.test(k))
    .sort()
    .map((k) => `${k}=${JSON.stringify(data[k])}`);
  return [messageId, ...kept].join('\u0000');
}

export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

/**
 * The options a rule receives: every option it declares, at its default
 * unless configured. Configured values were validated against the schemas
 * when the configuration was resolved (src/config/options.ts); the defaults
 * are applied here, once, so rules never re-apply them.
 */
export function withDefaults(rule: Rule, options: RuleOptions): RuleOptions {
  const out: RuleOptions = {};
  for (const [name, schema] of Object.entries(rule.meta.options ?? {})) {
    Object.defineProperty(out, name, { value: Object.hasOwn(options, name) ? options[name] : schema.default, enumerable: true, writable: true, configurable: true });
  }
  for (const [name, value] of Object.entries(options)) if (!Object.hasOwn(out, name)) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g;

/** A message template with its `{{name}}` placeholders filled from `data`; a placeholder without data is left as written. */
export function interpolate(template: string, data: MessageData | undefined): string {
  if (!data) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.hasOwn(data, name)) return whole;
    const value = data[name];
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

/** The text of a report: from `meta.messages` by id (every placeholder must have data), or the plain message of a rule that declares none. */
function messageOf(rule: Rule, d: ReportDescriptor): string {
  const { id, messages } = rule.meta;
  if (d.messageId === undefined) {
    if (messages) throw new RuleError(id, `rule "${id}" declares meta.messages, so it must report a messageId, not a plain message`);
    if (typeof d.message !== 'string') throw new RuleError(id, `rule "${id}" reported neither a messageId nor a message`);
    return d.message;
  }
  const template = messages && Object.hasOwn(messages, d.messageId) ? messages[d.messageId] : undefined;
  if (template === undefined) throw new RuleError(id, `rule "${id}" reported the messageId "${d.messageId}", which is not in its meta.messages`);
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (!d.data || !Object.hasOwn(d.data, m[1]!)) throw new RuleError(id, `rule "${id}" reported "${d.messageId}" without data for {{${m[1]!}}}`);
  }
  return interpolate(template, d.data);
}

/** A section's title path from the top: "Roles and Responsibilities > The Designated Teacher". */
export function sectionPath(section: Section): string {
  const titles: string[] = [];
  for (let s: Section | undefined = section; s && s.parent; s = s.parent) titles.push(s.title);
  return titles.reverse().join(' > ');
}

const finders = new WeakMap<PolicyDocument, (offset: number) => string>();

/**
 * The title path of the innermost section that holds a source offset ("" before
 * the first heading). A section holds its heading and everything up to the end
 * of its last block, children included.
 */
export function sectionAt(doc: PolicyDocument, offset: number): string {
  let find = finders.get(doc);
  if (!find) {
    const sections = doc.sections;
    const paths = new Map<Section, string>();
    find = (at: number): string => {
      // The last section that starts at or before the offset ...
      let lo = 0;
      let hi = sections.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sections[mid]!.start.offset <= at) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      // ... or the nearest of its ancestors that has not ended before it.
      let s: Section | undefined = found >= 0 ? sections[found] : undefined;
      while (s && s.parent && at > s.end.offset) s = s.parent;
      if (!s || !s.parent) return '';
      let p = paths.get(s);
      if (p === undefined) {
        p = sectionPath(s);
        paths.set(s, p);
      }
      return p;
    };
    finders.set(doc, find);
  }
  return find(offset);
}

/** Give each diagnostic the section it starts in (absent before the first heading). */
export function attachSections(doc: PolicyDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const located = doc.source.locations !== undefined;
  for (const d of diagnostics) {
    const section = sectionAt(doc, d.start);
    if (section) d.section = section;
    // A Word or PDF file: the paragraph or page the finding starts in.
    if (located) {
      const at = locationAt(doc.source, d.start);
      if (at?.paragraph !== undefined) d.paragraph = at.paragraph;
      if (at?.page !== undefined) d.page = at.page;
    }
  }
  return diagnostics;
}

/**
 * Run `rules` over `doc`. What rules count with `context.tally` (things found
 * that are not problems) is added into `tallies`, when given, under
 * `<rule id>/<name>`. Findings that inline directives silence are added to
 * `suppressed`, when given.
 */
export function runRules(doc: PolicyDocument, rules: EnabledRule[], settings: Settings, tallies?: Record<string, number>, suppressed?: Diagnostic[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const { rule, severity, options } of rules) {
    const { id, fixable } = rule.meta;
    const tally = (name: string, count: number): void => {
      if (!tallies || !Number.isFinite(count) || count === 0) return;
      const key = `${id}/${name}`;
      tallies[key] = (tallies[key] ?? 0) + count;
    };
    const report = (d: ReportDescriptor): void => {
      if (d.fix) {
        if (!fixable) throw new RuleError(id, `rule "${id}" reported a fix but does not declare meta.fixable`);
        if (fixable === 'suggestion' && d.fix.safety === 'safe') {
          throw new RuleError(id, `rule "${id}" reported a safe fix but declares only suggestion fixes`);
        }
      }
      const start = Math.max(0, Math.min(d.start, doc.text.length));
      const end = Math.max(start, Math.min(d.end, doc.text.length));
      const s = doc.pointAt(start);
      const e = doc.pointAt(end);
      const diagnostic: Diagnostic = {
        ruleId: id,
        severity,
        message: messageOf(rule, d),
        ...(d.messageId !== undefined ? { messageId: d.messageId } : {}),
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        start,
        end,
      };
      if (d.fix) diagnostic.fix = d.fix;
      // A rule's own facts about a finding are kept on it: the data of a plain message, the facts of a messageId
      // (whose data only fills its message).
      const facts = d.messageId === undefined ? d.data : d.facts;
      if (facts) diagnostic.data = facts;
      if (d.messageId !== undefined) diagnostic.identity = findingIdentity(d.messageId, d.data);
      found.push(diagnostic);
    };
    try {
      rule.check({ doc, settings, options: withDefaults(rule, options), report, tally });
    } catch (error) {
      if (error instanceof RuleError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new RuleError(id, `rule "${id}" failed: ${message}`);
    }
  }
  found.sort(compareDiagnostics);
  const seen = new Set<string>();
  const unique = found.filter((d) => {
    const key = `${d.ruleId}\u0000${d.start}\u0000${d.end}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Inline <!-- policy-lint-disable ... --> directives (src/engine/directives.ts).
  const silenced: Diagnostic[] = [];
  const kept = attachSections(doc, applyDirectives(doc, unique, settings, silenced));
  if (suppressed) suppressed.push(...attachSections(doc, silenced));
  return kept;
}

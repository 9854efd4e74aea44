/**
 * The shapes every stage shares: document, section, text block, rule, diagnostic.
 *
 * Offsets are UTF-16 code-unit indexes into `PolicyDocument.text` (the decoded
 * text with LF line endings). Lines and columns are 1-based, columns counted in
 * UTF-16 code units (as ESLint and SARIF do), a tab counting as one column.
 */
import type { Root, Nodes } from 'mdast';
import type { SourceText } from './document/source.js';
import type { Guidance } from './domain/guidance.js';

export type Severity = 'error' | 'warning';
export type SeverityOrOff = Severity | 'off';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

/**
 * A run of readable text taken from one leaf block of the Markdown tree
 * (a paragraph, a heading, a table cell), with the markup removed
 * (`**`, `[`, `](#)`, backslash escapes) and a map from each character back
 * to its offset in the source. Rules match their patterns here, so that
 * "KCSIE [guidance](#) ... September 2024" reads as the sentence it is.
 */
export interface TextBlock {
  kind: 'paragraph' | 'heading' | 'tableCell' | 'html';
  /** Plain text of the block. Soft line breaks are kept as "\n". */
  text: string;
  /** `map[i]` is the source offset of `text[i]`; `map[text.length]` is the block's end offset. */
  map: number[];
  /** Source offsets of the whole block. */
  start: number;
  end: number;
  /** The mdast node the text came from. */
  node: Nodes;
  /** True for blocks inside a list item. */
  inList: boolean;
  /** Table cells: every cell of the same row, in order, and this cell's index. */
  row?: TextBlock[];
  cellIndex?: number;
  /** The innermost section that holds the block. */
  section: Section;
  /** Index of the block in `PolicyDocument.blocks`. */
  index: number;
}

export type HeadingStyle = 'root' | 'atx' | 'setext' | 'bold' | 'plain';

export interface Section {
  /** Heading text without markup or a trailing colon, with its number if it has one ("5.1 The Designated Teacher"). */
  title: string;
  /** The heading's number ("5.1", "A", "iv", "3" of "Section 3:"), when it is numbered; titles are matched without it. */
  number?: string;
  /** Depth in the section tree: 1 for top-level sections, 0 for the document root. */
  level: number;
  /** How the heading was marked in the source. */
  style: HeadingStyle;
  /** The id of the model-policy section the heading names, when it names one (see src/domain/vocabulary.ts). */
  canonical?: string;
  /** Start of the heading (line and column where the heading's paragraph starts). */
  start: Point;
  /** End of the section, children included. */
  end: Point;
  /** Source offsets of the heading's title text. */
  titleStart: number;
  titleEnd: number;
  /** The heading's own text block (absent for the root). */
  heading?: TextBlock;
  /** The section's own body blocks (not the heading, not those of its child sections). */
  blocks: TextBlock[];
  children: Section[];
  parent?: Section;
}

export interface ContentsEntry {
  title: string;
  start: Point;
  end: Point;
}

/** A "Content:" list near the top of the document: a table of contents, not sections. */
export interface ContentsList {
  start: Point;
  entries: ContentsEntry[];
}

export interface PolicyDocument {
  filePath: string;
  source: SourceText;
  /** Decoded text with LF line endings (same as `source.text`). */
  text: string;
  mdast: Root;
  /** The document root: level 0, holds the top-level sections as children. */
  root: Section;
  /** Every section in document order (root excluded). */
  sections: Section[];
  contents?: ContentsList;
  /** Every text block in document order. */
  blocks: TextBlock[];
  pointAt(offset: number): Point;
}

export type FixSafety = 'safe' | 'suggestion';

/** One replacement of the text between two source offsets. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  safety: FixSafety;
  edits: TextEdit[];
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The id of the message in the rule's `meta.messages` (absent for rules that report plain messages, e.g. pack rules). */
  messageId?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Source offsets of the range. */
  start: number;
  end: number;
  fix?: Fix;
  /**
   * The section the finding starts in, as the path of section titles from the
   * top ("Roles and Responsibilities > The Designated Teacher"); absent for
   * text before the first heading. Set by the engine (src/engine/engine.ts).
   */
  section?: string;
  /** Extra facts about the finding, as plain data (e.g. the model-policy section and paragraph it compares with); carried by the JSON report. */
  data?: DiagnosticData;
  /** A Word document's body paragraph (1-based, table cells included) the finding starts in. */
  paragraph?: number;
  /** A PDF's page (1-based) the finding starts in. */
  page?: number;
  /** A date-free identity for baselines (from the report's messageId and data, without its `asOf...` values); absent when the rule gives none. */
  identity?: string;
  /** For a finding that is not reported because something silenced it (ESLint's `suppressedMessages`): what did, and why. */
  suppressions?: Suppression[];
}

/**
 * What silenced a finding: an inline directive (`<!-- policy-lint-disable ... -- reason -->`, its reason as the
 * justification, "" when it gives none), or a baseline file that records it (its name as the justification).
 */
export interface Suppression {
  kind: 'directive' | 'baseline';
  justification: string;
}

/** Plain data a rule may attach to a finding: names to texts, numbers, booleans or lists of texts. */
export type DiagnosticData = Record<string, string | number | boolean | null | string[]>;

export interface RuleSource {
  title: string;
  url?: string;
}

/** A documented example: text and the diagnostics it must produce ("line:col message-substring"). */
export interface RuleExample {
  title: string;
  text: string;
  /** Expected findings as "line:column" strings, in order; empty for a passing example. */
  expect: string[];
  /** Rule options for the example. */
  options?: Record<string, unknown>;
  /** As-of date for the example (defaults to 2026-11-24 in docs and tests). */
  asOf?: string;
  /** Text after applying the rule's fixes, for fixable rules. */
  output?: string;
  /** For rules that compare a policy with a model policy (--model): the model's text. */
  model?: string;
}

/**
 * A JSON Schema (the subset policy-lint's rule options use), checked with ajv
 * where the configuration is resolved (src/config/options.ts).
 */
export interface JsonSchema {
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  enum?: readonly (string | number | boolean)[];
  items?: JsonSchema;
  minItems?: number;
  uniqueItems?: boolean;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  anyOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  description?: string;
}

/** One rule option: its JSON Schema, what it does, and the value it takes when not configured. */
export interface OptionSchema extends JsonSchema {
  description: string;
  default: unknown;
  /**
   * For a list of texts: each is a regular expression that the rule compiles with these flags (besides g);
   * a configured one is refused (file:line:column) when it does not compile or could make matching slow.
   */
  regexFlags?: string;
}

export interface RuleMeta {
  /** kebab-case id, also the file name in rules/. */
  id: string;
  /** One line, shown by --list-rules. */
  description: string;
  severity: Severity;
  /** Whether the rule can fix what it finds, and how safely. */
  fixable: false | FixSafety;
  /** Why the rule exists, in plain English for a designated teacher. */
  rationale: string;
  /** The guidance or law the rule rests on. */
  sources: RuleSource[];
  /** Notes on configurable or uncertain behaviour. */
  notes?: string;
  /** The rule's options by name; the engine gives the rule every one of them, defaults filled in. */
  options?: Readonly<Record<string, OptionSchema>>;
  /**
   * The rule's messages by id, with `{{name}}` placeholders filled from a
   * report's `data` (as ESLint's `meta.messages`): the wording lives here,
   * once, and tests assert ids and data.
   */
  messages?: Readonly<Record<string, string>>;
  examples: RuleExample[];
  /**
   * Where the rule is documented (SARIF's helpUri). Absent: its page in policy-lint's repository (built-in rules and
   * the built-in packs' rules, whose pages `npm run docs` writes). `false`: it has no page (a rule from a user's pack
   * with no `link:`).
   */
  docsUrl?: string | false;
}

export interface Settings {
  /** The date at which currency is judged (UTC midnight). */
  asOf: Date;
  guidance: Guidance;
  /** How inline `<!-- policy-lint-... -->` directives are checked (see src/engine/directives.ts). */
  directives?: DirectiveSettings;
  /** The current model policy to compare each policy with (`--model FILE`, `settings.model`), read once per run. */
  model?: ModelPolicy;
}

export interface ModelPolicy {
  /** Absolute path of the model file. */
  file: string;
  /** The model, parsed (attached once per run and thread by src/document/model.ts before any file is linted). */
  doc?: PolicyDocument;
}

export interface DirectiveSettings {
  /** Every rule id a directive may name; when given, directives naming other ids are reported. */
  knownRules?: string[];
  /** Report disable directives that silence nothing (--report-unused-directives). */
  reportUnused?: boolean;
  /**
   * Inline directives are off (--no-inline-config, settings.noInlineConfig): they silence nothing, and each is
   * reported as a warning that names this, what turned them off.
   */
  noInlineConfig?: string;
}

/** Values for a message's `{{name}}` placeholders (the finding's `data`). */
export type MessageData = Readonly<DiagnosticData>;

export interface ReportDescriptor {
  /** A key of the rule's `meta.messages`; the engine fills in its `{{name}}` placeholders from `data`. */
  messageId?: string;
  /** A plain message, for rules that declare no `meta.messages` (pack rules). */
  message?: string;
  /** Source offsets. */
  start: number;
  end: number;
  fix?: Fix;
  // No severity here: every finding has its rule's configured severity (a rule cannot escalate one finding).
  /**
   * With `messageId`: fills the placeholders of its message (as ESLint's `data`). With a plain `message`: plain
   * facts about the finding, kept on it (see Diagnostic.data).
   */
  data?: DiagnosticData;
  /**
   * With `messageId`: plain facts about the finding that are not its message's placeholders, kept on it as
   * Diagnostic.data (carried by the JSON report; e.g. model-drift's model section and paragraph). `data` only
   * fills the message.
   */
  facts?: DiagnosticData;
}

/** Options as a rule receives them: validated against `meta.options`, every default filled in. */
export type RuleOptions = Record<string, unknown>;

export interface RuleContext<Options = RuleOptions> {
  doc: PolicyDocument;
  settings: Settings;
  options: Options;
  report(descriptor: ReportDescriptor): void;
  /**
   * Count something the rule found that is not a problem (e.g. the sections a
   * policy adds to its model): counts add up per file under `<rule id>/<name>`
   * and are shown in the report's summary, never as findings.
   */
  tally(name: string, count: number): void;
}

/**
 * A rule. `Options` is the shape of its options once the engine has filled in
 * the defaults (declare it as a type alias matching `meta.options`).
 */
export interface Rule<Options = RuleOptions> {
  meta: RuleMeta;
  check(context: RuleContext<Options>): void;
}

/**
 * Role labels and the people they name, shared by `required-roles` and
 * `role-name-consistency`.
 *
 * A policy names the holder of a post in one of these forms (docs/domain.md#required-roles):
 *
 * - `line`: "Label: Name" on one line, or "Label:<TAB>Name" (a Word footer);
 * - `next-block`: the label as its own paragraph or heading, plain or bold,
 *   with the name in the paragraph after it (or on the next line);
 * - `table`: a table row `| Designated Teacher | Name |` (or a header row of
 *   role labels with the names in the row below);
 * - `inline`: a sentence whose subject is the role ("The Designated Teacher
 *   ... is a Statutory Post and in 2024-2025 is Hannah Badger", "... was taken
 *   over by Miss Daisy Ambler").
 *
 * A label is only a label when the role's name IS the label: the whole
 * paragraph, line (before the colon) or table cell, optionally "Name of the"
 * before it and a qualifier after it ("for CLA and PLA", "with responsibility
 * for children with a Social Worker"). Body text that merely mentions a role
 * ("working alongside the Designated Safeguarding Lead to support ...") is
 * neither a label nor a statement, and is never judged.
 */
import type { PolicyDocument, TextBlock } from '../types.js';
import { escapeRegExp, sourceRange } from '../rule-api/kit.js';
import { loadData } from './data.js';

export interface RoleDefinition {
  id: string;
  /** How messages name the role. */
  name: string;
  /** The model policy's label, suggested when the role is missing. */
  label: string;
  /** Regular expression source for the role's name, matched case-insensitively. */
  pattern: string;
  /** Abbreviations ("DSL"), matched case-sensitively, as a whole label or a sentence's subject. */
  abbreviations?: string[];
}

/** The posts the Hertfordshire model policy asks a school to name (data/roles.yaml). */
export const ROLE_CATALOGUE: RoleDefinition[] = loadData<{ roles: RoleDefinition[] }>('roles', { roles: [] }).roles;

export const DEFAULT_ROLE_IDS = ROLE_CATALOGUE.map((r) => r.id);

/**
 * The roles named by a rule's `roles` option: catalogue ids, or any other
 * text, taken as the label of an extra post ("Mental Health Lead").
 */
export function resolveRoles(entries: unknown): RoleDefinition[] {
  const list = Array.isArray(entries) ? entries.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : DEFAULT_ROLE_IDS;
  return list.map((entry) => {
    const known = ROLE_CATALOGUE.find((r) => r.id === entry.trim());
    if (known) return known;
    const words = entry.trim();
    return { id: words, name: words, label: words, pattern: escapeRegExp(words).replace(/\s+/g, '\\s+') };
  });
}

export type ValueKind = 'name' | 'blank' | 'placeholder' | 'role-only' | 'prose';

export interface RoleStatement {
  role: RoleDefinition;
  form: 'line' | 'next-block' | 'table' | 'inline';
  /** Source range of the label (for inline statements: of the sentence's subject, the role's name). */
  labelStart: number;
  labelEnd: number;
  /** The value as written, trimmed ('' when blank). */
  value: string;
  /** Source range of the value (the label's end when there is none). */
  valueStart: number;
  valueEnd: number;
  kind: ValueKind;
  /** For names: each person named, as written ("Miss Emma Fenn (HT)" -> "Miss Emma Fenn"). */
  people: string[];
}

// ---------------------------------------------------------------------------
// Sentences

const ABBREVIATION_BEFORE_DOT = /(?:^|[\s(])(?:Mr|Mrs|Ms|Mx|Dr|Fr|St|Rev|Revd|Prof|No|e\.g|i\.e|etc|vs|cf|[A-Z])$/;

/** Sentence spans [start, end) of a block's text: split after . ! ? ; when followed by a space (not after "Mrs." or an initial). */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '.' && c !== '!' && c !== '?' && c !== ';') continue;
    const next = text[i + 1];
    if (next !== undefined && !/\s/.test(next)) continue;
    if (c === '.' && ABBREVIATION_BEFORE_DOT.test(text.slice(Math.max(start, i - 6), i))) continue;
    out.push({ start, end: i + 1 });
    start = i + 1;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out
    .map((s) => {
      let a = s.start;
      let b = s.end;
      while (a < b && /\s/.test(text[a]!)) a++;
      while (b > a && /\s/.test(text[b - 1]!)) b--;
      return { start: a, end: b };
    })
    .filter((s) => s.end > s.start);
}

// ---------------------------------------------------------------------------
// Values: is this a person's name?

const TITLE = '(?:Mr|Mrs|Miss|Ms|Mx|Dr|Fr|Rev|Revd|Prof|Sir|Dame|Sr)\\.?';
const TITLE_RE = new RegExp(`^${TITLE}$`, 'i');

/** Words that name a post or a team rather than a person. */
const ROLE_WORDS = new Set(
  (
    'head headteacher headteachers headmaster headmistress teacher teachers deputy assistant executive principal vice acting interim ' +
    "senco sendco senco's dsl ddsl dsls dt dts ht dht aht sbm slt smhl designated safeguarding lead leads leader leaders lead's " +
    'governor governors governing body chair chairs of the our a an school schools academy trust board member members team senior ' +
    'leadership manager business office pastoral inclusion wellbeing well-being mental health send sen cla pla cpla lac cic csw for ' +
    'and or with responsibility children child looked after previously class year phase key stage ks1 ks2 coordinator co-ordinator ' +
    'officer administrator clerk person named staff'
  ).split(/\s+/),
);

/** Template marks in a value besides "[...]" and "<...>" (dropBlanks takes those). */
const PLACEHOLDER_TOKEN = /\bX{2,}\b|\bTB[CAD]\b|\.{3,}|…|_{2,}|\?{2,}/gi;

/**
 * Every template mark in a value replaced with a space: each "[...]" and "<...>" within one line (from the opener
 * to the first closer after it, leftmost first), then PLACEHOLDER_TOKEN. The same as one regular expression
 * `\[[^\]\n]*\]|<[^>\n]*>|...`, in linear time: that expression scans to the end of the line from every "[" or "<"
 * with no closer after it, which is quadratic on a run of them.
 */
function dropBlanks(value: string): string {
  // The next position of each closer and of a line break at or after the scan, found again only once passed.
  const next = new Map<string, number>();
  const find = (ch: string, from: number): number => {
    const at = next.get(ch);
    if (at !== undefined && (at >= from || at === Infinity)) return at;
    const k = value.indexOf(ch, from);
    next.set(ch, k < 0 ? Infinity : k);
    return k < 0 ? Infinity : k;
  };
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '[' && c !== '<') continue;
    const close = find(c === '[' ? ']' : '>', i + 1);
    if (close < find('\n', i + 1)) {
      out += `${value.slice(from, i)} `;
      from = close + 1;
      i = close;
    }
  }
  return (out + value.slice(from)).replace(PLACEHOLDER_TOKEN, ' ');
}
const PLACEHOLDER_WHOLE =
  /^(?:name|names|name here|(?:please\s+)?(?:enter|insert|add|type|write)(?:\s+(?:the|a|your))?(?:\s+(?:full\s+)?names?)?(?:\s+here)?|(?:enter|insert|add)\b.*|to be (?:confirmed|appointed|decided|agreed|advised)|vacant|none|n\/?a|tbc|tba|tbd|-+|–|—)$/i;
const VERBS = /\b(?:is|are|was|were|will|shall|should|must|has|have|had|can|may|we|our|ensure|ensures|ensuring|provide|provides|support|supports|promote|promotes)\b/i;

/**
 * Every "(...)" replaced with a space: the same as `s.replace(/\([^)]*\)/g, ' ')` (each "(" up to the first ")"
 * after it), in one pass. The regular expression scans to the end of the text from every "(" that has no ")"
 * after it, which is quadratic on a run of "(" (a hostile or garbled policy).
 */
function dropBracketed(s: string): string {
  let out = '';
  let from = 0;
  for (let open = s.indexOf('('); open >= 0; open = s.indexOf('(', from)) {
    const close = s.indexOf(')', open + 1);
    if (close < 0) break; // no ")" after this "(", so none after any later "(" either
    out += `${s.slice(from, open)} `;
    from = close + 1;
  }
  return out + s.slice(from);
}

function words(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

/** Strip a value's decoration: surrounding quotes, brackets of a role ("(HT)"), a leading "Name:" and trailing punctuation. */
function cleanValue(raw: string): string {
  return (
    raw
      .replace(/^\s*(?:names?|full names?)\s*[:\-–—]\s*/i, '')
      .replace(/^[\s:\-–—•*"'‘“]+/, '')
      // (?<!...): the trailing run is tried from its first character only (from every one of a long run it was quadratic).
      .replace(/(?<![\s"'’”*,;.])[\s"'’”*,;.]+$/, '')
  );
}

/** Classify the text written where a name should be. */
export function classifyValue(raw: string): ValueKind {
  const value = cleanValue(raw);
  if (!/[\p{L}\p{N}[\]<>?_….\-–—]/u.test(value)) return 'blank';
  if (PLACEHOLDER_WHOLE.test(value.replace(/^\(|\)$/g, '').trim())) return 'placeholder';
  const withoutPlaceholders = dropBlanks(value);
  const hadPlaceholder = withoutPlaceholders !== value;
  const n = words(value).length;
  const startsLower = /^[a-z]/.test(value) && !/^(?:the|our)\s/i.test(value);
  if (n > 16 || (VERBS.test(value) && n > 4) || (startsLower && n > 3 && !hadPlaceholder)) return 'prose';
  const rest = words(dropBracketed(withoutPlaceholders).replace(/[^\p{L}\p{N}'’\s-]/gu, ' ')).filter((w) => !TITLE_RE.test(w) && !ROLE_WORDS.has(w.toLowerCase()));
  if (rest.length === 0) return hadPlaceholder ? 'placeholder' : /\p{L}/u.test(value) ? 'role-only' : 'placeholder';
  if (!rest.some((w) => /^\p{Lu}/u.test(w))) return hadPlaceholder ? 'placeholder' : 'prose';
  return 'name';
}

/** The people a name value lists: "Miss Emma Fenn (HT) or Mrs Louise McLellan (DHT)" -> two people; "Hannah Badger, SENDCo" -> one. */
export function peopleOf(value: string): string[] {
  const out: string[] = [];
  // The separators without the spaces around them (each piece is trimmed): `\s*,\s*` is quadratic on a long run
  // of spaces with no comma in it.
  for (const part of cleanValue(value).split(/\b(?:or|and)\b|[&/;+]/i)) {
    for (const piece of part.split(',')) {
      const person = dropBracketed(piece).replace(/\s+/g, ' ').trim();
      if (!person) continue;
      const meaningful = words(person).filter((w) => !TITLE_RE.test(w) && !ROLE_WORDS.has(w.toLowerCase().replace(/[^\p{L}'’-]/gu, '')));
      if (meaningful.length === 0 || !meaningful.some((w) => /^\p{Lu}/u.test(w))) continue;
      out.push(person);
    }
  }
  return out;
}

/** A person's name for comparison: lower case, no title, no dots, no role in brackets. */
export function personKey(person: string): string[] {
  return words(
    dropBracketed(person)
      .replace(/’/g, "'")
      .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
      .toLowerCase(),
  ).filter((w) => !TITLE_RE.test(w) && !ROLE_WORDS.has(w));
}

/**
 * Do two written names stand for the same person? Titles, case and a role
 * after a comma or in brackets are ignored; surnames must agree; given names
 * must agree when both are written, an initial standing for a given name
 * ("J. Hughes" = "James Hughes"), and a missing given name agreeing with any
 * ("Mrs Short" = "Claire Short").
 */
export function samePerson(a: string, b: string): boolean {
  const x = personKey(a);
  const y = personKey(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  const gx = x.slice(0, -1);
  const gy = y.slice(0, -1);
  if (gx.length === 0 || gy.length === 0) return true;
  const f = gx[0]!;
  const g = gy[0]!;
  if (f === g) return true;
  if (f.length === 1 || g.length === 1) return f[0] === g[0];
  return false;
}

// ---------------------------------------------------------------------------
// Labels

interface Matcher {
  role: RoleDefinition;
  label: RegExp[];
  subject: RegExp[];
}

const PREFIX = "(?:name(?:\\(s\\)|s)?\\s+of\\s+)?(?:the\\s+|our\\s+)?(?:named\\s+)?(?:school(?:'s|’s)?\\s+)?";
const QUALIFIER = '(?<qual>\\s+(?:for|with|of)\\s+[^:\\t\\n]{1,160}?)?';
const LABEL_END = '(?:\\(s\\))?(?:\\s*\\([A-Za-z]{2,5}\\))?';
const QUALIFIER_VERBS = /\b(?:is|are|was|were|will|shall|should|must|has|have|had|can|may|to|who|which|that|does|do)\b/i;

function matcherOf(role: RoleDefinition): Matcher {
  const label = [new RegExp(`^(?<prefix>${PREFIX})(?:${role.pattern})${LABEL_END}${QUALIFIER}(?:\\s+(?:is|are))?$`, 'i')];
  // "Identity: the Designated Teacher is ...": a one-word lead-in label before the subject.
  const subject = [new RegExp(`^\\W{0,3}(?:\\p{Lu}\\p{Ll}{2,20}:\\s+)?(?:name\\s+of\\s+)?(?:the|our|this\\s+school(?:'s|’s)|the\\s+school(?:'s|’s))?\\s*(?:${role.pattern})\\b`, 'iu')];
  for (const abbr of role.abbreviations ?? []) {
    const a = escapeRegExp(abbr);
    label.push(new RegExp(`^(?<prefix>(?:[Nn]ame\\s+of\\s+)?(?:[Tt]he\\s+|[Oo]ur\\s+)?)${a}s?${QUALIFIER}(?:\\s+(?:is|are))?$`));
    subject.push(new RegExp(`^\\W{0,3}(?:[Tt]he\\s+|[Oo]ur\\s+|[Tt]his\\s+school(?:'s|’s)\\s+)?${a}\\b`));
  }
  return { role, label, subject };
}

interface LabelHit {
  role: RoleDefinition;
  /** The label asks for a name ("Name of the ...", "... is:"): a sentence after it means the name was left out. */
  asksForName: boolean;
  /** The label asks for a name or ends with a colon: nothing at all after it means the name was left out. */
  isForm: boolean;
}

/** The role a text names when the text IS a label ("Name of the Designated Teacher for CLA and PLA", "DSL"). */
function labelOf(text: string, matchers: Matcher[], colon: boolean): LabelHit | undefined {
  const t = text
    .replace(/^[\s"'‘“]+/, '')
    // Trailing runs from their first character only ((?<!...)): from every one of a long run, quadratic.
    .replace(/(?<![\s"'’”])[\s"'’”]+$/, '')
    .replace(/(?<![\s:])[\s:]+$/, '')
    .replace(/\s+/g, ' ');
  if (!t || t.length > 200) return undefined;
  for (const m of matchers) {
    for (const re of m.label) {
      const hit = re.exec(t);
      if (!hit) continue;
      const qual = hit.groups?.['qual'];
      if (qual && (QUALIFIER_VERBS.test(qual) || words(qual).length > 20)) continue;
      const prefix = hit.groups?.['prefix'] ?? '';
      const asksForName = /name/i.test(prefix) || /\s(?:is|are)$/i.test(t);
      return { role: m.role, asksForName, isForm: asksForName || colon };
    }
  }
  return undefined;
}

function trimRange(text: string, i: number, j: number): [number, number] {
  while (i < j && /[\s:]/.test(text[i]!)) i++;
  while (j > i && /[\s:]/.test(text[j - 1]!)) j--;
  return [i, j];
}

/** Source range of text[i, j) of a block, trimmed of spaces and colons. */
function rangeOf(block: TextBlock, i: number, j: number): { start: number; end: number } {
  const [a, b] = trimRange(block.text, i, j);
  return sourceRange(block, a, b);
}

function lineSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
}

/** First line of a block, as a value: its text and range within the block. */
function firstLine(block: TextBlock): { i: number; j: number } {
  const nl = block.text.indexOf('\n');
  return { i: 0, j: nl < 0 ? block.text.length : nl };
}

/** "Review Date:<TAB>March 2026", "Email: ...": a line that carries its own label and value, so is nobody's name. */
const OTHER_RECORD = /^(?!\s*(?:full\s+)?names?\s*[:\t])[^:\t\n]{1,40}(?::|\t)[\t ]*\S/i;

function isAnyLabel(text: string, matchers: Matcher[]): boolean {
  return lineSpans(text).some((l) => {
    const line = text.slice(l.start, l.end);
    const k = line.search(/[:\t]/);
    return labelOf(k >= 0 ? line.slice(0, k) : line, matchers, k >= 0) !== undefined;
  });
}

// ---------------------------------------------------------------------------
// Inline statements: "The Designated Teacher ... is Hannah Badger."

const VERB_BEFORE_NAME =
  /\b(?:is|are|will\s+be|(?:was|has\s+been|have\s+been)\s+(?:taken\s+over|held|filled|covered)\s+by|(?:is|are)\s+(?:held|filled|covered)\s+by)\s+(?:currently\s+|now\s+)?/gi;
const CAP = "(?:\\p{Lu}\\.|\\p{Lu}[\\p{L}'’\\-]+)";
const PERSON_AT = `(?:${TITLE}\\s+)?${CAP}(?:\\s+${CAP}){0,3}`;
const ONE_AT = `${PERSON_AT}(?:\\s*\\([^()\\n]{1,30}\\))?(?:\\s*,\\s*\\p{Lu}[\\p{L}]{1,12}(?=\\s*(?:[.,;)]|$)))?`;
const NAMES_AT = new RegExp(`^(?:(?:the|our)\\s+[\\p{L} ]{2,40},\\s*)?${ONE_AT}(?:\\s*(?:,|\\bor\\b|\\band\\b|&|\\/)\\s*${ONE_AT})*`, 'u');
const PLACEHOLDER_AT =
  /^(?:\[[^\]\n]{0,60}\]|<[^>\n]{0,40}>|\(\s*(?:enter|insert|add)[^)\n]{0,40}\)|(?:enter|insert|add)\s+(?:the\s+)?names?(?:\s+here)?|X{2,}(?:\s+X{2,})*|TB[CAD]\b|to\s+be\s+(?:confirmed|appointed|decided)|vacant\b)/i;
const ROLE_ONLY_AT = /^(?:the|our)\s+[\p{L}-]+(?:\s+[\p{L}-]+){0,3}?(?=\s*(?:[.;,]|$))/iu;

interface InlineValue {
  i: number;
  j: number;
  kind: ValueKind;
}

/** The value after a verb at `at` in sentence text `s` (indexes into s), if it names, or fails to name, a person. */
function inlineValueAt(s: string, at: number): InlineValue | undefined {
  const rest = s.slice(at);
  const ph = PLACEHOLDER_AT.exec(rest);
  if (ph) return { i: at, j: at + ph[0].length, kind: 'placeholder' };
  const nm = NAMES_AT.exec(rest);
  if (nm) {
    const text = nm[0].replace(/(?<![\s,])[\s,]+$/, ''); // from the run's first character only (linear)
    const kind = classifyValue(text);
    if (kind === 'name' || kind === 'role-only') return { i: at, j: at + text.length, kind };
  }
  const ro = ROLE_ONLY_AT.exec(rest);
  if (ro && classifyValue(ro[0]) === 'role-only') return { i: at, j: at + ro[0].trimEnd().length, kind: 'role-only' };
  return undefined;
}

// ---------------------------------------------------------------------------
// Finding every statement

function statement(
  role: RoleDefinition,
  form: RoleStatement['form'],
  label: { start: number; end: number },
  block: TextBlock | undefined,
  vi: number,
  vj: number,
  kind?: ValueKind,
): RoleStatement {
  if (!block) {
    return { role, form, labelStart: label.start, labelEnd: label.end, value: '', valueStart: label.end, valueEnd: label.end, kind: 'blank', people: [] };
  }
  let a = vi;
  let b = vj;
  while (a < b && /[\s:]/.test(block.text[a]!)) a++;
  while (b > a && /\s/.test(block.text[b - 1]!)) b--;
  const namePrefix = /^(?:full\s+)?names?\s*[:\-–—]\s*(?=\S)/i.exec(block.text.slice(a, b));
  if (namePrefix) a += namePrefix[0].length;
  const value = block.text.slice(a, b);
  const k = kind ?? classifyValue(value);
  const range = b > a ? sourceRange(block, a, b) : { start: label.end, end: label.end };
  return {
    role,
    form,
    labelStart: label.start,
    labelEnd: label.end,
    value: k === 'blank' ? '' : value,
    valueStart: range.start,
    valueEnd: range.end,
    kind: k,
    people: k === 'name' ? peopleOf(value) : [],
  };
}

function nextBlock(doc: PolicyDocument, block: TextBlock): TextBlock | undefined {
  for (let k = block.index + 1; k < doc.blocks.length; k++) {
    const b = doc.blocks[k]!;
    if (b.kind !== 'html') return b;
  }
  return undefined;
}

/** Statements already found, by document and roles (required-roles and role-name-consistency both read them). */
const statementCache = new WeakMap<PolicyDocument, Map<string, RoleStatement[]>>();

/** Every label and inline statement for the given roles, in document order. */
export function findRoleStatements(doc: PolicyDocument, roles: RoleDefinition[]): RoleStatement[] {
  const key = JSON.stringify(roles.map((r) => [r.id, r.name, r.label, r.pattern, r.abbreviations ?? []]));
  let byRoles = statementCache.get(doc);
  if (!byRoles) statementCache.set(doc, (byRoles = new Map()));
  let found = byRoles.get(key);
  if (!found) byRoles.set(key, (found = statementsOf(doc, roles)));
  return [...found];
}

/**
 * A quick test for text that names one of the roles: every label and every
 * statement's subject contains a role's pattern or abbreviation, so a block
 * without any is skipped (most of a policy). Undefined when the patterns do
 * not combine into one expression (then every block is read).
 */
function mentionTest(roles: RoleDefinition[]): RegExp | undefined {
  try {
    return new RegExp(roles.flatMap((r) => [`(?:${r.pattern})`, ...(r.abbreviations ?? []).map(escapeRegExp)]).join('|'), 'i');
  } catch {
    return undefined;
  }
}

const reverseCache = new Map<string, RegExp>();

/** "Ms Q. Example is our Designated Teacher", "Mr A. Sample is the school's Designated Safeguarding Lead": where the name ends and the role is. */
function reverseStatement(s: string, role: RoleDefinition): { nameEnd: number; roleStart: number; roleEnd: number } | undefined {
  let re = reverseCache.get(role.id);
  if (!re) {
    re = new RegExp(
      `^\\W{0,3}(?<name>${TITLE}\\s+${CAP}(?:\\s+${CAP}){0,3}|${CAP}\\s+${CAP}(?:\\s+${CAP}){0,2})\\s+(?:is|has\\s+been)\\s+(?:appointed\\s+(?:as\\s+)?)?(?:our|the)\\s+(?:school(?:'s|’s)\\s+)?(?:named\\s+)?(?<role>(?:${role.pattern}))\\b`,
      'iu',
    );
    reverseCache.set(role.id, re);
  }
  const m = re.exec(s);
  if (!m?.groups) return undefined;
  const name = m.groups['name']!;
  if (classifyValue(name) !== 'name') return undefined;
  const nameStart = m[0].indexOf(name);
  const roleStart = m[0].length - m.groups['role']!.length;
  return { nameEnd: nameStart + name.length, roleStart, roleEnd: m[0].length };
}

function statementsOf(doc: PolicyDocument, roles: RoleDefinition[]): RoleStatement[] {
  const matchers = roles.map(matcherOf);
  const out: RoleStatement[] = [];
  const mentions = mentionTest(roles);

  for (const block of doc.blocks) {
    if (block.kind === 'html') continue;
    if (mentions && !mentions.test(block.text)) continue;

    if (block.kind === 'tableCell') {
      const hit = labelOf(block.text, matchers, /:\s*$/.test(block.text));
      if (!hit || !block.row || block.cellIndex === undefined) continue;
      const label = rangeOf(block, 0, block.text.length);
      const others = block.row.filter((c, k) => k !== block.cellIndex && c.text.trim() !== '');
      const headerRow = others.some((c) => labelOf(c.text, matchers, false) !== undefined);
      let cell: TextBlock | undefined;
      if (headerRow) {
        const last = block.row[block.row.length - 1]!;
        const below = doc.blocks[last.index + 1];
        cell = below?.kind === 'tableCell' ? below.row?.[block.cellIndex] : undefined;
      } else {
        cell = block.row.slice(block.cellIndex + 1).find((c) => c.text.trim() !== '');
      }
      if (!cell || isAnyLabel(cell.text, matchers)) {
        out.push(statement(hit.role, 'table', label, undefined, 0, 0));
        continue;
      }
      const { i, j } = firstLine(cell);
      const st = statement(hit.role, 'table', label, cell, i, j);
      // A table of duties ("| DSL | Leads on child protection ... |") names no one and asks for no one.
      if (st.kind === 'prose') {
        if (hit.asksForName) out.push(statement(hit.role, 'table', label, undefined, 0, 0));
        continue;
      }
      out.push(st);
      continue;
    }

    const lines = lineSpans(block.text);
    const consumed = new Set<number>();
    for (let n = 0; n < lines.length; n++) {
      if (consumed.has(n)) continue;
      const { start: ls, end: le } = lines[n]!;
      const line = block.text.slice(ls, le);
      let k = line.search(/[:\t]/);
      let hit: LabelHit | undefined;
      // "Designated Safeguarding Lead – Mr L. Demo", "Named Designated Teacher ... Mrs M. Example": a dash or dots between.
      // (?<!\s): the leftmost separator starts where a run of spaces starts; tried from every space of a long run, it was quadratic.
      const sep = /(?<!\s)(?:\s+[-–—]\s+|\s*(?:\.{3,}|…)\s*)/.exec(k >= 0 ? line.slice(0, k) : line);
      if (sep && sep.index > 0) {
        hit = labelOf(line.slice(0, sep.index), matchers, true);
        if (hit) k = sep.index;
      }
      hit ??= labelOf(k >= 0 ? line.slice(0, k) : line, matchers, k >= 0);
      if (!hit) continue;
      consumed.add(n);
      const label = rangeOf(block, ls, k >= 0 ? ls + k : le);
      const after = k >= 0 ? block.text.slice(ls + k, le).replace(/^(?:[:\s]|[-–—.…])+/, '') : '';
      if (after !== '') {
        out.push(statement(hit.role, 'line', label, block, le - after.length, le));
        continue;
      }
      // The value on the next line of the same paragraph, or in the next block.
      if (n + 1 < lines.length) {
        const nl = lines[n + 1]!;
        const nextLine = block.text.slice(nl.start, nl.end);
        if (isAnyLabel(nextLine, matchers) || OTHER_RECORD.test(nextLine)) {
          if (hit.isForm) out.push(statement(hit.role, 'line', label, undefined, 0, 0));
          continue;
        }
        const st = statement(hit.role, 'line', label, block, nl.start, nl.end);
        if (st.kind === 'prose') {
          if (hit.asksForName) out.push(statement(hit.role, 'line', label, undefined, 0, 0));
          continue;
        }
        consumed.add(n + 1);
        out.push(st);
        continue;
      }
      if (lines.length > 1 || block.inList) {
        // "Designated Teacher:" with nothing after it; without a colon, a list of roles ("- Designated Safeguarding Lead").
        if (hit.isForm) out.push(statement(hit.role, 'line', label, undefined, 0, 0));
        continue;
      }
      const next = nextBlock(doc, block);
      const { i, j } = next ? firstLine(next) : { i: 0, j: 0 };
      if (!next || next.kind === 'heading' || isAnyLabel(next.text, matchers) || OTHER_RECORD.test(next.text.slice(i, j))) {
        if (hit.isForm) out.push(statement(hit.role, 'next-block', label, undefined, 0, 0));
        continue;
      }
      const st = statement(hit.role, 'next-block', label, next, i, j);
      if (st.kind === 'prose') {
        // "Name of the Designated Teacher" then a sentence: the name was left out.
        // A heading ("Designated Safeguarding Lead", "**The Designated Safeguarding Lead:**") then a sentence: not a label at all.
        if (hit.asksForName) out.push(statement(hit.role, 'next-block', label, undefined, 0, 0));
        continue;
      }
      out.push(st);
    }

    if (block.kind === 'heading') continue;
    for (const sp of sentenceSpans(block.text)) {
      const lineNo = lines.findIndex((l) => l.start <= sp.start && sp.start <= l.end);
      if (consumed.has(lineNo)) continue;
      const s = block.text.slice(sp.start, sp.end);
      for (const m of matchers) {
        const subject = m.subject.map((re) => re.exec(s)).find((x) => x !== null);
        if (!subject) {
          // "Ms Q. Example is our Designated Teacher": the name first.
          const named = reverseStatement(s, m.role);
          if (named) {
            const label = sourceRange(block, sp.start + named.roleStart, sp.start + named.roleEnd);
            out.push(statement(m.role, 'inline', label, block, sp.start, sp.start + named.nameEnd, 'name'));
            break;
          }
          continue;
        }
        const verb = new RegExp(VERB_BEFORE_NAME.source, 'gi');
        verb.lastIndex = subject[0].length;
        let v: RegExpExecArray | null;
        let found: InlineValue | undefined;
        while ((v = verb.exec(s)) !== null) {
          found = inlineValueAt(s, v.index + v[0].length);
          if (found) break;
        }
        if (!found) continue;
        const roleAt = subject[0].search(new RegExp(`(?:${m.role.pattern})${(m.role.abbreviations ?? []).map((a) => `|${escapeRegExp(a)}`).join('')}`, 'i'));
        const subjectStart = sp.start + Math.max(0, roleAt);
        const label = sourceRange(block, subjectStart, sp.start + subject[0].length);
        out.push(statement(m.role, 'inline', label, block, sp.start + found.i, sp.start + found.j, found.kind));
        break;
      }
    }
  }
  return out.sort((a, b) => a.labelStart - b.labelStart);
}

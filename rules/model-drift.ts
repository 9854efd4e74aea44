/**
 * model-drift: compare a school's copy of a policy with the current model
 * policy (--model FILE, settings.model), section by section and paragraph by
 * paragraph, and report what the copy lacks or changed.
 *
 * Method (linear in the size of the two documents: nothing is aligned across
 * whole documents):
 *  1. Sections are paired: by the model-section vocabulary when both headings
 *     name a model section (inside or outside an appendix alike), else by the
 *     similarity of their titles with numbering, "Appendix N" and the part
 *     after a colon taken into account.
 *  2. Within each pair, paragraphs, list items and table rows ("units") are
 *     aligned with the `diff` package: first identical units (after
 *     personalisation is masked), then the rest by word similarity (a word
 *     diff). A model unit left over is looked for once in the rest of the copy
 *     (a paragraph moved to another section is not missing).
 *  3. Words are compared with a word diff. Personalisation is not drift:
 *     template gaps of the model ("[insert name]", "(enter date)", "XXXX")
 *     match anything; dates, e-mail addresses, phone numbers, web addresses,
 *     configured patterns and names (runs of capitalised words) match their
 *     kind on the other side.
 */
import {
  diffArrays,
  inAppendix,
  quoteShort,
  sourceRange,
  type DiagnosticData,
  type PolicyDocument,
  type Rule,
  type RuleContext,
  type Section,
  type TextBlock,
} from '../src/rule-api/index.js';

// ---------------------------------------------------------------------------
// Words and slots

type TokenKind = 'word' | 'number' | 'gap' | 'date' | 'email' | 'phone' | 'url' | 'slot';

interface Token {
  /** As written. */
  text: string;
  /** What the word diff compares: the word in lower case, or the slot's kind. */
  key: string;
  kind: TokenKind;
  /** A capitalised word never written in lower case in either document (a name: "Lorna", "Bushey"), or a title (Mr, Mrs). */
  name?: boolean;
  /** Offsets in the unit's text. */
  start: number;
  end: number;
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(?:[0-3]?\\d(?:st|nd|rd|th)?)';
const YEAR = '(?:(?:19|20)\\d\\d)';
/** Dates as policies write them: "28.01.25", "1st September 2024", "September 2024", "Autumn 2025", "2024-2025", "2023/24". */
const DATE_SOURCES = [
  `\\b[0-3]?\\d[./-][01]?\\d[./-](?:\\d{4}|\\d\\d)\\b`,
  `\\b${YEAR}-[01]\\d-[0-3]\\d\\b`,
  `\\b(?:${DAY}\\s+)?${MONTH}\\.?(?:\\s+${DAY},?)?(?:\\s+${YEAR})\\b`,
  `\\b${DAY}\\s+${MONTH}\\b`,
  `\\b(?:autumn|spring|summer)(?:\\s+term)?\\s+${YEAR}\\b`,
  `\\b${YEAR}\\s*[-/\u2013]\\s*(?:${YEAR}|\\d\\d)\\b`,
  `\\b${YEAR}\\b`,
];
const SLOT_SOURCES: [TokenKind, string][] = [
  // Template gaps: "[insert name]", "[School name]", "(enter date)", "<insert>", "XXXX", "____", "......".
  ['gap', '\\[[^\\]\\n]{1,60}\\]|\\(\\s*(?:insert|enter|add|type|name|date)\\b[^)\\n]{0,50}\\)|<[^>\\n]{1,40}>|\\bX{3,}\\b|_{3,}|\\.{5,}'],
  ['email', '[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+'],
  ['url', '\\b(?:https?://|www\\.)[^\\s)\\]]+'],
  ['phone', '(?:\\+44\\s?\\(?0?\\)?|\\b0)\\d{2,4}[\\s-]?\\d{3,4}[\\s-]?\\d{3,4}\\b'],
  ['date', DATE_SOURCES.join('|')],
];

/** Words whose change always matters: numbers aside, frequencies, modal verbs, negations, and words that name guidance. */
const SUBSTANTIAL = new Set(
  (
    'termly annually annual yearly monthly weekly daily fortnightly biannually biennially half-termly twice once ' +
    'must should may might will shall can could would need needs required requires expected statutory mandatory optional ' +
    'not no never only every always minimum maximum least full part-time full-time ' +
    'kcsie guidance act regulations regulation code edition'
  ).split(' '),
);
/** A year directly after one of these words is an edition of named guidance, not personalisation ("KCSIE 2023"). */
const EDITION_BEFORE = /^(?:[A-Z]{3,}|[Ee]ducation|[Gg]uidance|[Tt]ogether|[Aa]ct|[Rr]egulations|[Ee]dition|[Cc]ode)$/;
const TITLES = new Set(['mr', 'mrs', 'miss', 'ms', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev']);
/** A capitalised word that may be (part of) a name: "Lorna", "McLellan", "O'Brien", "Smith-Jones", "J.". */
const NAME_LIKE = /^(?:[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)*|(?:Mc|Mac|O['\u2019])[A-Z][a-z]+|[A-Z]\.?)$/;
/** Words: hyphenated ones count as their parts ("attachment-aware" is "attachment aware"). */
const WORD = /[\p{L}\p{N}]+(?:[.'\u2019&][\p{L}\p{N}]+)*%?/gu;

interface Slots {
  pattern: RegExp;
  kinds: TokenKind[];
  custom: boolean;
}

const MAY_HAVE_SLOT = /[\d@[(<_]|XXX|\.{5}|www\.|https?:/i;

function compileSlots(extra: string[]): Slots {
  const all: [TokenKind, string][] = [...SLOT_SOURCES, ...extra.map((s): [TokenKind, string] => ['slot', s])];
  // Named groups, so that groups inside a configured pattern do not shift which alternative matched.
  return { pattern: new RegExp(all.map(([, s], i) => `(?<s${i}>${s})`).join('|'), 'giu'), kinds: all.map(([k]) => k), custom: extra.length > 0 };
}

function tokenize(text: string, slots: Slots): Token[] {
  const out: Token[] = [];
  const words = (from: number, to: number): void => {
    const part = text.slice(from, to);
    WORD.lastIndex = 0;
    for (let m = WORD.exec(part); m; m = WORD.exec(part)) {
      const word = m[0];
      const kind: TokenKind = /^\d+(?:[.,]\d+)*%?$/.test(word) ? 'number' : 'word';
      out.push({ text: word, key: word.toLowerCase().replace(/\u2019/g, "'"), kind, start: from + m.index, end: from + m.index + word.length });
    }
  };
  let at = 0;
  slots.pattern.lastIndex = 0;
  // Every built-in slot needs one of these characters; configured ones are always looked for.
  const none = !slots.custom && !MAY_HAVE_SLOT.test(text);
  for (let m = none ? null : slots.pattern.exec(text); m; m = slots.pattern.exec(text)) {
    if (m[0].length === 0) {
      slots.pattern.lastIndex++;
      continue;
    }
    const groups = m.groups ?? {};
    const which = slots.kinds.findIndex((_, i) => groups[`s${i}`] !== undefined);
    const kind = slots.kinds[which] ?? 'slot';
    words(at, m.index);
    out.push({ text: m[0], key: `\u0000${kind}`, kind, start: m.index, end: m.index + m[0].length });
    at = m.index + m[0].length;
  }
  words(at, text.length);
  return out;
}

const isSlot = (t: Token): boolean => t.kind !== 'word' && t.kind !== 'number';
const nameLike = (t: Token): boolean => t.name === true;

/**
 * Mark the names: capitalised words that neither document ever writes in lower case ("Lorna", "Allett",
 * "Bushey"; not "Children", "Kinship" or "Virtual" when the text also has "children", "kinship care"
 * or "virtual school"), titles (Mr, Mrs, Dr...) and capitalised words right after either. Then count
 * each unit's content words.
 */
/** The words a set of units writes in lower case. */
function lowerWords(all: Unit[]): Set<string> {
  const lower = new Set<string>();
  for (const u of all) for (const t of u.tokens) if (t.kind === 'word' && t.text === t.key) lower.add(t.key);
  return lower;
}

function markNames(all: Unit[], lower: (key: string) => boolean): void {
  for (const u of all) {
    let content = 0;
    u.tokens.forEach((t, i) => {
      t.name = false;
      if (t.kind !== 'word' || SUBSTANTIAL.has(t.key) || !(TITLES.has(t.key.replace(/\.$/, '')) || NAME_LIKE.test(t.text))) return;
      // A capitalised word never written in lower case, a title, or a capitalised word right after a name or
      // title ("Claire Short", "Mrs. Short": "short" is an ordinary word too).
      if (TITLES.has(t.key.replace(/\.$/, '')) || !lower(t.key) || u.tokens[i - 1]?.name) t.name = true;
    });
    for (const t of u.tokens) if (!isSlot(t) && !t.name) content++;
    u.content = content;
  }
}
const substantial = (t: Token): boolean => t.kind === 'number' || SUBSTANTIAL.has(t.key);
/** A hunk that changes the year of named guidance ("KCSIE 2023" -> "KCSIE 2025"). */
const editionChange = (h: Hunk): boolean => h.before !== undefined && EDITION_BEFORE.test(h.before.text) && [...h.removed, ...h.added].some((t) => t.kind === 'date');

// ---------------------------------------------------------------------------
// Units: the paragraphs, list items and table rows of a section

interface Unit {
  section: Section;
  blocks: TextBlock[];
  text: string;
  tokens: Token[];
  /** The tokens' keys joined: identical units have the same key. */
  key: string;
  /** Words that are not slots or names (what makes a unit worth reporting as missing). */
  content: number;
  /** Offset of each block's text within `text`. */
  offsets: number[];
  /** For two model paragraphs a copy merged into one: the first of them, which this joined unit stands for. */
  stands?: Unit;
}

/** Two neighbouring units as one. */
function join(a: Unit, b: Unit): Unit {
  const shift = a.text.length + 1;
  return {
    section: a.section,
    blocks: [...a.blocks, ...b.blocks],
    text: `${a.text} ${b.text}`,
    tokens: [...a.tokens, ...b.tokens.map((t) => ({ ...t, start: t.start + shift, end: t.end + shift }))],
    key: `${a.key} ${b.key}`,
    content: a.content + b.content,
    offsets: [...a.offsets, ...b.offsets.map((o) => o + shift)],
  };
}

function unitsOf(section: Section, slots: Slots): Unit[] {
  const out: Unit[] = [];
  for (const block of section.blocks) {
    if (block.kind === 'html' || block.kind === 'heading') continue;
    let blocks: TextBlock[] = [block];
    if (block.kind === 'tableCell') {
      if (block.cellIndex !== undefined && block.cellIndex > 0) continue;
      blocks = block.row ?? [block];
    }
    const offsets: number[] = [];
    let text = '';
    for (const b of blocks) {
      if (text) text += ' | ';
      offsets.push(text.length);
      text += b.text;
    }
    const tokens = tokenize(text, slots);
    if (tokens.length === 0) continue;
    out.push({ section, blocks, text, tokens, key: tokens.map((t) => t.key).join(' '), content: 0, offsets });
  }
  return out;
}

/** Source offsets of the characters [i, j) of a unit's text. */
function unitRange(unit: Unit, i: number, j: number): { start: number; end: number } {
  let b = 0;
  while (b + 1 < unit.blocks.length && unit.offsets[b + 1]! <= i) b++;
  const block = unit.blocks[b]!;
  const base = unit.offsets[b]!;
  const end = Math.min(j - base, block.text.length);
  return sourceRange(block, Math.max(0, i - base), Math.max(end, i - base));
}

// ---------------------------------------------------------------------------
// Comparing two units word by word

interface Hunk {
  removed: Token[];
  added: Token[];
  /** The common token before the hunk, on the model's side. */
  before?: Token;
  /** Where the hunk starts among the model's and the copy's tokens. */
  at: [number, number];
}

/** A change as a message shows it: the text of each side, punctuation included. */
interface Shown {
  removed: string;
  added: string;
  /** Offsets of the added text in the copy unit's text (the removed point, when nothing was added). */
  start: number;
  end: number;
}

/**
 * The changes as a reader sees them: hunks no more than two words apart are shown as one
 * ("32.5 hours" became "25 hours or 32.5 by September 2023", not two changes around "hours").
 */
function showChanges(model: Unit, copy: Unit, hunks: Hunk[]): Shown[] {
  const out: Shown[] = [];
  let group: Hunk[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    const first = group[0]!;
    const last = group[group.length - 1]!;
    let mFrom = first.at[0];
    let mTo = last.at[0] + last.removed.length;
    let cFrom = first.at[1];
    let cTo = last.at[1] + last.added.length;
    // Words the two sides still share at either end are not part of the change.
    while (mTo > mFrom && cTo > cFrom && model.tokens[mTo - 1]!.key === copy.tokens[cTo - 1]!.key) {
      mTo--;
      cTo--;
    }
    while (mTo > mFrom && cTo > cFrom && model.tokens[mFrom]!.key === copy.tokens[cFrom]!.key) {
      mFrom++;
      cFrom++;
    }
    const text = (u: Unit, from: number, to: number): string => (to > from ? u.text.slice(u.tokens[from]!.start, u.tokens[to - 1]!.end) : '');
    const at =
      cTo > cFrom
        ? [copy.tokens[cFrom]!.start, copy.tokens[cTo - 1]!.end]
        : cFrom < copy.tokens.length
          ? [copy.tokens[cFrom]!.start, copy.tokens[cFrom]!.end]
          : [copy.text.length, copy.text.length];
    out.push({ removed: text(model, mFrom, mTo), added: text(copy, cFrom, cTo), start: at[0]!, end: at[1]! });
    group = [];
  };
  for (const h of hunks) {
    const prev = group[group.length - 1];
    if (prev && h.at[0] - (prev.at[0] + prev.removed.length) > 2) flush();
    group.push(h);
  }
  flush();
  return out;
}

interface Comparison {
  /** Word similarity, 0 to 1: the share of words not changed (personalisation, names and slots count as unchanged). */
  similarity: number;
  /** The share of the model's words found in the copy (personalisation counted as found). */
  coverage: number;
  /** Hunks that are not personalisation. */
  changes: Hunk[];
  substantial: boolean;
}

/** A hunk that is personalisation: a template gap filled in, or names, dates, addresses and numbers of contact for their like. */
function personal(h: Hunk): boolean {
  if (h.removed.length > 0 && h.removed.every((t) => t.kind === 'gap')) return h.added.length <= 15;
  if (h.removed.length > 6 || h.added.length > 6) return false;
  const ok = (t: Token): boolean => (isSlot(t) && t.kind !== 'gap') || nameLike(t);
  if (![...h.removed, ...h.added].every(ok)) return false;
  // "KCSIE 2023" -> "KCSIE 2025": an edition of named guidance, not a date to fill in.
  return !editionChange(h);
}

/**
 * Upper bounds of the similarity and coverage compareUnits would find, from the words the two units
 * share as multisets (a diff can match no more), to skip diffs that cannot reach a threshold.
 */
function roughBounds(a: Unit, b: Unit): { similarity: number; coverage: number } {
  const ca = countsOf(a);
  const cb = countsOf(b);
  const unmatched = (x: Counts, y: Counts): number => {
    let lost = 0;
    for (const [key, n] of x.plain) {
      const m = y.all.get(key) ?? 0;
      if (n > m) lost += n - m;
    }
    return lost;
  };
  const lostA = unmatched(ca, cb);
  // A gap of the model absorbs up to 15 words of the copy.
  const extraB = Math.max(0, unmatched(cb, ca) - 15 * ca.gaps);
  const total = ca.plainTotal + cb.plainTotal;
  return {
    similarity: total === 0 ? 1 : 1 - (lostA + extraB) / total,
    coverage: a.tokens.length === 0 ? 1 : 1 - lostA / a.tokens.length,
  };
}

interface Counts {
  /** Every token key, counted. */
  all: Map<string, number>;
  /** The keys of words that are not names or slots, counted. */
  plain: Map<string, number>;
  plainTotal: number;
  gaps: number;
}

/** Made again for each comparison: the counts depend on which words are names, which depends on both documents. */
let countCache = new WeakMap<Unit, Counts>();
function countsOf(u: Unit): Counts {
  let c = countCache.get(u);
  if (!c) {
    c = { all: new Map(), plain: new Map(), plainTotal: 0, gaps: 0 };
    for (const t of u.tokens) {
      c.all.set(t.key, (c.all.get(t.key) ?? 0) + 1);
      if (t.kind === 'gap') c.gaps++;
      else if (!isSlot(t) && !t.name) {
        c.plain.set(t.key, (c.plain.get(t.key) ?? 0) + 1);
        c.plainTotal++;
      }
    }
    countCache.set(u, c);
  }
  return c;
}

function compareUnits(model: Unit, copy: Unit): Comparison {
  const changes = diffArrays(
    model.tokens.map((t) => t.key),
    copy.tokens.map((t) => t.key),
  );
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let current: Hunk | undefined;
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (c.removed) {
      current ??= { removed: [], added: [], at: [i, j], ...(i > 0 ? { before: model.tokens[i - 1]! } : {}) };
      current.removed.push(...model.tokens.slice(i, i + n));
      i += n;
    } else if (c.added) {
      current ??= { removed: [], added: [], at: [i, j], ...(i > 0 ? { before: model.tokens[i - 1]! } : {}) };
      current.added.push(...copy.tokens.slice(j, j + n));
      j += n;
    } else {
      if (current) hunks.push(current);
      current = undefined;
      i += n;
      j += n;
    }
  }
  if (current) hunks.push(current);
  const real: Hunk[] = [];
  let changed = 0;
  let lost = 0;
  const weight = (t: Token): number => (isSlot(t) || nameLike(t) ? 0 : 1);
  for (const h of hunks) {
    if (personal(h)) continue;
    real.push(h);
    for (const t of h.removed) {
      changed += weight(t);
      lost += weight(t);
    }
    for (const t of h.added) changed += weight(t);
  }
  const total = countsOf(model).plainTotal + countsOf(copy).plainTotal;
  return {
    similarity: total === 0 ? 1 : Math.max(0, 1 - changed / total),
    coverage: model.tokens.length === 0 ? 1 : Math.max(0, 1 - lost / model.tokens.length),
    changes: real,
    substantial: real.some((h) => editionChange(h) || h.removed.some(substantial) || h.added.some(substantial)),
  };
}

const SAME: Comparison = { similarity: 1, coverage: 1, changes: [], substantial: false };

// ---------------------------------------------------------------------------
// Pairing sections

const NUMBERING = /^(?:(?:section|part)\s+)?(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])[.):]?\s+/i;

interface TitleKey {
  full: string[];
  /** The part before a colon or dash ("Roles and Responsibilities: Education planning ..."). */
  head: string[];
  /** Both, joined. */
  fullText: string;
  headText: string;
  appendix?: string;
}

function titleKey(title: string): TitleKey {
  let t = title
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2010-\u2015]/g, '-')
    .trim();
  const appendix = /^appendix\s+([0-9]+|[a-z])\b[\s.:\-]*/.exec(t);
  if (appendix) t = t.slice(appendix[0].length);
  while (NUMBERING.test(t)) t = t.replace(NUMBERING, '');
  const words = (s: string): string[] => s.match(/[\p{L}\p{N}]+/gu)?.filter((w) => w !== 'the') ?? [];
  // (?<!\s): the shortest head never ends inside a run of spaces (t is trimmed), and without it the lookahead read the rest of a run from each of its spaces.
  const head = /^[^:\u2013\u2014]+?(?<!\s)(?=\s*(?::|\s-\s|\u2013|\u2014))/.exec(t)?.[0] ?? t;
  const full = words(t);
  const headWords = words(head);
  const key: TitleKey = { full, head: headWords, fullText: full.join(' '), headText: headWords.join(' ') };
  if (appendix) key.appendix = appendix[1]!;
  return key;
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  let common = 0;
  for (const w of new Set(b)) if (set.has(w)) common++;
  return (2 * common) / (set.size + new Set(b).size);
}

function titleSimilarity(a: TitleKey, b: TitleKey): number {
  if (a.appendix !== undefined && b.appendix !== undefined && a.appendix === b.appendix && (a.full.length === 0 || b.full.length === 0)) return 0.9;
  const same = (x: string, y: string): boolean => x.length > 0 && x === y;
  if (same(a.fullText, b.fullText)) return 1;
  if (same(a.headText, b.headText) || same(a.headText, b.fullText) || same(a.fullText, b.headText)) return 0.95;
  return Math.max(dice(a.full, b.full), dice(a.head, b.head));
}

/** Model section -> copy section. */
function pairSections(model: Section[], copy: Section[], threshold: number, known: Map<Section, TitleKey>): Map<Section, Section> {
  const keyed = (list: Section[]): { s: Section; key: TitleKey; appendix: boolean; pos: number }[] =>
    list.map((s, i) => ({ s, key: known.get(s) ?? titleKey(s.title), appendix: inAppendix(s) || /^appendix\b/i.test(s.title), pos: list.length > 1 ? i / (list.length - 1) : 0 }));
  const m = keyed(model);
  const c = keyed(copy);
  const candidates: { a: number; b: number; score: number; distance: number }[] = [];
  m.forEach((x, a) => {
    c.forEach((y, b) => {
      let score: number;
      if (x.s.canonical !== undefined && y.s.canonical !== undefined) {
        // Both known to the vocabulary: the same model section, on the same side of the appendices.
        score = x.s.canonical === y.s.canonical ? (x.appendix === y.appendix ? 2 : 0) : titleSimilarity(x.key, y.key);
        if (score < threshold) score = 0;
      } else {
        score = titleSimilarity(x.key, y.key);
        if (score < threshold) score = 0;
      }
      if (score > 0) candidates.push({ a, b, score, distance: Math.abs(x.pos - y.pos) });
    });
  });
  candidates.sort((p, q) => q.score - p.score || p.distance - q.distance || p.a - q.a || p.b - q.b);
  const out = new Map<Section, Section>();
  const used = new Set<number>();
  for (const { a, b } of candidates) {
    if (out.has(m[a]!.s) || used.has(b)) continue;
    out.set(m[a]!.s, c[b]!.s);
    used.add(b);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Pairing units

interface Pair {
  model: Unit;
  copy: Unit;
  comparison: Comparison;
}

function bestPairs(model: Unit[], copy: Unit[], threshold: number): Pair[] {
  const candidates: Pair[] = [];
  // Within one stretch of unmatched units: bounded, so that a section rewritten
  // from top to bottom is not compared every unit with every unit.
  const window = model.length * copy.length > 400 ? 10 : Infinity;
  model.forEach((mu, a) => {
    copy.forEach((cu, b) => {
      if (Math.abs(a * (copy.length / Math.max(1, model.length)) - b) > window) return;
      if (roughBounds(mu, cu).similarity < threshold) return;
      const comparison = compareUnits(mu, cu);
      if (comparison.similarity >= threshold) candidates.push({ model: mu, copy: cu, comparison });
    });
  });
  candidates.sort((p, q) => q.comparison.similarity - p.comparison.similarity);
  const out: Pair[] = [];
  const usedM = new Set<Unit>();
  const usedC = new Set<Unit>();
  for (const p of candidates) {
    if (usedM.has(p.model) || usedC.has(p.copy)) continue;
    usedM.add(p.model);
    usedC.add(p.copy);
    out.push(p);
  }
  return out;
}

/** Align the units of a section pair: identical ones first (a diff of the unit sequence), then the rest by similarity. */
function alignUnits(model: Unit[], copy: Unit[], threshold: number): Pair[] {
  const changes = diffArrays(
    model.map((u) => u.key),
    copy.map((u) => u.key),
  );
  const out: Pair[] = [];
  let i = 0;
  let j = 0;
  let removed: Unit[] = [];
  let added: Unit[] = [];
  const flush = (): void => {
    if (removed.length > 0 && added.length > 0) out.push(...bestPairs(removed, added, threshold));
    removed = [];
    added = [];
  };
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (c.removed) {
      removed.push(...model.slice(i, i + n));
      i += n;
    } else if (c.added) {
      added.push(...copy.slice(j, j + n));
      j += n;
    } else {
      flush();
      for (let k = 0; k < n; k++) out.push({ model: model[i + k]!, copy: copy[j + k]!, comparison: SAME });
      i += n;
      j += n;
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------
// The rule

type Options = {
  sectionSimilarity: number;
  paragraphSimilarity: number;
  changedBelow: number;
  minWords: number;
  changedParagraphs: 'report' | 'count';
  slots: string[];
};

const DEFAULTS: Options = {
  sectionSimilarity: 0.6,
  paragraphSimilarity: 0.5,
  changedBelow: 0.85,
  minWords: 5,
  changedParagraphs: 'report',
  slots: [],
};

/** "Appendix 2 > Alternative Provision". */
function sectionPath(s: Section): string {
  const parts: string[] = [];
  for (let x: Section | undefined = s; x && x.level > 0; x = x.parent) parts.unshift(x.title);
  return parts.join(' > ');
}

/** The changed words of a paired unit, for a message: `"termly" became "annually"`, `"X" left out`, `"Y" added`. */
function describeChanges(hunks: Shown[]): string {
  const parts = hunks.slice(0, 3).map((h) => {
    const r = quoteShort(h.removed, 60);
    const a = quoteShort(h.added, 60);
    if (h.removed && h.added) return `"${r}" became "${a}"`;
    return h.removed ? `"${r}" left out` : `"${a}" added`;
  });
  if (hunks.length > 3) parts.push(`${hunks.length - 3} more change${hunks.length - 3 === 1 ? '' : 's'}`);
  return parts.join('; ');
}

interface ModelSide {
  slotsKey: string;
  slots: Slots;
  sections: Section[];
  units: Map<Section, Unit[]>;
  lower: Set<string>;
  titles: Map<Section, TitleKey>;
}

const modelSides = new WeakMap<PolicyDocument, ModelSide>();

function compare(context: RuleContext<Options>, model: PolicyDocument, modelFile: string): void {
  const { doc, options, report, tally } = context;
  const { sectionSimilarity, changedBelow, minWords } = options;
  const threshold = options.paragraphSimilarity;
  const reportChanged = options.changedParagraphs !== 'count';
  const slotsKey = options.slots.join('\u0000');
  // The model's side is the same for every policy of a run: read into units once.
  let side = modelSides.get(model);
  if (!side || side.slotsKey !== slotsKey) {
    const slots = compileSlots(options.slots);
    const sections = body(model);
    const units = new Map<Section, Unit[]>(sections.map((s) => [s, unitsOf(s, slots)]));
    side = { slotsKey, slots, sections, units, lower: lowerWords([...units.values()].flat()), titles: new Map(sections.map((s) => [s, titleKey(s.title)])) };
    modelSides.set(model, side);
  }
  const { slots, units: modelUnits } = side;
  const modelSections = side.sections;
  countCache = new WeakMap();

  const copySections = body(doc);
  const sectionPairs = pairSections(modelSections, copySections, sectionSimilarity, side.titles);
  const copyUnits = new Map<Section, Unit[]>(copySections.map((s) => [s, unitsOf(s, slots)]));
  const copyLower = lowerWords([...copyUnits.values()].flat());
  const modelLower = side.lower;
  markNames([...[...modelUnits.values()].flat(), ...[...copyUnits.values()].flat()], (key) => modelLower.has(key) || copyLower.has(key));

  // Pairs of units, and where each model unit went.
  const pairs: Pair[] = [];
  const pairedModel = new Set<Unit>();
  const pairedCopy = new Set<Unit>();
  for (const [ms, cs] of sectionPairs) {
    for (const p of alignUnits(modelUnits.get(ms)!, copyUnits.get(cs)!, threshold)) {
      pairs.push(p);
      pairedModel.add(p.model);
      pairedCopy.add(p.copy);
    }
  }
  // A model paragraph the copy merged into its neighbour (or split in two): compare the two as one.
  const pairByModel = new Map<Unit, Pair>(pairs.map((p) => [p.model, p]));
  const pairByCopy = new Map<Unit, Pair>(pairs.map((p) => [p.copy, p]));
  const mergedInto = new Set<Unit>();
  const joinPair = (list: Unit[], k: number, paired: (u: Unit) => Pair | undefined, side: 'model' | 'copy'): void => {
    const b = list[k]!;
    for (const n of [k - 1, k + 1]) {
      const a = list[n];
      const pair = a ? paired(a) : undefined;
      if (!a || !pair) continue;
      const joined = n < k ? join(a, b) : join(b, a);
      const comparison = side === 'model' ? compareUnits(joined, pair.copy) : compareUnits(pair.model, joined);
      if (comparison.similarity <= pair.comparison.similarity + 0.05) continue;
      pair.comparison = comparison;
      if (side === 'model') pair.model = Object.assign(joined, { stands: a });
      else pair.copy = joined;
      mergedInto.add(b);
      (side === 'model' ? pairedModel : pairedCopy).add(b);
      return;
    }
  };
  for (const [ms, cs] of sectionPairs) {
    const mu = modelUnits.get(ms)!;
    mu.forEach((u, k) => {
      if (!pairedModel.has(u) && u.content >= minWords) joinPair(mu, k, (x) => pairByModel.get(x), 'model');
    });
    const cu = copyUnits.get(cs)!;
    cu.forEach((u, k) => {
      if (!pairedCopy.has(u)) joinPair(cu, k, (x) => pairByCopy.get(x), 'copy');
    });
  }

  // A model unit left over may have moved to another section (or lost its heading), or been merged with
  // its neighbour into one paragraph: look for it once in the rest of the copy, through an index of the
  // copy's words (each word's list of units kept short: a word in many units says little).
  const byKey = new Map<string, Unit[]>();
  const byWord = new Map<string, Unit[]>();
  const contentWords = (u: Unit): Set<string> => new Set(u.tokens.filter((t) => t.kind === 'word' && t.key.length >= 5).map((t) => t.key));
  for (const units of copyUnits.values()) {
    for (const u of units) {
      if (!pairedCopy.has(u)) byKey.set(u.key, [...(byKey.get(u.key) ?? []), u]);
      for (const w of contentWords(u)) {
        const list = byWord.get(w) ?? [];
        if (list.length <= 20) list.push(u);
        byWord.set(w, list);
      }
    }
  }
  const merged = new Set<Unit>();
  const loose: Pair[] = [];
  // Outside its own section a paragraph must be more alike to count as the same one.
  const looseThreshold = Math.max(threshold, 0.7);
  for (const units of modelUnits.values()) {
    for (const mu of units) {
      if (pairedModel.has(mu)) continue;
      const exact = byKey.get(mu.key)?.find((u) => !pairedCopy.has(u));
      if (exact) {
        pairs.push({ model: mu, copy: exact, comparison: SAME });
        pairedModel.add(mu);
        pairedCopy.add(exact);
        continue;
      }
      const hits = new Map<Unit, number>();
      for (const w of contentWords(mu)) {
        const list = byWord.get(w);
        if (!list || list.length > 20) continue;
        for (const u of list) hits.set(u, (hits.get(u) ?? 0) + 1);
      }
      const best = [...hits].sort((a, b) => b[1] - a[1]).slice(0, 4);
      const found: Pair[] = [];
      let covered = false;
      for (const [cu] of best) {
        const rough = roughBounds(mu, cu);
        if (rough.similarity < looseThreshold && rough.coverage < 0.9) continue;
        const comparison = compareUnits(mu, cu);
        // Merged into a longer paragraph of the copy: all there, with more around it.
        if (comparison.coverage >= 0.9 && cu.tokens.length > mu.tokens.length) covered = true;
        if (!pairedCopy.has(cu) && comparison.similarity >= looseThreshold) found.push({ model: mu, copy: cu, comparison });
      }
      if (covered) merged.add(mu);
      else loose.push(...found);
    }
  }
  loose.sort((p, q) => q.comparison.similarity - p.comparison.similarity);
  for (const p of loose) {
    if (pairedModel.has(p.model) || pairedCopy.has(p.copy)) continue;
    pairs.push(p);
    pairedModel.add(p.model);
    pairedCopy.add(p.copy);
  }

  const base = (kind: string, section: Section, unit?: Unit): DiagnosticData => {
    const data: DiagnosticData = {
      kind,
      modelFile,
      modelSection: sectionPath(section),
      modelLine: (unit ? unit.blocks[0]!.start : section.titleStart) === 0 ? 1 : model.pointAt(unit ? unit.blocks[0]!.start : section.titleStart).line,
    };
    if (unit) data.modelParagraph = unit.text;
    return data;
  };

  // Missing sections: a model section with nothing of it in the copy, reported once for it and everything below it.
  // Present: paired with a section of the copy, or at least half of its paragraphs found elsewhere in the copy.
  const foundShare = (s: Section): number => {
    const units = modelUnits.get(s)!.filter((u) => u.content >= minWords);
    return units.length === 0 ? 0 : units.filter((u) => pairedModel.has(u) || merged.has(u) || mergedInto.has(u)).length / units.length;
  };
  const hasAny = (s: Section): boolean => sectionPairs.has(s) || foundShare(s) >= 0.5 || s.children.some(hasAny);
  const reportedGone = new Set<Section>();
  // Where a model section belongs in the copy: before the copy's counterpart of the next model section that is present, else after that of the previous one.
  const placeOf = (index: number): { anchor?: Section; place?: 'Before' | 'After' } => {
    const ms = modelSections[index]!;
    const next = modelSections.slice(index + 1).find((s) => sectionPairs.has(s) && !isInside(s, ms));
    const previous = modelSections
      .slice(0, index)
      .reverse()
      .find((s) => sectionPairs.has(s));
    if (next) return { anchor: sectionPairs.get(next)!, place: 'Before' };
    if (previous) return { anchor: sectionPairs.get(previous)!, place: 'After' };
    return {};
  };
  let missingSections = 0;
  const copyOrder = new Map(copySections.map((s, i) => [s, i]));
  modelSections.forEach((ms, index) => {
    if (ms.parent && reportedGone.has(ms.parent)) {
      reportedGone.add(ms);
      return;
    }
    if (hasAny(ms)) return;
    const all = [ms, ...descendants(ms)];
    const units = all.flatMap((s) => modelUnits.get(s)!);
    if (units.every((u) => u.content < minWords) && ms.children.length === 0) return;
    reportedGone.add(ms);
    missingSections++;
    const { anchor, place } = placeOf(index);
    const first = units.find((u) => u.content >= minWords) ?? units[0];
    const size = `${units.length} paragraph${units.length === 1 ? '' : 's'}${ms.children.length ? ` and ${ms.children.length} sub-section${ms.children.length === 1 ? '' : 's'}` : ''}`;
    report({
      messageId: `sectionMissing${place ?? ''}${first ? '' : 'Empty'}`,
      data: { section: sectionPath(ms), size, ...(anchor ? { neighbour: anchor.title } : {}), ...(first ? { beginning: quoteShort(first.text, 70) } : {}) },
      start: anchor ? anchor.titleStart : 0,
      end: anchor ? anchor.titleEnd : 0,
      facts: { ...base('missing-section', ms, first), modelSection: sectionPath(ms) },
    });
  });

  // Missing paragraphs and changed ones, in model order.
  const pairOf = new Map<Unit, Pair>(pairs.map((p) => [p.model.stands ?? p.model, p]));
  const changedSections = new Set<Section>();
  let missingParagraphs = 0;
  let changedParagraphs = 0;
  for (const ms of modelSections) {
    if (reportedGone.has(ms)) continue;
    const units = modelUnits.get(ms)!;
    const cs = sectionPairs.get(ms);
    units.forEach((mu, k) => {
      const pair = pairOf.get(mu);
      if (!pair) {
        if (mu.content < minWords || merged.has(mu) || mergedInto.has(mu)) return;
        missingParagraphs++;
        changedSections.add(ms);
        const nextPair = units
          .slice(k + 1)
          .map((u) => pairOf.get(u))
          .find((p) => p !== undefined && (!cs || p.copy.section === cs));
        const prevPair = units
          .slice(0, k)
          .reverse()
          .map((u) => pairOf.get(u))
          .find((p) => p !== undefined && (!cs || p.copy.section === cs));
        let at: { start: number; end: number };
        // Where it belongs: before or after a paragraph of the copy, or (its section missing) before or after a section.
        let place = '';
        let neighbour: string | undefined;
        if (nextPair) {
          const b = nextPair.copy.blocks[0]!;
          at = { start: b.start, end: b.start + Math.max(0, firstLine(b)) };
          place = 'Before';
          neighbour = quoteShort(nextPair.copy.text, 40);
        } else if (prevPair) {
          const b = prevPair.copy.blocks[prevPair.copy.blocks.length - 1]!;
          at = { start: b.start, end: b.start + Math.max(0, firstLine(b)) };
          place = 'After';
          neighbour = quoteShort(prevPair.copy.text, 40);
        } else if (cs) {
          at = { start: cs.titleStart, end: cs.titleEnd };
        } else {
          const found = placeOf(modelSections.indexOf(ms));
          at = found.anchor ? { start: found.anchor.titleStart, end: found.anchor.titleEnd } : { start: 0, end: 0 };
          if (found.place) {
            place = `SectionBelongs${found.place}`;
            neighbour = found.anchor!.title;
          }
        }
        report({
          messageId: `paragraphMissing${place}`,
          data: { section: sectionPath(ms), paragraph: quoteShort(mu.text, 100), ...(neighbour !== undefined ? { neighbour } : {}) },
          ...at,
          facts: base('missing-paragraph', ms, mu),
        });
        return;
      }
      const { comparison } = pair;
      if (comparison.changes.length === 0) return;
      if (!comparison.substantial && comparison.similarity >= changedBelow) return;
      // A name or a line of a few words that differs is not a changed commitment.
      if (!comparison.substantial && mu.content < minWords) return;
      changedParagraphs++;
      changedSections.add(ms);
      if (!reportChanged) return;
      const shown = showChanges(pair.model, pair.copy, comparison.changes);
      const range = unitRange(pair.copy, Math.min(...shown.map((h) => h.start)), Math.max(...shown.map((h) => h.end)));
      report({
        messageId: 'paragraphChanged',
        data: { section: sectionPath(ms), changes: describeChanges(shown), paragraph: quoteShort(pair.model.text, 100) },
        ...range,
        facts: {
          ...base('changed-paragraph', ms, pair.model),
          removed: shown.map((h) => h.removed).filter(Boolean),
          added: shown.map((h) => h.added).filter(Boolean),
          similarity: Math.round(comparison.similarity * 100) / 100,
        },
      });
    });
  }

  // What the copy adds: counted, never reported.
  const pairedCopySections = new Set(sectionPairs.values());
  let addedSections = 0;
  let addedParagraphs = 0;
  for (const cs of copySections) {
    const units = copyUnits.get(cs)!;
    if (!pairedCopySections.has(cs) && !units.some((u) => pairedCopy.has(u))) addedSections++;
    for (const u of units) if (!pairedCopy.has(u) && u.content >= minWords) addedParagraphs++;
  }
  void copyOrder;
  const present = modelSections.filter((s) => !reportedGone.has(s)).length;
  tally('modelSections', modelSections.length);
  tally('sectionsPresent', present);
  tally('sectionsMissing', missingSections);
  tally('sectionsChanged', [...changedSections].filter((s) => !reportedGone.has(s)).length);
  tally('paragraphsMissing', missingParagraphs);
  tally('paragraphsChanged', changedParagraphs);
  tally('sectionsAdded', addedSections);
  tally('paragraphsAdded', addedParagraphs);
}

/**
 * The sections compared: all but the title page. Headings before the first one that names a model
 * section (the school's name, the policy's title, a motto, read as headings) are the title page,
 * like the text before the first heading.
 */
function body(doc: PolicyDocument): Section[] {
  const first = doc.sections.findIndex((s) => s.canonical !== undefined);
  if (first <= 0) return doc.sections;
  return doc.sections.slice(first);
}

function descendants(s: Section): Section[] {
  return s.children.flatMap((c) => [c, ...descendants(c)]);
}

function isInside(s: Section, ancestor: Section): boolean {
  for (let x = s.parent; x; x = x.parent) if (x === ancestor) return true;
  return false;
}

/** Length of a block's first source line. */
function firstLine(b: TextBlock): number {
  const nl = b.text.indexOf('\n');
  const { end } = sourceRange(b, 0, nl < 0 ? b.text.length : nl);
  return end - b.start;
}

const MODEL_EXAMPLE =
  'Policy Objective\n\nThe Designated Teacher for Children Looked After is [insert name].\n\n' +
  'Statutory Personal Education Plans (ePEP)\n\nEvery ePEP is reviewed termly, within the statutory care planning framework, with the social worker.\n\n' +
  'Attendance\n\nThe school will follow up every absence of a child looked after on the first day, with the Virtual School.\n';

export const rule: Rule<Options> = {
  meta: {
    id: 'model-drift',
    description: 'Compare the policy with the current model policy (--model): missing sections and paragraphs, and changed commitments.',
    severity: 'warning',
    fixable: false,
    messages: {
      sectionMissing: 'The model\'s section "{{section}}" is missing from this policy; in the model it has {{size}}, beginning "{{beginning}}".',
      sectionMissingBefore: 'The model\'s section "{{section}}" is missing from this policy (it belongs before "{{neighbour}}"); in the model it has {{size}}, beginning "{{beginning}}".',
      sectionMissingAfter: 'The model\'s section "{{section}}" is missing from this policy (it belongs after "{{neighbour}}"); in the model it has {{size}}, beginning "{{beginning}}".',
      sectionMissingEmpty: 'The model\'s section "{{section}}" is missing from this policy; in the model it has {{size}}.',
      sectionMissingBeforeEmpty: 'The model\'s section "{{section}}" is missing from this policy (it belongs before "{{neighbour}}"); in the model it has {{size}}.',
      sectionMissingAfterEmpty: 'The model\'s section "{{section}}" is missing from this policy (it belongs after "{{neighbour}}"); in the model it has {{size}}.',
      paragraphMissing: 'A paragraph of the model\'s "{{section}}" section is missing: "{{paragraph}}"',
      paragraphMissingBefore: 'A paragraph of the model\'s "{{section}}" section is missing (it belongs before "{{neighbour}}"): "{{paragraph}}"',
      paragraphMissingAfter: 'A paragraph of the model\'s "{{section}}" section is missing (it belongs after "{{neighbour}}"): "{{paragraph}}"',
      paragraphMissingSectionBelongsBefore: 'A paragraph of the model\'s "{{section}}" section is missing (its section belongs before "{{neighbour}}"): "{{paragraph}}"',
      paragraphMissingSectionBelongsAfter: 'A paragraph of the model\'s "{{section}}" section is missing (its section belongs after "{{neighbour}}"): "{{paragraph}}"',
      paragraphChanged: 'This paragraph differs from the model\'s "{{section}}" section: {{changes}}. The model reads: "{{paragraph}}"',
    },
    rationale:
      "Every school's policy of this family is a personalised copy of a local authority's model. When the model changes (new " +
      'duties such as kinship care, new editions of guidance), schools are asked to patch their own copies by hand, and rules ' +
      'catch only the drift somebody wrote a rule for. Comparing the copy with the current model catches the rest: a paragraph ' +
      'the model added last year, a section left out, a commitment weakened in the copy ("termly" to "annually", "must" to ' +
      '"may"). Filling in the model\'s gaps (names, the school\'s name, dates, contact details) is not drift and is never reported. ' +
      'Sections and paragraphs the copy adds are not problems: they are counted in the summary.',
    sources: [
      {
        title: 'Hertfordshire Virtual School: model policy for the education of all children with a social worker (the grid)',
        url: 'https://thegrid.org.uk/',
      },
      {
        title: 'Virtual school head role extension to children in kinship care (DfE, 2024)',
        url: 'https://www.gov.uk/government/publications/virtual-school-head-role-extension-to-children-with-a-social-worker',
      },
    ],
    notes:
      'Runs only when a model is given: `--model FILE`, or `settings.model` in a configuration file (a path relative to that ' +
      'file; --model wins). The model may be in any format policy-lint reads; it is read once per run (and once by each ' +
      'worker thread), and a model that cannot be read ends the run with one line naming it (exit 2). ' +
      'Method. (1) Sections are paired by the model-section vocabulary when both headings name a model section (a section ' +
      'inside an appendix pairs only with one inside an appendix), else by the similarity of their titles: numbering ' +
      '("3.2", "Section 3:"), "Appendix N", a leading "the", "&" and the part after a colon or dash are taken into account, ' +
      'and the share of words in common must reach `sectionSimilarity`. The title page is not compared: the text before ' +
      'the first heading, and headings before the first one that names a model section (a school name or motto read as a ' +
      'heading). (2) Within each pair of sections (never across whole documents, so the work grows with the size of the ' +
      'documents), paragraphs, list items and table rows are aligned with the `diff` package: identical ones first, then ' +
      'the rest by word similarity, best first, when it reaches `paragraphSimilarity`. A model paragraph the copy merged ' +
      'with its neighbour (or split in two) is compared as one. A model paragraph not found in its section is looked for ' +
      'once in the rest of the copy (at least 0.7 alike, or held whole in a longer paragraph): a moved paragraph is not ' +
      'missing. (3) Paired paragraphs are compared with a word diff, ignoring case, punctuation and hyphens. ' +
      'Personalisation is not a change: the model\'s template gaps ("[insert name]", "[School name]", "(enter date)", ' +
      '"XXXX", "____") match anything of up to 15 words; dates ("28.01.25", "Spring 2024", "2024-2025"), e-mail addresses, ' +
      'phone numbers, web addresses and the patterns in `slots` match their like; names match names: capitalised words ' +
      'that neither document ever writes in lower case ("Lorna Allett", "Bushey Heath"), titles (Mr, Mrs, Dr...) and ' +
      'capitalised words right after them ("Mrs. Short"); a word the documents also write in lower case ("Children", ' +
      '"Kinship") is not a name. A year right after an acronym or "education", "guidance", "together", "act", ' +
      '"regulations", "edition" or "code" is an edition of named guidance ("KCSIE 2023"), not a date to fill in. ' +
      'Reported (each finding names the model section and quotes the model): a model section that pairs with none of ' +
      "the copy's and of which less than half of the paragraphs are found elsewhere, once for it and its sub-sections, " +
      'at the place it belongs; a model paragraph of at least `minWords` words (not counting names, dates and gaps) ' +
      'missing from the copy, at the paragraph it belongs before or after; a changed paragraph, with the words removed ' +
      'and added, when a change touches a number, a frequency (termly, annually, weekly, twice...), a modal verb (must, ' +
      'should, may, will...), a negation or "only", a word naming guidance (KCSIE, guidance, act, regulations), an edition ' +
      'year, or when less than `changedBelow` of its words are unchanged (a line shorter than `minWords` only for such a ' +
      'substantial change); `changedParagraphs: count` only counts changed paragraphs. What the copy adds is never ' +
      'reported: it is counted. Output: in JSON each finding has "data" (kind: missing-section, missing-paragraph or ' +
      'changed-paragraph; modelFile, modelSection, modelLine, modelParagraph; removed, added and similarity for a ' +
      'change) and each file "tallies" (model-drift/modelSections, sectionsPresent, sectionsMissing, sectionsChanged, ' +
      'paragraphsMissing, paragraphsChanged, sectionsAdded, paragraphsAdded); the stylish summary ends with a ' +
      '"Compared with the model" line and the HTML report has a "Compared with the model" table per policy. Files ' +
      "compared with a model are linted again on every --cache run (the cache does not keep the comparison's data). " +
      'Speed: measured on the seeds, linting with a model costs 1.1x to 1.8x the CPU time of linting alone (most of it ' +
      'reading the model once).',
    options: {
      sectionSimilarity: {
        type: 'number',
        description: 'How alike two section titles must be (0 to 1, shared words) to be paired when the vocabulary does not know both.',
        default: DEFAULTS.sectionSimilarity,
        minimum: 0.1,
        maximum: 1,
      },
      paragraphSimilarity: {
        type: 'number',
        description: 'How alike two paragraphs must be (0 to 1, the share of their words unchanged) to be the same paragraph, changed; below it the model paragraph is missing.',
        default: DEFAULTS.paragraphSimilarity,
        minimum: 0.1,
        maximum: 1,
      },
      changedBelow: {
        type: 'number',
        description: 'A paired paragraph with less than this share of its words unchanged (0 to 1) is reported as changed even when no number, frequency or modal verb changed.',
        default: DEFAULTS.changedBelow,
        minimum: 0,
        maximum: 1,
      },
      minWords: {
        type: 'integer',
        description: 'A model paragraph shorter than this (in words, not counting names, dates and gaps) is not reported as missing.',
        default: DEFAULTS.minWords,
        minimum: 1,
        maximum: 1000,
      },
      changedParagraphs: {
        enum: ['report', 'count'],
        description: '"report" changed paragraphs as findings, or only "count" them in the summary.',
        default: DEFAULTS.changedParagraphs,
      },
      slots: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        regexFlags: 'iu',
        description: "More personalisation: regular expressions (case-insensitive) for text that may differ freely between model and copy, e.g. the local authority's name.",
        default: DEFAULTS.slots,
      },
    },
    examples: [
      {
        title: "A copy that only fills in the model's gaps",
        model: MODEL_EXAMPLE,
        text:
          'Policy Objective\n\nThe Designated Teacher for Children Looked After is Mrs Jane Okafor.\n\n' +
          'Statutory Personal Education Plans (ePEP)\n\nEvery ePEP is reviewed termly, within the statutory care planning framework, with the social worker.\n\n' +
          'Attendance\n\nThe school will follow up every absence of a child looked after on the first day, with the Virtual School.\n',
        expect: [],
      },
      {
        title: 'A weakened commitment and a lost section',
        model: MODEL_EXAMPLE,
        text:
          'Policy Objective\n\nThe Designated Teacher for Children Looked After is Mr Sam Reid.\n\n' +
          'Statutory Personal Education Plans (ePEP)\n\nEvery ePEP is reviewed annually, within the statutory care planning framework, with the social worker.\n',
        expect: ['5:1 section "Attendance" is missing', '7:24 "termly" became "annually"'],
      },
    ],
  },

  check(context) {
    const model = context.settings.model;
    if (!model?.doc) return;
    compare(context, model.doc, model.file);
  },
};

export default rule;

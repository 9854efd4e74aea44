/**
 * Applying fixes: non-overlapping text edits, then lint again, until stable.
 *
 * Rules report fixes as edits at offsets into `doc.text` (LF line endings,
 * no BOM). Those offsets are mapped back to the file's own text
 * (`source.original`, which keeps CRLF or CR line endings) by line and column,
 * which are the same in both, so that a write changes nothing outside the
 * edited ranges: the encoding, the BOM and every untouched line ending stay as
 * they were, and a "\n" inside a replacement becomes the file's line ending.
 */
import type { Diagnostic, FixSafety, TextEdit } from '../types.js';
import { encodeSource, fromDecoded, type SourceText } from '../document/source.js';

/** ESLint's limit: fixes can uncover or unblock more fixes, but not forever. */
export const MAX_FIX_PASSES = 10;

/** Does a fix of this safety apply at this level? `suggestion` applies safe fixes and suggestions. */
export function fixApplies(safety: FixSafety, level: FixSafety): boolean {
  return level === 'suggestion' || safety === 'safe';
}

/** A fix's own edits must lie inside the text and must not overlap or share a start. */
function validEdits(edits: TextEdit[], length: number): boolean {
  if (edits.length === 0) return false;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end)) || e.start < 0 || e.end < e.start || e.end > length) return false;
    if (i > 0 && e.start <= edits[i - 1]!.start) return false;
    if (i > 0 && e.start < edits[i - 1]!.end) return false;
  }
  return true;
}

/** Two edits conflict when their ranges overlap or they start at the same place (the order would be ambiguous). */
function conflicts(e: TextEdit, a: TextEdit): boolean {
  return e.start === a.start || (e.start < a.end && a.start < e.end);
}

/**
 * Choose the fixes to apply in one pass: every fix at or below `level`, in
 * document order, skipping a fix that conflicts with one already chosen (it
 * is tried again on the next pass, as ESLint does) and a fix whose edits are
 * malformed. Returns the chosen edits and how many fixes they came from.
 */
export function selectFixes(diagnostics: Diagnostic[], level: FixSafety, textLength = Number.MAX_SAFE_INTEGER): { edits: TextEdit[]; applied: number } {
  const fixes = diagnostics
    .filter((d) => d.fix && fixApplies(d.fix.safety, level))
    .map((d) => [...d.fix!.edits].sort((a, b) => a.start - b.start || a.end - b.end))
    .filter((edits) => validEdits(edits, textLength))
    .sort((a, b) => a[0]!.start - b[0]!.start);
  const accepted: TextEdit[] = [];
  let applied = 0;
  for (const edits of fixes) {
    if (edits.some((e) => accepted.some((a) => conflicts(e, a)))) continue;
    accepted.push(...edits);
    applied++;
  }
  accepted.sort((a, b) => a.start - b.start);
  return { edits: accepted, applied };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * Apply the edits of the given diagnostics' fixes to `text` (one pass).
 * A fix whose edits conflict with an earlier accepted fix is left for the
 * next pass. Returns the new text and how many fixes were applied.
 */
export function applyFixes(text: string, diagnostics: Diagnostic[], level: FixSafety): { text: string; applied: number } {
  const { edits, applied } = selectFixes(diagnostics, level, text.length);
  return { text: applyEdits(text, edits), applied };
}

/** Offsets in `text` at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Map an offset in `source.text` (LF) to the same line and column in `source.original`. */
export function toOriginalOffset(source: SourceText, offset: number, starts: number[] = lineStarts(source.text)): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return source.originalLineStarts[lo]! + (offset - starts[lo]!);
}

/**
 * Apply edits given in `source.text` offsets to the file's own text and
 * return the new source. Line endings inside replacement text become the
 * file's line ending (`source.eol`).
 */
export function applyEditsToSource(source: SourceText, edits: TextEdit[]): SourceText {
  const original = applyEdits(source.original, editsInOriginal(source, edits));
  return fromDecoded(original, source.encoding, source.bom);
}

/**
 * Edits given in `source.text` offsets, as edits of the file's own text (`source.original`: the decoded file, BOM
 * removed, its own line endings), each "\n" of a replacement written as the file's line ending: what --fix writes,
 * and the ranges the JSON report gives (ESLint's convention). `starts`: lineStarts(source.text), when the caller
 * maps many edits of one text.
 */
export function editsInOriginal(source: SourceText, edits: readonly TextEdit[], starts?: number[]): TextEdit[] {
  if (source.original === source.text) return edits.map((e) => ({ ...e }));
  const at = starts ?? lineStarts(source.text);
  return edits.map((e) => ({ start: toOriginalOffset(source, e.start, at), end: toOriginalOffset(source, e.end, at), text: e.text.replace(/\r\n?|\n/g, source.eol) }));
}

export interface FixOutcome {
  /** The source after every applied fix (the input source when nothing applied). */
  source: SourceText;
  /** Findings on the fixed text (what is left to do by hand). */
  messages: Diagnostic[];
  /** Findings on the text as it was read. */
  initialMessages: Diagnostic[];
  /** How many fixes were applied over all passes. */
  fixesApplied: number;
  passes: number;
  /** True when the text changed. */
  changed: boolean;
  /** False when fixes were still applying after MAX_FIX_PASSES passes. */
  stable: boolean;
}

/**
 * Lint, apply the fixes at `level`, lint again, until nothing more applies
 * (at most MAX_FIX_PASSES passes). `lint` lints one version of the text.
 */
export function fixSource(source: SourceText, lint: (source: SourceText) => Diagnostic[], level: FixSafety, maxPasses = MAX_FIX_PASSES): FixOutcome {
  const initialMessages = lint(source);
  let current = source;
  let messages = initialMessages;
  let fixesApplied = 0;
  let passes = 0;
  let stable = false;
  for (;;) {
    const { edits, applied } = selectFixes(messages, level, current.text.length);
    if (applied === 0) {
      stable = true;
      break;
    }
    if (passes >= maxPasses) break;
    const next = applyEditsToSource(current, edits);
    if (next.original === current.original) {
      stable = true;
      break;
    }
    current = next;
    fixesApplied += applied;
    passes++;
    messages = lint(current);
  }
  return { source: current, messages, initialMessages, fixesApplied, passes, changed: current !== source, stable };
}

/**
 * Why the fixed text must not be written over the file, or undefined when it
 * may be. A file that was not valid UTF-8 was decoded with U+FFFD in place of
 * the bad bytes, and any text that does not encode back to exactly the bytes
 * that were read would change more than the fixes.
 */
export function unwritableReason(source: SourceText, bytesRead: Uint8Array): string | undefined {
  if (source.invalidUtf8At !== undefined) {
    const line = source.text.slice(0, source.invalidUtf8At).split('\n').length;
    return `it is not valid UTF-8 (first bad byte on line ${line}), and writing it back would replace the bad bytes; re-save it as UTF-8 and run again`;
  }
  const again = encodeSource(source.original, source.encoding, source.bom);
  if (again.length !== bytesRead.length || again.some((b, i) => b !== bytesRead[i])) {
    return `its bytes do not survive decoding and re-encoding as ${source.encoding}, so writing it back could change more than the fixes`;
  }
  return undefined;
}

/** The fixed file's bytes, in its own encoding and BOM. */
export function encodeFixed(source: SourceText): Uint8Array {
  return encodeSource(source.original, source.encoding, source.bom);
}

/** How many findings a fix at each level would address. */
export function countFixable(messages: Diagnostic[]): { safe: number; suggestion: number } {
  let safe = 0;
  let suggestion = 0;
  for (const m of messages) {
    if (!m.fix) continue;
    if (m.fix.safety === 'safe') safe++;
    else suggestion++;
  }
  return { safe, suggestion };
}

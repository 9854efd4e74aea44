/**
 * The check that a regular expression a user supplies (in a rule pack, a rule
 * option, `settings.guidance` or a copy of data/) cannot make a run slow.
 *
 * policy-lint runs these patterns over every paragraph of every policy, on
 * JavaScript's backtracking engine, which has no time limit: a pattern such
 * as `(a+)+$` takes exponential time on a line that almost matches, and one
 * such as `.*.*.*=` or `a.*b` polynomial time on a long line (a 100 KB
 * paragraph makes that hours). So each pattern is compiled, then checked by
 * recheck (https://makenowjust-labs.github.io/recheck/), a ReDoS checker
 * that decides exponential and polynomial backtracking on the pattern's
 * automaton and, for what an automaton cannot express (lookaround,
 * backreferences, large counted repetitions), searches for an attack string
 * by fuzzing. A pattern it finds vulnerable is refused with the kind of
 * slowness, the part of the pattern at fault and an attack string.
 *
 * Deciding conservatively:
 * - A pattern recheck cannot decide ("unknown": it ran out of its limits or
 *   does not support a construct) is refused.
 * - Backreferences (`\1`, `\k<name>`) are refused without asking: matching
 *   them is NP-hard in general and the checker can only fuzz them.
 * - A pattern longer than 1000 characters is refused before it is analysed.
 * - A fuzzed "safe" is a search that found no attack, not a proof; the
 *   verdict is made reproducible (a fixed seed, step limits instead of time
 *   limits for each phase), so that a pattern is accepted or refused the same
 *   way on every machine. The built-in patterns are also measured by
 *   counting matching steps on growing adversarial input (test/regex-growth.test.ts).
 *
 * Why recheck and not redos-detector: redos-detector (smaller, pure JS) was
 * tried first; it scores every unanchored pattern as if tried from every
 * position with unbounded backtracking (`designated\s+teachers?` "infinite"),
 * so it would refuse ordinary patterns, and it found the quadratic lookbehind
 * `(?<=^\s*|[:\t(]\s*)TBC` safe. recheck is large (a Scala.js build, and
 * a native binary where its platform package is installed), so it is loaded
 * only when a pattern from outside the package is checked: a run that uses
 * only built-in patterns never loads it. Each verdict is kept for the rest of
 * the process, so a pattern repeated across configuration files is checked once.
 */
import { createRequire } from 'node:module';

/** Longer patterns are refused before they are analysed. */
const MAX_LENGTH = 1000;

interface Hotspot {
  start: number;
  end: number;
  temperature: 'heat' | 'normal';
}

/** What recheck's checkSync returns (the fields used here). */
interface Diagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: { type: 'safe' | 'linear' | 'polynomial' | 'exponential'; degree?: number; isFuzz: boolean };
  attack?: { pattern: string };
  hotspot?: Hotspot[];
  error?: { kind: string; message?: string };
}

type CheckSync = (source: string, flags: string, params: Record<string, unknown>) => Diagnostics;

let checkSync: CheckSync | undefined;

let checks = 0;

/** How many patterns the checker has analysed in this process (each distinct pattern once). */
export function redosChecks(): number {
  return checks;
}

function checker(): CheckSync {
  checkSync ??= (createRequire(import.meta.url)('recheck') as { checkSync: CheckSync }).checkSync;
  return checkSync;
}

/**
 * recheck's parameters: every phase bounded by steps, not time (the same
 * verdict on a slow machine as on a fast one), with one overall time limit
 * that only a pathological pattern reaches (then "unknown": refused).
 */
const PARAMS = {
  randomSeed: 0,
  timeout: 30_000,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
};

const verdicts = new Map<string, string | undefined>();

/** A backreference (`\1`, `\k<name>`) outside a character class, if any. */
function backreference(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `\\${/^\d+/.exec(source.slice(i + 1))![0]}`;
      if (!inClass && next === 'k' && source[i + 2] === '<') return `\\k${source.slice(i + 2, source.indexOf('>', i) + 1)}`;
      i++;
    } else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
  }
  return undefined;
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function short(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The clause for a vulnerable pattern: what kind of slowness, where, and on what text. */
function vulnerable(source: string, d: Diagnostics): string {
  const c = d.complexity;
  const how =
    c?.type === 'exponential'
      ? 'exponential time (each extra character can double it)'
      : `polynomial time (it grows with the ${ordinal(c?.degree ?? 2)} power of the length${c?.degree === 2 ? ', "quadratic"' : ''})`;
  const spots = [...new Set((d.hotspot ?? []).filter((h) => h.temperature === 'heat').map((h) => `"${source.slice(h.start, h.end)}"`))];
  const where = spots.length ? `: ${spots.slice(0, 3).join(' and ')} can match the same characters in more than one way` : '';
  const attack = d.attack ? `; for example on ${short(d.attack.pattern)}` : '';
  const advice =
    c?.type === 'exponential'
      ? 'rewrite it so that each character can be matched in one way only (e.g. (a+)+ as a+)'
      : 'rewrite it so that the same characters are not tried again and again (e.g. start it with \\b or (?<!\\d) before \\d+, or use a negated class such as [^:]* instead of .*)';
  return `can take ${how} on some text${where}${attack}; ${advice}`;
}

/**
 * Why `source` (compiled with `flags`) could make matching slow, or
 * undefined when it is safe. Assumes the pattern compiles.
 */
export function unsafeReason(source: string, flags = ''): string | undefined {
  if (source.length > MAX_LENGTH) return `is longer than ${MAX_LENGTH} characters`;
  const ref = backreference(source);
  if (ref) return `uses a backreference (${ref}), which policy-lint does not allow because its matching time cannot be bounded`;
  const checkFlags = flags.replace(/[gyd]/g, '');
  const key = `${checkFlags}/${source}`;
  if (verdicts.has(key)) return verdicts.get(key);
  checks++;
  const d = checker()(source, checkFlags, PARAMS);
  let reason: string | undefined;
  if (d.status === 'vulnerable') reason = vulnerable(source, d);
  else if (d.status === 'unknown') {
    const why =
      d.error?.kind === 'timeout'
        ? 'ran out of time'
        : d.error?.kind === 'unsupported'
          ? `does not support part of it${d.error.message ? ` (${d.error.message})` : ''}`
          : `could not analyse it (${d.error?.kind ?? 'unknown'})`;
    reason = `could not be shown to run in linear time (the checker ${why}), so it is refused to be safe: simplify it`;
  }
  verdicts.set(key, reason);
  return reason;
}

/**
 * Compile a pattern from a configuration, pack or data file: returns the
 * RegExp, or a one-clause reason it was refused (it does not compile, or it
 * could make matching slow). `trusted` is for the package's own files
 * (built-in packs and data/), whose patterns a test checks instead
 * (test/regex-growth.test.ts), so that the default run never loads the checker.
 */
export function compileUserRegex(source: string, flags: string, trusted = false): { regex: RegExp } | { error: string } {
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { error: `does not compile (${message})` };
  }
  if (trusted) return { regex };
  const reason = unsafeReason(source, flags);
  if (reason) return { error: reason };
  return { regex };
}

/**
 * The one registry of output formats: each --format name, whether it is meant
 * for people (human formats) or programs, and how to load it. A formatter is
 * loaded only when a run asks for it, so that a one-file run loads one.
 */
import type { Formatter } from './types.js';

export type { Formatter, FormatterContext } from './types.js';

interface FormatEntry {
  /** Meant for people reading a terminal (the others are read by programs). */
  human: boolean;
  load: () => Promise<Formatter>;
}

const FORMATS: Readonly<Record<string, FormatEntry>> = {
  stylish: { human: true, load: async () => (await import('./stylish.js')).stylish },
  compact: { human: true, load: async () => (await import('./compact.js')).compact },
  json: { human: false, load: async () => (await import('./json.js')).json },
  sarif: { human: false, load: async () => (await import('./sarif.js')).sarif },
  github: { human: false, load: async () => (await import('./github.js')).github },
  junit: { human: false, load: async () => (await import('./junit.js')).junit },
  html: { human: false, load: async () => (await import('./html.js')).html },
  csv: { human: false, load: async () => (await import('./csv.js')).csv },
  'csv-summary': { human: false, load: async () => (await import('./csv.js')).csvSummary },
};

/** Every --format name, in the order --help lists them. */
export const FORMAT_NAMES: readonly string[] = Object.keys(FORMATS);

/** Formats meant for people reading a terminal (the others are read by programs). */
export const HUMAN_FORMATS: ReadonlySet<string> = new Set(FORMAT_NAMES.filter((name) => FORMATS[name]!.human));

/** The formatter of a --format name, or undefined for a name that is not one. */
export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return Object.hasOwn(FORMATS, name) ? FORMATS[name]!.load() : undefined;
}

/** Every formatter, loaded (for tests and tools that want them all). */
export async function loadAllFormatters(): Promise<Record<string, Formatter>> {
  const out: Record<string, Formatter> = {};
  for (const name of FORMAT_NAMES) out[name] = (await loadFormatter(name))!;
  return out;
}

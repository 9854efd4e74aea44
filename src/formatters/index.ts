import type { Formatter } from './types.js';
import { stylish } from './stylish.js';
import { json } from './json.js';
import { compact } from './compact.js';
import { sarif } from './sarif.js';
import { github } from './github.js';
import { junit } from './junit.js';

export type { Formatter, FormatterContext } from './types.js';

/** Every output format, by the name given to --format. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish,
  compact,
  json,
  sarif,
  github,
  junit,
};

/** Formats meant for people reading a terminal (the others are read by programs). */
export const HUMAN_FORMATS: ReadonlySet<string> = new Set(['stylish', 'compact']);

import type { Formatter } from './types.js';
import { stylish } from './stylish.js';
import { json } from './json.js';

export type { Formatter, FormatterContext } from './types.js';

/** Every output format, by the name given to --format. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish,
  json,
};

/**
 * Presets, as data: what `extends: policy-lint:<name>` means.
 *
 * - `severities: 'defaults'` puts every rule (built-in and pack) back at its
 *   default severity at that point of the cascade;
 * - `severityMap` changes every rule that is on at one severity to another
 *   (strict: every warning becomes an error), including pack rules loaded
 *   by later configuration files;
 * - `packs` loads rule packs (the built-in Hertfordshire pack is
 *   `policy-lint:hertfordshire`, rules/packs/hertfordshire.yaml).
 *
 * `policy-lint:recommended` is also the embedded default: every configuration
 * is layered over it, and it is all there is when no configuration file is
 * found.
 */
import type { Severity } from '../types.js';

export interface PresetData {
  description: string;
  extends?: string[];
  severities?: 'defaults';
  severityMap?: Partial<Record<Severity, Severity>>;
  packs?: string[];
}

export const PRESETS: Readonly<Record<string, PresetData>> = {
  'policy-lint:recommended': {
    description: 'Every rule at its default severity, with the built-in Hertfordshire rule pack.',
    severities: 'defaults',
    packs: ['policy-lint:hertfordshire'],
  },
  'policy-lint:strict': {
    description: 'The recommended rules, with every warning made an error.',
    extends: ['policy-lint:recommended'],
    severityMap: { warning: 'error' },
  },
};

export const DEFAULT_PRESET = 'policy-lint:recommended';

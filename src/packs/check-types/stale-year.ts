/**
 * stale-year: a citation `pattern` with a `(?<year>\d{4})` group; the year
 * must be at least `minimum`, a number or a guidance series id from the
 * registry (`kcsie`: the year of the edition in force at the as-of date).
 */
import type { RuleContext } from '../../types.js';
import { findAll, sourceRange } from '../../rule-api/kit.js';
import { editionInForce } from '../../domain/guidance.js';
import { fail, requireEntry } from '../../config/check.js';
import { blocksInScope, fill, sectionTitle, type BuiltCheck, type CheckType } from './shared.js';

export const staleYear: CheckType = {
  type: 'stale-year',
  keys: ['pattern', 'minimum'],
  placeholders: ['match', 'year', 'minimum', 'edition', 'section'],
  fixable: false,
  build(spec) {
    const { map, label, file } = spec;
    const patternEntry = requireEntry(map, 'pattern', label);
    const citation = spec.patternOf('pattern');
    if (!/\(\?<year>/.test(citation.source)) fail(patternEntry.value, `${label}.pattern: needs a group named year, e.g. "KCSIE\\s+(?<year>\\d{4})"`);
    const minEntry = requireEntry(map, 'minimum', label);
    const mv = minEntry.value;
    let minimum: number | string;
    let seriesRef: BuiltCheck['seriesRef'];
    if (mv.kind === 'scalar' && typeof mv.value === 'number') {
      if (!Number.isInteger(mv.value) || mv.value < 1900 || mv.value > 2200) fail(mv, `${label}.minimum: expected a year between 1900 and 2200, got ${mv.value}`);
      minimum = mv.value;
    } else if (mv.kind === 'scalar' && typeof mv.value === 'string' && mv.value.trim()) {
      minimum = mv.value;
      seriesRef = { id: mv.value, file, pos: mv.pos };
    } else {
      fail(mv, `${label}.minimum: expected a year (e.g. 2024) or a guidance series id (e.g. kcsie)`);
    }
    return { check: (context) => checkStaleYear(context, citation, minimum, spec.message, spec.scope), ...(seriesRef ? { seriesRef } : {}) };
  },
};

function checkStaleYear(context: RuleContext, citation: RegExp, minimum: number | string, message: string, scope: string[]): void {
  const { doc, settings, report } = context;
  let minYear: number;
  let edition: string;
  if (typeof minimum === 'number') {
    minYear = minimum;
    edition = String(minimum);
  } else {
    const series = Object.hasOwn(settings.guidance.series, minimum) ? settings.guidance.series[minimum] : undefined;
    if (!series) throw new Error(`guidance series "${minimum}" is not in the registry`);
    const inForce = editionInForce(series, settings.asOf);
    if (!inForce) return;
    minYear = inForce.year;
    edition = inForce.edition;
  }
  const { blocks } = blocksInScope(doc, scope);
  for (const m of findAll(doc, citation, blocks)) {
    const year = m.match.groups?.year;
    const span = m.match.indices?.groups?.year;
    if (year === undefined || !/^\d{4}$/.test(year) || Number(year) >= minYear) continue;
    const range = span ? sourceRange(m.block, span[0], span[1]) : { start: m.start, end: m.end };
    report({
      message: fill(message, { match: m.match[0], year, minimum: String(minYear), edition, section: sectionTitle(m.block) }),
      ...range,
    });
  }
}

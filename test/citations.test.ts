/**
 * The one finder of guidance citations (src/domain/citations.ts), which kcsie-current, superseded-guidance,
 * expected-guidance and the reports' "oldest guidance named" all use: names, the year before or after them, history,
 * edition markers, and the two ways a year after a name may stand (title words only, or up to maxWords words).
 */
import { describe, expect, it } from 'vitest';
import { findCitations, type GuidanceCitation } from '../src/rule-api/index.js';
import { GUIDANCE } from '../src/domain/guidance.js';

const S = GUIDANCE.series;
const ALL = Object.values(S);
const kcsie = S['kcsie']!;
const behaviour = S['behaviour-in-schools']!;
const together = S['working-together']!;
const exclusions = S['exclusions']!;

/** "series written@start-end edition" of each citation. */
const show = (found: GuidanceCitation[]): string[] => found.map((c) => `${c.series.id} ${c.written}@${c.start}-${c.end} ${c.edition?.edition ?? '-'}`);
const KCSIE = { after: { maxWords: 12 } } as const;

describe('findCitations', () => {
  it('a year after the name, with only title words between (the default)', () => {
    const text = 'Read the Behaviour in Schools Guidance (September 2022) and the 2022 Behaviour in Schools guidance.';
    expect(show(findCitations(text, [behaviour], ALL))).toEqual(['behaviour-in-schools September 2022@40-54 September 2022', 'behaviour-in-schools 2022@64-68 September 2022']);
    const [c] = findCitations(text, [behaviour], ALL);
    expect(c).toMatchObject({ year: 2022, digitsAt: 50, date: { index: 40, precision: 'month' } });
  });

  it("a later year in the sentence is not the edition's unless only title words come between", () => {
    const text = 'See the Behaviour in Schools guidance here, which we read in 2023.';
    expect(findCitations(text, [behaviour], ALL)).toEqual([]);
  });

  it('{ maxWords }: any words in the same sentence, up to maxWords, stopping at another citation', () => {
    const text = "Staff read 'DfE: Keeping Children Safe in Education' (All staff) September 2022.";
    expect(show(findCitations(text, [kcsie], ALL, KCSIE))).toEqual(['kcsie September 2022@65-79 2022']);
    expect(findCitations(text, [kcsie], ALL, { after: { maxWords: 1 } })).toEqual([]);
    // "and" starts another citation; so does another series' name.
    expect(findCitations('We follow KCSIE and the guidance of 2023.', [kcsie], ALL, KCSIE)).toEqual([]);
    expect(show(findCitations('We follow KCSIE, Working Together to Safeguard Children 2023.', [kcsie, together], ALL, KCSIE))).toEqual(['working-together 2023@56-60 December 2023']);
  });

  it('a year before the name: its month, "edition of", a school year, a quotation mark', () => {
    expect(show(findCitations('Staff read the September 2023 edition of Keeping Children Safe in Education.', [kcsie], ALL, KCSIE))).toEqual(['kcsie September 2023@15-29 2023']);
    expect(show(findCitations("the 2023/24 KCSIE and the 2024 'KCSIE'", [kcsie], ALL, KCSIE))).toEqual(['kcsie 2023@4-8 2023', 'kcsie 2024@26-30 2024']);
    expect(show(findCitations('Staff follow the September 2022 edition of Behaviour in Schools.', [behaviour], ALL))).toEqual(['behaviour-in-schools September 2022@17-31 September 2022']);
  });

  it('history is not a citation, in either way of reading', () => {
    expect(findCitations('This policy follows KCSIE 2025, replacing KCSIE 2023.', [kcsie], ALL, KCSIE).map((c) => c.written)).toEqual(['2025']);
    expect(findCitations('In force from 1st September 2024, replacing the 2022 Behaviour in Schools guidance.', [behaviour], ALL)).toEqual([]);
  });

  it('an edition marker dates a citation with no year', () => {
    expect(show(findCitations('See Section 59 of the Suspension and Permanent Exclusion guidance.', [exclusions], ALL))).toEqual(['exclusions Section 59@4-14 September 2022']);
  });

  it('an abbreviation matches in any case; a short name that is also ordinary words only as written', () => {
    expect(show(findCitations('Staff read kcsie 2023.', [kcsie], ALL, KCSIE))).toEqual(['kcsie 2023@17-21 2023']);
    expect(findCitations('We work together 2018 and after.', [together], ALL)).toEqual([]);
    expect(show(findCitations('We follow Working Together 2018.', [together], ALL))).toEqual(['working-together 2018@27-31 2018']);
  });

  it('a year older than any edition the registry knows names no edition', () => {
    const [c] = findCitations('Keeping Children Safe in Education 2016', [kcsie], ALL, KCSIE);
    expect(c).toMatchObject({ written: '2016', year: 2016, edition: undefined });
  });
});

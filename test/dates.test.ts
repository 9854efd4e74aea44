/**
 * src/domain/dates.ts: every date form the seeds and DOMAIN.md use, read as a range
 * of days; labelled dates in a block and in a document.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  academicYearRange,
  findDates,
  findDocumentDates,
  findLabelledDates,
  isPast,
  latestDocumentDate,
  leadingDate,
  monthIndex,
  monthsBetween,
  parseDate,
  termRange,
} from '../src/domain/dates.js';
import type { DateRange } from '../src/domain/dates.js';
import { docOf, docOfFile, seedPath } from './helpers.js';

/** "YYYY-MM-DD..YYYY-MM-DD precision" of a range. */
function show(r: DateRange | undefined): string | undefined {
  if (!r) return undefined;
  return `${r.earliest.toISOString().slice(0, 10)}..${r.latest.toISOString().slice(0, 10)} ${r.precision}`;
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

describe('parseDate', () => {
  it.each([
    // terms: Autumn = Sep-Dec, Spring = Jan-Apr, Summer = Apr-Jul
    ['Autumn 2025', '2025-09-01..2025-12-31 term'],
    ['Spring 2024', '2024-01-01..2024-04-30 term'],
    ['Summer 2024', '2024-04-01..2024-07-31 term'],
    ['autumn term 2025', '2025-09-01..2025-12-31 term'],
    ['Spring 2 2024', '2024-01-01..2024-04-30 term'],
    // months
    ['April 2024', '2024-04-01..2024-04-30 month'],
    ['February 2026', '2026-02-01..2026-02-28 month'],
    ['February 2028', '2028-02-01..2028-02-29 month'],
    ['Sept 2024', '2024-09-01..2024-09-30 month'],
    ['Feb. 2026', '2026-02-01..2026-02-28 month'],
    ['Updated March 2023', '2023-03-01..2023-03-31 month'],
    // days
    ['28.01.25', '2025-01-28..2025-01-28 day'],
    ['28/01/2025', '2025-01-28..2025-01-28 day'],
    ['5-3-2025', '2025-03-05..2025-03-05 day'],
    ['2025-01-28', '2025-01-28..2025-01-28 day'],
    ['1st September 2022', '2022-09-01..2022-09-01 day'],
    ['1 Sept 2022', '2022-09-01..2022-09-01 day'],
    ['22nd of March, 2024', '2024-03-22..2024-03-22 day'],
    ['September 1st, 2022', '2022-09-01..2022-09-01 day'],
    // years and academic years (1 Sep to 31 Aug)
    ['2024', '2024-01-01..2024-12-31 year'],
    ['2022-23', '2022-09-01..2023-08-31 academic-year'],
    ['2022/23', '2022-09-01..2023-08-31 academic-year'],
    ['2024-2025', '2024-09-01..2025-08-31 academic-year'],
    ['2022–23', '2022-09-01..2023-08-31 academic-year'],
    ['1999/00', '1999-09-01..2000-08-31 academic-year'],
    // closing punctuation and markup left around a value
    ['Spring 2024.', '2024-01-01..2024-04-30 term'],
    ['(March 2025)', '2025-03-01..2025-03-31 month'],
  ])('reads %j as %s', (text, expected) => {
    expect(show(parseDate(text))).toBe(expected);
  });

  it.each([
    ['31.02.25'], // no 31 February
    ['13/13/2025'],
    ['2019-2022'], // a span, not an academic year
    ['2022-24'],
    ['TBC'],
    [''],
    ['(enter date)'],
    ['April'],
    ['Spring 2024 or earlier if the law changes'],
    ['32.5'],
  ])('does not read %j as one date', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});

describe('findDates', () => {
  it('finds each date once, the longest reading first', () => {
    const text = 'In force from 1st September 2022, replacing the 2017 guidance; in 2024-2025 is Hannah Badger.';
    expect(findDates(text).map((d) => [d.text, d.index, d.precision])).toEqual([
      ['1st September 2022', 14, 'day'],
      ['2017', 48, 'year'],
      ['2024-2025', 66, 'academic-year'],
    ]);
  });

  it('leaves numbers that are not dates alone', () => {
    const text = 'full time (25 hours or 32.5 by September 2023); 1.6 million children; 12.3% absence; Phone: 01992 556915; £2024.50';
    expect(findDates(text).map((d) => d.text)).toEqual(['September 2023']);
  });

  it('reads academic years in history as academic years', () => {
    expect(findDates('between 2012/13 and 2017/18 and in the 2020/21 academic year').map((d) => show(d))).toEqual([
      '2012-09-01..2013-08-31 academic-year',
      '2017-09-01..2018-08-31 academic-year',
      '2020-09-01..2021-08-31 academic-year',
    ]);
  });

  it('reads a term before the academic year it is written with', () => {
    expect(findDates('Autumn 2024/25').map((d) => d.text)).toEqual(['Autumn 2024']);
  });
});

describe('leadingDate', () => {
  it('skips "Updated", "the end of" and the like, and gives the index of the date', () => {
    expect(leadingDate('Updated March 2023')).toMatchObject({ text: 'March 2023', index: 8 });
    expect(leadingDate('the end of March 2024.')).toMatchObject({ text: 'March 2024', index: 11 });
    expect(leadingDate('Spring 2024 (or sooner)')).toMatchObject({ text: 'Spring 2024', index: 0 });
    expect(leadingDate('by governors in 2024')).toBeUndefined();
  });
});

describe('ranges and comparisons', () => {
  it('a term is past only after its last day', () => {
    const autumn = termRange('autumn', 2025);
    expect(isPast(autumn, day('2025-12-31'))).toBe(false);
    expect(isPast(autumn, day('2026-01-01'))).toBe(true);
    const oneDay = parseDate('24.11.26')!;
    expect(isPast(oneDay, day('2026-11-24'))).toBe(false);
    expect(isPast(oneDay, day('2026-11-25'))).toBe(true);
  });

  it('counts whole calendar months', () => {
    expect(monthsBetween(termRange('autumn', 2024).earliest, termRange('autumn', 2025).earliest)).toBe(12);
    expect(monthsBetween(parseDate('March 2023')!.earliest, parseDate('Spring 2024')!.earliest)).toBe(10);
    expect(monthsBetween(parseDate('28.01.25')!.earliest, parseDate('February 2026')!.earliest)).toBe(13);
    expect(monthsBetween(parseDate('April 2024')!.earliest, parseDate('April 2023')!.earliest)).toBe(-12);
  });

  it('runs the academic year from 1 September to 31 August', () => {
    expect(show(academicYearRange(2025))).toBe('2025-09-01..2026-08-31 academic-year');
  });

  it('knows month names and abbreviations', () => {
    expect([monthIndex('Sept'), monthIndex('sep'), monthIndex('February'), monthIndex('Jun'), monthIndex('xyz'), monthIndex('ma')]).toEqual([8, 8, 1, 5, undefined, undefined]);
  });
});

describe('properties', () => {
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

  it('reads "<Month> <year>" as the whole month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1990, max: 2099 }), (m, y) => {
        const r = parseDate(`${MONTHS[m]} ${y}`)!;
        expect(r.precision).toBe('month');
        expect(r.earliest.toISOString().slice(0, 10)).toBe(`${y}-${String(m + 1).padStart(2, '0')}-01`);
        expect(r.latest.getUTCMonth()).toBe(m);
        expect(new Date(r.latest.getTime() + 86_400_000).getUTCDate()).toBe(1);
      }),
    );
  });

  it('reads a day written day-first the same in every form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const date = d.getUTCDate();
        const month = d.getUTCMonth();
        const year = d.getUTCFullYear();
        const expected = `${year}-${String(month + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
        const dd = String(date).padStart(2, '0');
        const mm = String(month + 1).padStart(2, '0');
        for (const form of [`${dd}.${mm}.${String(year).slice(2)}`, `${date}/${month + 1}/${year}`, `${date} ${MONTHS[month]} ${year}`, expected]) {
          const r = parseDate(form);
          expect(r && r.earliest.toISOString().slice(0, 10)).toBe(expected);
          expect(r!.latest.getTime()).toBe(r!.earliest.getTime());
        }
      }),
    );
  });

  it('reads every academic year in its three forms as 1 September to 31 August', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2098 }), (y) => {
        const next = String(y + 1);
        for (const form of [`${y}-${next.slice(2)}`, `${y}/${next.slice(2)}`, `${y}-${next}`]) {
          expect(show(parseDate(form))).toBe(`${y}-09-01..${next}-08-31 academic-year`);
        }
      }),
    );
  });
});

describe('findLabelledDates', () => {
  const read = (text: string) => findLabelledDates(text).map((l) => ({ kind: l.kind, label: l.label, value: l.value, date: l.date?.text, at: l.date?.index }));

  it.each([
    ['To be reviewed: Autumn 2025', 'review', 'To be reviewed', 'Autumn 2025', 16],
    ['Review date: Spring 2024', 'review', 'Review date', 'Spring 2024', 13],
    ['Review Date April 2024', 'review', 'Review Date', 'April 2024', 12],
    ['Next Review: February 2026', 'review', 'Next Review', 'February 2026', 13],
    ['Date of next review: 1st September 2026', 'review', 'Date of next review', '1st September 2026', 21],
    ['Date: April 2023', 'issue', 'Date', 'April 2023', 6],
    ['Date April 2023', 'issue', 'Date', 'April 2023', 5],
    ['Date of Issue: February 2025', 'issue', 'Date of Issue', 'February 2025', 15],
    ['Date: 28.01.25', 'issue', 'Date', '28.01.25', 6],
    ['Policy ratified: Autumn 2024', 'issue', 'Policy ratified', 'Autumn 2024', 17],
    ['Approved by governors: 3 March 2025', 'issue', 'Approved by governors', '3 March 2025', 23],
  ])('reads %j', (text, kind, label, date, at) => {
    expect(read(text)).toEqual([{ kind, label, value: text.slice(at as number), date, at }]);
  });

  it('reads the tab-separated footer of seed 004 and ignores "Reviewed by"', () => {
    const text = 'Date Policy Reviewed/Amended:\tMarch 2025\nChair of Governors:\tJames Hughes\nHeadteacher:\tPenny Barefoot\nReview Date:\tMarch 2026\nReviewed by:\tFull Governing Body';
    expect(read(text)).toEqual([
      { kind: 'issue', label: 'Date Policy Reviewed/Amended', value: 'March 2025', date: 'March 2025', at: 30 },
      { kind: 'review', label: 'Review Date', value: 'March 2026', date: 'March 2026', at: 115 },
    ]);
  });

  it('reads "Date: Updated March 2023" (seed 001): the value keeps "Updated", the date does not', () => {
    expect(read('Date: Updated March 2023')).toEqual([{ kind: 'issue', label: 'Date', value: 'Updated March 2023', date: 'March 2023', at: 14 }]);
  });

  it('reads two fields on one line', () => {
    expect(read('Date: April 2023    Review date: April 2024').map((l) => [l.kind, l.date])).toEqual([
      ['issue', 'April 2023'],
      ['review', 'April 2024'],
    ]);
  });

  it('keeps a blank or unreadable review date, and a review date in a sentence', () => {
    expect(read('Review date:')).toEqual([{ kind: 'review', label: 'Review date', value: '', date: undefined, at: undefined }]);
    expect(read('Review date: TBC')).toEqual([{ kind: 'review', label: 'Review date', value: 'TBC', date: undefined, at: undefined }]);
    expect(read('This policy will be reviewed in Autumn 2026 by the governors.')).toEqual([
      { kind: 'review', label: 'will be reviewed in', value: 'Autumn 2026', date: 'Autumn 2026', at: 32 },
    ]);
  });

  it.each([
    ['Review of Children in Need (2019)'],
    ['Review date of the ePEP is agreed with the social worker.'],
    ['Reviewed by: Full Governing Body'],
    ['Date of birth: unknown'],
    ['The school will ensure that every CLA has an ePEP that is reviewed termly.'],
    ['Catholic Schools Inspection February 2023'],
    ['September 2024'],
  ])('finds no labelled date in %j', (text) => {
    expect(findLabelledDates(text)).toEqual([]);
  });
});

describe('findDocumentDates', () => {
  it('takes the value of a label standing alone from the next paragraph only when it is a date', () => {
    const doc = docOf('Review date:\n\nSpring 2027\n\nDate:\n\nThe Hertfordshire Virtual School\n');
    const found = findDocumentDates(doc.blocks);
    expect(found.map((d) => [d.kind, d.label, d.date?.text, d.valueBlock.text])).toEqual([['review', 'Review date', 'Spring 2027', 'Spring 2027']]);
  });

  it('takes the value of a label from the next table cell', () => {
    const doc = docOf('| Review date | April 2024 |\n|---|---|\n| Next review | TBC |\n');
    const found = findDocumentDates(doc.blocks);
    expect(found.map((d) => [d.kind, d.value, d.date?.text])).toEqual([
      ['review', 'April 2024', 'April 2024'],
      ['review', 'TBC', undefined],
    ]);
  });

  it('reads a label in a table heading row as a column heading, not a field', () => {
    const doc = docOf('| Policy | Review date |\n|---|---|\n| Behaviour | April 2027 |\n\n| Review date | Action |\n|---|---|\n| Date | Event |\n');
    expect(findDocumentDates(doc.blocks)).toEqual([]);
  });

  it('reads an empty or unfilled cell next to a label as a blank or unreadable value', () => {
    const doc = docOf('| Review date |  |\n|---|---|\n| Next review | N/A |\n');
    expect(findDocumentDates(doc.blocks).map((d) => [d.label, d.value, d.date])).toEqual([
      ['Review date', '', undefined],
      ['Next review', 'N/A', undefined],
    ]);
  });

  it('leaves a blank review date blank when the next paragraph is not a date (seed 003)', () => {
    const doc = docOfFile(seedPath('003'));
    const found = findDocumentDates(doc.blocks).map((d) => [doc.pointAt(d.block.start).line, d.kind, d.label, d.date?.text ?? null]);
    expect(found).toEqual([
      [11, 'issue', 'Date of Issue', 'February 2025'],
      [13, 'review', 'Next Review', 'February 2026'],
      [225, 'issue', 'Date', '28.01.25'],
      [227, 'review', 'Review date', null],
    ]);
  });

  it.each([
    [
      '000',
      [
        [15, 'issue', 'Autumn 2024'],
        [17, 'review', 'Autumn 2025'],
      ],
    ],
    [
      '001',
      [
        [219, 'issue', 'March 2023'],
        [221, 'review', 'Spring 2024'],
      ],
    ],
    [
      '002',
      [
        [12, 'issue', 'April 2023'],
        [14, 'review', 'April 2024'],
        [274, 'issue', 'April 2023'],
        [276, 'review', 'April 2024'],
      ],
    ],
    [
      '004',
      [
        [190, 'issue', 'March 2025'],
        [190, 'review', 'March 2026'],
      ],
    ],
  ])('reads the dates of seed %s', (seed, expected) => {
    const doc = docOfFile(seedPath(seed));
    expect(findDocumentDates(doc.blocks).map((d) => [doc.pointAt(d.block.start).line, d.kind, d.date?.text])).toEqual(expected);
  });

  it('picks the latest date', () => {
    const doc = docOfFile(seedPath('000'));
    expect(latestDocumentDate(findDocumentDates(doc.blocks))?.label).toBe('To be reviewed');
    expect(latestDocumentDate([])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { buildSeries, gapsIn, seriesKey, seriesSummary } from './series-index';

function book(id: string, series: string | undefined, number?: number, authors = ['A. Author']) {
  return {
    id,
    title: `Title ${id}`,
    titleKey: `title ${id}`,
    series,
    authors,
    ...(number !== undefined ? { seriesNumber: number } : {}),
  };
}

describe('gapsIn', () => {
  it.each([
    [[1, 2, 3], []],
    [
      [1, 3, 5],
      [2, 4],
    ],
    // Nothing before the first owned number is missing: a run may start anywhere.
    [[2, 3], []],
    [[11], []],
    [[11, 11], []],
    [
      [9, 13, 17],
      [10, 11, 12, 14, 15, 16],
    ],
    [[0, 2], [1]],
    [[-1, 1], [0]],
    [[1, 1.5, 2], []],
    [[1.5, 3], []],
    [[1.5], []],
    [[], []],
    [[1, 1998], []],
  ])('%j → %j', (numbers, gaps) => expect(gapsIn(numbers)).toEqual(gaps));
});

describe('seriesSummary', () => {
  const entry = (numbers: (number | undefined)[]) => {
    const books = numbers.map((number, i) => ({
      id: String(i),
      title: `T${i}`,
      ...(number !== undefined ? { number } : {}),
    }));
    const owned = numbers.filter((n): n is number => n !== undefined);
    return { books, gaps: gapsIn(owned) };
  };

  it.each([
    [[11], '1 book · #11'],
    [[1, 1, 1, 1], '4 books · all #1'],
    [[9, 13, 17], '3 books · #9 to #17 · 6 missing'],
    [[1, 2, undefined], '3 books · #1 to #2'],
    [[undefined, undefined], '2 books'],
  ])('%j → %s', (numbers, text) => expect(seriesSummary(entry(numbers))).toBe(text));

  it('counts issues for a comic series', () => {
    expect(seriesSummary(entry([1, 2, 4]), 'issue')).toBe('3 issues · #1 to #4 · 1 missing');
    expect(seriesSummary(entry([1]), 'issue')).toBe('1 issue · #1');
  });
});

describe('seriesKey', () => {
  it('treats spellings that differ in case, accents, apostrophes and spacing as one series', () => {
    expect(seriesKey('D’Artagnan Romances')).toBe(seriesKey("d'artagnan  romances"));
    expect(seriesKey('Arsène Lupin')).toBe(seriesKey('Arsene Lupin'));
  });
});

describe('buildSeries', () => {
  it('orders books by position with decimals and prequels in place, unnumbered last', () => {
    const [entry] = buildSeries([
      book('c', 'Oz', 2),
      book('e', 'Oz'),
      book('a', 'Oz', 0),
      book('b', 'Oz', 1.5),
      book('d', 'OZ', 1),
      book('f', 'Oz', -1),
    ]);
    expect(entry?.books.map((b) => b.id)).toEqual(['f', 'a', 'd', 'b', 'c', 'e']);
    expect(entry?.name).toBe('Oz');
    expect(entry?.gaps).toEqual([]);
  });

  it('flags gaps and duplicate positions, and collects authors', () => {
    const [entry] = buildSeries([
      book('a', 'Saga', 1, ['X']),
      book('b', 'Saga', 4, ['Y']),
      book('c', 'Saga', 4, ['X']),
    ]);
    expect(entry?.gaps).toEqual([2, 3]);
    expect(entry?.duplicates).toEqual([4]);
    expect(entry?.authors).toEqual(['X', 'Y']);
  });

  it('leaves books without a series out, and sorts series by name', () => {
    const entries = buildSeries([
      book('a', 'Zebra', 1),
      book('b', undefined),
      book('c', 'Apple', 1),
    ]);
    expect(entries.map((e) => e.name)).toEqual(['Apple', 'Zebra']);
  });
});

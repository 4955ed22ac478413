import { describe, expect, it } from 'vitest';
import { buildSeries, gapsIn, seriesKey } from './series-index';

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
    [[2, 3], [1]],
    [[0, 2], [1]],
    [[-1, 1], [0]],
    [[1, 1.5, 2], []],
    [[1.5], []],
    [[], []],
    [[1, 1998], []],
  ])('%j → %j', (numbers, gaps) => expect(gapsIn(numbers)).toEqual(gaps));
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
    expect(entry?.knownCount).toBe(2);
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

import { describe, expect, it } from 'vitest';
import { buildSeries } from './series-index';
import { similarSeries } from './series-suggestions';

const book = (id: string, series: string, authors: string[]) => ({
  id,
  title: id,
  titleKey: id,
  series,
  authors,
});

const entries = buildSeries([
  book('a', 'The Wheel of Time', ['Robert Jordan']),
  book('b', 'Wheel of Time Series', ['Robert Jordan']),
  book('c', 'Disc World', ['Terry Pratchett']),
  book('d', 'Discworld', ['Terry Pratchett']),
  book('e', 'Time Wheel', ['Someone Else']),
  book('f', 'The Wheel of Time', ['Robert Jordan']),
  book('g', 'Dune', ['Frank Herbert']),
  book('h', 'Dune Chronicles', ['Brian Herbert']),
]);
const named = (name: string) => entries.find((e) => e.name === name)!;

describe('similarSeries', () => {
  it('offers the same run spelt with filler words', () => {
    const found = similarSeries(named('The Wheel of Time'), entries);
    expect(found.map((s) => s.entry.name)).toEqual(['Wheel of Time Series']);
    expect(found[0]?.similarity).toBe(1);
  });

  it('offers a spelling that differs only in spacing', () => {
    expect(similarSeries(named('Discworld'), entries).map((s) => s.entry.name)).toEqual([
      'Disc World',
    ]);
  });

  it('does not offer a series by other authors, however alike the name', () => {
    expect(similarSeries(named('Dune'), entries)).toEqual([]);
  });

  it('does not offer a series that only shares words', () => {
    expect(similarSeries(named('Time Wheel'), entries)).toEqual([]);
  });
});

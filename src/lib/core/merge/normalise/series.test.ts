import { describe, expect, it } from 'vitest';
import { seriesKey, seriesNameKey, seriesNumber, seriesRefines } from './series';

describe('seriesNameKey', () => {
  it.each([
    ['The Expanse', 'Expanse'],
    ["Ender's Saga", 'Ender’s Saga'],
    ['Enders Saga', 'ENDER’S SAGA'],
    ['Discworld', 'Discworld Series'],
    ['Discworld', 'Discworld (series)'],
    ['Les Rougon-Macquart', 'Les Rougon Macquart'],
    ['Mystère', 'Mystere'],
  ])('%s = %s', (a, b) => expect(seriesNameKey(a)).toBe(seriesNameKey(b)));

  it('keeps different series apart', () => {
    expect(seriesNameKey('Foundation')).not.toBe(seriesNameKey('Dune'));
  });
});

describe('seriesNumber', () => {
  it.each([
    [1, 1],
    [2.5, 2.5],
    [2.4999999, 2.5],
    [-1, -1],
    [0, 0],
    [Number.NaN, undefined],
    ['3', 3],
    ['03', 3],
    ['2.5', 2.5],
    ['2,5', 2.5],
    ['1½', 1.5],
    ['#4', 4],
    ['-1', -1],
    ['three', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (value, number) => expect(seriesNumber(value)).toBe(number));
});

describe('seriesKey', () => {
  it('joins name key and number', () => {
    expect(seriesKey({ name: 'The Expanse', number: 3, kind: 'series' })).toBe('expanse#3');
    expect(seriesKey({ name: 'The Expanse', kind: 'series' })).toBe('expanse#');
    expect(seriesKey({ name: '  ', kind: 'series' })).toBeUndefined();
  });

  it('a number-less key is refined by a numbered one of the same series', () => {
    expect(seriesRefines('expanse#3', 'expanse#')).toBe(true);
    expect(seriesRefines('expanse#3', 'expanse#3')).toBe(false);
    expect(seriesRefines('expanse#3', 'discworld#')).toBe(false);
    expect(seriesRefines('expanse#', 'expanse#3')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { readSeriesRef, withoutVolume, type SeriesRef } from './series-ref';

const words = (text: string) => text.split(' ');

describe('readSeriesRef', () => {
  const cases: [string, SeriesRef][] = [
    ['Saga 012', { name: 'Saga', number: 12, marked: true }],
    ['Saga 12', { name: 'Saga', number: 12, marked: false }],
    ['Saga #12', { name: 'Saga', number: 12, marked: true }],
    ['Saga # 12', { name: 'Saga', number: 12, marked: true }],
    ['Foundation, #3', { name: 'Foundation', number: 3, marked: true }],
    ['Foundation, Book 3', { name: 'Foundation', number: 3, marked: true }],
    ['Saga v02', { name: 'Saga', number: 2, marked: true }],
    ['Saga Vol.2', { name: 'Saga', number: 2, marked: true }],
    ['Saga Vol. 2', { name: 'Saga', number: 2, marked: true }],
    ['Saga Volume 3', { name: 'Saga', number: 3, marked: true }],
    ['Saga v02 012', { name: 'Saga', number: 12, marked: true }],
    ['Saga Vol. 2 012', { name: 'Saga', number: 12, marked: true }],
    ['Saga v02 #012.5', { name: 'Saga', number: 12.5, marked: true }],
    ['Dune Part IV', { name: 'Dune', number: 4, marked: true }],
    ['Dune part two', { name: 'Dune', number: 2, marked: true }],
    ['Astérix Tome 2', { name: 'Astérix', number: 2, marked: true }],
    ['One Piece Chapter 1045', { name: 'One Piece', number: 1045, marked: true }],
    ['Book 1', { name: '', number: 1, marked: true }],
    ['012', { name: '', number: 12, marked: true }],
    ['v3', { name: '', number: 3, marked: true }],
    ['2000 AD 1234', { name: '2000 AD', number: 1234, marked: false }],
    ['Saga ½', { name: 'Saga', number: 0.5, marked: false }],
    ['Saga -1', { name: 'Saga', number: -1, marked: false }],
    ['& 3', { name: '', number: 3, marked: false }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(readSeriesRef(words(text))).toEqual(expected);
  });

  it.each(['I, Robot', 'Henry IV', 'Part of It', 'The Book Thief', 'Saga IV', 'Saga 123456', ''])(
    'finds no position in %j',
    (text) => {
      expect(readSeriesRef(words(text))).toBeUndefined();
    },
  );
});

describe('withoutVolume', () => {
  it.each([
    ['Saga v2', 'Saga'],
    ['Saga Vol. 2', 'Saga'],
    ['Saga', 'Saga'],
    ['v2', 'v2'],
    ['X-Men 92', 'X-Men 92'],
  ])('%s → %s', (text, expected) => {
    expect(withoutVolume(words(text)).join(' ')).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_ROMAN, parseRoman, toRoman } from './roman';

describe('parseRoman', () => {
  it.each([
    ['I', 1],
    ['iv', 4],
    ['IX', 9],
    ['XIV', 14],
    ['xl', 40],
    ['XC', 90],
    ['CD', 400],
    ['MCMXCIX', 1999],
    ['MMMM', 4000],
    ['MMMMCMXCIX', 4999],
    ['MMMMDCCCLXXXVIII', 4888],
    ['mix', 1009],
  ])('%s → %i', (text, value) => {
    expect(parseRoman(text)).toBe(value);
  });

  it.each([
    '',
    'IIII',
    'IIV',
    'VX',
    'IC',
    'MMMMM',
    'XM',
    'VV',
    'Mix',
    'Iv',
    'ABC',
    'I V',
    '4',
    'Ⅳ',
  ])('rejects %j', (text) => {
    expect(parseRoman(text)).toBeUndefined();
  });

  it('round-trips every value it can write', () => {
    for (let n = 1; n <= MAX_ROMAN; n++) {
      const roman = toRoman(n);
      expect(roman && parseRoman(roman)).toBe(n);
    }
    expect(toRoman(0)).toBeUndefined();
    expect(toRoman(MAX_ROMAN + 1)).toBeUndefined();
    expect(toRoman(2.5)).toBeUndefined();
  });
});

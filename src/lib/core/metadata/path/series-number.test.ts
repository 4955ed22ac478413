import { describe, expect, it } from 'vitest';
import { parseMarkedNumber, parseNumeral } from './series-number';

describe('parseNumeral', () => {
  it.each([
    ['3', 3, false],
    ['012', 12, true],
    ['0', 0, false],
    ['000', 0, true],
    ['2.5', 2.5, false],
    ['012.5', 12.5, true],
    ['½', 0.5, false],
    ['1½', 1.5, false],
    ['012½', 12.5, true],
    ['¼', 0.25, false],
    ['-1', -1, false],
    ['-0', 0, false],
    ['99999', 99999, false],
  ])('%s → %d (padded: %s)', (text, value, padded) => {
    expect(parseNumeral(text)).toEqual({ value, padded });
  });

  it.each([
    '',
    '-',
    '.5',
    '1.',
    '1.2.3',
    '2,5',
    '123456',
    '1.2345',
    '1.5½',
    'IV',
    '#3',
    '3a',
    ' 3',
  ])('rejects %j', (text) => {
    expect(parseNumeral(text)).toBeUndefined();
  });
});

describe('parseMarkedNumber', () => {
  it.each([
    ['4', 4],
    ['IV', 4],
    ['iv', 4],
    ['Two', 2],
    ['twenty', 20],
    ['2.5', 2.5],
  ])('%s → %d', (text, value) => {
    expect(parseMarkedNumber(text)).toBe(value);
  });

  it.each(['of', 'Mixed', 'constructor', 'toString', '__proto__', 'IIII'])('rejects %j', (text) => {
    expect(parseMarkedNumber(text)).toBeUndefined();
  });
});

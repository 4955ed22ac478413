import { describe, expect, it } from 'vitest';
import { dateKey, dateRefines } from './dates';

describe('dateKey', () => {
  it.each([
    ['1895', '1895'],
    ['1895-05', '1895-05'],
    ['1895-5-7', '1895-05-07'],
    ['1895-05-07T00:00:00Z', '1895-05-07'],
    ['1895-05-07 12:00', '1895-05-07'],
    ['1895-13-01', '1895'],
    ['May 1895', '1895'],
    ['c. 1895?', '1895'],
    ['Spring', '~spring'],
    ['  ', undefined],
  ])('%s → %s', (text, key) => expect(dateKey(text)).toBe(key));
});

describe('dateRefines', () => {
  it.each([
    ['1895-05-07', '1895', true],
    ['1895-05-07', '1895-05', true],
    ['1895-05', '1895', true],
    ['1895', '1895', false],
    ['1895', '1895-05', false],
    ['1895-06', '1895-05', false],
    ['~spring-x', '~spring', false],
  ])('%s refines %s: %s', (fine, coarse, result) => expect(dateRefines(fine, coarse)).toBe(result));
});

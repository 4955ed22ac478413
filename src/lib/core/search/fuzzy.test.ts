import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './edit-distance';
import { fuzzyTier } from './fuzzy';

describe('fuzzyTier', () => {
  const cases: [string, string, 'close' | 'loose' | undefined][] = [
    ['tolkein', 'tolkien', 'close'],
    ['asimof', 'asimov', 'close'],
    ['dostoevsky', 'dostoyevsky', 'close'],
    ['hemmingway', 'hemingway', 'close'],
    ['dragn', 'dragon', 'loose'],
    ['shakespear', 'shakespeare', 'loose'],
    ['chronciles', 'chronicles', 'loose'],
    ['zola', 'sale', undefined],
    ['zola', 'zola', undefined],
    ['dun', 'dune', undefined],
    ['1984', '1948', undefined],
  ];
  for (const [term, word, tier] of cases)
    it(`${term} ~ ${word}: ${tier}`, () => expect(fuzzyTier(term, word)).toBe(tier));
});

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['a', '', 1],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['herbret', 'herbert', 1],
    ['hrebret', 'herbert', 2],
  ];
  for (const [a, b, d] of cases)
    it(`${a} → ${b} is ${d}`, () => expect(editDistance(a, b)).toBe(d));

  it('gives up past the limit', () => expect(editDistance('kitten', 'sitting', 1)).toBe(2));
  it('finds the closest candidate', () =>
    expect(closest('autor', ['title', 'author', 'series'])).toBe('author'));
});

import { describe, expect, it } from 'vitest';
import {
  bookMatchScore,
  comicMatchScore,
  MATCH_THRESHOLD,
  nameSimilarity,
  titleSimilarity,
  yearCloseness,
} from './match';

type Row = [
  string,
  { title: string; authors?: string[] },
  { title: string; subtitle?: string; authors?: string[] },
  'applied' | 'suggestion',
];

const BOOKS: Row[] = [
  [
    'identical',
    { title: 'Sabriel', authors: ['Garth Nix'] },
    { title: 'Sabriel', authors: ['Garth Nix'] },
    'applied',
  ],
  [
    'inverted author, case, article',
    { title: 'the left hand of darkness', authors: ['Le Guin, Ursula K.'] },
    { title: 'The Left Hand of Darkness', authors: ['Ursula K. Le Guin'] },
    'applied',
  ],
  [
    'accents and apostrophes',
    { title: "Ender's Game", authors: ['Orson Scott Card'] },
    { title: 'Ender’s Game', authors: ['Orson Scott Card'] },
    'applied',
  ],
  [
    'glued initials',
    { title: 'The Hobbit', authors: ['J.R.R. Tolkien'] },
    { title: 'The Hobbit', authors: ['J. R. R. Tolkien'] },
    'applied',
  ],
  [
    'subtitle on one side',
    { title: 'Sabriel', authors: ['Garth Nix'] },
    { title: 'Sabriel', subtitle: 'Old Kingdom Book 1', authors: ['Garth Nix'] },
    'applied',
  ],
  [
    'series note in brackets',
    { title: 'Sabriel (Old Kingdom #1)', authors: ['Garth Nix'] },
    { title: 'Sabriel', authors: ['Garth Nix'] },
    'applied',
  ],
  [
    'a typo in the title',
    { title: "Harry Poter and the Philosopher's Stone", authors: ['J.K. Rowling'] },
    { title: "Harry Potter and the Philosopher's Stone", authors: ['J. K. Rowling'] },
    'applied',
  ],
  [
    'one of two authors named',
    { title: 'This Is How You Lose the Time War', authors: ['Max Gladstone'] },
    { title: 'This is How You Lose the Time War', authors: ['Amal El-Mohtar', 'Max Gladstone'] },
    'applied',
  ],
  [
    'a sequel by the same author',
    { title: 'Dune', authors: ['Frank Herbert'] },
    { title: 'Dune Messiah', authors: ['Frank Herbert'] },
    'suggestion',
  ],
  [
    'the same title by someone else',
    { title: 'Emma', authors: ['Jane Austen'] },
    { title: 'Emma', authors: ['Alexander McCall Smith'] },
    'suggestion',
  ],
  ['a title alone', { title: 'Emma' }, { title: 'Emma', authors: ['Jane Austen'] }, 'suggestion'],
  [
    'another book entirely',
    { title: 'Sabriel', authors: ['Garth Nix'] },
    { title: 'Lirael', authors: ['Garth Nix'] },
    'suggestion',
  ],
];

describe('bookMatchScore', () => {
  for (const [what, query, record, expected] of BOOKS)
    it(`${what}: ${expected}`, () => {
      const score = bookMatchScore(query, record);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(score >= MATCH_THRESHOLD ? 'applied' : 'suggestion').toBe(expected);
    });

  it('gives 1 to the same book however spelled', () => {
    expect(
      bookMatchScore(
        { title: 'The Time Machine', authors: ['Wells, H.G.'] },
        { title: 'Time Machine', authors: ['H. G. Wells'] },
      ),
    ).toBe(1);
  });

  it('never applies on a title alone', () => {
    expect(bookMatchScore({ title: 'Sabriel' }, { title: 'Sabriel' })).toBeLessThan(
      MATCH_THRESHOLD,
    );
  });
});

describe('similarities', () => {
  const titles: [string, string, number, number][] = [
    ['Sabriel', 'sabriel', 1, 1],
    ['Sabriel', 'Sabriel: Old Kingdom', 0.95, 0.95],
    ['Dune', 'Dune Messiah', 0.5, 0.8],
    ['Sabriel', 'Lirael', 0, 0.6],
    ['', 'Sabriel', 0, 0],
  ];
  for (const [a, b, low, high] of titles)
    it(`titleSimilarity("${a}", "${b}") is in [${low}, ${high}]`, () => {
      const s = titleSimilarity(a, b);
      expect(s).toBeGreaterThanOrEqual(low);
      expect(s).toBeLessThanOrEqual(high);
    });

  const names: [string, string, number][] = [
    ['Garth Nix', 'Nix, Garth', 1],
    ['G. Nix', 'Garth Nix', 0.95],
    ['Nix', 'Garth Nix', 0.9],
  ];
  for (const [a, b, expected] of names)
    it(`nameSimilarity("${a}", "${b}") = ${expected}`, () =>
      expect(nameSimilarity(a, b)).toBe(expected));

  it('counts years within one as the same, then less by a fifth a year', () => {
    expect(yearCloseness(2000, 2001)).toBe(1);
    expect(yearCloseness(2000, 2003)).toBeCloseTo(0.6);
    expect(yearCloseness(2000, 2010)).toBe(0);
    expect(yearCloseness(undefined, 2010)).toBe(0.5);
  });
});

describe('comicMatchScore', () => {
  it('is 0 for another issue number, whatever the name', () => {
    expect(comicMatchScore({ series: 'Saga', number: 2 }, { series: 'Saga', number: 3 })).toBe(0);
  });
  it('is 1 for the same series, number and year', () => {
    expect(
      comicMatchScore(
        { series: 'The Walking Dead', number: 1, year: 2003 },
        { series: 'Walking Dead', number: 1, year: 2003 },
      ),
    ).toBe(1);
  });
  it('falls below the threshold when the year is far off', () => {
    expect(
      comicMatchScore(
        { series: 'Saga', number: 1, year: 1990 },
        { series: 'Saga', number: 1, year: 2012 },
      ),
    ).toBeLessThan(MATCH_THRESHOLD);
  });
});

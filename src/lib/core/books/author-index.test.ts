import { describe, expect, it } from 'vitest';
import { authorKey, buildAuthors, invertName } from './author-index';

describe('invertName', () => {
  it.each([
    ['H. G. Wells', 'Wells, H. G.'],
    ['Émile Zola', 'Zola, Émile'],
    ['Doyle, Arthur Conan', 'Doyle, Arthur Conan'],
    ['Plato', 'Plato'],
  ])('%s → %s', (name, inverted) => expect(invertName(name)).toBe(inverted));
});

describe('buildAuthors', () => {
  it('gathers each author’s books and series, sorted by last name, one entry per spelling variant', () => {
    const authors = buildAuthors([
      {
        id: '1',
        title: 'Germinal',
        authors: ['Émile Zola'],
        series: 'Rougon-Macquart',
        seriesNumber: 13,
      },
      {
        id: '2',
        title: 'Nana',
        authors: ['Emile Zola'],
        series: 'Rougon-Macquart',
        seriesNumber: 9,
      },
      { id: '3', title: 'The Inheritors', authors: ['Joseph Conrad', 'Ford Madox Ford'] },
    ]);
    expect(authors.map((a) => a.sortName)).toEqual([
      'Conrad, Joseph',
      'Ford, Ford Madox',
      'Zola, Émile',
    ]);
    const zola = authors.find((a) => a.key === authorKey('Emile Zola'));
    expect(zola?.books.map((b) => b.title)).toEqual(['Germinal', 'Nana']);
    expect(zola?.series).toEqual(['Rougon-Macquart']);
  });
});

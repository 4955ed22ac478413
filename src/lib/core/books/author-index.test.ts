import { describe, expect, it } from 'vitest';
import { authorKey, booksByCraft, buildAuthors, invertName } from './author-index';

describe('invertName', () => {
  it.each([
    ['H. G. Wells', 'Wells, H. G.'],
    ['Émile Zola', 'Zola, Émile'],
    ['Doyle, Arthur Conan', 'Doyle, Arthur Conan'],
    ['Plato', 'Plato'],
  ])('%s → %s', (name, inverted) => expect(invertName(name)).toBe(inverted));
});

const author = (name: string) => ({ name, crafts: ['Author'] });

describe('buildAuthors', () => {
  it('gathers each author’s books and series, sorted by last name, one entry per spelling variant', () => {
    const authors = buildAuthors([
      {
        id: '1',
        title: 'Germinal',
        people: [author('Émile Zola')],
        series: 'Rougon-Macquart',
        seriesNumber: 13,
      },
      {
        id: '2',
        title: 'Nana',
        people: [author('Emile Zola')],
        series: 'Rougon-Macquart',
        seriesNumber: 9,
      },
      {
        id: '3',
        title: 'The Inheritors',
        people: [author('Joseph Conrad'), author('Ford Madox Ford')],
      },
    ]);
    expect(authors.map((a) => a.sortName)).toEqual([
      'Conrad, Joseph',
      'Ford, Ford Madox',
      'Zola, Émile',
    ]);
    const zola = authors.find((a) => a.key === authorKey('Emile Zola'));
    expect(zola?.books.map((b) => b.title)).toEqual(['Germinal', 'Nana']);
    expect(zola?.series).toEqual(['Rougon-Macquart']);
    expect(zola?.crafts).toEqual(['Author']);
  });

  it('lists a comic creator once, with every craft, and their comics grouped by craft', () => {
    const [wood] = buildAuthors([
      {
        id: 'a',
        title: 'The Beginning',
        issue: '#1',
        series: 'Captain Science (1950)',
        people: [{ name: 'Wally Wood', crafts: ['Inker', 'Penciller'] }],
      },
      {
        id: 'b',
        title: 'Weird Science',
        people: [{ name: 'Wally Wood', crafts: ['Writer'] }],
      },
    ]);
    expect(wood?.crafts).toEqual(['Writer', 'Penciller', 'Inker']);
    expect(booksByCraft(wood!).map(({ craft, books }) => [craft, books.map((b) => b.id)])).toEqual([
      ['Writer', ['b']],
      ['Penciller', ['a']],
      ['Inker', ['a']],
    ]);
    expect(wood?.books[0]?.issue).toBe('#1');
  });
});

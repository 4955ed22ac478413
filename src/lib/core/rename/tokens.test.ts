import { describe, expect, it } from 'vitest';
import type { BookMetadata, Person } from '../metadata/types';
import { deriveSortName, isbn13, sortTitle, tokenValues, type TokenName } from './tokens';

const aut = (name: string, sortName?: string): Person =>
  sortName ? { name, sortName, roles: ['aut'] } : { name, roles: ['aut'] };

const hobbit: BookMetadata = {
  title: 'The Hobbit',
  authors: [aut('J. R. R. Tolkien'), aut('Christopher Tolkien', 'Tolkien, Christopher')],
  series: { name: 'Middle-earth', number: 2.5, kind: 'series' },
  published: '1937-09-21',
  languages: ['en-GB', 'fr'],
  publisher: 'Allen & Unwin',
  identifiers: [
    { scheme: 'uuid', value: 'abc' },
    { scheme: 'isbn', value: '0-261-10221-4' },
  ],
};

describe('tokenValues', () => {
  const values = tokenValues({ metadata: hobbit, format: 'epub', ext: '.EPUB' });
  const cases: [TokenName, string][] = [
    ['title', 'The Hobbit'],
    ['title.sort', 'Hobbit, The'],
    ['author.name', 'J. R. R. Tolkien'],
    ['author.sortname', 'Tolkien, J. R. R.'],
    ['authors', 'J. R. R. Tolkien & Christopher Tolkien'],
    ['bookseries.title', 'Middle-earth'],
    ['bookseries.number', '2.5'],
    ['publicationyear', '1937'],
    ['language', 'en-GB'],
    ['publisher', 'Allen & Unwin'],
    ['isbn', '9780261102217'],
    ['format', 'epub'],
    ['ext', 'EPUB'],
  ];
  it.each(cases)('${%s} → %j', (token, expected) => expect(values[token]).toBe(expected));

  it('gives "" for every value a book does not have', () => {
    const empty = tokenValues({ metadata: {}, format: 'pdf', ext: 'pdf' });
    expect(Object.entries(empty).filter(([, v]) => v !== '')).toEqual([
      ['format', 'pdf'],
      ['ext', 'pdf'],
    ]);
  });

  it('prefers sources: sortTitle and sortName as given', () => {
    const v = tokenValues({
      metadata: {
        title: 'A Tale',
        sortTitle: 'Tale, A (sic)',
        authors: [aut('Le Guin', 'LeGuin, U.')],
      },
      format: 'epub',
      ext: 'epub',
    });
    expect([v['title.sort'], v['author.sortname']]).toEqual(['Tale, A (sic)', 'LeGuin, U.']);
  });

  it('rounds float noise out of series numbers and keeps 0 and negatives', () => {
    const n = (number: number) =>
      tokenValues({
        metadata: { series: { name: 'S', number, kind: 'series' } },
        format: 'epub',
        ext: 'epub',
      })['bookseries.number'];
    expect([n(0.1 + 0.2), n(0), n(-1), n(3)]).toEqual(['0.3', '0', '-1', '3']);
  });
});

describe('sortTitle', () => {
  it.each([
    ['The Hobbit', undefined, 'Hobbit, The'],
    ['A Tale of Two Cities', 'en', 'Tale of Two Cities, A'],
    ['An Unkindness of Ghosts', undefined, 'Unkindness of Ghosts, An'],
    ['Theory of Everything', undefined, 'Theory of Everything'],
    ['The', undefined, 'The'],
    ["L'Étranger", 'fr', "Étranger, L'"],
    ['Les Misérables', 'fr-FR', 'Misérables, Les'],
    ['Die Verwandlung', 'de', 'Verwandlung, Die'],
    ['Die Hard', 'en', 'Die Hard'],
  ])('%j (%s) → %j', (title, language, expected) =>
    expect(sortTitle(title, language)).toBe(expected),
  );
});

describe('deriveSortName', () => {
  it.each([
    ['J. R. R. Tolkien', 'Tolkien, J. R. R.'],
    ['Ursula K. Le Guin', 'Le Guin, Ursula K.'],
    ['Ludwig van Beethoven', 'Beethoven, Ludwig van'],
    ['Martin Luther King Jr.', 'King, Martin Luther, Jr.'],
    ['Homer', 'Homer'],
    ['Tolkien, J.R.R.', 'Tolkien, J.R.R.'],
    ['  Terry   Pratchett ', 'Pratchett, Terry'],
  ])('%j → %j', (name, expected) => expect(deriveSortName(name)).toBe(expected));
});

describe('isbn13', () => {
  it.each([
    [['978-0-261-10221-7'], '9780261102217'],
    [['0261102214'], '9780261102217'],
    [['urn:isbn:0-8044-2957-X'], '9780804429573'],
    [['1234567890', '9780261102217'], '9780261102217'],
    [['not an isbn'], ''],
  ])('%j → %j', (values, expected) =>
    expect(isbn13(values.map((value) => ({ scheme: 'isbn' as const, value })))).toBe(expected),
  );
});

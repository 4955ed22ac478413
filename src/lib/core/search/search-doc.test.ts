import { describe, expect, it } from 'vitest';
import { bookView } from '../books/book-view';
import type { BookDoc } from '../schema/book-doc';
import { candidate, type FieldCandidate } from '../metadata/types';
import { personSortKey, plainText, searchDoc, yearOf } from './search-doc';

function doc(candidates: FieldCandidate[], extra: Partial<BookDoc> = {}): BookDoc {
  return {
    _id: 'book:local:1',
    type: 'book',
    v: 1,
    library: 'local',
    folder: 'f',
    path: 'Zola/Germinal.epub',
    format: 'epub',
    size: 2048,
    mtimeMs: 0,
    addedAt: '2024-05-01T10:00:00.000Z',
    scannedAt: '2024-05-01T10:00:00.000Z',
    status: 'ok',
    extraction: { format: 'epub', candidates, flags: {}, warnings: [] },
    ...extra,
  };
}

describe('searchDoc', () => {
  it('projects what the index needs from a book', () => {
    const view = bookView(
      doc([
        candidate('title', 'Germinal', 'embedded:opf', 0.9),
        candidate(
          'authors',
          [{ name: 'Émile Zola', sortName: 'Zola, Émile', roles: ['aut'] }],
          'embedded:opf',
          0.9,
        ),
        candidate(
          'series',
          { name: 'Les Rougon-Macquart', number: 13, kind: 'series' },
          'embedded:opf',
          0.9,
        ),
        candidate('publisher', 'Charpentier', 'embedded:opf', 0.9),
        candidate('published', '1885-03-01', 'embedded:opf', 0.9),
        candidate(
          'description',
          '<p>A <b>strike</b> in the mines &amp; more.</p>',
          'embedded:opf',
          0.9,
        ),
        candidate('subjects', ['Fiction', 'Mining'], 'embedded:opf', 0.9),
        candidate('languages', ['FR'], 'embedded:opf', 0.9),
        candidate(
          'identifiers',
          [
            { scheme: 'isbn', value: '978-2-07-036043-7' },
            { scheme: 'uuid', value: 'x' },
          ],
          'embedded:opf',
          0.9,
        ),
      ]),
    );
    expect(searchDoc(view, true)).toEqual({
      id: 'book:local:1',
      title: 'Germinal',
      titleKey: 'germinal',
      authors: ['Émile Zola'],
      authorKey: 'zola, emile',
      series: 'Les Rougon-Macquart',
      seriesNumber: 13,
      publisher: 'Charpentier',
      description: 'A strike in the mines & more.',
      subjects: ['Fiction', 'Mining'],
      genres: ['Fiction'],
      languages: ['fr'],
      format: 'epub',
      isbns: ['9782070360437'],
      year: 1885,
      size: 2048,
      addedAt: Date.UTC(2024, 4, 1, 10),
      hasCover: true,
      status: 'ok',
      completeness: 1,
    });
  });

  it('files a book under the year its work first appeared, when known (year: and decades)', () => {
    const released = candidate('published', '2021-06-11T18:00:00Z', 'embedded:opf', 0.8);
    const edition = searchDoc(bookView(doc([released])), false);
    expect(edition.year).toBe(2021);
    const work = searchDoc(
      bookView(doc([released, candidate('firstPublished', '1885', 'embedded:opf', 0.8)])),
      false,
    );
    expect(work.year).toBe(1885);
  });

  it('leaves out what a book lacks, and counts it in completeness', () => {
    const d = searchDoc(bookView(doc([])), false);
    expect(d).toMatchObject({
      title: 'Germinal',
      authors: [],
      authorKey: '',
      subjects: [],
      isbns: [],
      completeness: 0,
    });
    expect(d).not.toHaveProperty('series');
    expect(d).not.toHaveProperty('year');
    expect(d).not.toHaveProperty('description');
  });
});

describe('personSortKey', () => {
  const cases: [string, string | undefined, string][] = [
    ['Émile Zola', undefined, 'zola, emile'],
    ['J. R. R. Tolkien', undefined, 'tolkien, j. r. r.'],
    ['Martin Luther King Jr.', undefined, 'king, martin luther jr.'],
    ['Homer', undefined, 'homer'],
    ['Le Guin, Ursula K.', undefined, 'le guin, ursula k.'],
    ['Ursula K. Le Guin', 'Le Guin, Ursula K.', 'le guin, ursula k.'],
  ];
  for (const [name, sortName, key] of cases) {
    it(`${name} sorts as ${key}`, () => expect(personSortKey({ name, sortName })).toBe(key));
  }
});

describe('plainText and yearOf', () => {
  it('strips tags, scripts and entities', () => {
    expect(plainText('<div>One<br/>two &lt;3 &#233;&#x2014;<script>x()</script></div>')).toBe(
      'One two <3 é—',
    );
  });

  it('reads the year of full and partial dates', () => {
    expect([
      yearOf('1895'),
      yearOf('1895-05'),
      yearOf('2001-01-01T00:00:00Z'),
      yearOf('unknown'),
      yearOf(undefined),
    ]).toEqual([1895, 1895, 2001, undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { merge } from './merge';
import { mergeCandidate as c, type MergeCandidate } from './sources';
import { defaultSource, type DataSource } from './trust';

const person = (name: string, sortName?: string) => ({
  name,
  roles: ['aut'],
  ...(sortName ? { sortName } : {}),
});
const source = (id: DataSource['id'], patch: Partial<DataSource> = {}): DataSource => ({
  ...defaultSource(id),
  ...patch,
});

describe('merge: the vote', () => {
  it('is as sure of a lone value as its origin states, at default trust', () => {
    const { metadata, fields } = merge([c('title', 'Dune', 'embedded:opf', 0.8)]);
    expect(metadata.title).toBe('Dune');
    expect(fields.title).toMatchObject({ source: 'file', origin: 'embedded:opf', conflict: false });
    // A title the OPF states plainly reads as confident (it read 56%, or 41% beside its file name).
    expect(fields.title?.confidence).toBeCloseTo(0.8);
  });

  it('does not let a differing file name lower a title the OPF states', () => {
    const { fields } = merge([
      c('title', 'The Inheritors', 'embedded:opf', 0.8),
      c('title', 'se joseph conrad ford madox ford the inheritors', 'filename', 0.3),
      c('title', 'Ebooks', 'folder', 0.2),
    ]);
    expect(fields.title?.value).toBe('The Inheritors');
    expect(fields.title?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps a guess from the path low', () => {
    const { fields } = merge([c('title', 'the inheritors', 'filename', 0.3)]);
    expect(fields.title?.confidence).toBeCloseTo(0.3);
    const both = merge([
      c('title', 'the inheritors', 'filename', 0.3),
      c('title', 'Conrad', 'folder', 0.2),
    ]);
    expect(both.fields.title?.confidence).toBeLessThan(0.3);
  });

  it('counts a source the user trusts less for less', () => {
    const distrusted = merge(
      [c('title', 'Dune', 'embedded:opf', 0.8)],
      [{ ...defaultSource('file'), trust: 0.35 }],
    );
    expect(distrusted.fields.title?.confidence).toBeCloseTo(0.4);
  });

  it('raises confidence when another source agrees, whatever the spelling', () => {
    const alone = merge([c('title', 'Dune', 'embedded:opf', 0.8)]);
    const agreed = merge([
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'DUNE', 'openlibrary', 0.8),
    ]);
    expect(agreed.metadata.title).toBe('Dune');
    expect(agreed.fields.title?.confidence).toBeGreaterThan(alone.fields.title?.confidence ?? 1);
    expect(agreed.fields.title?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('does not count the file twice when its OPF and its file name agree', () => {
    const opf = merge([c('title', 'Dune', 'embedded:opf', 0.8)]);
    const echoed = merge([
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'dune', 'filename', 0.3),
    ]);
    expect(echoed.fields.title?.confidence).toBe(opf.fields.title?.confidence);
  });

  it('lowers confidence when a source disagrees', () => {
    const alone = merge([c('title', 'Dune', 'embedded:opf', 0.8)]);
    const disputed = merge([
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'Dune Messiah', 'googlebooks', 0.5),
    ]);
    expect(disputed.metadata.title).toBe('Dune');
    expect(disputed.fields.title?.confidence).toBeLessThan(alone.fields.title?.confidence ?? 0);
  });

  it('lets the more trusted source win', () => {
    const candidates = [
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'Dune Messiah', 'googlebooks', 0.8),
    ];
    expect(merge(candidates, [source('googlebooks', { trust: 0.9 })]).metadata.title).toBe(
      'Dune Messiah',
    );
    expect(merge(candidates, [source('googlebooks', { trust: 0.3 })]).metadata.title).toBe('Dune');
  });

  it('keeps the losers, heaviest first, marked as not agreeing', () => {
    const { fields } = merge([
      c('title', 'Dune Messiah', 'filename', 0.3),
      c('title', 'Dune', 'embedded:opf', 0.8),
    ]);
    expect(fields.title?.candidates.map((v) => [v.value, v.agreed])).toEqual([
      ['Dune', true],
      ['Dune Messiah', false],
    ]);
    expect(fields.title?.candidates[1]?.weight).toBeCloseTo(0.3 * 0.7);
  });

  it('flags a conflict only when the loser carries real weight', () => {
    const weak = merge([
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'Dune Messiah', 'filename', 0.3),
    ]);
    const strong = merge([
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'Dune Messiah', 'openlibrary', 0.8),
    ]);
    expect(weak.fields.title?.conflict).toBe(false);
    expect(strong.fields.title?.conflict).toBe(true);
  });

  it('never flags differently worded descriptions as a conflict', () => {
    const { fields } = merge([
      c('description', 'A desert planet.', 'embedded:opf', 0.8),
      c('description', 'Spice and sandworms.', 'openlibrary', 0.8),
    ]);
    expect(fields.description?.conflict).toBe(false);
  });

  it('ignores disabled sources entirely', () => {
    const { metadata, fields } = merge(
      [c('title', 'Dune', 'filename', 0.3), c('title', 'Dune Messiah', 'googlebooks', 0.9)],
      { googlebooks: source('googlebooks', { enabled: false }) },
    );
    expect(metadata.title).toBe('Dune');
    expect(fields.title?.candidates).toHaveLength(1);
  });

  it('counts a source on probation at half its trust until probation ends', () => {
    const candidates = [
      c('title', 'Dune', 'embedded:opf', 0.8),
      c('title', 'Dune Messiah', 'openlibrary', 0.8),
    ];
    const sources = [
      source('openlibrary', { trust: 0.9, probation: { until: '2030-01-01T00:00:00Z' } }),
    ];
    const during = merge(candidates, sources, {}, { now: '2029-06-01T00:00:00Z' });
    const after = merge(candidates, sources, {}, { now: '2030-06-01T00:00:00Z' });
    expect(during.metadata.title).toBe('Dune');
    expect(during.fields.title?.candidates[1]?.weight).toBeCloseTo(0.8 * 0.9 * 0.5);
    expect(after.metadata.title).toBe('Dune Messiah');
  });

  it('takes a tie by a stable key, not by arrival', () => {
    const a = c('title', 'Alpha', 'openlibrary', 0.8);
    const b = c('title', 'Beta', 'googlebooks', 0.8);
    expect(merge([a, b]).metadata.title).toBe(merge([b, a]).metadata.title);
    // Same weight: openlibrary has the better priority.
    expect(merge([b, a]).metadata.title).toBe('Alpha');
  });
});

describe('merge: the user', () => {
  it('lets a manual value win at confidence 1, listing the candidates', () => {
    const { metadata, fields } = merge(
      [c('title', 'Dune', 'embedded:opf', 0.8), c('title', 'Dune Messiah', 'openlibrary', 0.8)],
      [],
      { title: 'Dune Messiah' },
    );
    expect(metadata.title).toBe('Dune Messiah');
    expect(fields.title).toMatchObject({ confidence: 1, source: 'user', origin: 'user' });
    expect(fields.title?.candidates.map((v) => [v.value, v.agreed])).toEqual([
      ['Dune', false],
      ['Dune Messiah', true],
    ]);
  });

  it('takes a manual value for a field no source has', () => {
    const { metadata, fields } = merge([], [], { publisher: 'Chilton' });
    expect(metadata.publisher).toBe('Chilton');
    expect(fields.publisher?.candidates).toEqual([]);
  });

  it('normalises the promised forms of a manual value but keeps what it cannot read', () => {
    const { metadata } = merge([], [], {
      languages: ['French', 'Klingon'],
      identifiers: [{ scheme: 'isbn', value: '0-261-10334-2' }],
      authors: [person('Frank Herbert')],
    });
    expect(metadata.languages).toEqual(['fr', 'Klingon']);
    expect(metadata.identifiers).toEqual([{ scheme: 'isbn', value: '9780261103344' }]);
    expect(metadata.authors).toEqual([
      { name: 'Frank Herbert', sortName: 'Herbert, Frank', roles: ['aut'] },
    ]);
  });
});

describe('merge: normal forms and grouping', () => {
  it('groups authors by identity and fills sort names', () => {
    const { metadata, fields } = merge([
      c('authors', [person('H.G. Wells')], 'embedded:opf', 0.8),
      c('authors', [person('Wells, H. G.')], 'filename', 0.3),
      c('authors', [person('H. G. Wells', 'Wells, Herbert George')], 'openlibrary', 0.6),
    ]);
    expect(metadata.authors).toEqual([
      { name: 'H.G. Wells', sortName: 'Wells, Herbert George', roles: ['aut'] },
    ]);
    expect(fields.authors?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('derives "Last, First" when no source gave a sort name', () => {
    const { metadata } = merge([
      c('authors', [person('Ludwig van Beethoven')], 'embedded:opf', 0.8),
    ]);
    expect(metadata.authors?.[0]?.sortName).toBe('Beethoven, Ludwig van');
  });

  it('outputs languages as ISO 639-1 and compares them as sets', () => {
    const { metadata, fields } = merge([
      c('languages', ['English', 'fre'], 'embedded:opf', 0.8),
      c('languages', ['fr-FR', 'en'], 'googlebooks', 0.6),
    ]);
    expect(metadata.languages).toEqual(['en', 'fr']);
    expect(fields.languages?.conflict).toBe(false);
    expect(fields.languages?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('drops language values nobody can read', () => {
    expect(
      merge([c('languages', ['und'], 'embedded:opf', 0.8)]).metadata.languages,
    ).toBeUndefined();
  });

  it('votes identifiers per scheme, ISBNs as ISBN-13', () => {
    const { metadata, fields } = merge([
      c(
        'identifiers',
        [
          { scheme: 'isbn', value: '0261103342' },
          { scheme: 'uuid', value: 'urn:uuid:ABC' },
        ],
        'embedded:opf',
        0.8,
      ),
      c('identifiers', [{ scheme: 'isbn', value: '978-0-261-10334-4' }], 'openlibrary', 0.8),
      c('identifiers', [{ scheme: 'asin', value: 'b000fc1pjm' }], 'googlebooks', 0.6),
    ]);
    expect(metadata.identifiers).toEqual([
      { scheme: 'isbn', value: '9780261103344' },
      { scheme: 'asin', value: 'B000FC1PJM' },
      { scheme: 'uuid', value: 'abc' },
    ]);
    expect(fields.identifiers?.conflict).toBe(false);
    expect(fields.identifiers?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('flags two different ISBNs of real weight as a conflict', () => {
    const { metadata, fields } = merge([
      c('identifiers', [{ scheme: 'isbn', value: '0261103342' }], 'embedded:opf', 0.8),
      c('identifiers', [{ scheme: 'isbn', value: '080442957X' }], 'openlibrary', 0.8),
    ]);
    expect(metadata.identifiers).toEqual([{ scheme: 'isbn', value: '9780261103344' }]);
    expect(fields.identifiers?.conflict).toBe(true);
  });

  it('lets a year back a full date and shows the precise one', () => {
    const { metadata, fields } = merge([
      c('published', '1895', 'openlibrary', 0.8),
      c('published', '1895-05-07', 'embedded:opf', 0.5),
    ]);
    expect(metadata.published).toBe('1895-05-07');
    expect(fields.published?.conflict).toBe(false);
    expect(fields.published?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('does not let different years agree', () => {
    const { metadata, fields } = merge([
      c('published', '1895', 'openlibrary', 0.8),
      c('published', '1931-01-01', 'embedded:opf', 0.8),
    ]);
    expect(metadata.published).toBe('1931-01-01');
    expect(fields.published?.conflict).toBe(true);
  });

  it('groups series by name key and number, a number-less one backing a numbered one', () => {
    const { metadata, fields } = merge([
      c('series', { name: 'The Expanse', number: 2, kind: 'series' }, 'embedded:opf', 0.8),
      c('series', { name: 'Expanse', kind: 'series' }, 'folder', 0.2),
      c(
        'series',
        { name: 'Expanse Series', number: 2.0000001, kind: 'series' },
        'googlebooks',
        0.5,
      ),
    ]);
    expect(metadata.series).toEqual({ name: 'The Expanse', number: 2, kind: 'series' });
    expect(fields.series?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('keeps subjects as written and maps them to genres', () => {
    const { metadata, genres, fields } = merge([
      c('subjects', ['Fiction -- Time travel', 'Science fiction'], 'embedded:opf', 0.8),
      c('subjects', ['FICTION / Science Fiction / General'], 'googlebooks', 0.6),
    ]);
    expect(metadata.subjects).toEqual(['Fiction -- Time travel', 'Science fiction']);
    expect(genres).toEqual(['Science Fiction']);
    expect(fields.subjects?.conflict).toBe(false);
  });

  it('groups publishers with and without their legal form', () => {
    const { fields } = merge([
      c('publisher', 'Tor Books, Inc.', 'embedded:opf', 0.8),
      c('publisher', 'Tor Books', 'openlibrary', 0.8),
    ]);
    expect(fields.publisher?.candidates.every((v) => v.agreed)).toBe(true);
  });

  it('gives an empty merge for no candidates', () => {
    expect(merge([])).toEqual({ metadata: {}, fields: {}, genres: [] });
  });

  it('accepts the file parsers candidates as they are', () => {
    const fromParser: MergeCandidate = {
      field: 'title',
      value: 'Dune',
      origin: 'embedded:exth',
      confidence: 0.75,
    };
    expect(merge([fromParser]).fields.title?.source).toBe('file');
  });
});

describe('merge: a library the user curated (Calibre) leads', () => {
  // The file and two services echo the title the user corrected in Calibre away.
  const echoed = [
    c('title', 'The Three Musketeers', 'embedded:opf', 0.8),
    c('title', 'The Three Musketeers', 'openlibrary:isbn', 0.9),
    c('title', 'The Three Musketeers', 'googlebooks:isbn', 0.9),
    c('title', 'Title Corrected In Calibre', 'calibre', 1),
  ];

  it('decides a field against the file and outside services together, and says they disagree', () => {
    const { metadata, fields } = merge(echoed);
    expect(metadata.title).toBe('Title Corrected In Calibre');
    expect(fields.title).toMatchObject({ source: 'calibre', origin: 'calibre', conflict: true });
    expect(fields.title?.confidence).toBeLessThan(0.9);
  });

  it('gives way to the user, and votes like the rest once trusted below another source', () => {
    expect(merge(echoed, [], { title: 'Mine' }).metadata.title).toBe('Mine');
    const demoted = [source('calibre', { trust: 0.6 }), source('file', { trust: 0.7 })];
    expect(merge(echoed, demoted).metadata.title).toBe('The Three Musketeers');
    const off = [source('calibre', { enabled: false })];
    expect(merge(echoed, off).metadata.title).toBe('The Three Musketeers');
  });

  it('takes a more precise value that agrees with it', () => {
    const { metadata } = merge([
      c('published', '1844', 'calibre', 1),
      c('published', '1844-03-14', 'embedded:opf', 0.8),
      c('published', '1900', 'openlibrary', 0.9),
      c('published', '1900', 'googlebooks', 0.9),
    ]);
    expect(metadata.published).toBe('1844-03-14');
  });

  it('leaves fields it says nothing about to the vote', () => {
    const { fields } = merge([...echoed, c('pageCount', 300, 'openlibrary', 0.8)]);
    expect(fields.pageCount).toMatchObject({ value: 300, source: 'openlibrary' });
  });

  it('rates to the half star', () => {
    const { metadata, fields } = merge([
      c('rating', 4, 'calibre', 1),
      c('rating', 4.2, 'embedded:opf', 0.8),
    ]);
    expect(metadata.rating).toBe(4);
    expect(fields.rating?.candidates.every((v) => v.agreed)).toBe(true);
    expect(merge([c('rating', 0, 'calibre', 1)]).metadata.rating).toBeUndefined();
  });
});

describe('merge: title and subtitle', () => {
  it('keeps the main title when the winning title already holds the subtitle', () => {
    const { metadata, fields } = merge([
      c('title', 'The Inheritors: An Extravagant Story', 'openlibrary', 0.9),
      c('title', 'The Inheritors: An Extravagant Story', 'googlebooks', 0.9),
      c('title', 'The Inheritors', 'embedded:opf', 0.8),
      c('subtitle', 'An Extravagant Story', 'embedded:opf', 0.8),
    ]);
    expect(metadata.title).toBe('The Inheritors');
    expect(fields.title?.value).toBe('The Inheritors');
    expect(metadata.subtitle).toBe('An Extravagant Story');
  });

  it('leaves the user’s own title as typed', () => {
    const { metadata } = merge([c('subtitle', 'An Extravagant Story', 'embedded:opf', 0.8)], [], {
      title: 'The Inheritors: An Extravagant Story',
    });
    expect(metadata.title).toBe('The Inheritors: An Extravagant Story');
  });
});

import { describe, expect, it } from 'vitest';
import { SearchIndex, type FacetValue } from './search-index';
import { makeDoc } from './doc-factory';
import { FACET_LIMIT } from './facets';

const DOCS = [
  makeDoc({
    id: 'a',
    format: 'epub',
    languages: ['en'],
    subjects: ['Fantasy', 'Classics'],
    publisher: 'Tor',
    year: 1954,
    series: 'S',
  }),
  makeDoc({
    id: 'b',
    format: 'epub',
    languages: ['en', 'fr'],
    subjects: ['fantasy'],
    publisher: 'tor',
    year: 1999,
  }),
  makeDoc({
    id: 'c',
    format: 'pdf',
    languages: ['fr'],
    subjects: ['History'],
    year: 1999,
    hasCover: false,
  }),
  makeDoc({
    id: 'd',
    format: 'pdf',
    languages: ['de'],
    subjects: [],
    status: 'missing',
    series: 'S',
    seriesNumber: 2,
  }),
  makeDoc({
    id: 'e',
    format: 'cbz',
    languages: [],
    subjects: ['Comics'],
    publisher: 'Marvel',
    year: 2003,
    hasCover: false,
  }),
];

function index(): SearchIndex {
  const i = new SearchIndex();
  i.upsert(DOCS);
  return i;
}

const asMap = (values: FacetValue[] | undefined) =>
  Object.fromEntries((values ?? []).map((v) => [v.value, v.count]));

describe('facet counts', () => {
  it('count every value over the books that match', () => {
    const f = index().query({ facets: true }).facets;
    expect(f?.format).toEqual([
      { value: 'epub', count: 2 },
      { value: 'pdf', count: 2 },
      { value: 'cbz', count: 1 },
    ]);
    expect(asMap(f?.language)).toEqual({ en: 2, fr: 2, de: 1 });
    // Subjects differing only in case are one value, shown as first seen.
    expect(asMap(f?.subject)).toEqual({ Fantasy: 2, Classics: 1, History: 1, Comics: 1 });
    expect(asMap(f?.publisher)).toEqual({ Tor: 2, Marvel: 1 });
    expect(asMap(f?.status)).toEqual({ ok: 4, missing: 1 });
    expect(asMap(f?.hasCover)).toEqual({ true: 3, false: 2 });
    expect(asMap(f?.hasSeries)).toEqual({ true: 2, false: 3 });
    expect(f?.decade).toEqual([
      { value: '1950s', count: 1 },
      { value: '1990s', count: 2 },
      { value: '2000s', count: 1 },
    ]);
  });

  it('are over the text query’s matches', () => {
    const f = index().query({ text: 'format:pdf', facets: true }).facets;
    expect(asMap(f?.format)).toEqual({ pdf: 2 });
    expect(asMap(f?.language)).toEqual({ fr: 1, de: 1 });
  });

  it('leave out each facet’s own filter, and apply the others', () => {
    const r = index().query({ facets: true, filters: { formats: ['epub'], languages: ['fr'] } });
    expect(r.ids).toEqual(['b']);
    // Formats of the French books (the format filter left out): b (epub) and c (pdf).
    expect(asMap(r.facets?.format)).toEqual({ epub: 1, pdf: 1 });
    // Languages of the EPUBs (the language filter left out): a (en), b (en, fr).
    expect(asMap(r.facets?.language)).toEqual({ en: 2, fr: 1 });
    // Other facets: over the books that pass both.
    expect(asMap(r.facets?.subject)).toEqual({ Fantasy: 1 });
  });

  it('treat the year range as the decade facet’s filter', () => {
    const r = index().query({ facets: true, filters: { year: { min: 1990, max: 1999 } } });
    expect([...r.ids].sort()).toEqual(['b', 'c']);
    expect(r.facets?.decade.map((d) => d.value)).toEqual(['1950s', '1990s', '2000s']);
    expect(asMap(r.facets?.format)).toEqual({ epub: 1, pdf: 1 });
  });

  it('combine values of one facet with OR and facets with AND', () => {
    const i = index();
    expect(i.query({ filters: { formats: ['epub', 'cbz'] } }).total).toBe(3);
    expect(i.query({ filters: { formats: ['epub', 'cbz'], hasCover: false } }).ids).toEqual(['e']);
    expect(i.query({ filters: { subjects: ['FANTASY'] } }).total).toBe(2);
    expect(i.query({ filters: { publishers: ['TOR'], hasSeries: true } }).ids).toEqual(['a']);
    expect(i.query({ filters: { statuses: ['missing'] } }).ids).toEqual(['d']);
    expect(i.query({ filters: { size: { min: 2e6 } } }).total).toBe(0);
    expect(i.query({ filters: { completeness: { min: 0.4 } } }).ids).toEqual(['a', 'd']);
    expect(i.query({ filters: { formats: [] } }).total).toBe(5);
  });

  it('always list the selected values, even with no books', () => {
    const r = index().query({
      text: 'format:cbz',
      facets: true,
      filters: { languages: ['de', 'xx'], hasCover: true },
    });
    expect(r.total).toBe(0);
    expect(r.facets?.language).toEqual([
      { value: 'de', count: 0 },
      { value: 'xx', count: 0 },
    ]);
    // e (no cover) fails the language filter too, so it is not counted.
    expect(r.facets?.hasCover).toEqual([{ value: 'true', count: 0 }]);
    expect(asMap(r.facets?.language)).toEqual({ de: 0, xx: 0 });
  });

  it(`list the ${FACET_LIMIT} most frequent values plus the selected ones`, () => {
    const i = new SearchIndex();
    i.upsert(
      Array.from({ length: 120 }, (_, n) =>
        makeDoc({
          id: `b${n}`,
          subjects: [`S${String(n).padStart(3, '0')}`, ...(n < 10 ? ['Common'] : [])],
        }),
      ),
    );
    const subjects =
      i.query({ facets: true, filters: { subjects: ['S119'] } }).facets?.subject ?? [];
    expect(subjects[0]).toEqual({ value: 'Common', count: 10 });
    expect(subjects).toHaveLength(FACET_LIMIT + 1);
    expect(subjects.at(-1)).toEqual({ value: 'S119', count: 1 });
  });

  it('stay right after the catalog changes', () => {
    const i = index();
    expect(asMap(i.query({ facets: true }).facets?.format)).toEqual({ epub: 2, pdf: 2, cbz: 1 });
    i.remove(['c']);
    i.upsert([makeDoc({ id: 'a', format: 'mobi' })]);
    expect(asMap(i.query({ facets: true }).facets?.format)).toEqual({
      epub: 1,
      pdf: 1,
      cbz: 1,
      mobi: 1,
    });
    expect(asMap(i.query({ text: 'has:cover', facets: true }).facets?.format)).toEqual({
      epub: 1,
      pdf: 1,
      mobi: 1,
    });
  });
});

describe('genres', () => {
  const books = [
    makeDoc({ id: 'm', subjects: ['Detective and mystery stories', 'Paris (France)'] }),
    makeDoc({ id: 'f', subjects: ['FICTION / Fantasy / Epic'] }),
    makeDoc({ id: 'x', subjects: ['Paris (France)'] }),
  ];
  const genreIndex = () => {
    const i = new SearchIndex();
    i.upsert(books);
    return i;
  };

  it('counts the genres the subjects map to, while subjects stay as written', () => {
    const f = genreIndex().query({ facets: true }).facets;
    expect(asMap(f?.genre)).toEqual({ 'Mystery & Detective': 1, Fantasy: 1 });
    expect(asMap(f?.subject)).toMatchObject({ 'Paris (France)': 2 });
  });

  it('filters by genre, and genre: searches the genres, not the raw subjects', () => {
    const i = genreIndex();
    expect(i.query({ filters: { genres: ['Fantasy'] } }).ids).toEqual(['f']);
    expect(i.query({ text: 'genre:mystery' }).ids).toEqual(['m']);
    // "Paris" is a subject (tag:), not a genre.
    expect(i.query({ text: 'genre:paris' }).ids).toEqual([]);
    expect(i.query({ text: 'tag:paris' }).ids.sort()).toEqual(['m', 'x']);
  });
});

describe('a book grouped with its other formats', () => {
  const books = [
    makeDoc({ id: 'dune', format: 'epub', otherFormats: ['pdf', 'mobi'] }),
    makeDoc({ id: 'emma', format: 'epub' }),
    makeDoc({ id: 'atlas', format: 'pdf' }),
  ];
  const grouped = () => {
    const i = new SearchIndex();
    i.upsert(books);
    return i;
  };

  it('counts under every format it has in the Format facet', () => {
    expect(asMap(grouped().query({ facets: true }).facets?.format)).toEqual({
      epub: 2,
      pdf: 2,
      mobi: 1,
    });
  });

  it('is found by the Format filter and by format: under each of them', () => {
    const i = grouped();
    expect(i.query({ filters: { formats: ['pdf'] } }).ids.sort()).toEqual(['atlas', 'dune']);
    expect(i.query({ filters: { formats: ['mobi'] } }).ids).toEqual(['dune']);
    expect(i.query({ text: 'format:mobi' }).ids).toEqual(['dune']);
    expect(i.query({ text: 'format:pdf' }).ids.sort()).toEqual(['atlas', 'dune']);
    expect(i.query({ text: '-format:pdf' }).ids).toEqual(['emma']);
  });

  it('keeps its formats through a snapshot and a restore', () => {
    const restored = SearchIndex.restore(grouped().export({ docs: true }));
    expect(restored.query({ text: 'format:mobi' }).ids).toEqual(['dune']);
    expect(asMap(restored.query({ facets: true }).facets?.format)).toMatchObject({ mobi: 1 });
    restored.upsert([makeDoc({ id: 'dune', format: 'epub' })]);
    expect(restored.query({ text: 'format:mobi' }).ids).toEqual([]);
  });
});

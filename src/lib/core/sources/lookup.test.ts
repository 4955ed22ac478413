import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, corpusPath, NO_CORPUS_MESSAGE } from '#test-support/corpus';
import { comicVineClient } from './comicvine/client';
import { googleBooksClient } from './googlebooks/client';
import { lookup } from './lookup';
import { openLibraryClient } from './openlibrary/client';
import { appliedCandidates } from './result';
import { fakeFetch, type FakeAnswer } from '#test-support/fake-fetch';

const recorded = (rel: string): unknown =>
  JSON.parse(readFileSync(corpusPath(`api/${rel}`), 'utf8'));

/** The recorded answers, at the paths the clients ask for. */
function recordings(url: URL): FakeAnswer | undefined {
  const path = url.pathname;
  if (path === '/api/books' && url.searchParams.get('bibkeys') === 'ISBN:9782070427796')
    return { body: recorded('openlibrary/bookwyrm_ol_isbn_search.json') };
  if (path === '/api/books') return { body: {} };
  if (path === '/search.json') return { body: recorded('openlibrary/bookwyrm_ol_search.json') };
  if (path === '/books/OL22951843M.json')
    return { body: recorded('openlibrary/bookwyrm_ol_edition.json') };
  if (path === '/works/OL15832982W.json')
    return { body: recorded('openlibrary/bookwyrm_ol_work.json') };
  if (path === '/works/OL20639540W/editions.json') return { body: { entries: [] } };
  if (path === '/books/v1/volumes' && url.searchParams.get('q') === 'isbn:9781761186769')
    return { body: recorded('googlebooks/koder_google-books-volume.json') };
  if (path === '/books/v1/volumes') return { body: { kind: 'books#volumes', totalItems: 0 } };
  return undefined;
}

const clients = (fetch = fakeFetch(recordings)) => ({
  openlibrary: openLibraryClient({
    fetch,
    baseUrl: 'https://ol.test',
    coversUrl: 'https://covers.test',
  }),
  googlebooks: googleBooksClient({ fetch, baseUrl: 'https://gb.test/books/v1' }),
  comicvine: comicVineClient({ fetch }),
});

describe.skipIf(!corpusDir)('lookup over the recorded answers', () => {
  if (!corpusDir) console.warn(NO_CORPUS_MESSAGE);

  it('finds the French ISBN at Open Library; Google Books knows nothing, without error', async () => {
    const { sources } = await lookup({ kind: 'book', isbn: '978-2-07-042779-6' }, clients());
    const [ol, gb] = sources;
    expect(ol?.source).toBe('openlibrary');
    expect(ol?.error).toBeUndefined();
    expect(ol?.match).toBeUndefined();
    expect(ol?.candidates.find((c) => c.field === 'title')?.value).toBe('Les ombres errantes');
    expect(gb).toEqual({ source: 'googlebooks', candidates: [], covers: [], match: undefined });
  });

  it('finds the Google Books volume by its ISBN-10 too', async () => {
    const { sources } = await lookup({ kind: 'book', isbn: '1761186760' }, clients());
    const gb = sources.find((s) => s.source === 'googlebooks');
    expect(gb?.candidates.find((c) => c.field === 'identifiers')?.value).toEqual([
      { scheme: 'isbn', value: '9781761186769' },
    ]);
    expect(
      gb?.candidates.every((c) => c.origin === 'googlebooks:isbn' && c.confidence === 0.9),
    ).toBe(true);
  });

  it('applies a search hit with the authors named, at a confidence below an ISBN hit', async () => {
    const { sources } = await lookup(
      { kind: 'book', title: 'This Is How You Lose the Time War', author: 'Amal El-Mohtar' },
      clients(),
    );
    const ol = sources.find((s) => s.source === 'openlibrary');
    expect(ol?.match).toEqual({ score: 1, applied: true });
    expect(ol && appliedCandidates(ol).length).toBeGreaterThan(0);
    expect(
      ol?.candidates.every((c) => c.origin === 'openlibrary:search' && c.confidence === 0.8),
    ).toBe(true);
  });

  it('only suggests a search hit for a title alone', async () => {
    const { sources } = await lookup(
      { kind: 'book', title: 'This Is How You Lose the Time War' },
      clients(),
    );
    const ol = sources.find((s) => s.source === 'openlibrary');
    expect(ol?.match?.applied).toBe(false);
    expect(ol?.candidates.length).toBeGreaterThan(0);
    expect(ol && appliedCandidates(ol)).toEqual([]);
  });

  it('follows an ISBN hit to its edition and work (Sabriel)', async () => {
    const fetch = fakeFetch((url) =>
      url.pathname === '/api/books'
        ? {
            body: {
              'ISBN:9780060273224': {
                key: '/books/OL22951843M',
                title: 'Sabriel',
                authors: [{ name: 'Garth Nix' }],
                cover: { large: 'https://covers.test/b/id/1-L.jpg' },
              },
            },
          }
        : recordings(url),
    );
    const { sources } = await lookup({ kind: 'book', isbn: '0060273224' }, clients(fetch));
    const ol = sources.find((s) => s.source === 'openlibrary');
    const fields = Object.fromEntries((ol?.candidates ?? []).map((c) => [c.field, c]));
    expect(fields.languages?.value).toEqual(['en']);
    expect(fields.pageCount?.value).toBe(491);
    // The edition's own description wins over the work's; the work adds nothing the edition has.
    expect(String(fields.description?.value)).toMatch(/^Sabriel, daughter/);
    expect(fields.identifiers?.value).toEqual([{ scheme: 'isbn', value: '9780060273224' }]);
    expect(ol?.covers.map((c) => c.url)).toEqual([
      'https://covers.test/b/id/1-L.jpg',
      'https://covers.test/b/id/6796986-L.jpg?default=false',
      'https://covers.test/b/id/3843137-L.jpg?default=false',
    ]);
    const olCalls = fetch.calls.filter((u) => new URL(u).hostname === 'ol.test');
    expect(olCalls.map((u) => new URL(u).pathname)).toEqual([
      '/api/books',
      '/books/OL22951843M.json',
      '/works/OL15832982W.json',
    ]);
  });
});

describe('lookup when sources fail', () => {
  it('gives each failing source its error and the others their answers', async () => {
    const fetch = fakeFetch((url) =>
      url.hostname === 'gb.test' ? { status: 200, body: '<html>maintenance</html>' } : { body: {} },
    );
    const { sources } = await lookup({ kind: 'book', isbn: '9782070427796' }, clients(fetch));
    expect(sources.map((s) => [s.source, s.error?.kind])).toEqual([
      ['openlibrary', undefined],
      ['googlebooks', 'invalid-response'],
    ]);
    expect(sources[1]?.candidates).toEqual([]);
  });

  it('turns a bug that throws into that source’s error', async () => {
    const broken = { ...clients().openlibrary, byIsbn: () => Promise.reject(new Error('boom')) };
    const { sources } = await lookup(
      { kind: 'book', isbn: '9782070427796' },
      { openlibrary: broken },
    );
    expect(sources[0]?.error?.message).toContain('boom');
  });

  it('reports Comic Vine as not configured for a comic when there is no key', async () => {
    const { sources } = await lookup({ kind: 'comic', series: 'Saga', number: 1 }, clients());
    expect(sources.map((s) => [s.source, s.error?.kind])).toEqual([
      ['comicvine', 'not-configured'],
    ]);
  });
});

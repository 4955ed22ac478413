import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidate } from '#core/metadata/types';
import { bookDoc } from '#core/schema/book-doc';
import { progressDoc } from '#core/schema/progress-doc';
import { readingStatusDoc } from '#core/schema/reading-status-doc';
import { makeEpub } from '../support/make-epub';
import { COMIC_PAGES, openOpdsLibrary, type OpdsLibrary } from '../support/opds-library';
import {
  opds2FeedSchema,
  parseOpds1,
  parseOpds2,
  type ParsedFeed,
  type ParsedLink,
} from '../support/opds-parsers';

const NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
const ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
const FILLERS = 55;

const hasRel = (link: ParsedLink, rel: string) =>
  Array.isArray(link.rel) ? link.rel.includes(rel) : link.rel === rel;
const linkOf = (links: readonly ParsedLink[] | undefined, rel: string) =>
  links?.find((l) => hasRel(l, rel));
const titles = (feed: ParsedFeed) => (feed.publications ?? []).map((p) => p.metadata.title);

describe('OPDS feeds (1.2 at /opds, 2.0 at /opds/v2), read by Readium’s parsers', () => {
  let lib: OpdsLibrary;

  /** A feed in both versions: each read by r2-opds-js, the 2.0 one held to the schema's rules. */
  async function both(path: string, query = '') {
    const v1 = await lib.get(`/opds${path}${query}`);
    expect(v1.status, `/opds${path}`).toBe(200);
    const xml = await v1.text();
    const v2 = await lib.get(`/opds/v2${path}${query.replace('q=', 'query=')}`);
    expect(v2.status, `/opds/v2${path}`).toBe(200);
    expect(v2.headers.get('content-type')).toBe('application/opds+json');
    const json = (await v2.json()) as unknown;
    const rules = opds2FeedSchema.safeParse(json);
    expect(rules.error?.issues, `/opds/v2${path}${query}`).toBeUndefined();
    return {
      type: v1.headers.get('content-type'),
      xml,
      v1: parseOpds1(xml),
      v2: parseOpds2(json),
    };
  }

  beforeAll(async () => {
    lib = await openOpdsLibrary();
    // Books without files, for paging: one author with more than a page of them.
    const { ctx } = lib.agent.agent;
    await ctx.catalog.upsert(
      Array.from({ length: FILLERS }, (_, i) =>
        bookDoc({
          library: ctx.library,
          bookId: `filler${i}`,
          folderId: 'none',
          path: `filler/${i}.epub`,
          format: 'epub',
          size: 1000,
          mtimeMs: 0,
          addedAt: Date.UTC(2020, 0, 1) + i,
          scannedAt: Date.UTC(2020, 0, 1),
          status: 'ok',
          extraction: {
            format: 'epub',
            candidates: [
              candidate('title', `Filler ${String(i).padStart(3, '0')}`, 'embedded:opf', 0.8),
              candidate(
                'authors',
                [{ name: 'Paging Author', roles: ['aut'] }],
                'embedded:opf',
                0.8,
              ),
            ],
            flags: {},
            warnings: [],
          },
        }),
      ),
    );
  });
  afterAll(async () => {
    await lib?.close();
  });

  it('starts at a navigation root with every way in, and a search', async () => {
    const { type, v1, v2, xml } = await both('');
    expect(type).toBe(NAVIGATION);
    const wanted = [
      'Continue reading',
      'Recently added',
      'All books',
      'Authors',
      'Series',
      'Genres',
      'Formats',
    ];
    expect(v1.navigation?.map((l) => l.title)).toEqual(wanted);
    expect(v2.navigation?.map((l) => l.title)).toEqual(wanted);
    expect(linkOf(v1.navigation, 'http://opds-spec.org/sort/new')?.href).toBe('/opds/recent');
    expect(linkOf(v2.links, 'self')?.href).toBe('/opds/v2');
    expect(linkOf(v2.links, 'search')).toMatchObject({
      href: '/opds/v2/search{?query}',
      templated: true,
    });
    expect(xml).toContain('href="/opds/search.xml" type="application/opensearchdescription+xml"');
    // No shelves yet: they are left out rather than shown empty.
    expect(xml).not.toMatch(/shel(f|ves)/i);
  });

  it('lists a series in reading order, with each book’s metadata, and its author with a sort name', async () => {
    const { type, v1, v2 } = await both('/series/dune');
    expect(type).toBe(ACQUISITION);
    expect(titles(v1)).toEqual(['Dune', 'Dune Messiah', 'Children of Dune']);
    expect(titles(v2)).toEqual(['Dune', 'Dune Messiah', 'Children of Dune']);
    const dune = v2.publications?.[0];
    expect(dune?.metadata).toMatchObject({
      title: 'Dune',
      identifier: 'urn:isbn:9780441013593',
      // Readium's model gives a list of one as the one item.
      author: { name: 'Frank Herbert', sortAs: 'Herbert, Frank' },
      belongsTo: { series: { name: 'Dune', position: 1 } },
      language: 'en',
      subject: 'Science Fiction',
      publisher: 'Ace',
      published: '1965-01-01T00:00:00.000Z',
    });
    expect(String(dune?.metadata.description)).toContain('A desert planet, & spice.');
    expect(
      v2.publications?.map(
        (p) => (p.metadata.belongsTo as { series: { position: number } }).series.position,
      ),
    ).toEqual([1, 2, 3]);
    // The same book read from the Atom feed.
    expect(v1.publications?.[0]?.metadata).toMatchObject({
      title: 'Dune',
      author: { name: 'Frank Herbert', identifier: '/opds/authors/frank-herbert' },
      language: 'en',
    });
    expect(
      linkOf(v1.publications?.[0]?.links ?? [], 'http://opds-spec.org/acquisition'),
    ).toMatchObject({
      type: 'application/epub+zip',
      href: expect.stringMatching(/^\/opds\/books\/\w+\/file\/Dune\.epub$/),
    });
  });

  it('gives one acquisition link per format with its media type, EPUB too for MOBI, and Page Streaming for comics', async () => {
    // The library's own books, newer than the fillers, fill the first page.
    const { v1, v2, xml } = await both('/recent');
    const types = (feed: ParsedFeed, title: string) =>
      feed.publications
        ?.find((p) => p.metadata.title === title)
        ?.links.filter((l) => hasRel(l, 'http://opds-spec.org/acquisition'))
        .map((l) => l.type);
    for (const feed of [v1, v2]) {
      expect(types(feed, 'Captain Test')).toEqual(['application/vnd.comicbook+zip']);
      expect(types(feed, 'The Manual')).toEqual(['application/pdf']);
      expect(types(feed, 'Palm Story')).toEqual([
        'application/x-mobipocket-ebook',
        'application/epub+zip',
      ]);
      expect(types(feed, 'Dune')).toEqual(['application/epub+zip']);
    }
    const comic = v2.publications?.find((p) => p.metadata.title === 'Captain Test');
    expect(linkOf(comic?.links, 'http://vaemendis.net/opds-pse/stream')).toMatchObject({
      type: 'image/jpeg',
      href: expect.stringMatching(/\/opds\/books\/\w+\/pages\/\{pageNumber\}/),
      properties: { numberOfItems: COMIC_PAGES },
    });
    expect(xml).toMatch(
      new RegExp(`rel="http://vaemendis.net/opds-pse/stream"[^>]*pse:count="${COMIC_PAGES}"`),
    );
    // Covers and thumbnails from the agent's cover routes, under /opds.
    expect(comic?.images?.map((i) => i.href)).toEqual([
      expect.stringMatching(/^\/opds\/covers\/[0-9a-f]{64}\/medium$/),
      expect.stringMatching(/^\/opds\/covers\/[0-9a-f]{64}\/small$/),
    ]);
    expect(xml).toMatch(
      /rel="http:\/\/opds-spec.org\/image\/thumbnail" href="\/opds\/covers\/[0-9a-f]{64}\/small"/,
    );
  });

  it('keeps titles with markup characters intact through both formats', async () => {
    const { v1, v2, xml } = await both('/authors/emile-zola');
    expect(titles(v1)).toEqual(['Zoë & <Co> "Quotes"']);
    expect(titles(v2)).toEqual(['Zoë & <Co> "Quotes"']);
    expect(xml).toContain('<title>Zoë &amp; &lt;Co&gt; &quot;Quotes&quot;</title>');
  });

  it('pages long feeds with first, previous, next and last links', async () => {
    // Eight books of the library and the fillers.
    const total = 8 + FILLERS;
    const first = await both('/all');
    expect(first.v1.publications).toHaveLength(50);
    expect(first.v2.metadata).toMatchObject({
      numberOfItems: total,
      itemsPerPage: 50,
      currentPage: 1,
    });
    expect(first.xml).toContain(`<opensearch:totalResults>${total}</opensearch:totalResults>`);
    expect(linkOf(first.v1.links, 'next')?.href).toBe('/opds/all?page=2');
    expect(linkOf(first.v2.links, 'next')?.href).toBe('/opds/v2/all?page=2');
    expect(linkOf(first.v1.links, 'previous')).toBeUndefined();
    expect(linkOf(first.v1.links, 'last')?.href).toBe('/opds/all?page=2');
    const second = await both('/all', '?page=2');
    expect(second.v2.publications).toHaveLength(total - 50);
    expect(linkOf(second.v1.links, 'previous')?.href).toBe('/opds/all');
    expect(linkOf(second.v1.links, 'first')?.href).toBe('/opds/all');
    expect(linkOf(second.v1.links, 'next')).toBeUndefined();
    // No book on two pages, none left out.
    const seen = new Set([...titles(first.v2), ...titles(second.v2)]);
    expect(seen.size).toBe(total);
    // An author's books page the same way.
    const author = await both('/authors/paging-author', '?page=2');
    expect(titles(author.v2)).toEqual(
      Array.from({ length: FILLERS - 50 }, (_, i) => `Filler ${String(50 + i).padStart(3, '0')}`),
    );
    expect((await lib.get('/opds/all?page=0')).status).toBe(400);
    expect((await lib.get('/opds/all?page=two')).status).toBe(400);
  });

  it('lists authors, series, genres and formats as navigation feeds that lead to their books', async () => {
    const authors = await both('/authors');
    expect(authors.type).toBe(NAVIGATION);
    const names = authors.v2.navigation?.map((l) => l.title);
    expect(names).toEqual(
      expect.arrayContaining(['Frank Herbert', 'Ursula K. Le Guin', 'Émile Zola', 'Paging Author']),
    );
    expect(linkOf(authors.v1.navigation, 'subsection')?.type).toBe(ACQUISITION);
    const series = await both('/series');
    expect(series.v2.navigation).toEqual([
      expect.objectContaining({ title: 'Dune', href: '/opds/v2/series/dune' }),
    ]);
    const genres = await both('/subjects');
    const sf = genres.v1.navigation?.find((l) => l.title === 'Science Fiction');
    expect(sf?.href).toBe('/opds/subjects/science%20fiction');
    const sfBooks = await both('/subjects/science%20fiction');
    expect(titles(sfBooks.v2)).toEqual([
      'Children of Dune',
      'Dune',
      'Dune Messiah',
      'The Left Hand of Darkness',
    ]);
    const formats = await both('/formats');
    expect(formats.v2.navigation?.map((l) => l.title)).toEqual(
      expect.arrayContaining(['EPUB', 'PDF', 'MOBI', 'CBZ (comics)']),
    );
    const cbz = await both('/formats/cbz');
    expect(titles(cbz.v1)).toEqual(['Captain Test']);
    expect((await lib.get('/opds/formats/doc')).status).toBe(404);
    expect((await lib.get('/opds/v2/authors/nobody-at-all')).status).toBe(404);
  });

  it('searches with the app’s query language, and describes its search for OpenSearch', async () => {
    const description = await lib.get('/opds/search.xml');
    expect(description.headers.get('content-type')).toBe('application/opensearchdescription+xml');
    expect(await description.text()).toContain('template="/opds/search?q={searchTerms}"');
    const dune = await both('/search', '?q=dune');
    expect(titles(dune.v1).sort()).toEqual(['Children of Dune', 'Dune', 'Dune Messiah']);
    expect(linkOf(dune.v1.links, 'self')?.href).toBe('/opds/search?q=dune');
    const language = await both(
      '/search',
      `?q=${encodeURIComponent('author:"le guin" format:epub')}`,
    );
    expect(titles(language.v2)).toEqual(['The Left Hand of Darkness']);
    const none = await both('/search', '?q=zzzzqqqq');
    expect(none.v2.publications).toBeUndefined();
    expect(none.v2.navigation?.[0]?.title).toBe('Back to the catalog');
    const unreadable = await lib.get('/opds/search?q=(dune');
    expect(unreadable.status).toBe(200);
    expect(await unreadable.text()).toMatch(
      /<subtitle>This search cannot be read: Missing closing parenthesis/,
    );
  });

  it('continues reading from the user’s own reading status and positions, latest first', async () => {
    const { agent } = lib;
    const rita = agent.agent.auth.users.byName('rita');
    const book = (file: string) => `book:${agent.agent.ctx.library}:${lib.bookId(file)}`;
    const db = agent.agent.databases.user(rita?.id ?? '').db;
    await db.bulkDocs([
      progressDoc({
        book: book('dune.epub'),
        locator: 'epubcfi(/6/4!/4/2)',
        percentage: 0.42,
        device: 'kobo',
        deviceName: 'Kobo',
        at: new Date('2026-03-02T10:00:00Z'),
      }),
      readingStatusDoc(book('messiah.epub'), 'reading', 'phone', new Date('2026-03-03T10:00:00Z')),
      readingStatusDoc(
        book('children.epub'),
        'finished',
        'phone',
        new Date('2026-03-04T10:00:00Z'),
      ),
    ]);
    const { v1, v2 } = await both('/reading');
    expect(titles(v1)).toEqual(['Dune Messiah', 'Dune']);
    expect(String(v2.publications?.[1]?.metadata.description)).toContain('42% read');
    // Another user reads nothing of it.
    const admin = await lib.agent.admin.fetch('/opds/v2/reading');
    expect(((await admin.json()) as ParsedFeed).publications).toBeUndefined();
  });

  it('follows the catalog: a book scanned after the first feed shows up first among the recent ones; a removed one goes', async () => {
    const before = await both('/recent');
    expect(titles(before.v2)[0]).not.toBe('Brand New');
    const folder = lib.agent.agent.ctx.db.prepare('SELECT root FROM folders LIMIT 1').get() as {
      root: string;
    };
    writeFileSync(
      join(folder.root, 'new.epub'),
      await makeEpub({ title: 'Brand New', authors: ['New Writer'] }),
    );
    await lib.agent.scan();
    expect(titles((await both('/recent')).v2)[0]).toBe('Brand New');
    expect(titles((await both('/authors/new-writer')).v1)).toEqual(['Brand New']);
    rmSync(join(folder.root, 'new.epub'));
    await lib.agent.scan();
    expect(titles((await both('/recent')).v2)).not.toContain('Brand New');
    expect((await lib.get('/opds/authors/new-writer')).status).toBe(404);
  });
});

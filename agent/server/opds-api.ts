import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { BOOK_MEDIA_TYPES } from '#core/formats/media-types';
import { BOOK_FORMATS, type BookFormat } from '#core/formats/types';
import { COVER_SIZES, type CoverSize } from '#core/images/cover-sizes';
import { inputProblem } from '#core/api/request-input';
import type { Agent } from '../agent';
import { shortBookId } from '../metadata/book-state';
import { ATOM_TYPES, atomFeed, openSearchDescription, OPENSEARCH_TYPE } from '../opds/atom';
import { CONVERTIBLE, downloadName } from '../opds/book-links';
import { FEEDS, type Feed } from '../opds/feeds';
import type { OpdsBook } from '../opds/opds-book';
import { OPDS2_TYPE, opds2Feed } from '../opds/opds2';
import { BooksBeingRead } from '../opds/reading-now';
import { SHELF_FEEDS, UserShelves } from '../opds/shelf-feeds';
import { locateBookFile } from '../reading/book-file';
import { readPage } from '../reading/comic-pages';
import { ReadingError } from '../reading/reading-error';
import { FileIndex } from '../scan/file-index';
import { requireReader, type DeviceAuthOptions } from './device-auth';
import { READING_STATUS } from './reading-api';
import { notFound, RequestError } from './request-error';
import { refusals } from './serve-route';

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  q: z.string().max(500).optional(),
  query: z.string().max(500).optional(),
});

/** The page and search terms a feed is asked for; 400 naming the field when they cannot be read. */
function feedQuery(req: Request): z.output<typeof pageQuery> {
  const parsed = pageQuery.safeParse(req.query);
  if (!parsed.success) {
    const { field, message } = inputProblem(parsed.error, 'query');
    throw new RequestError(400, 'bad-request', message, { field });
  }
  return parsed.data;
}

const param = (req: Request, name: string) => String(req.params[name] ?? '');

type FeedMaker = (req: Request, page: number) => Feed | undefined | Promise<Feed | undefined>;

/**
 * The catalog for reading apps: OPDS 1.2 (Atom) under /opds and OPDS 2.0
 * (JSON) under /opds/v2, the same feeds in both; book files, MOBI books as
 * EPUB, comic pages (Page Streaming) and covers under /opds too, since an
 * app password reaches nothing else. Everything here is read-only.
 */
export function opdsRouter(agent: Agent, options: DeviceAuthOptions = {}): express.Router {
  const router = express.Router();
  const catalog = agent.opds;
  const files = new FileIndex(agent.ctx.db);
  const library = agent.ctx.library;
  router.use(requireReader(agent.auth, options));
  // Every answer here is the catalog as it is now, for this user.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'private, no-cache');
    next();
  });

  const reading = new BooksBeingRead();
  const readingOf = async (req: Request) => {
    const user = req.reader;
    if (!user || !agent.databases.userExists(user.id)) return [];
    return reading.of(user.id, agent.databases.user(user.id).db);
  };

  // Shelves are the user's own (their database): another user's are never read.
  const shelves = new UserShelves();
  const shelvesOf = async (req: Request) => {
    const user = req.reader;
    if (!user || !agent.databases.userExists(user.id)) return [];
    return shelves.of(user.id, agent.databases.user(user.id).db);
  };

  const feeds: [string, FeedMaker][] = [
    ['/', async (req) => FEEDS.root(catalog, (await shelvesOf(req)).length)],
    ['/recent', (_req, page) => FEEDS.recent(catalog, page)],
    ['/all', (_req, page) => FEEDS.all(catalog, page)],
    ['/authors', (_req, page) => FEEDS.authors(catalog, page)],
    ['/authors/:key', (req, page) => FEEDS.author(catalog, param(req, 'key'), page)],
    ['/series', (_req, page) => FEEDS.seriesList(catalog, page)],
    ['/series/:key', (req, page) => FEEDS.series(catalog, param(req, 'key'), page)],
    ['/subjects', (_req, page) => FEEDS.subjects(catalog, page)],
    ['/subjects/:key', (req, page) => FEEDS.subject(catalog, param(req, 'key'), page)],
    ['/formats', () => FEEDS.formats(catalog)],
    [
      '/formats/:format',
      (req, page) => {
        const format = param(req, 'format');
        return (BOOK_FORMATS as readonly string[]).includes(format)
          ? FEEDS.format(catalog, format as BookFormat, page)
          : undefined;
      },
    ],
    ['/reading', async (req, page) => FEEDS.reading(catalog, await readingOf(req), page)],
    ['/shelves', async (req, page) => SHELF_FEEDS.shelves(catalog, await shelvesOf(req), page)],
    [
      '/shelves/:key',
      async (req, page) =>
        SHELF_FEEDS.shelf(catalog, await shelvesOf(req), param(req, 'key'), page),
    ],
    [
      '/search',
      (req, page) => {
        const { q, query } = feedQuery(req);
        const terms = (q ?? query ?? '').trim();
        return FEEDS.search(catalog, terms, page);
      },
    ],
  ];

  const feedAt = async (req: Request, make: FeedMaker) => {
    const { page } = feedQuery(req);
    await catalog.current();
    const feed = await make(req, page);
    if (!feed) throw notFound('There is no such feed in the catalog; go back to its start.');
    return feed;
  };
  const send = (res: Response, type: string, body: string) => {
    res.setHeader('Content-Type', type);
    res.end(Buffer.from(body, 'utf8'));
  };
  // OPDS 2.0 first: /v2 would otherwise be read as a feed of version 1.
  for (const [path, make] of feeds)
    router.get(`/v2${path === '/' ? '' : path}`, async (req, res) => {
      send(res, OPDS2_TYPE, JSON.stringify(opds2Feed(await feedAt(req, make))));
    });
  router.get('/search.xml', (_req, res) => send(res, OPENSEARCH_TYPE, openSearchDescription()));
  for (const [path, make] of feeds)
    router.get(path, async (req, res) => {
      const feed = await feedAt(req, make);
      send(res, ATOM_TYPES[feed.kind], atomFeed(feed, library));
    });

  /** The book as feeds list it: only what the catalog offers (no missing file) can be fetched. */
  const listed = async (req: Request): Promise<OpdsBook> => {
    await catalog.current();
    const id = `book:${library}:${shortBookId(param(req, 'id'))}`;
    // Another format of a listed book is fetched through its main's entry.
    const book = catalog.book(id) ?? catalog.otherFormat(id);
    if (!book) throw notFound('There is no such book in the library.');
    return book;
  };
  const sendFile = (res: Response, path: string, type: string, name: string) =>
    new Promise<void>((resolve, reject) => {
      res.attachment(name);
      res.setHeader('Content-Type', type);
      // send answers Range requests (a resumed download) and revalidation itself.
      res.sendFile(path, (error) => (error && !res.headersSent ? reject(error) : resolve()));
    });

  router.get('/books/:id/file{/:name}', async (req, res) => {
    const book = await listed(req);
    const file = await locateBookFile(
      files,
      shortBookId(book.id),
      [book.format],
      book.format.toUpperCase(),
    );
    await sendFile(res, file.path, BOOK_MEDIA_TYPES[file.format], downloadName(book, file.format));
  });

  router.get('/books/:id/epub{/:name}', async (req, res) => {
    const book = await listed(req);
    if (!CONVERTIBLE.has(book.format))
      throw new RequestError(409, 'wrong-format', 'Only MOBI and AZW3 books are offered as EPUB.');
    const epub = await agent.reading.epubs.epubOf(await agent.reading.mobiFile(book.id));
    await sendFile(res, epub, BOOK_MEDIA_TYPES.epub, downloadName(book, 'epub'));
  });

  /** Page Streaming: one page of a comic, from 0, never the whole archive. */
  router.get('/books/:id/pages/:index', async (req, res) => {
    const index = Number(param(req, 'index'));
    if (!Number.isInteger(index) || index < 0)
      throw new RequestError(400, 'bad-request', 'index: a page number from 0', { field: 'index' });
    const book = await listed(req);
    const page = await readPage(
      agent.reading.comics,
      await agent.reading.comicFile(book.id),
      index,
    );
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.type(page.mediaType);
    res.end(Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength));
  });

  router.get('/covers/:hash/:size', (req, res) => {
    const size = param(req, 'size') as CoverSize;
    const hash = param(req, 'hash');
    const path = Object.hasOwn(COVER_SIZES, size) ? agent.covers.path(hash, size) : undefined;
    if (!path || !agent.covers.has(hash, size)) throw notFound('No such cover.');
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.type('image/webp').sendFile(path);
  });

  router.use(
    refusals(
      ReadingError,
      (error) => new RequestError(READING_STATUS[error.problem], error.problem, error.message),
    ),
  );
  return router;
}

import express, { type Request, type Response } from 'express';
import { READING } from '#core/api/reading';
import type { Agent } from '../agent';
import type { BookFile } from '../reading/book-file';
import { listPages, readPage } from '../reading/comic-pages';
import { ReadingError, type ReadingProblem } from '../reading/reading-error';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireSession } from './session-middleware';

/** The HTTP status each reading problem is answered with (here and under /opds). */
export const READING_STATUS: Record<ReadingProblem, number> = {
  'unknown-book': 404,
  'file-missing': 404,
  'no-such-page': 404,
  'wrong-format': 409,
  unreadable: 422,
  drm: 422,
  'conversion-failed': 422,
};

/** A page turned back to within the hour comes from the browser's cache. */
const PAGE_CACHE = 'private, max-age=3600';

/**
 * The in-app reader's routes, for any signed-in user: a comic's page list and
 * its pages one at a time (never the whole archive), and a MOBI or AZW3 book
 * as EPUB. Only books the catalog lists, from their files on disk.
 */
export function readingRouter(agent: Agent): express.Router {
  const router = express.Router();
  const { reading } = agent;

  serve(router, READING.pages, [requireSession], async (req, res) => {
    const file = await reading.comicFile(req.params.id);
    // The list changes only with the file: revalidated, answered 304 while it stands.
    if (notModified(req, res, versionTag(file))) return;
    const pages = await listPages(reading.comics, file);
    res.setHeader('ETag', versionTag(file));
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(pages);
  });

  serve(router, READING.page, [requireSession], async (req, res) => {
    const { id, index } = req.params;
    const file = await reading.comicFile(id);
    const tag = versionTag(file, `p${index}`);
    if (notModified(req, res, tag)) return;
    const page = await readPage(reading.comics, file, index);
    res.setHeader('ETag', tag);
    res.setHeader('Cache-Control', PAGE_CACHE);
    res.type(page.mediaType);
    res.end(Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength));
  });

  serve(router, READING.epub, [requireSession], async (req, res) => {
    const file = await reading.mobiFile(req.params.id);
    const path = await reading.epubs.epubOf(file);
    // send answers Range requests (206) and revalidation (ETag, Last-Modified) itself.
    await new Promise<void>((resolve, reject) => {
      res.sendFile(
        path,
        {
          headers: { 'Content-Type': 'application/epub+zip', 'Cache-Control': 'private, no-cache' },
        },
        // Once the file is on its way, a failure (the reader went away) is the connection's end.
        (error) => (error && !res.headersSent ? reject(error) : resolve()),
      );
    });
  });

  router.use(
    refusals(
      ReadingError,
      (error) => new RequestError(READING_STATUS[error.problem], error.problem, error.message),
    ),
  );
  return router;
}

/** A strong validator for this version of the file (and a part of it). */
function versionTag(file: BookFile, part = 'list'): string {
  return `"${file.size.toString(36)}-${Math.trunc(file.mtimeMs).toString(36)}-${part}"`;
}

/**
 * Answers 304 when the browser already has this version. The tag is set only
 * to let express compare it, then taken off again: a refusal that follows
 * must not carry it.
 */
function notModified<Body>(req: Pick<Request, 'fresh'>, res: Response<Body>, tag: string): boolean {
  res.setHeader('ETag', tag);
  if (req.fresh) {
    res.status(304).end();
    return true;
  }
  res.removeHeader('ETag');
  return false;
}

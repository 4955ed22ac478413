import express, { type NextFunction, type Request, type Response } from 'express';
import type { Agent } from '../agent';
import { MetadataRequestError } from '../metadata/errors';
import { COVER_IMAGE_TYPES } from '../metadata/cover-image-types';
import { MAX_UPLOAD_BYTES } from '../metadata/covers-upload';
import { requireAdmin, requireSession } from './session-middleware';

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * Runs a handler; a MetadataRequestError becomes its status and
 * `{ error, message }`; anything else goes to the agent's one error handler,
 * which logs it and answers without its message (it may hold a server path).
 */
const handle =
  (work: Handler) =>
  (req: Request, res: Response, next: NextFunction): void => {
    work(req, res).catch((error: unknown) => {
      if (error instanceof MetadataRequestError) {
        res.status(error.status).json({ error: error.code, message: error.message });
        return;
      }
      next(error);
    });
  };

/** A body parser whose refusals are JSON with a message, like every other answer here. */
function parsed(parser: express.RequestHandler, what: string): express.RequestHandler {
  return (req, res, next) =>
    parser(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status ?? 400;
      res.status(status).json({
        error: status === 413 ? 'too-large' : 'bad-body',
        message:
          status === 413
            ? `The ${what} is too large.`
            : `The ${what} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      });
    });
}

/** JSON bodies of these routes: a description may be long; parsed after the guard. */
const json = parsed(express.json({ limit: '1mb' }), 'request');

/** Only image types are read at all; the bytes themselves are checked after. */
function imageBody(req: Request, res: Response, next: NextFunction): void {
  if (!req.is([...COVER_IMAGE_TYPES])) {
    res.status(415).json({
      error: 'not-an-image',
      message: `Send the cover as ${COVER_IMAGE_TYPES.join(', ')} (the Content-Type header).`,
    });
    return;
  }
  const raw = express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES });
  parsed(raw, `cover (at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB)`)(req, res, next);
}

const body = (req: Request): Record<string, unknown> =>
  typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Sources, lookups, the user's field and cover edits and series changes.
 * Readers may look at the sources; every change is an admin's. Body parsers
 * run per route, after the guard: nothing is read for a caller who may not
 * call.
 */
export function metadataRouter(agent: Agent): express.Router {
  const router = express.Router();
  const { metadata } = agent;
  const user = (req: Request) => req.session?.user.id;
  // An agent that serves the app looks books up in the background (see startBackground).
  metadata.startBackground();

  // The settings page can switch sources on and off: the source documents follow at once.
  router.use('/settings', (req, res, next) => {
    if (req.method !== 'GET')
      res.on('finish', () => {
        if (res.statusCode < 400) metadata.settingsChanged().catch(() => undefined);
      });
    next();
  });

  router.get(
    '/sources',
    requireSession,
    handle(async (_req, res) => {
      res.json(await metadata.sourceList());
    }),
  );

  router.put(
    '/sources/:id',
    requireAdmin,
    json,
    handle(async (req, res) => {
      res.json(await metadata.changeSource(String(req.params.id), req.body, user(req)));
    }),
  );

  router.post(
    '/books/:bookId/lookup',
    requireAdmin,
    handle(async (req, res) => {
      res.status(202).json(await metadata.lookupBook(String(req.params.bookId)));
    }),
  );

  router.put(
    '/books/:bookId/fields/:field',
    requireAdmin,
    json,
    handle(async (req, res) => {
      const { bookId, field } = req.params;
      const trustChanges = await metadata.edits.setField(
        String(bookId),
        String(field),
        body(req).value,
        user(req),
      );
      res.json({ ok: true, trustChanges });
    }),
  );

  router.delete(
    '/books/:bookId/fields/:field',
    requireAdmin,
    handle(async (req, res) => {
      const { bookId, field } = req.params;
      await metadata.edits.clearField(String(bookId), String(field), user(req));
      res.json({ ok: true });
    }),
  );

  router.put(
    '/books/:bookId/cover',
    requireAdmin,
    json,
    handle(async (req, res) => {
      const cover = body(req).cover;
      if (typeof cover !== 'string' || !cover.startsWith('cover:')) {
        res
          .status(400)
          .json({ error: 'bad-cover', message: 'Name the cover: { "cover": "cover:…" }.' });
        return;
      }
      await metadata.edits.chooseCover(String(req.params.bookId), cover, user(req));
      res.json({ ok: true });
    }),
  );

  router.delete(
    '/books/:bookId/cover',
    requireAdmin,
    handle(async (req, res) => {
      await metadata.edits.chooseCover(String(req.params.bookId), undefined, user(req));
      res.json({ ok: true });
    }),
  );

  router.post(
    '/books/:bookId/covers',
    requireAdmin,
    imageBody,
    handle(async (req, res) => {
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      const id = await metadata.uploadCover(String(req.params.bookId), bytes, user(req));
      res.status(201).json({ id });
    }),
  );

  for (const change of ['rename', 'merge'] as const)
    router.post(
      `/series/${change}`,
      requireAdmin,
      json,
      handle(async (req, res) => {
        const { from, into } = body(req);
        res.json({ books: await metadata.changeSeries(change, text(from), text(into), user(req)) });
      }),
    );

  return router;
}

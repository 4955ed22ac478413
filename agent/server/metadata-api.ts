import express, { type RequestHandler } from 'express';
import { METADATA } from '#core/api/metadata';
import type { Agent } from '../agent';
import { shortBookId } from '../metadata/book-state';
import { MAX_UPLOAD_BYTES } from '../metadata/covers/covers-upload';
import { EditHistory } from '../metadata/edits/edit-history';
import { RequestError } from './request-error';
import { serve } from './serve-route';
import { requireAdmin, requireSession } from './session-middleware';

/** JSON bodies of these routes: a description may be long; parsed after the guard. */
const json = express.json({ limit: '1mb' });

/** Only the upload's image types are read at all; the bytes themselves are checked after. */
const imageBody: RequestHandler = (req, res, next) => {
  const types = METADATA.uploadCover.upload;
  if (!req.is([...types])) {
    next(
      new RequestError(
        415,
        'not-an-image',
        `Send the cover as ${types.join(', ')} (the Content-Type header).`,
      ),
    );
    return;
  }
  express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES })(req, res, next);
};

/**
 * Sources, lookups, the user's field and cover edits and series changes.
 * Readers may look at the sources; every change is an admin's. Body parsers
 * run per route, after the guard: nothing is read for a caller who may not
 * call. What a request cannot do (a book that is gone, a value that does not
 * fit its field) is a MetadataRequestError, answered by the one error handler.
 */
export function metadataRouter(agent: Agent): express.Router {
  const router = express.Router();
  const { metadata } = agent;
  const user = (req: Pick<express.Request, 'session'>) => req.session?.user.id;
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

  serve(router, METADATA.sources, [requireSession], async (_req, res) => {
    res.json(await metadata.sourceList());
  });

  serve(router, METADATA.changeSource, [requireAdmin, json], async (req, res) => {
    res.json(await metadata.changeSource(req.params.id, req.body, user(req)));
  });

  serve(router, METADATA.lookup, [requireAdmin], async (req, res) => {
    res.status(202).json(await metadata.lookupBook(req.params.bookId));
  });

  serve(router, METADATA.setField, [requireAdmin, json], async (req, res) => {
    const { bookId, field } = req.params;
    const trustChanges = await metadata.edits.setField(bookId, field, req.body.value, user(req));
    res.json({ ok: true, trustChanges });
  });

  serve(router, METADATA.clearField, [requireAdmin], async (req, res) => {
    const { bookId, field } = req.params;
    await metadata.edits.clearField(bookId, field, user(req));
    res.json({ ok: true });
  });

  const history = new EditHistory(metadata.editLog, metadata.edits, agent.auth.users);
  serve(router, METADATA.history, [requireAdmin], (req, res) => {
    res.json(history.list(shortBookId(req.params.bookId)));
  });

  serve(router, METADATA.revertEdit, [requireAdmin], async (req, res) => {
    await history.revert(shortBookId(req.params.bookId), req.params.id, user(req));
    res.json({ ok: true });
  });

  serve(router, METADATA.chooseCover, [requireAdmin, json], async (req, res) => {
    await metadata.edits.chooseCover(req.params.bookId, req.body.cover, user(req));
    res.json({ ok: true });
  });

  serve(router, METADATA.automaticCover, [requireAdmin], async (req, res) => {
    await metadata.edits.chooseCover(req.params.bookId, undefined, user(req));
    res.json({ ok: true });
  });

  serve(router, METADATA.uploadCover, [requireAdmin, imageBody], async (req, res) => {
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    const id = await metadata.uploadCover(req.params.bookId, bytes, user(req));
    res.status(201).json({ id });
  });

  for (const [change, route] of [
    ['rename', METADATA.renameSeries],
    ['merge', METADATA.mergeSeries],
  ] as const)
    serve(router, route, [requireAdmin, json], async (req, res) => {
      const { from, into } = req.body;
      res.json({ books: await metadata.changeSeries(change, from, into, user(req)) });
    });

  return router;
}

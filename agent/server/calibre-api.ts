import express from 'express';
import { CALIBRE } from '#core/api/calibre';
import type { Agent } from '../agent';
import { CalibreLibraryError } from '../calibre/library-error';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin } from './session-middleware';

/** Importing a Calibre library: check a path, queue the import (admins). */
export function calibreRouter(agent: Agent): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));

  serve(router, CALIBRE.check, [requireAdmin], (req, res) => {
    res.json({ ok: true, ...agent.calibre.check(req.body.path) });
  });

  serve(router, CALIBRE.import, [requireAdmin], (req, res) => {
    const job = agent.calibre.start(req.body.path);
    agent.oplog.record({
      kind: 'calibre.queued',
      subject: String(job.payload.path),
      message: `Import of the Calibre library ${String(job.payload.path)} queued (job #${job.id}).`,
      ...(req.session && { details: { user: req.session.user.id } }),
    });
    res.status(202).json(job);
  });

  // A path that is no Calibre library (or cannot be read): the user's to fix.
  router.use(
    refusals(
      CalibreLibraryError,
      (error) =>
        new RequestError(400, 'invalid-calibre-library', error.message, { path: error.path }),
    ),
  );
  return router;
}

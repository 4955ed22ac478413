import express from 'express';
import { STATUS } from '#core/api/status';
import { SCHEMA_VERSION } from '#core/schema/version';
import type { Agent } from '../agent';
import { listFolders } from '../folders/folders';
import { bookDetailsRouter } from './book-details-api';
import { pathsShownTo } from './reader-paths';
import { RequestError } from './request-error';
import { serve } from './serve-route';
import { requireAdmin, requireSession } from './session-middleware';

/** The agent's own JSON API: status, scans and a book's details. */
export function apiRouter(agent: Agent): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));

  serve(router, STATUS.status, [requireSession], (req, res) => {
    res.json({
      name: 'colophon',
      library: agent.ctx.library,
      schemaVersion: SCHEMA_VERSION,
      folders: pathsShownTo(req, agent.ctx, listFolders(agent.ctx.db)),
    });
  });

  serve(router, STATUS.scan, [requireAdmin], (_req, res) => {
    if (listFolders(agent.ctx.db).length === 0)
      throw new RequestError(
        409,
        'no-folders',
        'There is no library folder to scan. Start the agent with --library DIR to add one.',
      );
    res.status(202).json(agent.scan());
  });

  router.use(bookDetailsRouter(agent));

  return router;
}

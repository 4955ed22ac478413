import express from 'express';
import { SCHEMA_VERSION } from '#core/schema/version';
import type { AgentContext } from '../context';
import { listFolders } from '../folders/folders';
import type { ScanService } from '../scan/scan-service';

/** The agent's own JSON API: status and scans. */
export function apiRouter(ctx: AgentContext, scans: ScanService): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '100kb' }));

  router.get('/status', (_req, res) => {
    res.json({
      name: 'colophon',
      library: ctx.library,
      schemaVersion: SCHEMA_VERSION,
      folders: listFolders(ctx.db),
      scan: scans.current ?? null,
    });
  });

  router.get('/scans/current', (_req, res) => {
    res.json(scans.current ?? null);
  });

  router.post('/scans', (_req, res) => {
    if (listFolders(ctx.db).length === 0) {
      res.status(409).json({
        error: 'no-folders',
        message:
          'There is no library folder to scan. Start the agent with --library DIR to add one.',
      });
      return;
    }
    res.status(202).json(scans.start());
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'not-found', message: 'No such API endpoint.' });
  });
  return router;
}

import { stat } from 'node:fs/promises';
import express from 'express';
import type { AgentContext } from '../context';
import { resolveInsideRoot, UnsafePathError } from '../files/safe-path';
import { getFolder } from '../folders/folders';
import { requireSession } from './session-middleware';

/** Downloads a book file: `/api/files/<folder id>/<path below the folder>`, never outside it. */
export function filesRouter(ctx: AgentContext): express.Router {
  const router = express.Router();
  router.get('/files/:folder/*path', requireSession, async (req, res) => {
    const folder = getFolder(ctx.db, req.params.folder as string);
    const parts = (req.params as unknown as { path: string[] }).path;
    if (!folder) {
      res.status(404).json({ error: 'not-found', message: 'There is no such library folder.' });
      return;
    }
    try {
      const path = await resolveInsideRoot(folder.root, parts.join('/'));
      if (!(await stat(path)).isFile())
        throw new UnsafePathError('That is a folder, not a book file.');
      res.download(path);
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      res.status(404).json({ error: 'not-found', message: error.message });
    }
  });
  return router;
}

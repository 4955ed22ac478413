import { stat } from 'node:fs/promises';
import express from 'express';
import { FILES } from '#core/api/files';
import type { AgentContext } from '../context';
import { resolveInsideRoot, UnsafePathError } from '../files/safe-path';
import { getFolder } from '../folders/folders';
import { FileIndex } from '../scan/file-index';
import { notFound } from './request-error';
import { serve } from './serve-route';
import { requireSession } from './session-middleware';

/** Downloads a book file: `/api/files/<folder id>/<path below the folder>`, never outside it. */
export function filesRouter(ctx: AgentContext): express.Router {
  const router = express.Router();
  serve(router, FILES.book, [requireSession], async (req, res) => {
    const folder = getFolder(ctx.db, req.params.folder);
    if (!folder) throw notFound('There is no such library folder.');
    try {
      const requested = req.params.path.join('/');
      const path = await resolveInsideRoot(folder.root, requested);
      // The scan indexes book files only (rename companions are not indexed), so nothing else
      // under a library folder — a private note beside a book — can be downloaded.
      if (!new FileIndex(ctx.db).isBook(folder.id, requested))
        throw new UnsafePathError(
          'That file is not a book in the catalog; only cataloged books can be downloaded.',
        );
      if (!(await stat(path)).isFile())
        throw new UnsafePathError('That is a folder, not a book file.');
      res.download(path);
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      throw notFound(error.message);
    }
  });
  return router;
}

import express from 'express';
import type { Agent } from '../agent';
import { folderDoc } from '../catalog/book-docs';
import { markFolderMissing } from '../catalog/mark-missing';
import { countBooks } from '../folders/count-books';
import {
  addFolder,
  FolderError,
  listFolders,
  removeFolder,
  validateFolder,
} from '../folders/folders';
import { pathsShownTo } from './reader-paths';
import { requireAdmin, requireSession } from './session-middleware';

/** Library folders: list (everyone), check, add and remove (admins). */
export function foldersRouter(agent: Agent): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  const { ctx } = agent;

  const body = (req: express.Request) => (req.body ?? {}) as { path?: unknown; writable?: unknown };
  const refuse = (res: express.Response, error: FolderError) =>
    res.status(400).json({ error: 'invalid-folder', path: error.path, message: error.message });

  router.get('/folders', requireSession, (req, res) => {
    const counts = ctx.db
      .prepare<[], { folder_id: string; n: number }>(
        "SELECT folder_id, count(*) AS n FROM files WHERE status != 'missing' GROUP BY folder_id",
      )
      .all();
    const folders = listFolders(ctx.db).map((f) => ({
      ...f,
      books: counts.find((c) => c.folder_id === f.id)?.n ?? 0,
    }));
    res.json(pathsShownTo(req, ctx, folders));
  });

  /** Checks a folder without adding it (the wizard validates as the user types). */
  router.post('/folders/check', requireAdmin, async (req, res) => {
    try {
      const { path, writable } = body(req);
      const root = validateFolder(String(path ?? ''), {
        writable: writable === true,
        dataDir: ctx.dataDir,
      });
      res.json({ ok: true, root, books: await countBooks(root) });
    } catch (error) {
      if (!(error instanceof FolderError)) throw error;
      refuse(res, error);
    }
  });

  router.post('/folders', requireAdmin, async (req, res) => {
    try {
      const { path, writable } = body(req);
      const folder = addFolder(ctx.db, String(path ?? ''), { writable: writable === true });
      await ctx.catalog.upsert([folderDoc(ctx.library, folder)]);
      agent.oplog.record({
        kind: 'folder.added',
        subject: folder.root,
        message: `Library folder ${folder.root} added.`,
      });
      res.status(201).json(folder);
    } catch (error) {
      if (!(error instanceof FolderError)) throw error;
      refuse(res, error);
    }
  });

  router.delete('/folders/:id', requireAdmin, async (req, res) => {
    const folder = removeFolder(ctx.db, req.params.id as string);
    if (!folder) {
      res.status(404).json({ error: 'not-found', message: 'There is no such library folder.' });
      return;
    }
    await markFolderMissing(ctx, folder.id);
    agent.oplog.record({
      kind: 'folder.removed',
      subject: folder.root,
      message: `Library folder ${folder.root} removed; its books are kept as missing until it is added back.`,
    });
    res.json(folder);
  });

  return router;
}

import express from 'express';
import { FOLDERS } from '#core/api/folders';
import type { Agent } from '../agent';
import { folderDoc } from '../catalog/book-docs';
import { markFolderMissing } from '../catalog/mark-missing';
import { countBooks } from '../folders/count-books';
import { folderUnavailable } from '../folders/folder-availability';
import { FileIndex } from '../scan/file-index';
import {
  addFolder,
  FolderError,
  listFolders,
  removeFolder,
  validateFolder,
} from '../folders/folders';
import { pathsShownTo } from './reader-paths';
import { notFound, RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin, requireSession } from './session-middleware';

/** Library folders: list (everyone), check, add and remove (admins). */
export function foldersRouter(agent: Agent): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  const { ctx } = agent;

  serve(router, FOLDERS.list, [requireSession], async (req, res) => {
    const counts = new FileIndex(ctx.db).presentCounts();
    const folders = await Promise.all(
      listFolders(ctx.db).map(async (f) => {
        const books = counts.get(f.id) ?? 0;
        const unavailable = await folderUnavailable(f.root, books);
        const watch = agent.watchers.status(f.id);
        return { ...f, books, ...(unavailable ? { unavailable } : {}), watch };
      }),
    );
    res.json(pathsShownTo(req, ctx, folders));
  });

  serve(router, FOLDERS.check, [requireAdmin], async (req, res) => {
    const { path, writable } = req.body;
    const root = validateFolder(path, { writable, dataDir: ctx.dataDir });
    res.json({ ok: true, root, books: await countBooks(root) });
  });

  serve(router, FOLDERS.add, [requireAdmin], async (req, res) => {
    const { path, writable } = req.body;
    const folder = addFolder(ctx.db, path, { writable });
    await ctx.catalog.upsert([folderDoc(ctx.library, folder)]);
    agent.oplog.record({
      kind: 'folder.added',
      subject: folder.root,
      message: `Library folder ${folder.root} added.`,
    });
    res.status(201).json(folder);
  });

  serve(router, FOLDERS.remove, [requireAdmin], async (req, res) => {
    const folder = removeFolder(ctx.db, req.params.id);
    if (!folder) throw notFound('There is no such library folder.');
    await markFolderMissing(ctx, folder.id);
    agent.oplog.record({
      kind: 'folder.removed',
      subject: folder.root,
      message: `Library folder ${folder.root} removed; its books are kept as missing until it is added back.`,
    });
    res.json(folder);
  });

  // A folder that cannot be a library folder (a system folder, the data folder, not there).
  router.use(
    refusals(
      FolderError,
      (error) => new RequestError(400, 'invalid-folder', error.message, { path: error.path }),
    ),
  );
  return router;
}

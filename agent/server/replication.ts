import express, { type NextFunction, type Request, type Response } from 'express';
import expressPouchDB from 'express-pouchdb';
import { CATALOG_DB, type PouchFactory } from '../catalog/pouch';
import { requireSession } from './session-middleware';

/** Each user's private database (reading status and progress, shelves), replicated only to them. */
export function userDbName(userId: string): string {
  return `user-${userId}`;
}

/** What replicating the catalog needs: reads, and the checkpoints both sides keep in _local. */
const CATALOG_READS = /^\/catalog(\/|\/_all_docs|\/_changes|\/_bulk_get|\/_revs_diff)?$/;
const CATALOG_CHECKPOINT = /^\/catalog\/_local\/[^/]+$/;

function refuse(res: Response, status: number, error: string, message: string): void {
  res.status(status).json({ error, reason: message, message });
}

/**
 * The CouchDB replication protocol at /db, for signed-in users only: the
 * shared catalog (read-only, but for replication checkpoints: only the agent
 * writes it) and the user's own database. express-pouchdb is an express 4
 * app; under express 5 `req.query` is a getter it cannot assign, so each
 * request gets a plain, writable copy first.
 */
export function replicationRouter(pouch: PouchFactory): express.Router {
  const couch = expressPouchDB(pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
  // express-pouchdb serves only databases it has seen created (pouchdb-all-dbs
  // listens for 'created'); the catalog was opened before it existed, so open
  // it once more now that it listens.
  new pouch(CATALOG_DB).info().catch((error: unknown) => {
    console.error(`[colophon] The catalog database cannot be opened: ${String(error)}`);
  });

  const router = express.Router();
  router.use(requireSession);
  router.use((req: Request, res: Response, next: NextFunction) => {
    const own = `/${userDbName(req.session?.user.id ?? '')}`;
    const path = req.path;
    const ownDb = path === own || path.startsWith(`${own}/`);
    const catalog = path === `/${CATALOG_DB}` || path.startsWith(`/${CATALOG_DB}/`);
    if (path === '/' && req.method === 'GET') return forward(req, next);
    if (ownDb) return forward(req, next);
    if (!catalog)
      return refuse(
        res,
        404,
        'not_found',
        `Only /db/${CATALOG_DB} and your own database are served here.`,
      );
    const reading =
      req.method === 'GET' ||
      req.method === 'HEAD' ||
      (req.method === 'POST' && CATALOG_READS.test(path));
    if (reading || CATALOG_CHECKPOINT.test(path)) return forward(req, next);
    refuse(
      res,
      403,
      'forbidden',
      'The catalog is written by the agent only; change books through the app.',
    );
  });
  router.use(couch);
  return router;
}

function forward(req: Request, next: NextFunction): void {
  Object.defineProperty(req, 'query', {
    value: { ...req.query },
    writable: true,
    configurable: true,
    enumerable: true,
  });
  next();
}

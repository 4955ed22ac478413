import express, { type NextFunction, type Request, type Response } from 'express';
import expressPouchDB from 'express-pouchdb';
import { CATALOG_DB, type PouchFactory } from '../catalog/pouch';

/**
 * The CouchDB replication protocol at /db, for the catalog database only.
 * express-pouchdb is an express 4 app; under express 5 `req.query` is a
 * getter it cannot assign, so each request gets a plain, writable copy first.
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
  const allowed = new RegExp(`^/(${CATALOG_DB}(/.*)?)?$`);
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!allowed.test(req.path)) {
      res
        .status(404)
        .json({ error: 'not_found', reason: `Only /db/${CATALOG_DB} is served here.` });
      return;
    }
    Object.defineProperty(req, 'query', {
      value: { ...req.query },
      writable: true,
      configurable: true,
      enumerable: true,
    });
    next();
  });
  router.use(couch);
  return router;
}

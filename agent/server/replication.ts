import express, { type NextFunction, type Request, type Response } from 'express';
import type { Agent } from '../agent';
import { CATALOG_DB } from '../catalog/pouch';
import {
  CatalogCheckpoints,
  DEFAULT_CHECKPOINT_LIMITS,
  type CheckpointLimits,
} from '../replication/catalog-checkpoints';
import { changesFeed, WaitingFeeds } from '../replication/changes-feed';
import { CouchError, sendCouchError } from '../replication/couch-error';
import {
  allDocs,
  bulkGet,
  databaseInfo,
  getAttachment,
  getDocument,
  revsDiff,
} from '../replication/document-endpoints';
import {
  DEFAULT_STORAGE_LIMITS,
  describeBytes,
  UserDatabaseQuota,
  type StorageLimits,
} from '../replication/limits';
import { userDbName, type ServedDatabase } from '../replication/served-databases';
import { bulkDocs, deleteDocument, putDocument, type UserWrites } from '../replication/user-writes';
import { FIELD_EDIT_PREFIX } from '#core/schema/field-edit-doc';
import { REQUEST_PREFIX } from '#core/schema/request-doc';
import { ReplicatedEdits } from '../metadata/edits/replicated-edits';
import { RenameRequests } from '../metadata/edits/rename-requests';
import { renameService } from '../rename/rename-service';
import { ReplicatedRequests } from '../metadata/edits/replicated-requests';
import { RequestLog } from '../metadata/edits/request-log';
import { gatesByKind } from '../replication/gates-by-kind';
import { isDiskFull } from '../storage/disk-full';
import { requireSession } from './session-middleware';

export interface ReplicationOptions {
  storage?: Partial<StorageLimits>;
  checkpoints?: Partial<CheckpointLimits>;
  /** Long polls one user may hold open at once. */
  waitingFeedsPerUser?: number;
}

/** Bodies of reads (ids and revisions to look up) are small; a bulk write holds many documents. */
const READ_BODY_LIMIT = 4 * 1024 * 1024;
const BULK_BODY_LIMIT = 32 * 1024 * 1024;

const CATALOG_READ_ONLY = 'The catalog is written by the agent only; change books through the app.';

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The CouchDB replication protocol at /db, and nothing else: what a PouchDB
 * client needs to replicate the shared catalog (read-only) and the user's
 * own database (read and write). Every endpoint is written here over
 * PouchDB's methods, so design documents, views, show/list/update functions
 * and filter functions have no way in: no client-supplied code runs in the
 * agent, whatever the role.
 */
export function replicationRouter(agent: Agent, options: ReplicationOptions = {}): express.Router {
  const storage = { ...DEFAULT_STORAGE_LIMITS, ...options.storage };
  const checkpoints = new CatalogCheckpoints(agent.ctx.db, {
    ...DEFAULT_CHECKPOINT_LIMITS,
    ...options.checkpoints,
  });
  const databases = agent.databases;
  // Metadata edits an admin's devices write to their own database are checked and applied here.
  const edits = new ReplicatedEdits({
    edits: agent.metadata.edits,
    log: agent.metadata.editLog,
    catalog: agent.ctx.catalog,
    userDb: (userId) => databases.user(userId).db,
  });
  // So are the requests (a cover, a series change, a lookup) they write there.
  const requests = new ReplicatedRequests({
    metadata: agent.metadata,
    catalog: agent.ctx.catalog,
    log: new RequestLog(agent.ctx.db),
    oplog: agent.oplog,
    renames: new RenameRequests(renameService(agent.ctx), agent.runner),
    userDb: (userId) => databases.user(userId).db,
  });
  const admins = agent.auth.users.list().filter((u) => u.role === 'admin' && !u.disabled);
  const waitingIn = admins.filter((u) => databases.userExists(u.id)).map((u) => u.id);
  void edits.catchUp(waitingIn).then(() => requests.catchUp(waitingIn));
  const writes: UserWrites = {
    limits: storage,
    quota: new UserDatabaseQuota(storage),
    gate: gatesByKind({ [FIELD_EDIT_PREFIX]: edits, [REQUEST_PREFIX]: requests }),
  };
  const waiting = new WaitingFeeds(options.waitingFeedsPerUser);

  const router = express.Router();
  router.use(requireSession);
  const json = (limit: number) => express.json({ limit, type: ['application/json'] });

  router.get('/', (_req, res) => {
    res.json({ couchdb: 'Welcome', vendor: { name: 'Colophon' }, uuid: agent.ctx.library });
  });

  router.use(async (req, res, next) => {
    try {
      const [dbName = '', ...rest] = segments(req.path);
      const userId = req.session?.user.id ?? '';
      const served =
        dbName === CATALOG_DB
          ? databases.catalog()
          : dbName === userDbName(userId)
            ? undefined
            : null;
      if (served === null)
        throw new CouchError(
          404,
          'not_found',
          `Only /db/${CATALOG_DB} and your own database are served here.`,
        );
      const existed = served !== undefined || databases.userExists(userId);
      const target = served ?? databases.user(userId);
      const handler = route(req, target, rest, userId, existed);
      const limit =
        rest[0] === '_bulk_docs'
          ? BULK_BODY_LIMIT
          : rest[0]?.startsWith('_') && rest[0] !== '_local'
            ? READ_BODY_LIMIT
            : storage.documentBytes;
      await new Promise<void>((resolve, reject) =>
        json(limit)(req, res, (error?: unknown) => (error ? reject(error) : resolve())),
      );
      if (['PUT', 'POST'].includes(req.method) && req.body === undefined && rest.length > 0)
        throw new CouchError(415, 'bad_content_type', 'Send the body as application/json.');
      await handler(req, res).catch(async (error: unknown) => {
        if (isDiskFull(error) && target.kind === 'user') await databases.reopenUser(userId);
        throw error;
      });
    } catch (error) {
      next(error);
    }
  });

  // Errors of this router answer in CouchDB's shape, which PouchDB reads.
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.too.large')
      return sendCouchError(
        res,
        new CouchError(
          413,
          'too_large',
          `The request is too large: a document may be at most ${describeBytes(storage.documentBytes)}.`,
        ),
      );
    if (type === 'entity.parse.failed')
      return sendCouchError(
        res,
        new CouchError(400, 'bad_request', 'The request body is not valid JSON.'),
      );
    sendCouchError(res, error);
  });

  /** The handler for a request on one database, or a refusal. */
  function route(
    req: Request,
    served: ServedDatabase,
    rest: string[],
    userId: string,
    existed: boolean,
  ): Handler {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const own = served.kind === 'user';
    const [first, ...more] = rest;
    const refuse = (message: string, status = 403): never => {
      throw new CouchError(status, status === 405 ? 'method_not_allowed' : 'forbidden', message);
    };
    const writable = () => {
      if (!own) refuse(CATALOG_READ_ONLY);
    };

    if (first === undefined) {
      if (method === 'GET') return (_q, res) => databaseInfo(res, served);
      if (method === 'PUT' && own)
        return async (_q, res) => {
          // PouchDB creates a database when it opens it; CouchDB says whether it was there.
          if (existed) throw new CouchError(412, 'file_exists', 'The database already exists.');
          res.status(201).json({ ok: true });
        };
      return refuse(
        own ? 'A database cannot be changed or removed through /db.' : CATALOG_READ_ONLY,
      );
    }
    if (first === '_local' && more.length === 1) {
      const id = `_local/${more[0]}`;
      if (!own) {
        if (method === 'GET') return async (_q, res) => void res.json(checkpoints.get(userId, id));
        if (method === 'PUT')
          return async (q, res) => void res.status(201).json(checkpoints.put(userId, id, body(q)));
        if (method === 'DELETE')
          return async (q, res) => void res.json(checkpoints.remove(userId, id, revOf(q)));
      } else {
        if (method === 'GET') return (q, res) => getDocument(q, res, served, id);
        if (method === 'PUT') return (q, res) => putDocument(q, res, served, writes, id);
        if (method === 'DELETE') return (q, res) => deleteDocument(q, res, served, id, writes);
      }
      return refuse(`${req.method} is not served on a local document.`, 405);
    }
    if (first.startsWith('_')) {
      if (more.length === 0) {
        if (first === '_changes' && (method === 'GET' || method === 'POST'))
          return (q, res) => changesFeed(q, res, served, waiting);
        if (first === '_all_docs' && (method === 'GET' || method === 'POST'))
          return (q, res) => allDocs(q, res, served);
        if (first === '_bulk_get' && method === 'POST') return (q, res) => bulkGet(q, res, served);
        if (first === '_revs_diff' && method === 'POST')
          return (q, res) => revsDiff(q, res, served);
        if (first === '_bulk_docs' && method === 'POST') {
          writable();
          return (q, res) => bulkDocs(q, res, served, writes);
        }
      }
      return refuse(
        `${req.method} /db/${served.name}/${rest.join('/')} is not served: the agent speaks only the replication protocol (no design documents, views or other CouchDB features).`,
      );
    }
    const id = first;
    if (more.length > 0) {
      if (method === 'GET') return (q, res) => getAttachment(q, res, served, id, more.join('/'));
      return refuse('Attachments are written with their document, through _bulk_docs.');
    }
    if (method === 'GET') return (q, res) => getDocument(q, res, served, id);
    if (method === 'PUT') {
      writable();
      return (q, res) => putDocument(q, res, served, writes, id);
    }
    if (method === 'DELETE') {
      writable();
      return (q, res) => deleteDocument(q, res, served, id, writes);
    }
    return refuse(`${req.method} is not served on a document.`, 405);
  }

  return router;
}

/** The path's parts, decoded (a document id may hold an encoded `/`). */
function segments(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    throw new CouchError(400, 'bad_request', 'The address has a malformed % escape.');
  }
}

function body(req: Request): Record<string, unknown> {
  const value: unknown = req.body;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new CouchError(400, 'bad_request', 'The document must be a JSON object.');
  return value as Record<string, unknown>;
}

function revOf(req: Request): string | undefined {
  return typeof req.query.rev === 'string' ? req.query.rev : undefined;
}

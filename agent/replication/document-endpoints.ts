import type { Request, Response } from 'express';
import { CouchError } from './couch-error';
import { QueryOptions } from './query-options';
import type { ServedDatabase } from './served-databases';

/**
 * The reads of the replication protocol, each a thin call of PouchDB's own
 * method with the options read one by one (see QueryOptions).
 */

export async function databaseInfo(res: Response, served: ServedDatabase): Promise<void> {
  res.json(await served.db.info());
}

function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new CouchError(400, 'bad_request', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export async function allDocs(req: Request, res: Response, served: ServedDatabase): Promise<void> {
  const q = new QueryOptions(req.query);
  const options: Record<string, unknown> = {
    include_docs: q.boolean('include_docs'),
    conflicts: q.boolean('conflicts'),
    attachments: q.boolean('attachments'),
    descending: q.boolean('descending'),
    inclusive_end: q.boolean('inclusive_end'),
    update_seq: q.boolean('update_seq'),
    limit: q.integer('limit', 0, 10_000),
    skip: q.integer('skip', 0, Number.MAX_SAFE_INTEGER),
    startkey: q.json('startkey') ?? q.json('start_key'),
    endkey: q.json('endkey') ?? q.json('end_key'),
    key: q.json('key'),
  };
  const keys = req.method === 'POST' ? objectBody(req).keys : q.json('keys');
  if (keys !== undefined) {
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string'))
      throw new CouchError(400, 'bad_request', '"keys" must be a list of document ids.');
    options.keys = keys;
  }
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  res.json(await served.db.allDocs(options as PouchDB.Core.AllDocsOptions));
}

export async function bulkGet(req: Request, res: Response, served: ServedDatabase): Promise<void> {
  const q = new QueryOptions(req.query);
  const docs = objectBody(req).docs;
  if (!Array.isArray(docs))
    throw new CouchError(400, 'bad_request', 'The body needs "docs": a list of {id, rev}.');
  // PouchDB's bulkGet never calls back for an empty list: answer it here.
  if (docs.length === 0) {
    res.json({ results: [] });
    return;
  }
  for (const doc of docs as unknown[])
    if (!doc || typeof (doc as { id?: unknown }).id !== 'string')
      throw new CouchError(400, 'bad_request', 'Each entry of "docs" needs an "id".');
  const answer = await served.db.bulkGet({
    docs: docs as PouchDB.Core.BulkGetOptions['docs'],
    revs: q.boolean('revs') ?? false,
    attachments: q.boolean('attachments') ?? false,
    latest: q.boolean('latest') ?? false,
  } as PouchDB.Core.BulkGetOptions);
  // CouchDB's shape for a revision that cannot be had: {error: {id, rev, error, reason}}.
  const results = answer.results.map((result) => ({
    id: result.id,
    docs: result.docs.map((entry) => {
      if ('ok' in entry) return entry;
      const error = entry.error as { name?: string; message?: string; id?: string; rev?: string };
      return {
        error: {
          id: result.id,
          rev: error.rev,
          error: error.name ?? 'not_found',
          reason: error.message ?? 'missing',
        },
      };
    }),
  }));
  res.json({ results });
}

export async function revsDiff(req: Request, res: Response, served: ServedDatabase): Promise<void> {
  const body = objectBody(req);
  for (const revs of Object.values(body))
    if (!Array.isArray(revs) || !revs.every((r) => typeof r === 'string'))
      throw new CouchError(
        400,
        'bad_request',
        'Each document in the body needs a list of revisions.',
      );
  res.json(await served.db.revsDiff(body as PouchDB.Core.RevisionDiffOptions));
}

export async function getDocument(
  req: Request,
  res: Response,
  served: ServedDatabase,
  id: string,
): Promise<void> {
  const q = new QueryOptions(req.query);
  const options: Record<string, unknown> = {
    rev: typeof req.query.rev === 'string' ? req.query.rev : undefined,
    revs: q.boolean('revs'),
    revs_info: q.boolean('revs_info'),
    conflicts: q.boolean('conflicts'),
    attachments: q.boolean('attachments'),
    latest: q.boolean('latest'),
    open_revs: q.json('open_revs'),
  };
  const openRevs = options.open_revs;
  if (
    openRevs !== undefined &&
    openRevs !== 'all' &&
    !(Array.isArray(openRevs) && openRevs.every((r) => typeof r === 'string'))
  )
    throw new CouchError(400, 'bad_request', 'open_revs must be "all" or a list of revisions.');
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  res.json(await served.db.get(id, options as PouchDB.Core.GetOptions));
}

export async function getAttachment(
  req: Request,
  res: Response,
  served: ServedDatabase,
  id: string,
  name: string,
): Promise<void> {
  const rev = typeof req.query.rev === 'string' ? req.query.rev : undefined;
  const doc = await served.db.get(id, rev ? { rev } : {});
  const stub = doc._attachments?.[name];
  if (!stub) throw new CouchError(404, 'not_found', 'Document is missing attachment');
  const data = await served.db.getAttachment(id, name, rev ? { rev } : {});
  res.type(stub.content_type ?? 'application/octet-stream').send(data);
}

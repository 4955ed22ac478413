import type { Request, Response } from 'express';
import { CouchError } from './couch-error';
import { checkDocumentSize, type StorageLimits, type UserDatabaseQuota } from './limits';
import type { ServedDatabase } from './served-databases';
import { userDocRefusal } from './user-doc-check';
import { refuseOverCount } from './user-doc-counts';

/**
 * Writes to a user's own database: documents of the kinds Colophon keeps
 * there, valid by their core schema (see userDocRefusal), and `_local` ones,
 * each under the size cap and the user's quota. Ids starting with `_` other
 * than `_local/` are CouchDB's (design documents above all, whose functions a
 * CouchDB would run): refused, whoever asks.
 */
export interface UserWrites {
  limits: StorageLimits;
  quota: UserDatabaseQuota;
  /** Checks of kinds that need more than their schema (metadata edits: the caller's role, the catalog). */
  gate?: WriteGate;
}

/** Who writes: the database's owner, by their role now. */
export interface Writer {
  id: string;
  role: 'admin' | 'reader';
}

/** A check before documents are stored, and word after, for kinds the agent acts on. */
export interface WriteGate {
  /** Fills in refusals (in place) for the documents it checks; those already refused are passed over. */
  refuse(
    docs: readonly Record<string, unknown>[],
    refusals: (string | undefined)[],
    writer: Writer,
  ): Promise<void>;
  /** These documents were stored. */
  stored(writer: Writer, docs: readonly Record<string, unknown>[]): void;
}

function writerOf(req: Request): Writer {
  const user = req.session?.user;
  return { id: user?.id ?? '', role: user?.role ?? 'reader' };
}

function checkId(id: unknown): string {
  if (typeof id !== 'string' || id === '')
    throw new CouchError(400, 'bad_request', 'Each document needs an "_id".');
  if (id.startsWith('_') && !id.startsWith('_local/'))
    throw new CouchError(
      403,
      'forbidden',
      `"${id.slice(0, 60)}" is a reserved id: design documents and other special documents are not stored here.`,
    );
  return id;
}

function documentBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new CouchError(400, 'bad_request', 'The document must be a JSON object.');
  return body as Record<string, unknown>;
}

function checkSizes(writes: UserWrites, docs: readonly unknown[]): void {
  for (const doc of docs) checkDocumentSize(doc, writes.limits);
}

async function checkQuota(
  writes: UserWrites,
  served: ServedDatabase,
  docs: readonly unknown[],
): Promise<void> {
  let bytes = 0;
  for (const doc of docs) bytes += Buffer.byteLength(JSON.stringify(doc));
  await writes.quota.check(served.dir, bytes);
}

/**
 * A refused document's entry in a _bulk_docs answer, as CouchDB gives one its
 * validation refuses. PouchDB's replicator reads `name`: with it a refusal is
 * a 'denied' event and replication goes on past it; without, it would stop
 * and retry the same batch for ever.
 */
function refusedEntry(doc: Record<string, unknown>, reason: string) {
  return {
    id: doc._id,
    ...(typeof doc._rev === 'string' ? { rev: doc._rev } : {}),
    error: 'forbidden',
    name: 'forbidden',
    status: 403,
    reason,
    message: reason,
  };
}

export async function bulkDocs(
  req: Request,
  res: Response,
  served: ServedDatabase,
  writes: UserWrites,
): Promise<void> {
  const body = documentBody(req);
  const docs = body.docs;
  if (!Array.isArray(docs))
    throw new CouchError(400, 'bad_request', 'The body needs "docs": a list of documents.');
  for (const doc of docs as unknown[]) {
    if (!doc || typeof doc !== 'object' || Array.isArray(doc))
      throw new CouchError(400, 'bad_request', 'Each document must be a JSON object.');
    checkId((doc as { _id?: unknown })._id);
  }
  if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean')
    throw new CouchError(400, 'bad_request', '"new_edits" must be true or false.');
  checkSizes(writes, docs);
  // Each refused document is answered in its place; the others are stored.
  const all = docs as Record<string, unknown>[];
  const refusals = all.map(userDocRefusal);
  const writer = writerOf(req);
  await refuseOverCount(served.db, all, refusals);
  await writes.gate?.refuse(all, refusals, writer);
  const accepted = all.filter((_, i) => refusals[i] === undefined);
  await checkQuota(writes, served, accepted);
  const options = body.new_edits === false ? { new_edits: false } : {};
  const stored = accepted.length
    ? await served.db.bulkDocs(accepted as PouchDB.Core.PutDocument<object>[], options)
    : [];
  if (accepted.length) writes.gate?.stored(writer, accepted);
  // With new_edits false the store answers only its errors, so the stored
  // answers follow the refusals there; otherwise each answer takes its document's place.
  const inPlace = stored.length === accepted.length;
  let next = 0;
  const answers = all.flatMap((doc, i): unknown[] => {
    const reason = refusals[i];
    if (reason !== undefined) return [refusedEntry(doc, reason)];
    return inPlace ? [stored[next++]] : [];
  });
  res.status(201).json(inPlace ? answers : [...answers, ...stored]);
}

export async function putDocument(
  req: Request,
  res: Response,
  served: ServedDatabase,
  writes: UserWrites,
  id: string,
): Promise<void> {
  const doc = documentBody(req);
  if (doc._id !== undefined && doc._id !== id)
    throw new CouchError(
      400,
      'bad_request',
      'The document\'s "_id" differs from the one in the address.',
    );
  checkId(id);
  const rev = doc._rev ?? (typeof req.query.rev === 'string' ? req.query.rev : undefined);
  const full = { ...doc, _id: id, ...(rev === undefined ? {} : { _rev: rev }) };
  checkSizes(writes, [full]);
  const refusals = [userDocRefusal(full)];
  const writer = writerOf(req);
  await refuseOverCount(served.db, [full], refusals);
  await writes.gate?.refuse([full], refusals, writer);
  const refusal = refusals[0];
  if (refusal !== undefined) throw new CouchError(403, 'forbidden', refusal);
  await checkQuota(writes, served, [full]);
  const answer = await served.db.put(full as PouchDB.Core.PutDocument<object>);
  writes.gate?.stored(writer, [full]);
  res.status(201).json(answer);
}

export async function deleteDocument(
  req: Request,
  res: Response,
  served: ServedDatabase,
  id: string,
  writes?: UserWrites,
): Promise<void> {
  checkId(id);
  const refusals = [userDocRefusal({ _id: id, _deleted: true })];
  await writes?.gate?.refuse([{ _id: id, _deleted: true }], refusals, writerOf(req));
  const refusal = refusals[0];
  if (refusal !== undefined) throw new CouchError(403, 'forbidden', refusal);
  const rev = typeof req.query.rev === 'string' ? req.query.rev : undefined;
  if (!rev) throw new CouchError(400, 'bad_request', 'Give the revision to delete: ?rev=…');
  res.json(await served.db.remove(id, rev));
}

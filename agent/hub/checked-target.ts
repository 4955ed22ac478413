/** Why each of a batch of documents is refused (undefined: kept), in their order. */
export type BatchCheck = (
  docs: readonly Record<string, unknown>[],
) => Promise<(string | undefined)[]>;

/** A refused document as CouchDB answers one its validation refuses: the replicator says 'denied' and goes on. */
function refusedEntry(doc: Record<string, unknown>, reason: string) {
  return {
    id: doc._id,
    error: 'forbidden',
    name: 'forbidden',
    status: 403,
    reason,
    message: reason,
  };
}

/**
 * A local database as a replication from the hub writes into it: every
 * batch the replicator writes passes `check` first, as a browser's writes
 * do, and only what passes is stored. Everything else (reading revisions,
 * checkpoints) goes to the database `current()` gives at that moment, so a
 * store reopened after a full disk is the one written.
 */
export function checkedTarget(
  current: () => PouchDB.Database,
  check: BatchCheck,
): PouchDB.Database {
  async function bulkDocs(
    body: { docs: Record<string, unknown>[]; new_edits?: boolean },
    options?: PouchDB.Core.BulkDocsOptions,
  ) {
    const db = current();
    const refusals = await check(body.docs);
    const accepted = body.docs.filter((_, i) => refusals[i] === undefined);
    const stored = accepted.length
      ? await db.bulkDocs(accepted as PouchDB.Core.PutDocument<object>[], {
          ...options,
          new_edits: body.new_edits ?? true,
        })
      : [];
    const refused = body.docs.flatMap((doc, i) => {
      const reason = refusals[i];
      return reason === undefined ? [] : [refusedEntry(doc, reason)];
    });
    return [...stored, ...refused];
  }
  return new Proxy({} as PouchDB.Database, {
    get(_target, property) {
      if (property === 'bulkDocs') return bulkDocs;
      const db = current();
      const value: unknown = Reflect.get(db, property, db);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(db) : value;
    },
  });
}

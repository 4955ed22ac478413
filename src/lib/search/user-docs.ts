/**
 * Writes of small per-user documents that any device may write at any time
 * (recent searches, opened books): the latest write wins here, and a
 * deletion takes every revision, conflicts included, so nothing that was
 * cleared comes back as a losing revision.
 */

/** Writes the document over whatever revision this replica has. */
export async function upsert(db: PouchDB.Database, doc: { _id: string }): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const rev = await db.get(doc._id).then(
      (old) => old._rev,
      () => undefined,
    );
    try {
      await db.put({ ...doc, ...(rev ? { _rev: rev } : {}) });
      return;
    } catch (error) {
      // Another tab wrote it meanwhile: write over the new revision.
      if ((error as { status?: number }).status !== 409 || attempt >= 2) throw error;
    }
  }
}

/** Deletes these documents, every live revision of each. */
export async function removeAll(db: PouchDB.Database, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.allDocs({ keys: [...ids], conflicts: true, include_docs: true });
  const deletions = found.rows.flatMap((row) => {
    if (!('value' in row) || row.value.deleted) return [];
    const doc = (row as { doc?: { _conflicts?: string[] } }).doc;
    const revs = [row.value.rev, ...(doc?._conflicts ?? [])];
    return revs.map((rev) => ({ _id: row.id, _rev: rev, _deleted: true }));
  });
  if (deletions.length) await db.bulkDocs(deletions);
}

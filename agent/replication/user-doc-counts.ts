import { USER_DOC_KINDS, userDocKind } from '#core/schema/user-documents';

/**
 * Refusals for documents past their kind's most per user database (recent
 * searches, recently opened books): a new document is refused once the
 * database holds that many live ones; replacing or deleting one is always
 * accepted. Documents are taken in order, so a batch that deletes old ones
 * before adding new ones (a device pruning) fits. `refusals` holds those
 * already refused for other reasons, which count for nothing; it is filled in
 * place.
 */
export async function refuseOverCount(
  db: PouchDB.Database,
  docs: readonly Record<string, unknown>[],
  refusals: (string | undefined)[],
): Promise<void> {
  for (const kind of USER_DOC_KINDS) {
    const max = kind.maxDocs;
    if (max === undefined) continue;
    const mine = docs.flatMap((doc, i) =>
      refusals[i] === undefined && userDocKind(String(doc._id)) === kind ? [i] : [],
    );
    if (mine.length === 0) continue;
    const existing = await db.allDocs({ startkey: kind.prefix, endkey: `${kind.prefix}\ufff0` });
    const live = new Set(existing.rows.map((row) => row.id));
    for (const i of mine) {
      const doc = docs[i] as Record<string, unknown>;
      const id = String(doc._id);
      if (doc._deleted === true) live.delete(id);
      else if (!live.has(id)) {
        if (live.size >= max)
          refusals[i] =
            `You have ${max} ${kind.whatMany} already, the most kept: clear some before adding more.`;
        else live.add(id);
      }
    }
  }
}

import { bookView } from '#core/catalog/book-view';
import { readBookDoc } from '#core/schema/book-doc';
import { readCoverDoc, SMALL_COVER_ATTACHMENT } from '#core/schema/cover-doc';
import { readFolderDoc } from '#core/schema/folder-doc';
import { SCHEMA_DOC_ID, schemaDocSchema } from '#core/schema/version';
import type { BookRow, CoverRow, FolderRow, ReadModel } from './read-model';

export type Change = PouchDB.Core.ChangesResponseChange<object>;

/** The cover a book shows: the user's pick comes with #5; until then the embedded one. */
function chosen(covers: CoverRow[]): CoverRow | undefined {
  return covers.find((c) => c.source === 'embedded') ?? covers[0];
}

function smallBlob(doc: unknown): Blob | undefined {
  const attachments = (doc as { _attachments?: Record<string, { data?: unknown }> })._attachments;
  const data = attachments?.[SMALL_COVER_ATTACHMENT]?.data;
  return data instanceof Blob ? data : undefined;
}

/**
 * Applies a batch of PouchDB changes to the read model, with the sequence
 * they bring it to, in one transaction: documents become rows (books joined
 * with their chosen cover), deletions remove rows, invalid documents are
 * skipped rather than shown half-read. Returns the ids of the books changed.
 */
export async function applyChanges(
  model: ReadModel,
  changes: Change[],
  seq: string | number,
): Promise<string[]> {
  const books = new Map<string, BookRow>();
  const folders = new Map<string, FolderRow>();
  const covers = new Map<string, CoverRow>();
  const deleted = new Set<string>();
  let schemaVersion: number | undefined;
  for (const change of changes) {
    for (const map of [books, folders, covers]) map.delete(change.id);
    deleted.delete(change.id);
    if (change.deleted) {
      deleted.add(change.id);
      continue;
    }
    const doc: unknown = change.doc;
    if (change.id === SCHEMA_DOC_ID) {
      const schema = schemaDocSchema.safeParse(doc);
      if (schema.success) schemaVersion = schema.data.version;
      continue;
    }
    const book = readBookDoc(doc);
    if (book) {
      books.set(book._id, bookView(book));
      continue;
    }
    const cover = readCoverDoc(doc);
    const small = smallBlob(doc);
    if (cover && small) {
      covers.set(cover._id, {
        id: cover._id,
        book: cover.book,
        source: cover.source,
        hash: cover.hash,
        small,
      });
      continue;
    }
    const folder = readFolderDoc(doc);
    if (folder) {
      const { _rev: _ignored, ...row } = folder;
      folders.set(row._id, row);
    }
  }

  await model.transaction(
    'rw',
    [model.books, model.folders, model.covers, model.meta],
    async () => {
      const deletedCovers = await model.covers.bulkGet([...deleted]);
      await model.books.bulkDelete([...deleted]);
      await model.folders.bulkDelete([...deleted]);
      await model.covers.bulkDelete([...deleted]);
      await model.covers.bulkPut([...covers.values()]);
      await model.folders.bulkPut([...folders.values()]);

      // Join: every book touched here, or whose covers changed, gets its chosen cover.
      const touched = new Set([...books.keys()]);
      for (const c of [...covers.values(), ...deletedCovers]) if (c) touched.add(c.book);
      const stored = await model.books.bulkGet([...touched].filter((id) => !books.has(id)));
      for (const row of stored) if (row) books.set(row.id, row);
      const coverRows = await model.covers
        .where('book')
        .anyOf([...books.keys()])
        .toArray();
      for (const row of books.values()) {
        const cover = chosen(coverRows.filter((c) => c.book === row.id));
        row.cover = cover ? { id: cover.id, hash: cover.hash } : undefined;
      }
      await model.books.bulkPut([...books.values()]);

      if (schemaVersion !== undefined)
        await model.meta.put({ key: 'schema', value: schemaVersion });
      await model.meta.put({ key: 'seq', value: seq });
    },
  );
  // Every book whose row was written or deleted: the search index follows these.
  return [...books.keys(), ...[...deleted].filter((id) => id.startsWith('book:'))];
}

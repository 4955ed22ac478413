import { bookDocId, readBookDoc, type BookDoc } from '#core/schema/book-doc';
import { coverDocId } from '#core/schema/cover-doc';
import { folderDocId } from '#core/schema/folder-doc';
import { LOCAL_LIBRARY } from '../library';
import type { CatalogDoc, CatalogSink } from '../scan/scan-types';

type Revisions = Map<string, string>;

/**
 * Writes the local library's documents into the page's PouchDB, the catalog
 * the agent's replication fills too (pull only: these are never pushed).
 * Writing through the page's own PouchDB is what makes the bridge see them at
 * once: PouchDB tells its live feeds of a write only within the same thread.
 */
export class CatalogWriter implements CatalogSink {
  constructor(private readonly pouch: PouchDB.Database) {}

  async put(docs: CatalogDoc[]): Promise<void> {
    if (docs.length === 0) return;
    let revs = await this.revisions(docs.map((d) => d._id));
    let todo = docs;
    // Two tabs can write the same document; a conflict is retried once with the new revision.
    for (let attempt = 0; attempt < 2 && todo.length > 0; attempt++) {
      const results = await this.pouch.bulkDocs(
        todo.map((doc) => {
          const rev = revs.get(doc._id);
          return rev ? { ...doc, _rev: rev } : doc;
        }),
      );
      const conflicted = new Set(
        results.flatMap((r) => ('error' in r && r.status === 409 && r.id ? [r.id] : [])),
      );
      todo = todo.filter((doc) => conflicted.has(doc._id));
      if (todo.length > 0) revs = await this.revisions(todo.map((d) => d._id));
    }
  }

  async existing(ids: string[]): Promise<string[]> {
    const found = await this.pouch.allDocs({ keys: ids });
    return found.rows.flatMap((row) =>
      'value' in row && row.value && !row.value.deleted ? [row.id] : [],
    );
  }

  async markMissing(bookDocIds: string[]): Promise<void> {
    const docs = await this.books(bookDocIds);
    await this.put(docs.map((doc) => ({ ...doc, status: 'missing' as const })));
  }

  /** The local library's books in one folder. */
  async booksIn(folderId: string): Promise<BookDoc[]> {
    const prefix = bookDocId(LOCAL_LIBRARY, '');
    const all = await this.pouch.allDocs({
      startkey: prefix,
      endkey: `${prefix}\uffff`,
      include_docs: true,
    });
    return all.rows.flatMap((row) => {
      const doc = readBookDoc(row.doc);
      return doc && doc.folder === folderId ? [doc] : [];
    });
  }

  /** Points these books at their new paths (renames applied through the folder's handles). */
  async moveBooks(moves: readonly { bookDocId: string; path: string }[]): Promise<void> {
    const paths = new Map(moves.map((m) => [m.bookDocId, m.path]));
    const docs = await this.books([...paths.keys()]);
    await this.put(docs.map((doc) => ({ ...doc, path: paths.get(doc._id) ?? doc.path })));
  }

  /** Deletes a folder's books, their covers and the folder itself; returns how many books. */
  async removeFolder(folderId: string): Promise<number> {
    const books = await this.booksIn(folderId);
    const prefix = bookDocId(LOCAL_LIBRARY, '').length;
    const ids = [
      ...books.map((b) => b._id),
      ...books.map((b) => coverDocId(LOCAL_LIBRARY, b._id.slice(prefix), 'embedded')),
      folderDocId(LOCAL_LIBRARY, folderId),
    ];
    const revs = await this.revisions(ids);
    const deletions = [...revs].map(([_id, _rev]) => ({ _id, _rev, _deleted: true }));
    if (deletions.length > 0) await this.pouch.bulkDocs(deletions);
    return books.length;
  }

  private async books(ids: string[]): Promise<BookDoc[]> {
    if (ids.length === 0) return [];
    const found = await this.pouch.allDocs({ keys: ids, include_docs: true });
    return found.rows.flatMap((row) => {
      const doc = 'doc' in row ? readBookDoc(row.doc) : undefined;
      return doc ? [doc] : [];
    });
  }

  private async revisions(ids: string[]): Promise<Revisions> {
    const found = await this.pouch.allDocs({ keys: ids });
    const revs: Revisions = new Map();
    for (const row of found.rows) {
      if ('value' in row && row.value && !row.value.deleted) revs.set(row.id, row.value.rev);
    }
    return revs;
  }
}

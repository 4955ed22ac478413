import { z } from 'zod';
import type { Extraction } from '#core/formats/types';
import { fieldCandidateSchema } from '#core/metadata/schema';
import { getSetting, setSetting } from '../db/settings';
import type { Db } from '../db/sqlite';

/** Set once the catalog's book documents were rewritten slim (see CatalogStore.ensureSchema). */
const SLIMMED = 'catalog_books_slim';

type Candidates = Extraction['candidates'];

const candidatesSchema = z.array(fieldCandidateSchema);

/**
 * Every candidate each book's file gave, kept on the agent (SQLite, not the
 * replicated catalog): browsers list books from the file's answers alone and
 * fetch these when a book's metadata page opens.
 */
export class BookDetailsStore {
  constructor(private readonly db: Db) {}

  /** Keeps these books' candidates, replacing what was kept for them. */
  put(entries: readonly { docId: string; candidates: Candidates }[]): void {
    if (entries.length === 0) return;
    const put = this.db.prepare(
      'INSERT INTO book_details (doc_id, candidates) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET candidates = excluded.candidates',
    );
    this.db.transaction(() => {
      for (const { docId, candidates } of entries) put.run(docId, JSON.stringify(candidates));
    })();
  }

  /** A book's candidates; undefined when its document carries them all (one a field, or none). */
  get(docId: string): Candidates | undefined {
    const row = this.db
      .prepare<[string], { candidates: string }>(
        'SELECT candidates FROM book_details WHERE doc_id = ?',
      )
      .get(docId);
    if (!row) return undefined;
    const parsed = candidatesSchema.safeParse(JSON.parse(row.candidates));
    return parsed.success ? parsed.data : undefined;
  }

  /** Forgets these books (their documents were deleted, or now carry every candidate). */
  remove(docIds: readonly string[]): void {
    if (docIds.length === 0) return;
    const remove = this.db.prepare('DELETE FROM book_details WHERE doc_id = ?');
    this.db.transaction(() => {
      for (const id of docIds) remove.run(id);
    })();
  }

  /** Whether the catalog's older book documents were rewritten slim already. */
  slimmed(): boolean {
    return getSetting(this.db, SLIMMED) === '1';
  }

  markSlimmed(): void {
    setSetting(this.db, SLIMMED, '1');
  }
}

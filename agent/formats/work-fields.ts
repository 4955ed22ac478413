import type { BookFormat } from '#core/formats/types';
import { bookDocId, type BookDoc } from '#core/schema/book-doc';
import type { Db } from '../db/sqlite';

/** What a book document says of its work: the main it belongs to, or its other formats. */
export type WorkFields = Pick<BookDoc, 'formatOf' | 'formats'>;

const statements = new WeakMap<Db, { mainOf: Statement; others: Statement }>();
type Statement = ReturnType<Db['prepare']>;

function prepared(db: Db) {
  let found = statements.get(db);
  if (!found) {
    found = {
      mainOf: db.prepare('SELECT main_id FROM format_groups WHERE book_id = ?'),
      others: db.prepare(
        `SELECT g.book_id AS book_id, f.format AS format FROM format_groups g
         JOIN files f ON f.book_id = g.book_id WHERE g.main_id = ? ORDER BY f.format, g.book_id`,
      ),
    };
    statements.set(db, found);
  }
  return found;
}

/**
 * The fields a book document carries for its group (none for a book on its
 * own): every writer of a book document (the scan, a grouping) adds these,
 * so a rescan keeps a group as the admin confirmed it.
 */
export function workFields(db: Db, library: string, bookId: string): WorkFields {
  const { mainOf, others } = prepared(db);
  const main = mainOf.get(bookId) as { main_id: string } | undefined;
  if (main) return { formatOf: bookDocId(library, main.main_id) };
  const rows = others.all(bookId) as { book_id: string; format: BookFormat }[];
  if (rows.length === 0) return {};
  return { formats: rows.map((r) => ({ id: bookDocId(library, r.book_id), format: r.format })) };
}

/** A book document with its group's fields as they are now (the old ones dropped). */
export function withWork<D extends { _id: string }>(doc: D, fields: WorkFields): D {
  const { formatOf: _o, formats: _f, ...rest } = doc as D & WorkFields;
  return { ...rest, ...fields } as D;
}

import type { BookFormat } from '#core/formats/types';
import { bookDocId, type BookDoc } from '#core/schema/book-doc';
import type { AgentContext } from '../context';
import type { Db } from '../db/sqlite';

/** What a book document says of its work: the main it belongs to, or its other formats. */
export type WorkFields = Pick<BookDoc, 'formatOf' | 'formats'>;

const statements = new WeakMap<Db, { mainOf: Statement; others: Statement }>();
type Statement = ReturnType<Db['prepare']>;

function prepared(db: Db) {
  let found = statements.get(db);
  if (!found) {
    found = {
      // A main whose file left the index (removed as missing, or a copy put in the trash) holds no group.
      mainOf: db.prepare(
        'SELECT g.main_id AS main_id FROM format_groups g JOIN files f ON f.book_id = g.main_id WHERE g.book_id = ?',
      ),
      // A format whose file is missing is not offered (no dead download link); it is again when it returns.
      others: db.prepare(
        `SELECT g.book_id AS book_id, f.format AS format FROM format_groups g
         JOIN files f ON f.book_id = g.book_id
         WHERE g.main_id = ? AND f.status != 'missing' ORDER BY f.format, g.book_id`,
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

/**
 * Writes these books' documents again, and their group's (their main, their
 * other formats), with the group's fields as they are now: after a decision
 * about formats, and after a book left or came back to the catalog (its
 * other formats are then listed again, or hidden again).
 */
export async function rewriteWorks(
  ctx: Pick<AgentContext, 'db' | 'catalog' | 'library'>,
  bookIds: readonly string[],
): Promise<void> {
  if (bookIds.length === 0) return;
  const related = ctx.db
    .prepare(
      `SELECT book_id AS id FROM format_groups WHERE main_id IN (SELECT value FROM json_each(?))
       UNION SELECT main_id AS id FROM format_groups WHERE book_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(bookIds), JSON.stringify(bookIds)) as { id: string }[];
  const ids = [...new Set([...bookIds, ...related.map((r) => r.id)])];
  const found = await ctx.catalog.db.allDocs({
    keys: ids.map((id) => bookDocId(ctx.library, id)),
    include_docs: true,
  });
  const docs = found.rows.flatMap((row, i) => {
    if (!('doc' in row) || !row.doc) return [];
    const { _rev: _r, ...doc } = row.doc as unknown as { _id: string; _rev?: string } & Record<
      string,
      unknown
    >;
    return [withWork(doc, workFields(ctx.db, ctx.library, ids[i] as string))];
  });
  await ctx.catalog.upsert(docs);
}

/**
 * After a scan found files of groups gone or back: their groups' documents
 * written again, so a main lists only the formats that are there. Books in
 * no group are left alone (a scan may find thousands missing).
 */
export async function rewriteGroupsOf(
  ctx: Pick<AgentContext, 'db' | 'catalog' | 'library'>,
  bookIds: readonly string[],
): Promise<void> {
  if (bookIds.length === 0) return;
  const grouped = ctx.db
    .prepare(
      `SELECT value AS id FROM json_each(?) WHERE value IN (SELECT book_id FROM format_groups)
       OR value IN (SELECT main_id FROM format_groups)`,
    )
    .all(JSON.stringify(bookIds)) as { id: string }[];
  await rewriteWorks(
    ctx,
    grouped.map((r) => r.id),
  );
}

import {
  openedBookDoc,
  OPENED_BOOKS_KEPT,
  readOpenedBookDoc,
  type OpenedBookDoc,
} from '#core/schema/opened-book-doc';
import { recentBooks } from '#core/search/recent-searches';
import { currentUserDb, readingModel } from '$lib/db/data-flow';
import { thisDevice } from '$lib/reading/this-device.svelte';
import { removeAll, upsert } from './user-docs';

const RANGE = { startkey: 'opened:', endkey: 'opened:\ufff0' };

async function openedDocs(db: PouchDB.Database): Promise<OpenedBookDoc[]> {
  const all = await db.allDocs({ ...RANGE, include_docs: true });
  return all.rows
    .map((row) => readOpenedBookDoc(row.doc))
    .filter((doc): doc is OpenedBookDoc => doc !== undefined);
}

/** Notes that the user opened a book's page (kept to the latest OPENED_BOOKS_KEPT). */
export async function noteOpened(book: string): Promise<void> {
  const db = currentUserDb();
  await upsert(db, openedBookDoc(book, thisDevice.id, new Date()));
  const docs = await openedDocs(db);
  const kept = new Set(
    recentBooks(
      docs.map((d) => [d.book, d.at] as const),
      OPENED_BOOKS_KEPT,
    ),
  );
  await removeAll(
    db,
    docs.filter((d) => !kept.has(d.book)).map((d) => d._id),
  );
}

/**
 * The books the user opened or read lately, the latest first: what search
 * ranks first among equal matches. Never fails: without them, search only
 * loses its tie-break.
 */
export async function recentBookIds(): Promise<string[]> {
  try {
    const [opened, reading] = await Promise.all([
      openedDocs(currentUserDb()),
      readingModel.states.orderBy('activeAt').reverse().limit(OPENED_BOOKS_KEPT).toArray(),
    ]);
    return recentBooks(
      [
        ...opened.map((d) => [d.book, d.at] as const),
        ...reading.map((r) => [r.book, r.activeAt] as const),
      ],
      OPENED_BOOKS_KEPT,
    );
  } catch (error) {
    console.error('[colophon] Recently opened books could not be read:', error);
    return [];
  }
}

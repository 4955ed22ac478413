import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { CalibreBook } from '#core/calibre/calibre-book';
import { formatFromName } from '#core/formats/detect';
import { CalibreLibraryError } from './library-error';

export const METADATA_DB = 'metadata.db';

/** A Calibre library as read: its folder, its id, and every book its metadata.db lists. */
export interface CalibreLibrary {
  root: string;
  /** Calibre's library_id (a uuid); the folder's path for a library without one. */
  id: string;
  books: CalibreBook[];
}

type Row = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The library folder for a path the user gave: the folder, or its metadata.db. */
export function calibreRoot(path: string): string {
  if (!path.trim())
    throw new CalibreLibraryError(path, 'Give the path of the Calibre library folder.');
  const given = resolve(path);
  let isFile: boolean;
  try {
    isFile = statSync(given).isFile();
  } catch {
    throw new CalibreLibraryError(
      path,
      `${given} does not exist. Give the folder Calibre keeps its library in (the one that holds metadata.db).`,
    );
  }
  const root = isFile && basename(given) === METADATA_DB ? dirname(given) : given;
  if (isFile && root === given)
    throw new CalibreLibraryError(
      path,
      `${given} is a file. Give the Calibre library folder, the one that holds metadata.db.`,
    );
  try {
    statSync(join(root, METADATA_DB));
  } catch {
    throw new CalibreLibraryError(
      path,
      `${root} has no metadata.db, so it is not a Calibre library. In Calibre, the library's folder is shown by right-clicking the library button and choosing to open its folder.`,
    );
  }
  return root;
}

/** Tables an import reads beyond the four every Calibre library has; old ones may lack a few. */
type OptionalTable =
  | 'books_series_link'
  | 'series'
  | 'books_tags_link'
  | 'tags'
  | 'books_publishers_link'
  | 'publishers'
  | 'books_languages_link'
  | 'languages'
  | 'identifiers'
  | 'comments'
  | 'books_ratings_link'
  | 'ratings';
const REQUIRED_TABLES = ['books', 'authors', 'books_authors_link', 'data'];

/** Rows of one query, grouped by their `book` column. */
function byBook(db: Database.Database, sql: string): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  for (const row of db.prepare<[], Row>(sql).all()) {
    const book = Number(row.book);
    out.set(book, [...(out.get(book) ?? []), row]);
  }
  return out;
}

function tablesOf(db: Database.Database): Set<string> {
  return new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((t) => t.name),
  );
}

function readBooks(db: Database.Database, tables: Set<string>): CalibreBook[] {
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length > 0) throw new Error(`it has no ${missing.join(', ')} table`);
  const has = (...names: OptionalTable[]) => names.every((n) => tables.has(n));
  const none = new Map<number, Row[]>();
  const languageOrder = db
    .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('books_languages_link')")
    .all()
    .some((c) => c.name === 'item_order')
    ? 'l.item_order, l.id'
    : 'l.id';

  const authors = byBook(
    db,
    `SELECT l.book, a.name, a.sort FROM books_authors_link l JOIN authors a ON a.id = l.author
     ORDER BY l.book, l.id`,
  );
  const series = has('books_series_link', 'series')
    ? byBook(db, 'SELECT l.book, s.name FROM books_series_link l JOIN series s ON s.id = l.series')
    : none;
  const tags = has('books_tags_link', 'tags')
    ? byBook(
        db,
        `SELECT l.book, t.name FROM books_tags_link l JOIN tags t ON t.id = l.tag
         ORDER BY l.book, lower(t.name)`,
      )
    : none;
  const publishers = has('books_publishers_link', 'publishers')
    ? byBook(
        db,
        'SELECT l.book, p.name FROM books_publishers_link l JOIN publishers p ON p.id = l.publisher',
      )
    : none;
  const languages = has('books_languages_link', 'languages')
    ? byBook(
        db,
        `SELECT l.book, g.lang_code FROM books_languages_link l JOIN languages g ON g.id = l.lang_code
         ORDER BY l.book, ${languageOrder}`,
      )
    : none;
  const identifiers = has('identifiers')
    ? byBook(db, 'SELECT book, type, val FROM identifiers ORDER BY book, id')
    : none;
  const comments = has('comments') ? byBook(db, 'SELECT book, text FROM comments') : none;
  const ratings = has('books_ratings_link', 'ratings')
    ? byBook(
        db,
        'SELECT l.book, r.rating FROM books_ratings_link l JOIN ratings r ON r.id = l.rating',
      )
    : none;
  const formats = byBook(db, 'SELECT book, format, name FROM data ORDER BY book, format');

  const books = db
    .prepare<[], Row>(
      'SELECT id, title, sort, path, uuid, pubdate, series_index, has_cover FROM books ORDER BY id',
    )
    .all();
  return books.map((b): CalibreBook => {
    const id = Number(b.id);
    const first = (rows: Map<number, Row[]>) => rows.get(id)?.[0];
    const seriesName = text(first(series)?.name);
    const rating = Number(first(ratings)?.rating);
    return {
      id,
      ...(text(b.uuid) ? { uuid: String(b.uuid) } : {}),
      title: text(b.title) ?? '',
      ...(text(b.sort) ? { sort: String(b.sort) } : {}),
      path: text(b.path) ?? '',
      authors: (authors.get(id) ?? []).flatMap((a) => {
        const name = text(a.name);
        const sort = text(a.sort);
        return name ? [{ name, ...(sort ? { sort } : {}) }] : [];
      }),
      ...(seriesName ? { series: { name: seriesName, index: Number(b.series_index ?? 1) } } : {}),
      tags: (tags.get(id) ?? []).flatMap((t) => text(t.name) ?? []),
      ...(text(first(publishers)?.name) ? { publisher: String(first(publishers)?.name) } : {}),
      ...(text(b.pubdate) ? { pubdate: String(b.pubdate) } : {}),
      languages: (languages.get(id) ?? []).flatMap((l) => text(l.lang_code) ?? []),
      identifiers: (identifiers.get(id) ?? []).flatMap((i) => {
        const type = text(i.type);
        const value = text(i.val);
        return type && value ? [{ type, value }] : [];
      }),
      ...(text(first(comments)?.text) ? { comments: String(first(comments)?.text) } : {}),
      ...(Number.isFinite(rating) && rating > 0 ? { rating } : {}),
      formats: (formats.get(id) ?? []).flatMap((f) => {
        const format = text(f.format);
        const name = text(f.name);
        return format && name ? [{ format, name }] : [];
      }),
      hasCover: Number(b.has_cover) === 1,
    };
  });
}

function unreadable(root: string, error: unknown): CalibreLibraryError {
  const code = (error as { code?: string }).code ?? '';
  const why = error instanceof Error ? error.message : String(error);
  const file = join(root, METADATA_DB);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new CalibreLibraryError(
      root,
      `Calibre is writing to ${file}; import again once it has finished (or close Calibre).`,
    );
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY'))
    return new CalibreLibraryError(
      root,
      `${file} cannot be opened for reading (${why}). Grant the agent's user read access to the library folder, or close Calibre and import again.`,
    );
  return new CalibreLibraryError(
    root,
    `${file} cannot be read as a Calibre library (${why}). Open the library in Calibre (it repairs what it can: Library maintenance → Check library), then import again.`,
  );
}

/** metadata.db opened read-only for `read`, in one transaction; always closed again. */
function withLibrary<T>(path: string, read: (db: Database.Database, root: string) => T): T {
  const root = calibreRoot(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(join(root, METADATA_DB), { readonly: true, fileMustExist: true });
    const open = db;
    return open.transaction(() => read(open, root))();
  } catch (error) {
    throw error instanceof CalibreLibraryError ? error : unreadable(root, error);
  } finally {
    db?.close();
  }
}

/**
 * Reads a Calibre library's metadata.db: every book with its authors (and
 * their sort names), series and index, tags, publisher, date, languages,
 * identifiers, comments, rating and formats. Opened read-only and read in one
 * transaction (a consistent snapshot while Calibre may be running); nothing in
 * the library is ever written. Throws CalibreLibraryError saying what to do.
 */
export function readCalibreLibrary(path: string): CalibreLibrary {
  return withLibrary(path, (db, root) => {
    const tables = tablesOf(db);
    const id = tables.has('library_id')
      ? db.prepare<[], { uuid: unknown }>('SELECT uuid FROM library_id').get()?.uuid
      : undefined;
    return { root, id: text(id) ?? root, books: readBooks(db, tables) };
  });
}

/** What a quick look at a Calibre library finds, before anything is imported. */
export interface CalibreProbe {
  root: string;
  books: number;
  /** Format files its books list, and of those the ones of a format Colophon catalogs. */
  files: number;
  cataloged: number;
}

/**
 * Counts a Calibre library's books and format files without reading them
 * (a check as the user types, or before an import is queued, stays quick on
 * a library of 100,000 books). Throws CalibreLibraryError like a full read.
 */
export function probeCalibreLibrary(path: string): CalibreProbe {
  return withLibrary(path, (db, root) => {
    const missing = REQUIRED_TABLES.filter((t) => !tablesOf(db).has(t));
    if (missing.length > 0) throw new Error(`it has no ${missing.join(', ')} table`);
    const books = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM books').get()?.n ?? 0;
    const formats = db
      .prepare<[], { format: string; n: number }>(
        'SELECT lower(format) AS format, count(*) AS n FROM data GROUP BY lower(format)',
      )
      .all();
    const count = (rows: typeof formats) => rows.reduce((sum, r) => sum + r.n, 0);
    return {
      root,
      books,
      files: count(formats),
      cataloged: count(formats.filter((f) => formatFromName(`x.${f.format}`) !== undefined)),
    };
  });
}

import type { BookFormat, CoverRef } from '#core/formats/types';
import type { FileIndexStore, KnownFileVisitor } from '#core/scan/file-index-store';
import type { BookStatus } from '#core/schema/book-doc';
import type Database from 'better-sqlite3';
import type { Db } from '../db/sqlite';

/** A row of the agent's file index: one file of a library folder, and the book it is. */
export interface FileRow {
  id: number;
  folder_id: string;
  rel_path: string;
  book_id: string;
  format: BookFormat;
  size: number;
  mtime_ms: number;
  status: BookStatus;
  problem_code: string | null;
  problem_message: string | null;
  added_at: number;
  scanned_at: number;
  content_key: string | null;
  last_seen_job: number | null;
  cover_ref: string | null;
  cover_state: 'none' | 'pending' | 'done' | 'failed';
  /** JSON of the cover made (hash and sizes), once it is. */
  cover_made: string | null;
}

export type NewFileRow = Omit<FileRow, 'id' | 'cover_made'>;

export function coverRefOf(row: FileRow): CoverRef | undefined {
  return row.cover_ref ? (JSON.parse(row.cover_ref) as CoverRef) : undefined;
}

type KnownRow = [
  relPath: string,
  size: number,
  mtimeMs: number,
  status: string,
  lastSeenJob: number | null,
];

/** A file-index row with its library folder's root. */
export type RootedFileRow = FileRow & { root: string };

type Statement = Database.Statement<unknown[]>;

const SQL = {
  at: 'SELECT * FROM files WHERE folder_id = ? AND rel_path = ?',
  known: 'SELECT rel_path, size, mtime_ms, status, last_seen_job FROM files WHERE folder_id = ?',
  withContent: 'SELECT * FROM files WHERE content_key = ?',
  upsert: `
        INSERT INTO files (folder_id, rel_path, book_id, format, size, mtime_ms, status, problem_code,
          problem_message, added_at, scanned_at, content_key, last_seen_job, cover_ref, cover_state)
        VALUES (@folder_id, @rel_path, @book_id, @format, @size, @mtime_ms, @status, @problem_code,
          @problem_message, @added_at, @scanned_at, @content_key, @last_seen_job, @cover_ref, @cover_state)
        ON CONFLICT (folder_id, rel_path) DO UPDATE SET
          book_id = excluded.book_id, format = excluded.format, size = excluded.size,
          mtime_ms = excluded.mtime_ms, status = excluded.status, problem_code = excluded.problem_code,
          problem_message = excluded.problem_message, scanned_at = excluded.scanned_at,
          content_key = excluded.content_key, last_seen_job = excluded.last_seen_job,
          cover_ref = excluded.cover_ref, cover_state = excluded.cover_state`,
  move: 'UPDATE files SET folder_id = ?, rel_path = ? WHERE id = ?',
  rename: 'UPDATE files SET rel_path = ? WHERE id = ?',
  missing: "UPDATE files SET status = 'missing' WHERE id = ?",
  folderMissing: "UPDATE files SET status = 'missing' WHERE folder_id = ?",
  bookIdsInFolder: 'SELECT book_id FROM files WHERE folder_id = ?',
  isBook: "SELECT 1 AS n FROM files WHERE folder_id = ? AND rel_path = ? AND status != 'missing'",
  presentCounts:
    "SELECT folder_id, count(*) AS n FROM files WHERE status != 'missing' GROUP BY folder_id",
  byIds: 'SELECT * FROM files WHERE id IN (SELECT value FROM json_each(?))',
  present: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.status != 'missing' ORDER BY d.root, f.rel_path`,
  presentOf: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.status != 'missing' AND f.book_id IN (SELECT value FROM json_each(?))
         ORDER BY d.root, f.rel_path`,
  ofBook: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.book_id = ? ORDER BY f.status = 'missing', d.root, f.rel_path`,
  missingRows: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.status = 'missing'`,
  pendingCovers: "SELECT * FROM files WHERE cover_state = 'pending' LIMIT ?",
  pendingCoverCount: "SELECT count(*) AS n FROM files WHERE cover_state = 'pending'",
  coverState: 'UPDATE files SET cover_state = ?, cover_made = ? WHERE id = ?',
  coverTwin:
    "SELECT * FROM files WHERE content_key = ? AND cover_state = 'done' AND cover_made IS NOT NULL AND id != ? LIMIT 1",
} as const;

/**
 * The files table: every statement over it is here, for the scanner, the
 * cover job, renames, library folders, downloads and the reader. To the scan policy in
 * core, the agent's FileIndexStore. Statements are prepared on first use, so a
 * route that needs one question asks one.
 */
export class FileIndex implements FileIndexStore<FileRow> {
  private readonly prepared = new Map<keyof typeof SQL, Statement>();

  constructor(private readonly db: Db) {}

  private statement(name: keyof typeof SQL): Statement {
    let statement = this.prepared.get(name);
    if (!statement) {
      statement = this.db.prepare(SQL[name]);
      this.prepared.set(name, statement);
    }
    return statement;
  }

  at(folderId: string, relPath: string): FileRow | undefined {
    return this.statement('at').get(folderId, relPath) as FileRow | undefined;
  }

  eachInFolder(folderId: string, visit: KnownFileVisitor): void {
    // Raw: a warm rescan lists 100,000 files, and an object per row is garbage.
    if (!this.prepared.has('known')) this.prepared.set('known', this.db.prepare(SQL.known).raw());
    for (const [relPath, size, mtimeMs, status, lastSeenJob] of this.statement('known').iterate(
      folderId,
    ) as IterableIterator<KnownRow>)
      visit(relPath, size, mtimeMs, status === 'missing', lastSeenJob);
  }

  bookIds(folderId: string, relPaths: readonly string[]): (string | undefined)[] {
    return relPaths.map((rel) => this.at(folderId, rel)?.book_id);
  }

  /** The books of every file a folder has (or had), missing ones too. */
  bookIdsInFolder(folderId: string): string[] {
    return (this.statement('bookIdsInFolder').all(folderId) as { book_id: string }[]).map(
      (r) => r.book_id,
    );
  }

  /**
   * Whether the index lists this file as a book: read fine or not ('corrupted'
   * books are in the catalog too), but not 'missing'.
   */
  isBook(folderId: string, relPath: string): boolean {
    return this.statement('isBook').get(folderId, relPath) !== undefined;
  }

  /** How many files each folder has that are not missing, by folder id. */
  presentCounts(): Map<string, number> {
    const rows = this.statement('presentCounts').all() as { folder_id: string; n: number }[];
    return new Map(rows.map((r) => [r.folder_id, r.n]));
  }

  /** Files with this content in any library folder: a book may move between folders. */
  withContent(contentKey: string): FileRow[] {
    return this.statement('withContent').all(contentKey) as FileRow[];
  }

  placeOf(row: FileRow): { folder: string; path: string } {
    return { folder: row.folder_id, path: row.rel_path };
  }

  upsert(row: NewFileRow): void {
    this.statement('upsert').run(row);
  }

  move(id: number, folderId: string, relPath: string): void {
    this.statement('move').run(folderId, relPath, id);
  }

  /** A file renamed within its folder: the row follows it. */
  moveInFolder(id: number, relPath: string): void {
    this.statement('rename').run(relPath, id);
  }

  setMissing(id: number): void {
    this.statement('missing').run(id);
  }

  /** Every file of a folder, missing (the folder left the library). */
  setFolderMissing(folderId: string): void {
    this.statement('folderMissing').run(folderId);
  }

  byIds(ids: readonly number[]): FileRow[] {
    return ids.length === 0 ? [] : (this.statement('byIds').all(JSON.stringify(ids)) as FileRow[]);
  }

  /** Files on disk as far as the index knows: every one, or those of some books. */
  present(bookIds?: readonly string[]): RootedFileRow[] {
    return (
      bookIds
        ? this.statement('presentOf').all(JSON.stringify(bookIds))
        : this.statement('present').all()
    ) as RootedFileRow[];
  }

  /** Every file of one book, those on disk first (a reader opens the book from one of them). */
  filesOfBook(bookId: string): RootedFileRow[] {
    return this.statement('ofBook').all(bookId) as RootedFileRow[];
  }

  /** Rows of books the last scan did not find: their paths are still taken in the index. */
  missing(): RootedFileRow[] {
    return this.statement('missingRows').all() as RootedFileRow[];
  }

  pendingCovers(limit: number): FileRow[] {
    return this.statement('pendingCovers').all(limit) as FileRow[];
  }

  pendingCoverCount(): number {
    return (this.statement('pendingCoverCount').get() as { n: number }).n;
  }

  setCoverState(id: number, state: FileRow['cover_state'], made: string | null = null): void {
    this.statement('coverState').run(state, made, id);
  }

  /** Another file with the same content whose cover is already made. */
  coverTwin(row: FileRow): FileRow | undefined {
    return row.content_key
      ? (this.statement('coverTwin').get(row.content_key, row.id) as FileRow | undefined)
      : undefined;
  }
}

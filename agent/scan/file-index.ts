import type { BookFormat, CoverRef } from '#core/formats/types';
import type { FileIndexStore, KnownFileVisitor } from '#core/scan/file-index-store';
import type { BookStatus } from '#core/schema/book-doc';
import type Database from 'better-sqlite3';
import type { Db } from '../db/sqlite';
import { fileNameMd5 } from '../kosync/document-digest';

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
  /** KOReader's id of the file (its partial MD5, see kosync/document-digest.ts), once taken. */
  partial_md5: string | null;
  /** KOReader's id of the file by name (the MD5 of its name); follows renames. */
  name_md5: string | null;
}

/** A row as the scan writes it; the name's digest is the index's to keep. */
export type NewFileRow = Omit<FileRow, 'id' | 'cover_made' | 'partial_md5' | 'name_md5'> & {
  partial_md5?: string | null;
};

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
  withContent: 'SELECT * FROM files WHERE content_key = ? ORDER BY added_at, id',
  upsert: `
        INSERT INTO files (folder_id, rel_path, book_id, format, size, mtime_ms, status, problem_code,
          problem_message, added_at, scanned_at, content_key, last_seen_job, cover_ref, cover_state,
          partial_md5, name_md5)
        VALUES (@folder_id, @rel_path, @book_id, @format, @size, @mtime_ms, @status, @problem_code,
          @problem_message, @added_at, @scanned_at, @content_key, @last_seen_job, @cover_ref, @cover_state,
          @partial_md5, @name_md5)
        ON CONFLICT (folder_id, rel_path) DO UPDATE SET
          book_id = excluded.book_id, format = excluded.format, size = excluded.size,
          mtime_ms = excluded.mtime_ms, status = excluded.status, problem_code = excluded.problem_code,
          problem_message = excluded.problem_message, scanned_at = excluded.scanned_at,
          content_key = excluded.content_key, last_seen_job = excluded.last_seen_job,
          cover_ref = excluded.cover_ref, cover_state = excluded.cover_state,
          partial_md5 = excluded.partial_md5, name_md5 = excluded.name_md5`,
  move: 'UPDATE files SET folder_id = ?, rel_path = ?, name_md5 = ? WHERE id = ?',
  rename: 'UPDATE files SET rel_path = ?, name_md5 = ? WHERE id = ?',
  missing: "UPDATE files SET status = 'missing' WHERE id = ?",
  folderMissing: "UPDATE files SET status = 'missing' WHERE folder_id = ?",
  bookIdsInFolder: 'SELECT book_id FROM files WHERE folder_id = ?',
  unreadableInFolder: "SELECT rel_path FROM files WHERE folder_id = ? AND status = 'corrupted'",
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
  // A file on disk first, then the oldest: two copies of one file are two books.
  byPartialMd5: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.partial_md5 = ? ORDER BY f.status = 'missing', f.added_at, f.id LIMIT 1`,
  byNameMd5: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.name_md5 = ? ORDER BY f.status = 'missing', f.added_at, f.id LIMIT 1`,
  undigested: `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.partial_md5 IS NULL AND f.status != 'missing' AND f.id > ? ORDER BY f.id LIMIT ?`,
  undigestedCount:
    "SELECT count(*) AS n FROM files WHERE partial_md5 IS NULL AND status != 'missing'",
  setPartialMd5:
    'UPDATE files SET partial_md5 = ? WHERE id = ? AND size = ? AND mtime_ms = ? AND partial_md5 IS NULL',
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

  /** The paths of a folder's files that could not be read when last read (few, as a rule). */
  unreadableInFolder(folderId: string): Set<string> {
    return new Set(
      (this.statement('unreadableInFolder').all(folderId) as { rel_path: string }[]).map(
        (r) => r.rel_path,
      ),
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
    this.statement('upsert').run({
      ...row,
      partial_md5: row.partial_md5 ?? null,
      name_md5: fileNameMd5(row.rel_path),
    });
  }

  move(id: number, folderId: string, relPath: string): void {
    this.statement('move').run(folderId, relPath, fileNameMd5(relPath), id);
  }

  /** A file renamed within its folder: the row follows it. */
  moveInFolder(id: number, relPath: string): void {
    this.statement('rename').run(relPath, fileNameMd5(relPath), id);
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

  /** The file KOReader names by this partial MD5 (see kosync/document-digest.ts). */
  byPartialMd5(digest: string): RootedFileRow | undefined {
    return this.statement('byPartialMd5').get(digest) as RootedFileRow | undefined;
  }

  /** The file KOReader names by this MD5 of a file name. */
  byNameMd5(digest: string): RootedFileRow | undefined {
    return this.statement('byNameMd5').get(digest) as RootedFileRow | undefined;
  }

  /** Files on disk without a partial MD5 yet, by id after `afterId` (scanned before it was taken). */
  undigested(afterId: number, limit: number): RootedFileRow[] {
    return this.statement('undigested').all(afterId, limit) as RootedFileRow[];
  }

  undigestedCount(): number {
    return (this.statement('undigestedCount').get() as { n: number }).n;
  }

  /**
   * Sets a file's partial MD5, taken of the file at this size and date: a
   * file the scan has read again since (or that changed) keeps what it has.
   */
  setPartialMd5(row: Pick<FileRow, 'id' | 'size' | 'mtime_ms'>, digest: string): boolean {
    return this.statement('setPartialMd5').run(digest, row.id, row.size, row.mtime_ms).changes > 0;
  }

  /** Another file with the same content whose cover is already made. */
  coverTwin(row: FileRow): FileRow | undefined {
    return row.content_key
      ? (this.statement('coverTwin').get(row.content_key, row.id) as FileRow | undefined)
      : undefined;
  }
}

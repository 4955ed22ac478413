import type { BookFormat, CoverRef } from '#core/formats/types';
import type { FileIndexStore, KnownFileVisitor } from '#core/scan/file-index-store';
import type { BookStatus } from '#core/schema/book-doc';
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

/**
 * The files table, in the statements the scanner and the cover job need; to
 * the scan policy in core, the agent's FileIndexStore.
 */
export class FileIndex implements FileIndexStore<FileRow> {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      at: db.prepare<[string, string], FileRow>(
        'SELECT * FROM files WHERE folder_id = ? AND rel_path = ?',
      ),
      // Raw: a warm rescan lists 100,000 files, and an object per row is garbage.
      known: db
        .prepare<[string], KnownRow>(
          'SELECT rel_path, size, mtime_ms, status, last_seen_job FROM files WHERE folder_id = ?',
        )
        .raw(),
      withContent: db.prepare<[string], FileRow>('SELECT * FROM files WHERE content_key = ?'),
      upsert: db.prepare(`
        INSERT INTO files (folder_id, rel_path, book_id, format, size, mtime_ms, status, problem_code,
          problem_message, added_at, scanned_at, content_key, last_seen_job, cover_ref, cover_state)
        VALUES (@folder_id, @rel_path, @book_id, @format, @size, @mtime_ms, @status, @problem_code,
          @problem_message, @added_at, @scanned_at, @content_key, @last_seen_job, @cover_ref, @cover_state)
        ON CONFLICT (folder_id, rel_path) DO UPDATE SET
          book_id = excluded.book_id, format = excluded.format, size = excluded.size,
          mtime_ms = excluded.mtime_ms, status = excluded.status, problem_code = excluded.problem_code,
          problem_message = excluded.problem_message, scanned_at = excluded.scanned_at,
          content_key = excluded.content_key, last_seen_job = excluded.last_seen_job,
          cover_ref = excluded.cover_ref, cover_state = excluded.cover_state`),
      move: db.prepare<[string, string, number]>(
        'UPDATE files SET folder_id = ?, rel_path = ? WHERE id = ?',
      ),
      missing: db.prepare<[number]>("UPDATE files SET status = 'missing' WHERE id = ?"),
      pendingCovers: db.prepare<[number], FileRow>(
        "SELECT * FROM files WHERE cover_state = 'pending' LIMIT ?",
      ),
      coverState: db.prepare<[string, string | null, number]>(
        'UPDATE files SET cover_state = ?, cover_made = ? WHERE id = ?',
      ),
      coverTwin: db.prepare<[string, number], FileRow>(
        "SELECT * FROM files WHERE content_key = ? AND cover_state = 'done' AND cover_made IS NOT NULL AND id != ? LIMIT 1",
      ),
    };
  }

  at(folderId: string, relPath: string): FileRow | undefined {
    return this.statements.at.get(folderId, relPath);
  }

  eachInFolder(folderId: string, visit: KnownFileVisitor): void {
    for (const [relPath, size, mtimeMs, status, lastSeenJob] of this.statements.known.iterate(
      folderId,
    ))
      visit(relPath, size, mtimeMs, status === 'missing', lastSeenJob);
  }

  bookIds(folderId: string, relPaths: readonly string[]): (string | undefined)[] {
    return relPaths.map((rel) => this.at(folderId, rel)?.book_id);
  }

  /** Files with this content in any library folder: a book may move between folders. */
  withContent(contentKey: string): FileRow[] {
    return this.statements.withContent.all(contentKey);
  }

  placeOf(row: FileRow): { folder: string; path: string } {
    return { folder: row.folder_id, path: row.rel_path };
  }

  upsert(row: NewFileRow): void {
    this.statements.upsert.run(row);
  }

  move(id: number, folderId: string, relPath: string): void {
    this.statements.move.run(folderId, relPath, id);
  }

  setMissing(id: number): void {
    this.statements.missing.run(id);
  }

  pendingCovers(limit: number): FileRow[] {
    return this.statements.pendingCovers.all(limit);
  }

  setCoverState(id: number, state: FileRow['cover_state'], made: string | null = null): void {
    this.statements.coverState.run(state, made, id);
  }

  /** Another file with the same content whose cover is already made. */
  coverTwin(row: FileRow): FileRow | undefined {
    return row.content_key ? this.statements.coverTwin.get(row.content_key, row.id) : undefined;
  }
}

import type { Db } from '../db/sqlite';
import type { FileRow } from '../scan/file-index';

/**
 * Takes file-index rows out and puts them back whole, for the maintenance
 * journal: a row goes when its book leaves the catalog (so its path is free
 * and no scan counts it), and comes back with its id on undo. Only the
 * columns the table has now are written, so a row kept before a later
 * migration added one still goes back.
 */
export class FileRows {
  constructor(private readonly db: Db) {}

  byId(id: number): FileRow | undefined {
    return this.db.prepare('SELECT * FROM files WHERE id = ?').get(id) as FileRow | undefined;
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM files WHERE id = ?').run(id);
  }

  /** Whether another row holds this place, or this row's id is taken. */
  taken(row: Pick<FileRow, 'id' | 'folder_id' | 'rel_path' | 'book_id'>): boolean {
    return (
      this.db
        .prepare(
          'SELECT 1 FROM files WHERE id = ? OR (folder_id = ? AND rel_path = ?) OR book_id = ? LIMIT 1',
        )
        .get(row.id, row.folder_id, row.rel_path, row.book_id) !== undefined
    );
  }

  insert(row: FileRow): void {
    const columns = new Set(
      (this.db.prepare('PRAGMA table_info(files)').all() as { name: string }[]).map((c) => c.name),
    );
    const kept = Object.entries(row).filter(([name]) => columns.has(name));
    this.db
      .prepare(
        `INSERT INTO files (${kept.map(([name]) => name).join(', ')}) VALUES (${kept.map(() => '?').join(', ')})`,
      )
      .run(...kept.map(([, value]) => value as unknown));
  }
}

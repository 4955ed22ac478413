import type { Db } from '../db/sqlite';
import type { FileRow } from '../scan/file-index';

/** A file-index row with its library folder's root. */
export type RootedFileRow = FileRow & { root: string };

/**
 * The file-index statements renames need: find a row by where its file is,
 * and carry it to where the file went. Rows are found by path, not by book, so
 * a file replaced by 'overwrite' (another book's) follows its file to the trash.
 */
export class FileRows {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      at: db.prepare<[string, string], FileRow>(
        'SELECT * FROM files WHERE folder_id = ? AND rel_path = ?',
      ),
      move: db.prepare<[string, number]>('UPDATE files SET rel_path = ? WHERE id = ?'),
      byIds: db.prepare<[string], FileRow>(
        'SELECT * FROM files WHERE id IN (SELECT value FROM json_each(?))',
      ),
      present: db.prepare<[], RootedFileRow>(
        `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.status != 'missing' ORDER BY d.root, f.rel_path`,
      ),
      presentOf: db.prepare<[string], RootedFileRow>(
        `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.status != 'missing' AND f.book_id IN (SELECT value FROM json_each(?))
         ORDER BY d.root, f.rel_path`,
      ),
      missing: db.prepare<[], RootedFileRow>(
        `SELECT f.*, d.root AS root FROM files f JOIN folders d ON d.id = f.folder_id
         WHERE f.status = 'missing'`,
      ),
    };
  }

  at(folderId: string, relPath: string): FileRow | undefined {
    return this.s.at.get(folderId, relPath);
  }

  move(id: number, relPath: string): void {
    this.s.move.run(relPath, id);
  }

  byIds(ids: readonly number[]): FileRow[] {
    return ids.length === 0 ? [] : this.s.byIds.all(JSON.stringify(ids));
  }

  /** Files on disk as far as the index knows: every one, or those of some books. */
  present(bookIds?: readonly string[]): RootedFileRow[] {
    return bookIds ? this.s.presentOf.all(JSON.stringify(bookIds)) : this.s.present.all();
  }

  /** Rows of books the last scan did not find: their paths are still taken in the index. */
  missing(): RootedFileRow[] {
    return this.s.missing.all();
  }
}

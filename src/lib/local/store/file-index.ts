import type { FileIndexStore, KnownFileVisitor } from '#core/scan/file-index-store';
import type { LocalDb, LocalFileRow, ScanRun } from './local-db';

/**
 * The file index of the picked folders, in the operations a scan needs
 * (the agent's FileIndex, over IndexedDB).
 */
export class FileIndex implements FileIndexStore<LocalFileRow> {
  constructor(private readonly db: LocalDb) {}

  inFolder(folder: string): Promise<LocalFileRow[]> {
    return this.db.files.where('folder').equals(folder).toArray();
  }

  async eachInFolder(folder: string, visit: KnownFileVisitor): Promise<void> {
    // One read of them all: a cursor costs a round trip per row.
    for (const row of await this.inFolder(folder))
      visit(row.path, row.size, row.mtimeMs, row.status === 'missing', row.seenRun);
  }

  at(folder: string, path: string): Promise<LocalFileRow | undefined> {
    return this.db.files.get([folder, path]);
  }

  /** The rows at these paths, in order; undefined where there is none. */
  rowsAt(folder: string, paths: readonly string[]): Promise<(LocalFileRow | undefined)[]> {
    return this.db.files.bulkGet(paths.map((path) => [folder, path] as [string, string]));
  }

  async bookIds(folder: string, paths: readonly string[]): Promise<(string | undefined)[]> {
    return (await this.rowsAt(folder, paths)).map((row) => row?.bookId);
  }

  /** Rows of this folder with this content, in any state: candidates for a moved file. */
  withContent(contentKey: string, folder: string): Promise<LocalFileRow[]> {
    return this.db.files
      .where('contentKey')
      .equals(contentKey)
      .filter((row) => row.folder === folder)
      .toArray();
  }

  placeOf(row: LocalFileRow): { folder: string; path: string } {
    return { folder: row.folder, path: row.path };
  }

  async put(rows: readonly LocalFileRow[]): Promise<void> {
    if (rows.length > 0) await this.db.files.bulkPut([...rows]);
  }

  /**
   * Rows and the run's counters as they were when these rows were done, in
   * one transaction: a scan resumed after a closed tab neither re-reads a
   * file it counted nor counts a file twice.
   */
  async commit(rows: readonly LocalFileRow[], run: ScanRun): Promise<void> {
    await this.db.transaction('rw', [this.db.files, this.db.runs], async () => {
      if (rows.length > 0) await this.db.files.bulkPut([...rows]);
      await this.db.runs.put(run);
    });
  }

  /** A file found at a new path: the old row goes, the new one keeps its book. */
  async move(from: LocalFileRow, to: LocalFileRow): Promise<void> {
    await this.db.transaction('rw', this.db.files, async () => {
      await this.db.files.delete([from.folder, from.path]);
      await this.db.files.put(to);
    });
  }

  /** Renames applied through handles: each row moves to its new path, same book. */
  async rename(folder: string, renames: readonly { from: string; to: string }[]): Promise<void> {
    await this.db.transaction('rw', this.db.files, async () => {
      const rows = await this.db.files.bulkGet(
        renames.map((r) => [folder, r.from] as [string, string]),
      );
      await this.db.files.bulkDelete(renames.map((r) => [folder, r.from] as [string, string]));
      const moved = rows.flatMap((row, i) =>
        row ? [{ ...row, path: renames[i]?.to ?? row.path }] : [],
      );
      await this.db.files.bulkPut(moved);
    });
  }
}

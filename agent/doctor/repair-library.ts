import { rm } from 'node:fs/promises';
import type { DoctorRepair } from '#core/api/library-care';
import { bookDoc } from '../catalog/book-docs';
import type { FileRow } from '../scan/file-index';
import { checkLibrary, type CheckDeps } from './check-library';

export interface RepairDeps extends CheckDeps {
  /** Finishes rename batches and tidy-ups a crash left open (what a restart does). */
  finishJournals(): Promise<void>;
  /** Queues a scan of these library folders; returns its job id. */
  queueScan(folderIds: readonly string[]): number | undefined;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Checks again, then repairs what is safe: deletes thumbnails no book names,
 * finishes open journals, writes the catalog entries the file index has and
 * the catalog lost (their files are read again by a scan), removes catalog
 * entries that have no file, and queues a scan for files nobody cataloged.
 * It never deletes or moves a book file. The caller holds the library lock.
 */
export async function repairLibrary(deps: RepairDeps): Promise<DoctorRepair> {
  const { ctx } = deps;
  const found = await checkLibrary(deps);
  deps.progress?.({ phase: 'repairing', done: 0, message: 'Repairing what is safe to repair…' });
  const done: string[] = [];
  const scanFolders = new Set(found.unknownIn);

  if (found.orphanCovers.length > 0) {
    let removed = 0;
    for (const file of found.orphanCovers) {
      await rm(file.path, { force: true });
      removed++;
    }
    done.push(`Deleted ${count(removed, 'cover thumbnail')} that belonged to no book.`);
  }

  const open = found.report.openJournal.filter((entry) => entry.state !== 'interrupted');
  if (open.length > 0) {
    await deps.finishJournals();
    done.push(
      `Finished ${count(open.length, 'rename or tidy-up', 'renames or tidy-ups')} left open.`,
    );
  }

  if (found.notInCatalog.length > 0) {
    const ids = found.notInCatalog.map((r) => r.book_id);
    const rows = ids.flatMap(
      (id) =>
        ctx.db.prepare<[string], FileRow>('SELECT * FROM files WHERE book_id = ?').all(id) ?? [],
    );
    await ctx.catalog.upsert(rows.map((row) => bookDoc(ctx.library, row, undefined)));
    // Seen as changed by the next scan, which reads the file again (same book id) for its details.
    const forget = ctx.db.prepare(
      "UPDATE files SET mtime_ms = -1 WHERE id = ? AND status != 'missing'",
    );
    ctx.db.transaction(() => {
      for (const row of rows) forget.run(row.id);
    })();
    for (const row of rows) if (row.status !== 'missing') scanFolders.add(row.folder_id);
    done.push(
      `Wrote ${count(rows.length, 'book')} back to the synced catalog; ${rows.length === 1 ? 'its file is' : 'their files are'} read again for the details.`,
    );
  }

  if (found.notInIndex.length > 0) {
    const removed = await ctx.catalog.remove(found.notInIndex);
    done.push(`Removed ${count(removed, 'catalog entry', 'catalog entries')} that had no file.`);
  }

  let scanJob: number | undefined;
  if (scanFolders.size > 0) {
    scanJob = deps.queueScan([...scanFolders]);
    done.push(
      `Queued a scan of ${count(scanFolders.size, 'library folder')} to catalog the files found.`,
    );
  }
  if (done.length === 0) done.push('Nothing needed repairing.');
  const after = await checkLibrary(deps);
  return { done, after: after.report, ...(scanJob !== undefined && { scanJob }) };
}

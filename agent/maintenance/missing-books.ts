import type { MissingBook, UnavailableFolder } from '#core/api/maintenance';
import type { Agent } from '../agent';
import { folderUnavailable } from '../folders/folder-availability';
import { listFolders } from '../folders/folders';
import { FileIndex, type RootedFileRow } from '../scan/file-index';
import { bookLabels } from './book-labels';

/**
 * Books whose files the scans no longer find, apart from the folders that
 * cannot be reached now (a share not mounted): their books are not known to
 * be gone (a scan leaves them as they are), so each such folder is listed
 * apart, with the books it had listed missing before, none removable.
 */
export async function missingBooks(
  agent: Pick<Agent, 'ctx' | 'metadata' | 'runner'>,
): Promise<{ books: MissingBook[]; unavailable: UnavailableFolder[] }> {
  const index = new FileIndex(agent.ctx.db);
  const rows = index.missing();
  const counts = index.presentCounts();
  const reasons = new Map<string, string | undefined>();
  const roots = new Map(listFolders(agent.ctx.db).map((f) => [f.id, f.root]));
  for (const row of rows) if (!roots.has(row.folder_id)) roots.set(row.folder_id, row.root);
  for (const [id, root] of roots)
    reasons.set(id, await folderUnavailable(root, counts.get(id) ?? 0));
  const labels = await bookLabels(
    agent,
    rows.map((r) => ({ bookId: r.book_id, relPath: r.rel_path })),
  );
  const seenAt = new Map<number, number>();
  const lastSeen = (row: RootedFileRow): string => {
    // The scan that last met the file, not when it was last read (unchanged files are not).
    const job = row.last_seen_job;
    if (job !== null && !seenAt.has(job)) {
      const started = agent.runner.store.get(job)?.startedAt;
      seenAt.set(job, started ? Date.parse(started) : row.scanned_at);
    }
    return new Date(
      Math.max(job === null ? 0 : (seenAt.get(job) ?? 0), row.scanned_at),
    ).toISOString();
  };
  const toBook = (row: RootedFileRow): MissingBook => {
    const label = labels.get(row.book_id);
    return {
      fileId: row.id,
      bookId: row.book_id,
      title: label?.title ?? row.rel_path,
      authors: label?.authors ?? [],
      folderId: row.folder_id,
      folder: row.root,
      path: row.rel_path,
      size: row.size,
      addedAt: new Date(row.added_at).toISOString(),
      lastSeen: lastSeen(row),
    };
  };
  const byTitle = (a: MissingBook, b: MissingBook) => a.title.localeCompare(b.title);
  const books = rows
    .filter((r) => !reasons.get(r.folder_id))
    .map(toBook)
    .sort(byTitle);
  const unavailable: UnavailableFolder[] = [];
  for (const [folderId, reason] of reasons) {
    if (!reason) continue;
    const inFolder = rows.filter((r) => r.folder_id === folderId);
    unavailable.push({
      folderId,
      folder: roots.get(folderId) ?? '',
      reason,
      cataloged: counts.get(folderId) ?? 0,
      books: inFolder.map(toBook).sort(byTitle),
    });
  }
  return { books, unavailable };
}

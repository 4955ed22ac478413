import type { LocalDb, LocalFolder, ScanRun } from './local-db';

/** A new folder id: short, random, safe in document ids. */
export function newFolderId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

/** The picked folders, oldest first. */
export function listFolders(db: LocalDb): Promise<LocalFolder[]> {
  return db.folders.toArray().then((all) => all.sort((a, b) => a.addedAt.localeCompare(b.addedAt)));
}

/**
 * A folder already picked that is the same folder on disk as `handle`
 * (isSameEntry), so picking it twice does not catalog it twice.
 */
export async function findSameFolder(
  db: LocalDb,
  handle: FileSystemDirectoryHandle,
): Promise<LocalFolder | undefined> {
  for (const folder of await db.folders.toArray()) {
    if (folder.handle && (await folder.handle.isSameEntry(handle).catch(() => false)))
      return folder;
  }
  return undefined;
}

export async function addFolder(db: LocalDb, folder: LocalFolder): Promise<void> {
  await db.folders.put(folder);
}

/** Forgets a folder: its handle, its file index and its scans (the catalog is the caller's). */
export async function forgetFolder(db: LocalDb, id: string): Promise<void> {
  await db.transaction('rw', [db.folders, db.files, db.runs], async () => {
    await db.files.where('folder').equals(id).delete();
    await db.runs.where('folder').equals(id).delete();
    await db.folders.delete(id);
  });
}

/** The folder's latest scan, if any. */
export function latestRun(db: LocalDb, folder: string): Promise<ScanRun | undefined> {
  return db.runs.where('[folder+startedAt]').between([folder, ''], [folder, '\uffff']).last();
}

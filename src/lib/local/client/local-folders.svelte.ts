import { liveQuery, type Subscription } from 'dexie';
import { accessState, pickFolder, requestAccess } from '../fs/fs-access';
import { folderNameOf } from '../fs/walk-file-list';
import type { ScanProgress } from '../scan/scan-types';
import {
  addFolder,
  findSameFolder,
  forgetFolder,
  latestRun,
  listFolders,
  newFolderId,
} from '../store/folder-store';
import { LocalDb, type LocalFolder, type ScanRun } from '../store/local-db';
import { cancelScan, catalogWriter, scanFolder } from './scan-client';

/** A picked folder as the page shows it. */
export interface FolderEntry {
  folder: LocalFolder;
  /** Its latest scan, as stored (so it survives a reload). */
  run?: ScanRun;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The folders picked on this device and what is happening to them: access,
 * scans (live progress from the scan worker, state from IndexedDB), and the
 * actions the page offers. A scan a closed tab left unfinished resumes as
 * soon as the folder may be read again.
 */
class LocalFolders {
  entries = $state<FolderEntry[]>([]);
  loaded = $state(false);
  access = $state<Record<string, PermissionState>>({});
  progress = $state<Record<string, ScanProgress>>({});
  /** Errors of the last action on a folder (or '' for the page). */
  errors = $state<Record<string, string>>({});
  /** What the last action on the page did, when it is worth saying. */
  notice = $state<string | undefined>();

  readonly db = new LocalDb();
  private subscription?: Subscription;
  private readonly running = new Map<string, Promise<ScanRun | undefined>>();

  /** Follows the stored folders and runs; resumes interrupted scans. Idempotent. */
  start(): void {
    this.subscription ??= liveQuery(async () => {
      const folders = await listFolders(this.db);
      return Promise.all(
        folders.map(async (folder) => ({ folder, run: await latestRun(this.db, folder.id) })),
      );
    }).subscribe({
      next: (entries) => {
        const first = !this.loaded;
        this.entries = entries;
        this.loaded = true;
        void this.checkAccess(entries).then(() => {
          if (first) this.resumeInterrupted();
        });
      },
      error: (error: unknown) =>
        (this.errors[''] = `The folder list cannot be read: ${message(error)}`),
    });
  }

  /** Picks a folder with the browser's picker, remembers it and scans it. */
  async openFolder(): Promise<void> {
    this.errors[''] = '';
    this.notice = undefined;
    try {
      const handle = await pickFolder();
      if (!handle) return;
      const same = await findSameFolder(this.db, handle);
      if (same) {
        this.notice = `"${same.name}" is already in the list; it is scanned again.`;
        await this.rescan(same.id);
        return;
      }
      const folder: LocalFolder = {
        id: newFolderId(),
        name: handle.name,
        kind: 'handle',
        handle,
        addedAt: new Date().toISOString(),
      };
      await addFolder(this.db, folder);
      this.access[folder.id] = 'granted';
      await this.rescan(folder.id);
    } catch (error) {
      this.errors[''] = `The folder could not be opened: ${message(error)}`;
    }
  }

  /** Catalogs the files of an `<input webkitdirectory>` (browsers without the picker). */
  async importFiles(files: File[], into?: string): Promise<void> {
    this.errors[''] = '';
    if (files.length === 0) return;
    let id = into;
    if (!id) {
      id = newFolderId();
      await addFolder(this.db, {
        id,
        name: folderNameOf(files),
        kind: 'files',
        addedAt: new Date().toISOString(),
      });
    }
    await this.rescan(id, files);
  }

  /** Asks for access again (from a click), then resumes or rescans. */
  async grantAccess(id: string): Promise<void> {
    const folder = this.entries.find((e) => e.folder.id === id)?.folder;
    if (!folder?.handle) return;
    try {
      const state = await requestAccess(folder.handle);
      this.access[id] = state;
      if (state === 'granted') await this.rescan(id);
      else this.errors[id] = 'Access was not granted; the books stay in the catalog as they were.';
    } catch (error) {
      this.errors[id] = `Access could not be requested: ${message(error)}`;
    }
  }

  /** Scans (or resumes scanning) a folder; resolves when the scan ends. */
  rescan(id: string, files?: File[]): Promise<ScanRun | undefined> {
    const already = this.running.get(id);
    if (already) return already;
    this.errors[id] = '';
    this.progress[id] = { folder: id, run: '', phase: 'queued', done: 0 };
    // A failed run says why in its summary; what fails here is starting it.
    const scan = scanFolder(id, (p) => (this.progress[id] = p), files)
      .catch((error: unknown) => {
        this.errors[id] = message(error);
        return undefined;
      })
      .finally(() => {
        delete this.progress[id];
        this.running.delete(id);
      });
    this.running.set(id, scan);
    return scan;
  }

  async cancel(id: string): Promise<void> {
    await cancelScan(id);
  }

  /** Removes a folder and its books from the catalog (the files are not touched). */
  async remove(id: string): Promise<number> {
    const scan = this.running.get(id);
    if (scan) {
      await cancelScan(id);
      await scan;
    }
    const removed = await catalogWriter().removeFolder(id);
    await forgetFolder(this.db, id);
    delete this.access[id];
    return removed;
  }

  private async checkAccess(entries: FolderEntry[]): Promise<void> {
    for (const { folder } of entries) {
      if (!folder.handle || this.access[folder.id] === 'granted') continue;
      this.access[folder.id] = await accessState(folder.handle).catch(() => 'prompt' as const);
    }
  }

  /** Runs a closed tab left 'running' go on where they stopped, when the folder may be read. */
  private resumeInterrupted(): void {
    for (const { folder, run } of this.entries) {
      if (run?.state !== 'running' || this.running.has(folder.id)) continue;
      if (folder.kind === 'handle' && this.access[folder.id] === 'granted')
        void this.rescan(folder.id);
    }
  }
}

export const localFolders = new LocalFolders();

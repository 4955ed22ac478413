import Dexie, { type EntityTable, type Table } from 'dexie';
import type { BookFormat, CoverRef } from '#core/formats/types';
import type { BookStatus } from '#core/schema/book-doc';
import { emptyScanCounts, type ScanCounts } from '#core/scan/scan-counts';
import type { ScanPhase } from '#core/scan/scan-phase';

/**
 * What only this browser needs to know about the folders picked in it (the
 * agent keeps the same in SQLite): the folders and their handles, the file
 * index an incremental rescan compares against, and each scan's state so a
 * scan cut short by a closed tab resumes. Catalog facts are not here: they
 * are documents in the local PouchDB, like an agent's.
 */

/** A folder picked with the File System Access API, or imported from a file list. */
export interface LocalFolder {
  id: string;
  name: string;
  /** 'handle': kept and rescanned; 'files': imported once from `<input webkitdirectory>`. */
  kind: 'handle' | 'files';
  /** Structured-cloned into IndexedDB: the way back into the folder on the next visit. */
  handle?: FileSystemDirectoryHandle;
  addedAt: string;
}

export type CoverState = 'none' | 'pending' | 'done' | 'failed';

/** One book file of a folder, and the book it is. */
export interface LocalFileRow {
  folder: string;
  path: string;
  bookId: string;
  format: BookFormat;
  size: number;
  mtimeMs: number;
  status: BookStatus;
  contentKey: string | null;
  addedAt: number;
  /** The scan run that last read this file (or found it moved here). */
  seenRun: string;
  cover?: CoverRef;
  coverState: CoverState;
}

export type RunState = 'running' | 'done' | 'cancelled' | 'failed';

/** Counters a run keeps across a resume: the scan's, and the covers the browser makes itself. */
export interface RunCounts extends ScanCounts {
  covers: number;
  coversFailed: number;
}

export interface RunProblem {
  path: string;
  message: string;
}

/** One scan of one folder. A run left 'running' by a closed tab is resumed. */
export interface ScanRun {
  id: string;
  folder: string;
  state: RunState;
  phase: ScanPhase;
  startedAt: string;
  /** When the books were all in the catalog (covers may still have been made after). */
  catalogedAt?: string;
  finishedAt?: string;
  /** Seconds spent scanning, summed over the sittings of a resumed run. */
  activeSeconds: number;
  counts: RunCounts;
  problems: RunProblem[];
  /** Why the run failed, for the user. */
  error?: string;
}

export class LocalDb extends Dexie {
  folders!: EntityTable<LocalFolder, 'id'>;
  files!: Table<LocalFileRow, [string, string]>;
  runs!: EntityTable<ScanRun, 'id'>;

  constructor(name = 'colophon-local') {
    super(name);
    this.version(1).stores({
      folders: 'id',
      files: '[folder+path], folder, contentKey',
      runs: 'id, folder, [folder+startedAt]',
    });
  }
}

export function emptyCounts(): RunCounts {
  return { ...emptyScanCounts(), covers: 0, coversFailed: 0 };
}

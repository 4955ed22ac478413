import Dexie, { type EntityTable, type Table } from 'dexie';
import type { BookFormat, CoverRef } from '#core/formats/types';
import type { BookStatus } from '#core/schema/book-doc';

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
  /** The scan run that last saw (or read) this file. */
  seenRun: string;
  cover?: CoverRef;
  coverState: CoverState;
}

export type ScanPhase = 'discovering' | 'reading' | 'covers' | 'finishing';
export type RunState = 'running' | 'done' | 'cancelled' | 'failed';

/** Counters a run keeps across a resume. */
export interface RunCounts {
  seen: number;
  unchanged: number;
  read: number;
  failed: number;
  moved: number;
  missing: number;
  covers: number;
  coversFailed: number;
  bytesRead: number;
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
  return {
    seen: 0,
    unchanged: 0,
    read: 0,
    failed: 0,
    moved: 0,
    missing: 0,
    covers: 0,
    coversFailed: 0,
    bytesRead: 0,
  };
}

import type { BookFormat, CoverRef } from '#core/formats/types';
import type { BookDoc } from '#core/schema/book-doc';
import type { CoverDoc } from '#core/schema/cover-doc';
import type { FolderDoc } from '#core/schema/folder-doc';
import type { WorkProgress } from '#core/progress';
import type { CoverResult } from '../covers/make-cover';
import type { FileReading } from '../reader/read-local-file';
import type { ScanPhase } from '#core/scan/scan-phase';

/** What the page shows while a folder is scanned. */
export interface ScanProgress extends WorkProgress {
  folder: string;
  run: string;
  /** 'queued': waiting for another folder's scan (in this tab or another) to finish. */
  phase: ScanPhase | 'queued';
}

/** A cover document with its small thumbnail attached (as a Blob; PouchDB stores it as is). */
export type CoverDocWithThumbnail = CoverDoc & {
  _attachments: Record<string, { content_type: string; data: Blob }>;
};

export type CatalogDoc = BookDoc | FolderDoc | CoverDocWithThumbnail;

/**
 * Where a scan's documents go: the page's own PouchDB (the catalog the
 * bridge follows), so books show up everywhere as soon as they are written.
 * The scan runs in a worker and reaches it through comlink.
 */
export interface CatalogSink {
  /** Creates or replaces these documents. */
  put(docs: CatalogDoc[]): Promise<void>;
  /** The ids among these that have a (not deleted) document. */
  existing(ids: string[]): Promise<string[]>;
  /** Marks these books missing, keeping everything else they say. */
  markMissing(bookDocIds: string[]): Promise<void>;
}

/** The reader workers, as the scan uses them. Neither call throws. */
export interface Readers {
  /** How many files are read at once. */
  readonly concurrency: number;
  read(file: File, relPath: string, format: BookFormat): Promise<FileReading>;
  cover(file: File, relPath: string, format: BookFormat, ref: CoverRef): Promise<CoverResult>;
}

import Dexie, { type EntityTable } from 'dexie';
import type { BookView } from '#core/books/book-view';
import type { DataSource } from '#core/merge/trust';
import type { BookDoc } from '#core/schema/book-doc';
import type { CalibreDoc } from '#core/schema/calibre-doc';
import type { CoverQuality } from '#core/images/cover-quality';
import type { PixelSize } from '#core/images/cover-sizes';
import type { CoverSource } from '#core/schema/cover-doc';
import type { EditDoc } from '#core/schema/edit-doc';
import type { FolderDoc } from '#core/schema/folder-doc';
import type { LookupDoc } from '#core/schema/lookup-doc';

/** Bump when rows change shape: the read model is then rebuilt from PouchDB. */
export const READ_MODEL_VERSION = 5;

/** A book as pages list it: its view, plus the cover chosen for it (and its original's width). */
export type BookRow = BookView & { cover?: { id: string; hash: string; width: number } };
export type FolderRow = Omit<FolderDoc, '_rev'>;

/** A cover with its small thumbnail, kept so covers show offline. */
export interface CoverRow {
  id: string;
  book: string;
  source: CoverSource;
  hash: string;
  small: Blob;
  original: PixelSize;
  /** Absent on covers made before originals were kept. */
  quality?: CoverQuality;
}

/** The documents a book's view is computed from, kept to compute it again when one changes. */
export type BookDocRow = BookDoc & { id: string };
export type LookupRow = LookupDoc & { id: string };
export type CalibreRow = CalibreDoc & { id: string };
export type EditRow = EditDoc;
export type SourceRow = DataSource;

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The browser's read model: rows derived from PouchDB documents, indexed for
 * browsing. Only the bridge writes here; it can be thrown away and rebuilt.
 */
export class ReadModel extends Dexie {
  books!: EntityTable<BookRow, 'id'>;
  folders!: EntityTable<FolderRow, '_id'>;
  covers!: EntityTable<CoverRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  bookDocs!: EntityTable<BookDocRow, 'id'>;
  lookups!: EntityTable<LookupRow, 'id'>;
  calibre!: EntityTable<CalibreRow, 'id'>;
  edits!: EntityTable<EditRow, 'book'>;
  sources!: EntityTable<SourceRow, 'id'>;

  constructor(name = 'colophon-read-model') {
    super(name);
    this.version(1).stores({
      books: 'id, titleKey, library, status, format',
      folders: '_id, library',
      meta: 'key',
    });
    this.version(2).stores({ covers: 'id, book' });
    this.version(3).stores({ bookDocs: 'id', lookups: 'id, book', edits: 'book', sources: 'id' });
    this.version(4).stores({ calibre: 'id, book' });
  }
}

import Dexie, { type EntityTable } from 'dexie';
import type { BookView } from '#core/catalog/book-view';
import type { CoverSource } from '#core/schema/cover-doc';
import type { FolderDoc } from '#core/schema/folder-doc';

/** Bump when rows change shape: the read model is then rebuilt from PouchDB. */
export const READ_MODEL_VERSION = 2;

/** A book as pages list it: its view, plus the cover chosen for it. */
export type BookRow = BookView & { cover?: { id: string; hash: string } };
export type FolderRow = Omit<FolderDoc, '_rev'>;

/** A cover with its small thumbnail, kept so covers show offline. */
export interface CoverRow {
  id: string;
  book: string;
  source: CoverSource;
  hash: string;
  small: Blob;
}

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

  constructor(name = 'colophon-read-model') {
    super(name);
    this.version(1).stores({
      books: 'id, titleKey, library, status, format',
      folders: '_id, library',
      meta: 'key',
    });
    this.version(2).stores({ covers: 'id, book' });
  }
}

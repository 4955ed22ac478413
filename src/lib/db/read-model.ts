import Dexie, { type EntityTable } from 'dexie';
import type { BookView } from '#core/catalog/book-view';
import type { FolderDoc } from '#core/schema/folder-doc';

/** Bump when rows change shape: the read model is then rebuilt from PouchDB. */
export const READ_MODEL_VERSION = 1;

export type BookRow = BookView;
export type FolderRow = Omit<FolderDoc, '_rev'>;

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
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name = 'colophon-read-model') {
    super(name);
    this.version(1).stores({
      books: 'id, titleKey, library, status, format',
      folders: '_id, library',
      meta: 'key',
    });
  }
}

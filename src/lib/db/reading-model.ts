import Dexie, { type EntityTable } from 'dexie';
import type { ReadingState } from '#core/reading/reading-state';
import type { ProgressDoc } from '#core/schema/progress-doc';
import type { ReadingStatusDoc } from '#core/schema/reading-status-doc';

/** Bump when rows change shape: the reading model is then rebuilt from the user database. */
export const READING_MODEL_VERSION = 1;

/** A book's reading state, keyed by book id: what pages show and the search worker filters on. */
export type ReadingRow = ReadingState;
/** The documents a state is computed from: every device's position, and the settled status. */
export type PositionRow = ProgressDoc;
export type StatusRow = ReadingStatusDoc;

export interface ReadingMetaRow {
  key: string;
  value: unknown;
}

/**
 * The signed-in user's reading, derived from their own PouchDB (see
 * ReadingBridge). A database apart from the catalog's read model: rebuilding
 * either leaves the other alone. It holds one user at a time (`source` says
 * whose replica it was built from) and is rebuilt when another signs in.
 */
export class ReadingModel extends Dexie {
  states!: EntityTable<ReadingRow, 'book'>;
  positions!: EntityTable<PositionRow, '_id'>;
  statuses!: EntityTable<StatusRow, 'book'>;
  meta!: EntityTable<ReadingMetaRow, 'key'>;

  constructor(name = 'colophon-reading') {
    super(name);
    this.version(1).stores({
      states: 'book, status, activeAt',
      positions: '_id, book',
      statuses: 'book',
      meta: 'key',
    });
  }
}

/** A value, or a promise of it: the agent's SQLite answers at once, the browser's IndexedDB later. */
export type Awaitable<T> = T | Promise<T>;

/** One file of the index as plain values (see KnownFiles.add); `seenBy` is the run that last read it. */
export type KnownFileVisitor = (
  path: string,
  size: number,
  mtimeMs: number,
  missing: boolean,
  seenBy: string | number | null,
) => void;

/**
 * A host's file index, as the scan policy reads it: SQLite on the agent,
 * IndexedDB in the browser. Writing rows stays with the host, in its own
 * transactions.
 */
export interface FileIndexStore<Row> {
  /**
   * Hands every file the index holds for `folder` to `visit`, as plain values:
   * nothing is kept per file but what KnownFiles keeps.
   */
  eachInFolder(folder: string, visit: KnownFileVisitor): Awaitable<void>;
  /** The book ids of the files at these paths of `folder`, in order; undefined where none is. */
  bookIds(folder: string, paths: readonly string[]): Awaitable<(string | undefined)[]>;
  /**
   * The files with this content that a new file found in `folder` may have
   * moved from, in index order (the agent: any library folder; the browser:
   * the same picked folder).
   */
  withContent(contentKey: string, folder: string): Awaitable<readonly Row[]>;
  /** Where a row's file is: its folder and path. */
  placeOf(row: Row): { folder: string; path: string };
}

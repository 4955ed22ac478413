/** A book file found by a walk, with what an incremental rescan compares. */
export interface WalkedFile {
  /** Path below the picked folder, `/`-separated. */
  rel: string;
  size: number;
  mtimeMs: number;
  /** The file's bytes, read lazily: a File is only a reference until read. */
  file: File;
}

export type WalkEvent =
  | { kind: 'file'; file: WalkedFile }
  /** Something the user should know that did not stop the walk. */
  | { kind: 'notice'; path: string; message: string };

/** Which names a walk yields (book formats); folders are always entered. */
export type AcceptName = (name: string) => boolean;

/** Names never worth entering or reading: hidden files, the rename trash, OS litter. */
export function isHidden(name: string): boolean {
  return name.startsWith('.') || name === '__MACOSX' || name === 'Thumbs.db';
}

/**
 * The picked folder itself cannot be read: unplugged, moved, deleted, or the
 * browser's access to it withdrawn. The scan stops; nothing is marked missing.
 */
export class FolderUnreadableError extends Error {
  override name = 'FolderUnreadableError';
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(
      `"${folder}" cannot be read (${reason}). If it was moved or its drive unplugged, put it ` +
        'back or open it again; if the browser asks, grant access. The books stay in the catalog as they were.',
    );
  }
}

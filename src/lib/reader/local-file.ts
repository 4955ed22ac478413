import { LocalDb } from '$lib/local/store/local-db';
import { accessState, requestAccess } from '$lib/local/fs/fs-access';

/** Why a book of a picked folder cannot be opened, in words the user can act on. */
export class LocalFileError extends Error {
  constructor(
    message: string,
    /** Access can come back from a click (the browser asks the user again). */
    readonly needsAccess = false,
  ) {
    super(message);
  }
}

let db: LocalDb | undefined;

/**
 * A book file of a folder picked in this browser, read through the folder's
 * handle (the browser never uploads it anywhere). `ask` requests access again
 * and must run from a click.
 */
export async function localBookFile(folderId: string, path: string, ask = false): Promise<File> {
  db ??= new LocalDb();
  const folder = await db.folders.get(folderId);
  if (!folder)
    throw new LocalFileError('This book\u2019s folder is no longer picked in this browser.');
  const handle = folder.handle;
  if (!handle)
    throw new LocalFileError(
      'This folder was imported as a list of files, which the browser does not keep: pick the folder on This device to read its books here.',
    );
  const state = ask ? await requestAccess(handle) : await accessState(handle);
  if (state !== 'granted')
    throw new LocalFileError('The browser needs your permission to read this folder again.', true);
  let directory: FileSystemDirectoryHandle = handle;
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  try {
    for (const part of parts) directory = await directory.getDirectoryHandle(part);
    return await (await directory.getFileHandle(name)).getFile();
  } catch {
    throw new LocalFileError(
      `"${path}" is no longer in the picked folder: it was moved, renamed or deleted. Scan the folder again on This device.`,
    );
  }
}

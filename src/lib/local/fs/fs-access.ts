/**
 * The parts of the File System Access API that TypeScript's DOM library does
 * not declare yet (Chromium ships them; Firefox and Safari lack the picker),
 * and the feature checks the UI needs. Everything else uses the DOM types.
 */

export type AccessMode = 'read' | 'readwrite';

interface PermissionDescriptor {
  mode?: AccessMode;
}

interface HandlePermissions {
  queryPermission?(descriptor?: PermissionDescriptor): Promise<PermissionState>;
  requestPermission?(descriptor?: PermissionDescriptor): Promise<PermissionState>;
}

interface MovableFileHandle {
  move?(destination: FileSystemDirectoryHandle, newName: string): Promise<void>;
}

interface DirectoryPicker {
  showDirectoryPicker?(options?: {
    id?: string;
    mode?: AccessMode;
    startIn?: string;
  }): Promise<FileSystemDirectoryHandle>;
}

function pickerHost(): DirectoryPicker {
  return globalThis as unknown as DirectoryPicker;
}

/** True where folders can be picked and kept (Chromium on desktop and Android). */
export function canPickFolders(): boolean {
  return typeof pickerHost().showDirectoryPicker === 'function';
}

/** Opens the browser's folder picker; undefined when the user closed it. */
export async function pickFolder(
  mode: AccessMode = 'read',
): Promise<FileSystemDirectoryHandle | undefined> {
  const show = pickerHost().showDirectoryPicker;
  if (!show) throw new Error('This browser cannot open folders; import one instead.');
  try {
    return await show.call(globalThis, { id: 'colophon-library', mode });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    throw error;
  }
}

/**
 * Whether the page may read (or write) the folder now. A handle from an
 * earlier visit usually answers 'prompt': access comes back only through
 * requestAccess, from a click.
 */
export async function accessState(
  handle: FileSystemHandle,
  mode: AccessMode = 'read',
): Promise<PermissionState> {
  const query = (handle as FileSystemHandle & HandlePermissions).queryPermission;
  // No permission API (the origin-private file system in some browsers): access is implied.
  if (!query) return 'granted';
  return query.call(handle, { mode });
}

/** Asks the user for access; must run from a user gesture (a click). */
export async function requestAccess(
  handle: FileSystemHandle,
  mode: AccessMode = 'read',
): Promise<PermissionState> {
  const request = (handle as FileSystemHandle & HandlePermissions).requestPermission;
  if (!request) return 'granted';
  return request.call(handle, { mode });
}

/** True when this browser can move and rename files through handles. */
export function canMoveFiles(handle: FileSystemFileHandle): boolean {
  return typeof (handle as FileSystemFileHandle & MovableFileHandle).move === 'function';
}

/** Moves (and renames) a file within the picked folder. */
export async function moveFile(
  handle: FileSystemFileHandle,
  destination: FileSystemDirectoryHandle,
  newName: string,
): Promise<void> {
  const move = (handle as FileSystemFileHandle & MovableFileHandle).move;
  if (!move) throw new Error('This browser cannot move files in a picked folder.');
  await move.call(handle, destination, newName);
}

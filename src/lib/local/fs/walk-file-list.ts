import { isHidden, type AcceptName, type WalkEvent } from './walk-types';

/**
 * The path of a file from an `<input webkitdirectory>` below the chosen
 * folder: webkitRelativePath starts with the folder's own name, dropped here
 * so paths read as they do for a picked folder.
 */
export function relativePath(file: File): string {
  const full = file.webkitRelativePath || file.name;
  const slash = full.indexOf('/');
  return slash === -1 ? full : full.slice(slash + 1);
}

/** The chosen folder's name, from any of its files. */
export function folderNameOf(files: readonly File[]): string {
  const first = files[0]?.webkitRelativePath ?? '';
  const slash = first.indexOf('/');
  return slash > 0 ? first.slice(0, slash) : 'Imported folder';
}

/**
 * The same walk as walkDirectory, over the files a browser without the
 * folder picker hands over at once: hidden entries skipped, name order.
 */
export async function* walkFileList(
  files: readonly File[],
  accept: AcceptName,
): AsyncGenerator<WalkEvent> {
  const listed = files
    .map((file) => ({ file, rel: relativePath(file) }))
    .filter(({ rel }) => rel.split('/').every((part) => !isHidden(part)))
    .filter(({ rel }) => accept(rel.slice(rel.lastIndexOf('/') + 1)))
    .sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  for (const { file, rel } of listed) {
    yield {
      kind: 'file',
      file: { rel, size: file.size, mtimeMs: Math.trunc(file.lastModified), file },
    };
  }
}

import type { FileRow } from '../scan/file-index';
import type { StoredAction } from './maintenance-journal';

type GroupFile = Pick<FileRow, 'id' | 'folder_id' | 'rel_path' | 'size' | 'mtime_ms'>;

/** "Keep both" remembers which files were kept: a new copy brings the group back. */
export function keptIds(files: readonly GroupFile[]): string {
  return JSON.stringify(files.map((f) => f.id).sort((a, b) => a - b));
}

/** "Ignore" remembers each file's place and date: any change brings the group back. */
export function groupFingerprint(files: readonly GroupFile[]): string {
  return JSON.stringify(
    [...files]
      .sort((a, b) => a.id - b.id)
      .map((f) => [f.id, f.folder_id, f.rel_path, f.size, f.mtime_ms]),
  );
}

/** Whether a decision in force hides this group (its files as they are now). */
export function isHidden(files: readonly GroupFile[], decisions: readonly StoredAction[]): boolean {
  return decisions.some((d) => {
    // Files are moving (or coming back): the group shows again once that is over.
    if (d.state === 'running' || d.state === 'undoing') return true;
    if (d.kind === 'ignore') return d.files === groupFingerprint(files);
    if (d.kind === 'keep-both') {
      const kept = new Set(JSON.parse(d.files) as number[]);
      return files.every((f) => kept.has(f.id));
    }
    return false;
  });
}

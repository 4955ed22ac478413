import type { LocalFileRow } from '../store/local-db';

/**
 * What a scan does with a file it found, given the index row for its path:
 * - 'unchanged': same size and modification time as when last read: only marked seen;
 * - 'read-earlier': read by this same run before the tab was closed: not read again
 *   (unless its document was lost, which the scan checks);
 * - 'read': new, changed, or back after being missing.
 */
export type Verdict = 'unchanged' | 'read-earlier' | 'read';

export function classify(
  row: LocalFileRow | undefined,
  file: { size: number; mtimeMs: number },
  runId: string,
): Verdict {
  if (!row) return 'read';
  if (row.seenRun === runId && row.status !== 'missing') return 'read-earlier';
  if (row.status !== 'missing' && row.size === file.size && row.mtimeMs === file.mtimeMs) {
    return 'unchanged';
  }
  return 'read';
}

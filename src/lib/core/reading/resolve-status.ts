import { READING_STATUSES, type ReadingStatusDoc } from '../schema/reading-status-doc';

type StatusFacts = Pick<ReadingStatusDoc, 'status' | 'setAt' | 'device'>;

/**
 * Orders two settings of one book's status: the later `setAt` first, then
 * the greater device id, then the further status (finished over reading over
 * unread). A total order on what a setting says, so every replica picks the
 * same one whatever order the revisions arrived in.
 */
export function compareSettings(a: StatusFacts, b: StatusFacts): number {
  return (
    Date.parse(b.setAt) - Date.parse(a.setAt) ||
    (a.device < b.device ? 1 : a.device > b.device ? -1 : 0) ||
    READING_STATUSES.indexOf(b.status) - READING_STATUSES.indexOf(a.status)
  );
}

/**
 * The revision of a book's status document that counts, among conflicting
 * ones (two devices set it while apart): the latest setting, by
 * compareSettings. PouchDB's own winner depends on revision hashes, not on
 * when the user acted, so it is not used.
 */
export function resolveStatus<T extends StatusFacts>(revisions: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const revision of revisions)
    if (!best || compareSettings(revision, best) < 0) best = revision;
  return best;
}

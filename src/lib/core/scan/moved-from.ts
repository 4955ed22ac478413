/**
 * Which known file a new file is, moved: the first candidate (files with the
 * same content key, in index order) that is no longer at its old path and
 * that no other new file of this scan has claimed (two copies of one book
 * cannot both be it). Undefined when there is none: the file is a new book.
 */
export function pickMovedFrom<Row>(
  candidates: readonly Row[],
  isGone: (row: Row) => boolean,
  isClaimed: (row: Row) => boolean,
): Row | undefined {
  return candidates.find((row) => !isClaimed(row) && isGone(row));
}

/**
 * What a scan counts. `seen` and `unchanged` count this sitting's walk (a
 * resumed scan walks again); the others survive a resume, counted by the
 * sitting that read the file first.
 */
export interface ScanCounts {
  seen: number;
  unchanged: number;
  read: number;
  failed: number;
  moved: number;
  missing: number;
  bytesRead: number;
}

export function emptyScanCounts(): ScanCounts {
  return { seen: 0, unchanged: 0, read: 0, failed: 0, moved: 0, missing: 0, bytesRead: 0 };
}

/** The counts a new sitting starts from: what an earlier sitting read, before it walks again. */
export function resumeCounts<C extends ScanCounts>(saved: C): C {
  return { ...saved, seen: 0, unchanged: 0 };
}

/** What reading one file came to, as the counts see it. */
export interface ReadOutcome {
  bytes: number;
  /** Unreadable: a problem was recorded instead of its metadata. */
  failed: boolean;
  /** Found to be a known file at a new path. */
  moved: boolean;
}

export function countRead(counts: ScanCounts, outcome: ReadOutcome): void {
  if (outcome.moved) counts.moved++;
  if (outcome.failed) counts.failed++;
  else counts.read++;
  counts.bytesRead += outcome.bytes;
}

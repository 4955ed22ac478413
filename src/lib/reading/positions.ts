import { latestPosition, positionOf, type DevicePosition } from '#core/reading/reading-state';
import { progressIdRange, readProgressDoc, type ProgressDoc } from '#core/schema/progress-doc';
import type { ReadingStatus } from '#core/schema/reading-status-doc';
import { currentUserDb } from '$lib/db/data-flow';
import type { ReaderLocation } from '$lib/reader/reader-types';
import { PositionRecorder } from './position-recorder';
import { writeStatus } from '#core/reading/status-revisions';
import { thisDevice } from './this-device.svelte';
import { noteUnsaved, unsavedNewerThan } from './unsaved-position';

export type { DevicePosition } from '#core/reading/reading-state';

/**
 * What the reading page asks of the user's reading: where to start, where
 * the reader is, and the status set by hand. Everything is written to the
 * signed-in user's own database in this browser (so it works offline) and
 * replicates to their other devices through the agent.
 */

const recorder = new PositionRecorder({
  db: currentUserDb,
  device: () => ({ id: thisDevice.id, name: thisDevice.name }),
  onError: (error) => console.error('[colophon] The reading position could not be saved:', error),
});

// Leaving or hiding the page (closing a tab, switching apps on a phone) writes what is pending.
addEventListener('pagehide', () => void recorder.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void recorder.flush();
});

export interface BookPositions {
  mine?: DevicePosition;
  latest?: DevicePosition;
}

/** This device's last position in the book, and the latest of any device (may be the same). */
export async function positionsOf(bookId: string): Promise<BookPositions> {
  const found = await currentUserDb().allDocs({ ...progressIdRange(bookId), include_docs: true });
  const docs = found.rows
    .map((row) => readProgressDoc(row.doc))
    .filter((doc): doc is ProgressDoc => doc !== undefined);
  const saved = docs.find((doc) => doc.device === thisDevice.id);
  const newest = latestPosition(docs);
  let mine = saved && positionOf(saved);
  let latest = newest && positionOf(newest);
  // A place this device reached but had not written when the page went away: it counts, and is
  // written now.
  const unsaved = unsavedNewerThan(bookId, mine);
  if (unsaved) {
    mine = unsaved;
    if (!latest || Date.parse(unsaved.at) >= Date.parse(latest.at)) latest = unsaved;
    recorder.record(bookId, {
      locator: unsaved.locator,
      percentage: unsaved.percentage,
      label: '',
      atEnd: false,
    });
  }
  return { ...(mine ? { mine } : {}), ...(latest ? { latest } : {}) };
}

/**
 * Calls `changed` with the book's positions whenever one arrives or changes
 * (another device's, replicated after the book was opened on this one).
 * Returns a function that stops watching.
 */
export function watchPositions(
  bookId: string,
  changed: (positions: BookPositions) => void,
): () => void {
  const prefix = progressIdRange(bookId).startkey;
  const feed = currentUserDb()
    .changes({
      live: true,
      since: 'now',
      filter: (doc: { _id: string }) => doc._id.startsWith(prefix),
    })
    .on('change', () => {
      void positionsOf(bookId).then(changed);
    });
  return () => feed.cancel();
}

/** Writes the positions still waiting (the reader is being closed). */
export function flushPositions(): Promise<void> {
  return recorder.flush();
}

/**
 * Records where the reader is (throttled to ~1 write per 3 s per book,
 * flushed on pagehide/visibilitychange hidden); reaching atEnd marks the book
 * finished; the first location of an unread book marks it reading.
 */
export function recordLocation(bookId: string, location: ReaderLocation): void {
  noteUnsaved(bookId, {
    locator: location.locator,
    percentage: location.percentage,
    device: thisDevice.id,
    deviceName: thisDevice.name,
    at: new Date().toISOString(),
  });
  recorder.record(bookId, location);
}

/** Sets the status by hand. */
export function setReadingStatus(bookId: string, status: ReadingStatus): Promise<void> {
  return writeStatus(currentUserDb(), bookId, status, thisDevice.id, new Date());
}

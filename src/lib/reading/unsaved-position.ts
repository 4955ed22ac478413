import type { DevicePosition } from '#core/reading/reading-state';

/**
 * The last place of each book this device reported, kept synchronously in
 * localStorage as the reader moves. Position documents are written to
 * IndexedDB at most every few seconds, and a write started as the page goes
 * away (a reload, a closed tab) may never finish: this note survives it, and
 * the next open takes it when it is newer than what the database holds.
 */

const PREFIX = 'colophon:unsaved-position:';

export function noteUnsaved(book: string, position: DevicePosition): void {
  try {
    localStorage.setItem(PREFIX + book, JSON.stringify(position));
  } catch {
    // Storage full or refused: the database write still happens.
  }
}

/** The noted place when it is newer than `saved` (else the note is done with and dropped). */
export function unsavedNewerThan(
  book: string,
  saved: DevicePosition | undefined,
): DevicePosition | undefined {
  let noted: DevicePosition | undefined;
  try {
    const text = localStorage.getItem(PREFIX + book);
    noted = text ? (JSON.parse(text) as DevicePosition) : undefined;
  } catch {
    return undefined;
  }
  if (!noted || typeof noted.locator !== 'string' || typeof noted.at !== 'string') return undefined;
  if (saved && Date.parse(saved.at) >= Date.parse(noted.at)) {
    localStorage.removeItem(PREFIX + book);
    return undefined;
  }
  return noted;
}

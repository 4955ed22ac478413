import type { ProgressDoc } from '../schema/progress-doc';
import type { ReadingStatus, ReadingStatusDoc } from '../schema/reading-status-doc';

/** Where one device was in a book. */
export interface DevicePosition {
  locator: string;
  /** 0..1 */
  percentage: number;
  device: string;
  deviceName: string;
  /** ISO 8601. */
  at: string;
}

/** One user's reading of one book, as pages show it. */
export interface ReadingState {
  book: string;
  status: ReadingStatus;
  /** The latest position of any device, when there is one. */
  latest?: DevicePosition;
  /** When the user last did something with the book (a setting or a position), ISO 8601; '' for never. */
  activeAt: string;
}

export function positionOf(doc: ProgressDoc): DevicePosition {
  return {
    locator: doc.locator,
    percentage: doc.percentage,
    device: doc.device,
    deviceName: doc.deviceName,
    at: doc.updatedAt,
  };
}

const later = (a: string, b: string) => Date.parse(a) - Date.parse(b);

/** The position to continue from: the latest one written, the greater device id on a tie. */
export function latestPosition(docs: readonly ProgressDoc[]): ProgressDoc | undefined {
  let best: ProgressDoc | undefined;
  for (const doc of docs) {
    if (!best) best = doc;
    else {
      const order = later(doc.updatedAt, best.updatedAt);
      if (order > 0 || (order === 0 && doc.device > best.device)) best = doc;
    }
  }
  return best;
}

/**
 * A book's reading state from its documents: the status the user set (the
 * resolved one, see resolveStatus), else `reading` once any device has a
 * position in it, else `unread`; the latest position of any device.
 */
export function readingState(
  book: string,
  status: ReadingStatusDoc | undefined,
  positions: readonly ProgressDoc[],
): ReadingState {
  const latest = latestPosition(positions);
  const times = [status?.setAt, latest?.updatedAt].filter((t): t is string => !!t);
  return {
    book,
    status: status?.status ?? (latest ? 'reading' : 'unread'),
    ...(latest ? { latest: positionOf(latest) } : {}),
    activeAt: times.sort(later).at(-1) ?? '',
  };
}

/**
 * The status a new reader location sets, if any: the last page finishes the
 * book; the first location of an unread book starts it. Finished stays
 * finished when the book is opened again (a re-read is not undone).
 */
export function statusAfterLocation(
  current: ReadingStatus,
  location: { atEnd: boolean },
): ReadingStatus | undefined {
  if (location.atEnd) return current === 'finished' ? undefined : 'finished';
  return current === 'unread' ? 'reading' : undefined;
}

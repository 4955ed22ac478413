import type { ProgressDoc } from '../schema/progress-doc';
import type { ReadingStatus } from '../schema/reading-status-doc';
import { statusAfterLocation } from './reading-state';
import { readStatus, writeStatus } from './status-revisions';

const WRITE_ATTEMPTS = 3;

function isConflict(error: unknown): boolean {
  return !!error && typeof error === 'object' && 'status' in error && error.status === 409;
}

/** Writes a device's position document over whatever revision it has now. */
export async function putPosition(db: PouchDB.Database, doc: ProgressDoc): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const existing = await db.get(doc._id).catch(() => undefined);
    try {
      await db.put({ ...doc, ...(existing ? { _rev: existing._rev } : {}) });
      return;
    } catch (error) {
      // The same device wrote it meanwhile (another tab, a retried request): write over that.
      if (!isConflict(error) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Records where a device is in a book, in the user's database: its position
 * document, then the status it implies (the first position of an unread
 * book starts it, the end finishes it). Every reader writes this way, the
 * in-app ones and KOReader's through the agent. Returns the status set, if any.
 */
export async function recordPosition(
  db: PouchDB.Database,
  doc: ProgressDoc,
  atEnd: boolean,
): Promise<ReadingStatus | undefined> {
  await putPosition(db, doc);
  const { settled } = await readStatus(db, doc.book);
  const status = statusAfterLocation(settled?.status ?? 'unread', { atEnd });
  if (status) await writeStatus(db, doc.book, status, doc.device, new Date(doc.updatedAt));
  return status;
}

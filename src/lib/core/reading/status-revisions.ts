import { resolveStatus } from './resolve-status';
import {
  readingStatusDoc,
  readingStatusDocId,
  readReadingStatusDoc,
  type ReadingStatus,
  type ReadingStatusDoc,
} from '../schema/reading-status-doc';

interface Stored {
  _id: string;
  _rev: string;
  _conflicts?: string[];
}

const WRITE_ATTEMPTS = 3;

function isStatus(error: unknown, status: number): boolean {
  return !!error && typeof error === 'object' && 'status' in error && error.status === status;
}

/**
 * The status a stored status document settles to: PouchDB keeps every
 * revision two devices wrote while apart (`_conflicts`), and resolveStatus
 * picks among them the same way on every device. Undefined when none is valid.
 */
export async function settledStatus(
  db: PouchDB.Database,
  doc: unknown,
): Promise<ReadingStatusDoc | undefined> {
  const stored = doc as Stored;
  const revisions: unknown[] = [doc];
  if (stored._conflicts?.length) {
    const others = await db.get(stored._id, { open_revs: stored._conflicts });
    for (const other of others) if ('ok' in other) revisions.push(other.ok);
  }
  return resolveStatus(
    revisions.map(readReadingStatusDoc).filter((r): r is ReadingStatusDoc => r !== undefined),
  );
}

/** A book's status document as stored (with its conflicts), and what it settles to. */
export async function readStatus(
  db: PouchDB.Database,
  book: string,
): Promise<{ stored?: Stored; settled?: ReadingStatusDoc }> {
  let stored: Stored;
  try {
    stored = (await db.get(readingStatusDocId(book), { conflicts: true })) as Stored;
  } catch (error) {
    if (isStatus(error, 404)) return {};
    throw error;
  }
  return { stored, settled: await settledStatus(db, stored) };
}

/**
 * Sets a book's status from this device. The setting is dated no earlier
 * than just after the one it replaces, so it wins on every device even when
 * this device's clock is behind; the revisions it settles (conflicts) are
 * removed with the same write. Nothing is written when the status is already
 * that, with no conflict to settle.
 */
export async function writeStatus(
  db: PouchDB.Database,
  book: string,
  status: ReadingStatus,
  device: string,
  now: Date,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { stored, settled } = await readStatus(db, book);
    const conflicts = stored?._conflicts ?? [];
    if (settled?.status === status && conflicts.length === 0) return;
    const after = settled ? Date.parse(settled.setAt) + 1 : 0;
    const doc = {
      ...readingStatusDoc(book, status, device, new Date(Math.max(now.getTime(), after))),
      ...(stored ? { _rev: stored._rev } : {}),
    };
    const settledRevisions = conflicts.map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true }));
    const [result] = await db.bulkDocs([doc, ...settledRevisions]);
    if (!result || !('error' in result) || !result.error) return;
    // Another tab wrote it meanwhile: read it again and decide again.
    if (isStatus(result, 409) && attempt < WRITE_ATTEMPTS) continue;
    throw new Error(`The reading status could not be saved: ${result.message ?? result.name}.`);
  }
}

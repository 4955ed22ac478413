import { statusAfterLocation } from '#core/reading/reading-state';
import { progressDoc, type ProgressDoc } from '#core/schema/progress-doc';
import type { ReaderLocation } from '$lib/reader/reader-types';
import { readStatus, writeStatus } from './status-revisions';

export interface RecorderOptions {
  /** The user database to write to, at the moment of writing (it changes with who is signed in). */
  db: () => PouchDB.Database;
  device: () => { id: string; name: string };
  /** At most one position write per book in this many milliseconds. */
  intervalMs?: number;
  now?: () => Date;
  /** A write failed: the next location tries again; the user may be told. */
  onError?: (error: unknown) => void;
}

const WRITE_ATTEMPTS = 3;

function isConflict(error: unknown): boolean {
  return !!error && typeof error === 'object' && 'status' in error && error.status === 409;
}

/** Writes this device's position document, over whatever revision it has now. */
async function putPosition(db: PouchDB.Database, doc: ProgressDoc): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const existing = await db.get(doc._id).catch(() => undefined);
    try {
      await db.put({ ...doc, ...(existing ? { _rev: existing._rev } : {}) });
      return;
    } catch (error) {
      // Another tab of this device wrote it meanwhile: write over that.
      if (!isConflict(error) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/**
 * Keeps where the reader is, per book: the latest location is written at
 * most once per interval (a reader reports every page turn), at once when
 * the book's end is reached, and on `flush` (the page is being hidden).
 * Each write also settles the status a location implies: the first location
 * of an unread book starts it, the last page finishes it. Writes of one book
 * run one after another, so they never race.
 */
export class PositionRecorder {
  private readonly pending = new Map<string, ReaderLocation>();
  private readonly lastWrite = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly writes = new Map<string, Promise<void>>();
  private readonly intervalMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: RecorderOptions) {
    this.intervalMs = options.intervalMs ?? 3000;
    this.now = options.now ?? (() => new Date());
  }

  record(book: string, location: ReaderLocation): void {
    this.pending.set(book, location);
    const since = this.now().getTime() - (this.lastWrite.get(book) ?? -Infinity);
    if (location.atEnd || since >= this.intervalMs) this.write(book);
    else if (!this.timers.has(book))
      this.timers.set(
        book,
        setTimeout(() => this.write(book), this.intervalMs - since),
      );
  }

  /** Writes every location not written yet; resolves when every write is done. */
  async flush(): Promise<void> {
    for (const book of [...this.pending.keys()]) this.write(book);
    await Promise.all(this.writes.values());
  }

  private write(book: string): void {
    clearTimeout(this.timers.get(book));
    this.timers.delete(book);
    const location = this.pending.get(book);
    if (!location) return;
    this.pending.delete(book);
    this.lastWrite.set(book, this.now().getTime());
    const at = this.now();
    const { db, device, onError } = this.options;
    const previous = this.writes.get(book) ?? Promise.resolve();
    const next = previous
      .then(async () => {
        const pouch = db();
        const { id, name } = device();
        await putPosition(
          pouch,
          progressDoc({
            book,
            locator: location.locator,
            percentage: location.percentage,
            device: id,
            deviceName: name,
            at,
          }),
        );
        const { settled } = await readStatus(pouch, book);
        const status = statusAfterLocation(settled?.status ?? 'unread', location);
        if (status) await writeStatus(pouch, book, status, id, at);
      })
      .catch((error: unknown) => onError?.(error));
    this.writes.set(book, next);
    void next.then(() => {
      if (this.writes.get(book) === next) this.writes.delete(book);
    });
  }
}

import { recordPosition } from '#core/reading/record-position';
import { progressDoc } from '#core/schema/progress-doc';
import type { ReaderLocation } from '$lib/reader/reader-types';

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
        const { id, name } = device();
        const doc = progressDoc({
          book,
          locator: location.locator,
          percentage: location.percentage,
          device: id,
          deviceName: name,
          at,
        });
        await recordPosition(db(), doc, location.atEnd);
      })
      .catch((error: unknown) => onError?.(error));
    this.writes.set(book, next);
    void next.then(() => {
      if (this.writes.get(book) === next) this.writes.delete(book);
    });
  }
}

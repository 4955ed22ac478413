import { applyUserChanges, type UserChange } from './reading-rows';
import { READING_MODEL_VERSION, type ReadingModel } from './reading-model';

const CATCH_UP_BATCH = 500;
const LIVE_FLUSH_MS = 100;
const RETRY_MS = 1000;

/** What the bridge changed: these books' states, after everything was dropped when `reset`. */
export interface ReadingChange {
  reset: boolean;
  books: string[];
}

/**
 * Keeps the reading model in step with one user's PouchDB, as Bridge does
 * the read model with the catalog: catches up from the last sequence it
 * applied, then follows the live changes. A model built from another replica
 * (another user signed in) or by other code is emptied first, and listeners
 * are told to read it all again.
 */
export class ReadingBridge {
  private feed?: PouchDB.Core.Changes<object>;
  private queue: UserChange[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(
    private readonly pouch: PouchDB.Database,
    private readonly model: ReadingModel,
    /** Which replica this is (its name): the model records it. */
    private readonly source: string,
    private readonly onChanged: (change: ReadingChange) => void = () => {},
  ) {}

  async start(): Promise<void> {
    const { model } = this;
    await model.transaction('rw', model.tables, async () => {
      const version = await model.meta.get('version');
      const source = await model.meta.get('source');
      if (version?.value === READING_MODEL_VERSION && source?.value === this.source) return;
      await Promise.all(model.tables.map((table) => table.clear()));
      await model.meta.bulkPut([
        { key: 'version', value: READING_MODEL_VERSION },
        { key: 'source', value: this.source },
      ]);
    });
    this.onChanged({ reset: true, books: [] });
    let seq = ((await model.meta.get('seq'))?.value as string | number | undefined) ?? 0;
    for (;;) {
      const batch = await this.pouch.changes({
        since: seq,
        limit: CATCH_UP_BATCH,
        include_docs: true,
        conflicts: true,
      });
      if (batch.results.length === 0 || this.stopped) break;
      if (!(await this.apply(batch.results, batch.last_seq))) return;
      seq = batch.last_seq;
    }
    if (this.stopped) return;
    const feed = this.pouch.changes({
      since: seq,
      live: true,
      include_docs: true,
      conflicts: true,
    });
    // An event emitter that is also a promise (settled on cancel); only its events matter.
    void feed.on('change', (change) => {
      this.queue.push(change);
      this.schedule(LIVE_FLUSH_MS);
    });
    this.feed = feed;
  }

  stop(): void {
    this.stopped = true;
    this.feed?.cancel();
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    this.timer ??= setTimeout(() => void this.flush(), ms);
  }

  /** False when the model now belongs to another replica: this bridge stops. */
  private async apply(changes: UserChange[], seq: string | number): Promise<boolean> {
    const books = await applyUserChanges(this.pouch, this.model, this.source, changes, seq);
    if (!books) {
      this.stop();
      return false;
    }
    if (!this.stopped && books.length) this.onChanged({ reset: false, books });
    return true;
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const changes = this.queue;
    this.queue = [];
    const last = changes.at(-1);
    if (!last || this.stopped) return;
    try {
      await this.apply(changes, last.seq);
    } catch {
      // Not applied, so not acknowledged: keep them, in order, and try again shortly.
      this.queue = [...changes, ...this.queue];
      this.schedule(RETRY_MS);
    }
  }
}

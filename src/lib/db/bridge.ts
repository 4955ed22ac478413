import { SCHEMA_VERSION } from '#core/schema/version';
import { applyChanges, type Change } from './materialise';
import { READ_MODEL_VERSION, type ReadModel } from './read-model';

const CATCH_UP_BATCH = 500;
const LIVE_FLUSH_MS = 100;
const RETRY_MS = 1000;

/**
 * Keeps the Dexie read model in step with the local PouchDB: catches up from
 * the last sequence it applied, then follows the live changes feed. Each batch
 * and its sequence are applied in one transaction (see materialise.ts), so a
 * reload resumes exactly where it stopped. A read model of another version,
 * or built by code of another schema version, is rebuilt from scratch: an
 * updated app then reads the documents an older one had to pass over.
 */
export class Bridge {
  private feed?: PouchDB.Core.Changes<object>;
  private queue: Change[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private seq: string | number = 0;
  private toldNewer = false;

  constructor(
    private readonly pouch: PouchDB.Database,
    private readonly model: ReadModel,
    /** Told the ids of the books each applied batch changed. */
    private readonly onBooksChanged: (ids: string[]) => void = () => {},
    /** Told that newer code wrote documents this code cannot read (the app needs reloading). */
    private readonly onNewerSchema: () => void = () => {},
  ) {}

  async start(): Promise<void> {
    const { model } = this;
    const version = await model.meta.get('version');
    const builtBy = await model.meta.get('builtBySchema');
    if (version?.value !== READ_MODEL_VERSION || builtBy?.value !== SCHEMA_VERSION) {
      await model.transaction('rw', model.tables, async () => {
        await Promise.all(model.tables.map((table) => table.clear()));
        await model.meta.put({ key: 'version', value: READ_MODEL_VERSION });
        await model.meta.put({ key: 'builtBySchema', value: SCHEMA_VERSION });
      });
    }
    await this.checkNewer();
    this.seq = ((await model.meta.get('seq'))?.value as string | number | undefined) ?? 0;
    await this.catchUp();
    const feed = this.pouch.changes({
      since: this.seq,
      live: true,
      include_docs: true,
      attachments: true,
      binary: true,
    });
    // The feed is an event emitter that is also a promise (settled on cancel); only its events matter.
    void feed.on('change', (change) => {
      this.queue.push(change);
      this.schedule(LIVE_FLUSH_MS);
    });
    this.feed = feed;
  }

  stop(): void {
    this.feed?.cancel();
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    this.timer ??= setTimeout(() => void this.flush(), ms);
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.pouch.changes({
        since: this.seq,
        limit: CATCH_UP_BATCH,
        include_docs: true,
        attachments: true,
        binary: true,
      });
      if (batch.results.length === 0) return;
      this.onBooksChanged(await applyChanges(this.model, batch.results, batch.last_seq));
      await this.checkNewer();
      this.seq = batch.last_seq;
    }
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const changes = this.queue;
    this.queue = [];
    const last = changes.at(-1);
    if (!last) return;
    try {
      this.onBooksChanged(await applyChanges(this.model, changes, last.seq));
      await this.checkNewer();
      this.seq = last.seq;
    } catch {
      // Not applied, so not acknowledged: keep them, in order, and try again shortly.
      this.queue = [...changes, ...this.queue];
      this.schedule(RETRY_MS);
    }
  }

  /** Tells, once, that newer code wrote documents the read model had to pass over. */
  private async checkNewer(): Promise<void> {
    if (this.toldNewer || (await this.model.meta.get('newerSeen'))?.value !== true) return;
    this.toldNewer = true;
    this.onNewerSchema();
  }
}

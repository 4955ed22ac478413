import { bookView } from '#core/catalog/book-view';
import { readBookDoc } from '#core/schema/book-doc';
import { readFolderDoc } from '#core/schema/folder-doc';
import { SCHEMA_DOC_ID, schemaDocSchema } from '#core/schema/version';
import { READ_MODEL_VERSION, type BookRow, type FolderRow, type ReadModel } from './read-model';

type Change = PouchDB.Core.ChangesResponseChange<object>;

const CATCH_UP_BATCH = 1000;
const LIVE_FLUSH_MS = 100;
const RETRY_MS = 1000;

/**
 * Keeps the Dexie read model in step with the local PouchDB: catches up from
 * the last sequence it applied, then follows the live changes feed. Each batch
 * and its sequence number are written in one transaction, so a reload resumes
 * exactly where it stopped. A read model of another version is rebuilt.
 */
export class Bridge {
  private feed?: PouchDB.Core.Changes<object>;
  private queue: Change[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private seq: string | number = 0;

  constructor(
    private readonly pouch: PouchDB.Database,
    private readonly model: ReadModel,
  ) {}

  async start(): Promise<void> {
    const version = await this.model.meta.get('version');
    if (version?.value !== READ_MODEL_VERSION) {
      await this.model.transaction(
        'rw',
        this.model.books,
        this.model.folders,
        this.model.meta,
        async () => {
          await Promise.all([
            this.model.books.clear(),
            this.model.folders.clear(),
            this.model.meta.clear(),
          ]);
          await this.model.meta.put({ key: 'version', value: READ_MODEL_VERSION });
        },
      );
    }
    this.seq = ((await this.model.meta.get('seq'))?.value as string | number | undefined) ?? 0;
    await this.catchUp();
    const feed = this.pouch.changes({ since: this.seq, live: true, include_docs: true });
    // The feed is an event emitter that is also a promise (settled on cancel); only its events matter.
    void feed.on('change', (change) => {
      this.queue.push(change);
      this.schedule(LIVE_FLUSH_MS);
    });
    this.feed = feed;
  }

  private schedule(ms: number): void {
    this.timer ??= setTimeout(() => void this.flush(), ms);
  }

  stop(): void {
    this.feed?.cancel();
    if (this.timer) clearTimeout(this.timer);
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.pouch.changes({
        since: this.seq,
        limit: CATCH_UP_BATCH,
        include_docs: true,
      });
      if (batch.results.length === 0) return;
      await this.apply(batch.results, batch.last_seq);
    }
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const changes = this.queue;
    this.queue = [];
    const last = changes.at(-1);
    if (!last) return;
    try {
      await this.apply(changes, last.seq);
    } catch {
      // Not applied, so not acknowledged: keep them, in order, and try again shortly.
      this.queue = [...changes, ...this.queue];
      this.schedule(RETRY_MS);
    }
  }

  private async apply(changes: Change[], seq: string | number): Promise<void> {
    const bookPuts = new Map<string, BookRow>();
    const folderPuts = new Map<string, FolderRow>();
    const deletes = new Set<string>();
    let schemaVersion: number | undefined;
    for (const change of changes) {
      bookPuts.delete(change.id);
      folderPuts.delete(change.id);
      deletes.delete(change.id);
      if (change.deleted) {
        deletes.add(change.id);
        continue;
      }
      const doc: unknown = change.doc;
      if (change.id === SCHEMA_DOC_ID) {
        const schema = schemaDocSchema.safeParse(doc);
        if (schema.success) schemaVersion = schema.data.version;
        continue;
      }
      const book = readBookDoc(doc);
      if (book) {
        bookPuts.set(book._id, bookView(book));
        continue;
      }
      const folder = readFolderDoc(doc);
      if (folder) {
        const { _rev: _ignored, ...row } = folder;
        folderPuts.set(row._id, row);
      }
    }
    const { books, folders, meta } = this.model;
    await this.model.transaction('rw', books, folders, meta, async () => {
      await books.bulkDelete([...deletes]);
      await folders.bulkDelete([...deletes]);
      await books.bulkPut([...bookPuts.values()]);
      await folders.bulkPut([...folderPuts.values()]);
      if (schemaVersion !== undefined) await meta.put({ key: 'schema', value: schemaVersion });
      await meta.put({ key: 'seq', value: seq });
    });
    this.seq = seq;
  }
}

import type { FileIndex } from '../store/file-index';
import type { LocalFileRow, ScanRun } from '../store/local-db';
import type { CatalogDoc, CatalogSink } from './scan-types';

// Each batch is one PouchDB write on the page's thread: small enough to stay a short task.
const FLUSH_EVERY_DOCS = 50;
const FLUSH_EVERY_MS = 300;
/** Flushes queued before `add` waits: readers go on while the catalog writes. */
const MAX_QUEUED_FLUSHES = 2;

/**
 * Collects index rows and catalog documents and writes them in batches: rows
 * (with the run's counters as of those rows) first, then documents. A tab
 * closed between the two leaves rows whose document is missing; a resumed
 * scan finds and re-reads exactly those (as the agent's scan does).
 */
export class BatchWriter {
  private rows: LocalFileRow[] = [];
  private docs: CatalogDoc[] = [];
  private lastFlush = Date.now();
  private writing: Promise<void> = Promise.resolve();
  private queued = 0;
  private failure: unknown;

  constructor(
    private readonly index: FileIndex,
    private readonly sink: CatalogSink,
    /** The run as it stands, taken when a batch is cut (so it counts exactly that batch and those before). */
    private readonly snapshot: () => ScanRun,
  ) {}

  /**
   * Queues rows and documents; starts a write when enough are pending. Waits
   * only when writes fall behind, so reading goes on while the catalog writes.
   */
  async add(rows: readonly LocalFileRow[], docs: readonly CatalogDoc[]): Promise<void> {
    this.rows.push(...rows);
    this.docs.push(...docs);
    const due =
      this.docs.length >= FLUSH_EVERY_DOCS ||
      this.rows.length >= FLUSH_EVERY_DOCS * 5 ||
      Date.now() - this.lastFlush >= FLUSH_EVERY_MS;
    if (!due) return;
    const written = this.write();
    if (this.queued > MAX_QUEUED_FLUSHES) await written;
  }

  /** Writes everything pending and waits for every write; throws the first write's failure. */
  async flush(): Promise<void> {
    await this.write();
    if (this.failure !== undefined) throw this.failure;
  }

  /** Writes what is pending after the writes before it (order is kept). */
  private write(): Promise<void> {
    const rows = this.rows;
    const docs = this.docs;
    const run = this.snapshot();
    this.rows = [];
    this.docs = [];
    this.lastFlush = Date.now();
    this.queued++;
    this.writing = this.writing
      .then(async () => {
        await this.index.commit(rows, run);
        if (docs.length > 0) await this.sink.put(docs);
      })
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.queued--);
    return this.writing;
  }
}

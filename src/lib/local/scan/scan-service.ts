import { poolSize } from '../pool/pool-size';
import { WorkerPool } from '../pool/worker-pool';
import type { ReaderService } from '../reader/reader-service';
import { latestRun } from '../store/folder-store';
import { emptyCounts, LocalDb, type ScanRun } from '../store/local-db';
import { FolderScan, walkFolder } from './folder-scan';
import { localFolderDoc } from './local-docs';
import { poolReaders } from './pool-readers';
import type { CatalogSink, Readers, ScanProgress } from './scan-types';

/** A reader gets this long per file before its worker is replaced (pdf.js and libarchive have their own, shorter, limits). */
const READ_DEADLINE_MS = 120_000;

/** One scan at a time per origin, across tabs: a second waits, then finds little left to do. */
const SCAN_LOCK = 'colophon-local-scan';

function newRun(folder: string): ScanRun {
  return {
    id: crypto.randomUUID(),
    folder,
    state: 'running',
    phase: 'discovering',
    startedAt: new Date().toISOString(),
    activeSeconds: 0,
    counts: emptyCounts(),
    problems: [],
  };
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * The scan coordinator, run in its own worker: it walks the folder, keeps
 * the file index, spreads the reading over a pool of reader workers sized to
 * the device's cores, and hands documents to the page's catalog. It resumes
 * a run that a closed tab left unfinished.
 */
export class ScanService {
  private readonly cancelled = new Set<string>();
  private readonly scanning = new Set<string>();
  private pool?: WorkerPool<ReaderService>;

  constructor(
    private readonly createReader: () => Worker,
    private readonly db: LocalDb = new LocalDb(),
    private readonly cores: number | undefined = globalThis.navigator?.hardwareConcurrency,
    /** For tests: readers that are not workers. */
    private readonly readersOverride?: Readers,
  ) {}

  /**
   * Scans a folder (resuming its unfinished run if there is one) and resolves
   * with the run as it ended. `files` is needed for a folder imported from a
   * file list.
   */
  async scan(
    folderId: string,
    sink: CatalogSink,
    onProgress: (progress: ScanProgress) => void,
    files?: File[],
  ): Promise<ScanRun> {
    this.cancelled.delete(folderId);
    this.scanning.add(folderId);
    onProgress({ folder: folderId, run: '', phase: 'queued', done: 0 });
    try {
      return await this.locked(() => this.scanNow(folderId, sink, onProgress, files));
    } finally {
      this.scanning.delete(folderId);
      if (this.scanning.size === 0) this.closePool();
    }
  }

  /** Stops a folder's scan after the files being read; what was read is kept. */
  cancel(folderId: string): void {
    if (this.scanning.has(folderId)) this.cancelled.add(folderId);
  }

  private async scanNow(
    folderId: string,
    sink: CatalogSink,
    onProgress: (progress: ScanProgress) => void,
    files?: File[],
  ): Promise<ScanRun> {
    const folder = await this.db.folders.get(folderId);
    if (!folder) throw new Error('This folder is no longer in the list.');
    // Cancelled while it waited its turn: no run is started (nor left to resume).
    if (this.cancelled.has(folderId)) {
      return (await latestRun(this.db, folderId)) ?? { ...newRun(folderId), state: 'cancelled' };
    }
    const run = await this.runFor(folderId);
    const events = walkFolder(folder, files);
    await sink.put([localFolderDoc(folder)]);
    const scan = new FolderScan(folder, run, {
      db: this.db,
      readers: this.readers(),
      sink,
      onProgress,
      stopped: () => this.cancelled.has(folderId),
    });
    return scan.execute(events);
  }

  /** The folder's unfinished run, to resume, or a new one. */
  private async runFor(folderId: string): Promise<ScanRun> {
    const last = await latestRun(this.db, folderId);
    if (last?.state === 'running') return last;
    const run = newRun(folderId);
    await this.db.runs.put(run);
    return run;
  }

  private readers(): Readers {
    if (this.readersOverride) return this.readersOverride;
    this.pool ??= new WorkerPool<ReaderService>(
      this.createReader,
      poolSize(this.cores),
      READ_DEADLINE_MS,
    );
    return poolReaders(this.pool);
  }

  /** Readers hold pdf.js and wasm heaps: let them go between scans. */
  private closePool(): void {
    this.pool?.close();
    this.pool = undefined;
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
    return locks ? locks.request(SCAN_LOCK, work) : work();
  }
}

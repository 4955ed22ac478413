import { archiveComicFormat } from '#core/formats/archive-alias';
import { formatFromName } from '#core/formats/detect';
import type { BookFormat } from '#core/formats/types';
import { FolderScanPolicy } from '#core/scan/folder-scan-policy';
import { mapLimit } from '#core/scan/map-limit';
import { ProgressMeter } from '#core/scan/progress-meter';
import { resumeCounts } from '#core/scan/scan-counts';
import { bookDocId } from '#core/schema/book-doc';
import { walkDirectory } from '../fs/walk-directory';
import { walkFileList } from '../fs/walk-file-list';
import { FolderUnreadableError, type WalkEvent, type WalkedFile } from '../fs/walk-types';
import { LOCAL_LIBRARY } from '../library';
import type { FileReading } from '../reader/read-local-file';
import { FileIndex } from '../store/file-index';
import type { LocalDb, LocalFileRow, LocalFolder, ScanRun } from '../store/local-db';
import { BatchWriter } from './batch-writer';
import { localBookDoc, localCoverDoc } from './local-docs';
import type { CatalogSink, Readers, ScanProgress } from './scan-types';

const PROGRESS_EVERY_MS = 200;
const CHECKPOINT_EVERY_MS = 1000;
const MAX_PROBLEMS = 300;

type Policy = FolderScanPolicy<LocalFileRow, WalkedFile>;

/**
 * The format a file is read as: its extension's, or for a plain archive
 * (`.zip`, `.rar`, `.7z`, `.tar`) its comic format, as the agent's scan
 * does (a comic only when it holds a page: see readLocalFile). A folder on
 * this device holds books and comics alike: no setting leaves comics out.
 */
export function formatOfName(name: string): BookFormat | undefined {
  return formatFromName(name) ?? archiveComicFormat(name);
}

/**
 * Every book format is read in a browser too (formats/read-book.ts,
 * READABLE_FORMATS), so the extension decides; importing that module here
 * would put every parser in the coordinator's bundle for one list.
 */
export function isCataloged(name: string): boolean {
  return formatOfName(name) !== undefined;
}

export interface FolderScanDeps {
  db: LocalDb;
  readers: Readers;
  sink: CatalogSink;
  onProgress: (progress: ScanProgress) => void;
  /** True once the user cancelled; checked between files. */
  stopped: () => boolean;
}

/**
 * One scan of one picked folder, the driver of core's FolderScanPolicy (as
 * the agent's scan job is): walk (through the folder's handle), read what is
 * new or changed in the reader workers, mark what was not found as missing,
 * then make the covers. Rows and documents are written as it goes and the
 * run is checkpointed, so a scan cut short by a closed tab resumes where it
 * was.
 */
export class FolderScan {
  private readonly index: FileIndex;
  private readonly writer: BatchWriter;
  /** Every cataloged file the walk found, by path. */
  private readonly found = new Map<string, WalkedFile>();
  private readonly sittingStarted = Date.now();
  private readonly activeBefore: number;
  private lastProgress = 0;
  private lastCheckpoint = Date.now();

  constructor(
    private readonly folder: LocalFolder,
    private readonly run: ScanRun,
    private readonly deps: FolderScanDeps,
  ) {
    this.index = new FileIndex(deps.db);
    this.writer = new BatchWriter(this.index, deps.sink, () => this.snapshot());
    this.activeBefore = run.activeSeconds;
  }

  /** Runs (or resumes) the scan to its end; the run's state says how it ended. */
  async execute(events: AsyncIterable<WalkEvent>): Promise<ScanRun> {
    try {
      await this.checkpoint('discovering', true);
      this.run.counts = resumeCounts(this.run.counts);
      const policy = await FolderScanPolicy.start<LocalFileRow, WalkedFile>(
        this.index,
        this.folder.id,
        this.run.id,
        this.run.counts,
      );
      const todo = await this.discover(policy, events);
      if (!this.deps.stopped()) await this.readAll(policy, todo);
      if (!this.deps.stopped()) await this.markMissing(policy);
      if (!this.deps.stopped()) await this.makeCovers();
      await this.writer.flush();
      return await this.finish(this.deps.stopped() ? 'cancelled' : 'done');
    } catch (error) {
      await this.writer.flush().catch(() => undefined);
      this.run.error = error instanceof Error ? error.message : String(error);
      return this.finish('failed');
    }
  }

  private async discover(policy: Policy, events: AsyncIterable<WalkEvent>): Promise<WalkedFile[]> {
    const todo: WalkedFile[] = [];
    for await (const event of events) {
      if (this.deps.stopped()) return [];
      if (event.kind === 'notice') {
        this.problem(event.path, event.message);
        continue;
      }
      const file = event.file;
      this.found.set(file.rel, file);
      if (policy.found(file) === 'read') todo.push(file);
      this.progress({ phase: 'discovering', done: this.run.counts.seen, current: file.rel });
    }
    // Read by an earlier sitting, but the tab closed before its document was written.
    todo.push(...(await policy.readAgain((bookIds) => this.written(bookIds))));
    return todo;
  }

  /** Whether each of these books has its document in the catalog. */
  private async written(bookIds: readonly string[]): Promise<boolean[]> {
    if (bookIds.length === 0) return [];
    const ids = bookIds.map((id) => bookDocId(LOCAL_LIBRARY, id));
    const existing = new Set(await this.deps.sink.existing(ids));
    return ids.map((id) => existing.has(id));
  }

  private async readAll(policy: Policy, todo: WalkedFile[]): Promise<void> {
    await this.checkpoint('reading', true);
    const meter = new ProgressMeter(
      todo.length,
      todo.reduce((sum, f) => sum + f.size, 0),
    );
    await mapLimit(
      todo,
      this.deps.readers.concurrency,
      async (file) => {
        const format = formatOfName(file.rel);
        if (!format) return;
        const reading = await this.deps.readers.read(file.file, file.rel, format);
        if (reading.accessLost)
          throw new FolderUnreadableError(this.folder.name, 'access was withdrawn');
        await this.record(policy, file, reading);
        meter.add(file.size);
        this.progress({
          phase: 'reading',
          done: meter.done,
          total: todo.length,
          bytesDone: meter.bytesDone,
          bytesTotal: meter.totalBytes,
          rate: meter.rate(),
          etaSeconds: meter.etaSeconds(),
          current: file.rel,
        });
        await this.checkpoint('reading');
      },
      this.deps.stopped,
    );
    await this.writer.flush();
  }

  /** The index row and book document of a file just read. */
  private async record(policy: Policy, file: WalkedFile, reading: FileReading): Promise<void> {
    const format = formatOfName(file.rel);
    if (!format) return;
    const known = policy.isKnown(file.rel)
      ? await this.index.at(this.folder.id, file.rel)
      : undefined;
    if (reading.notComic !== undefined) {
      // A zip of something else: not a book, and not a problem.
      if (!known) return;
      // Cataloged as a comic before and holding no pages now: kept, and said why.
      reading = { ...reading, problem: { code: 'unsupported-format', message: reading.notComic } };
    }
    const moved = known
      ? undefined
      : await policy.movedFrom(reading.contentKey, (row) => !this.found.has(row.path));
    const previous = known ?? moved;
    const cover = reading.extraction?.cover;
    const coverKept = moved?.coverState === 'done' && moved.contentKey === reading.contentKey;
    const row: LocalFileRow = {
      folder: this.folder.id,
      path: file.rel,
      bookId: previous?.bookId ?? crypto.randomUUID().replace(/-/g, ''),
      format,
      size: file.size,
      mtimeMs: file.mtimeMs,
      status: reading.problem ? 'corrupted' : 'ok',
      contentKey: reading.contentKey,
      addedAt: previous?.addedAt ?? Date.now(),
      seenRun: this.run.id,
      ...(cover ? { cover } : {}),
      coverState: coverKept ? 'done' : cover ? 'pending' : 'none',
    };
    if (moved) await this.index.move(moved, row);
    // Counted by the sitting that read it first; nothing awaits between counting and queueing.
    if (reading.problem && !policy.isRecovering(file.rel))
      this.problem(file.rel, reading.problem.message);
    policy.counted(file, { failed: reading.problem !== undefined, moved: moved !== undefined });
    const doc = localBookDoc(row, reading.extraction, reading.problem, Date.now());
    await this.writer.add([row], [doc]);
  }

  private async markMissing(policy: Policy): Promise<void> {
    await this.checkpoint('finishing', true);
    const paths = policy.missing();
    if (paths.length === 0) return;
    const gone = (await this.index.rowsAt(this.folder.id, paths)).filter(
      (row) => row !== undefined,
    );
    await this.index.commit(
      gone.map((row) => ({ ...row, status: 'missing' as const })),
      this.snapshot(),
    );
    await this.deps.sink.markMissing(gone.map((row) => bookDocId(LOCAL_LIBRARY, row.bookId)));
  }

  private async makeCovers(): Promise<void> {
    this.run.catalogedAt = new Date().toISOString();
    await this.checkpoint('covers', true);
    const pending = (await this.index.inFolder(this.folder.id)).filter(
      (row) => row.coverState === 'pending' && row.cover && this.found.has(row.path),
    );
    const meter = new ProgressMeter(pending.length, 0);
    await mapLimit(
      pending,
      this.deps.readers.concurrency,
      async (row) => {
        const file = this.found.get(row.path);
        if (!file || !row.cover) return;
        const result = await this.deps.readers.cover(file.file, row.path, row.format, row.cover);
        if (result.kind === 'made') {
          this.run.counts.covers++;
          await this.writer.add(
            [{ ...row, coverState: 'done' }],
            [localCoverDoc(row.bookId, result.cover)],
          );
        } else {
          if (result.kind === 'failed') this.run.counts.coversFailed++;
          this.problem(row.path, `No cover: ${result.message} A placeholder is shown.`);
          await this.writer.add([{ ...row, coverState: 'failed' }], []);
        }
        meter.add(0);
        this.progress({
          phase: 'covers',
          done: meter.done,
          total: pending.length,
          rate: meter.rate(),
          etaSeconds: meter.etaSeconds(),
          current: row.path,
        });
        await this.checkpoint('covers');
      },
      this.deps.stopped,
    );
  }

  /** Notes a problem once (a resumed run walks again and meets the same ones). */
  private problem(path: string, message: string): void {
    const problems = this.run.problems;
    if (problems.length >= MAX_PROBLEMS) return;
    if (problems.some((p) => p.path === path && p.message === message)) return;
    problems.push({ path, message });
  }

  private progress(progress: Omit<ScanProgress, 'folder' | 'run'>): void {
    const now = Date.now();
    const last = progress.total !== undefined && progress.done === progress.total;
    if (!last && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    this.deps.onProgress({ folder: this.folder.id, run: this.run.id, ...progress });
  }

  /** The run as it stands, for storing. */
  private snapshot(): ScanRun {
    this.run.activeSeconds = this.activeBefore + (Date.now() - this.sittingStarted) / 1000;
    return structuredClone(this.run);
  }

  /**
   * Saves where the run is (phase, time spent), at most once a second unless
   * forced. Counters are saved only with the rows they count (BatchWriter).
   */
  private async checkpoint(phase: ScanRun['phase'], force = false): Promise<void> {
    const now = Date.now();
    this.run.phase = phase;
    if (!force && now - this.lastCheckpoint < CHECKPOINT_EVERY_MS) return;
    this.lastCheckpoint = now;
    const { activeSeconds, catalogedAt } = this.snapshot();
    await this.deps.db.runs.update(this.run.id, {
      phase,
      activeSeconds,
      ...(catalogedAt ? { catalogedAt } : {}),
    });
  }

  private async finish(state: ScanRun['state']): Promise<ScanRun> {
    this.run.state = state;
    this.run.finishedAt = new Date().toISOString();
    this.run.catalogedAt ??= this.run.finishedAt;
    const run = this.snapshot();
    await this.deps.db.runs.put(run);
    return run;
  }
}

/** The walk for a folder: through its handle, or over the files imported with it. */
export function walkFolder(folder: LocalFolder, files?: readonly File[]): AsyncIterable<WalkEvent> {
  if (folder.kind === 'handle' && folder.handle) return walkDirectory(folder.handle, isCataloged);
  if (files) return walkFileList(files, isCataloged);
  throw new Error(
    `"${folder.name}" was imported from a file list, which this browser does not keep: import it again to update it.`,
  );
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pMap from 'p-map';
import { formatFromName } from '#core/formats/detect';
import { READABLE_FORMATS } from '#core/formats/read-book';
import { bookDocId, type BookDoc } from '#core/schema/book-doc';
import { bookDoc, folderDoc } from '../catalog/book-docs';
import { markBooksMissing } from '../catalog/mark-missing';
import type { AgentContext } from '../context';
import { listFolders, type Folder } from '../folders/folders';
import type { ReaderPool } from '../readers/reader-pool';
import { newId } from '../ids';
import type { JobContext, JobHandler } from '../jobs/runner';
import { FileIndex, type FileRow, type NewFileRow } from './file-index';
import { KnownFiles } from './known-files';
import { PendingFiles } from './pending-files';
import { walk, type WalkedFile } from './walk';

export const SCAN_JOB = 'scan';

const FLUSH_EVERY_DOCS = 100;
const FLUSH_EVERY_MS = 300;
const CHECKPOINT_EVERY_FILES = 50;
const READ_CONCURRENCY = 8;
const LARGE_FILE_BYTES = 2 * 1024 ** 3;

/** Counters that survive a restart (kept in the job's checkpoint). */
interface ScanCheckpoint {
  read: number;
  failed: number;
  moved: number;
  missing: number;
  bytesRead: number;
  /** Folders finished by an earlier run of this job. */
  foldersDone: string[];
}

export interface ScanPayload {
  /** Folder ids to scan; all library folders when absent. */
  folders?: string[];
}

function isCataloged(name: string): boolean {
  const format = formatFromName(name);
  return format !== undefined && READABLE_FORMATS.includes(format);
}

/**
 * The scan, as a durable job. Per folder: discover (walk; unchanged files are
 * only marked seen), read what is new or changed (with progress, rate and
 * ETA), then mark what was not seen as missing. A file's row is written as
 * soon as it is read, so a scan killed half-way resumes without reopening the
 * files it already read. A new file whose content key matches a file that is
 * no longer at its old path is the same book, moved: it keeps its identity.
 */
export function scanJob(
  agent: AgentContext,
  readers: ReaderPool,
  onCoversPending: () => void,
): JobHandler {
  return async (ctx) => {
    const payload = ctx.job.payload as ScanPayload;
    const checkpoint: ScanCheckpoint = ctx.checkpoint<ScanCheckpoint>() ?? {
      read: 0,
      failed: 0,
      moved: 0,
      missing: 0,
      bytesRead: 0,
      foldersDone: [],
    };
    const folders = listFolders(agent.db).filter(
      (f) => !payload.folders || payload.folders.includes(f.id),
    );
    await agent.catalog.upsert(folders.map((f) => folderDoc(agent.library, f)));
    const scan = new FolderScan(agent, readers, ctx, checkpoint, folders, onCoversPending);
    for (const folder of folders) {
      if (checkpoint.foldersDone.includes(folder.id)) continue;
      const complete = await scan.run(folder);
      if (!complete) return { ...scan.summary(), interrupted: true };
      checkpoint.foldersDone.push(folder.id);
      ctx.saveCheckpoint(checkpoint);
    }
    const summary = scan.summary();
    ctx.log(
      'scan.done',
      `Scan finished: ${summary.seen} files, ${summary.read} read, ${summary.unchanged} unchanged, ` +
        `${summary.failed} unreadable, ${summary.moved} moved, ${summary.missing} missing.`,
      undefined,
      summary,
    );
    return summary;
  };
}

class FolderScan {
  private readonly index: FileIndex;
  private seen = 0;
  private unchanged = 0;
  private pending: BookDoc[] = [];
  private lastFlush = Date.now();
  private coversPending = false;

  constructor(
    private readonly agent: AgentContext,
    private readonly readers: ReaderPool,
    private readonly ctx: JobContext,
    private readonly counters: ScanCheckpoint,
    private readonly folders: Folder[],
    private readonly onCoversPending: () => void,
  ) {
    this.index = new FileIndex(agent.db);
  }

  summary() {
    const { read, failed, moved, missing, bytesRead } = this.counters;
    return { seen: this.seen, unchanged: this.unchanged, read, failed, moved, missing, bytesRead };
  }

  /** Scans one folder; false when it stopped early (cancelled or shutting down). */
  async run(folder: Folder): Promise<boolean> {
    const jobId = this.ctx.job.id;
    // Unchanged files are only counted, never written to: marking 100,000 rows
    // seen rewrote the whole table on every rescan. What the walk did not meet is
    // checked for missing at the end.
    const known = new KnownFiles(this.agent.db, folder.id);
    const todo = new PendingFiles(folder.root);
    const readEarlier: WalkedFile[] = [];

    // Links may lead into any library folder, not only the one being scanned.
    const within = listFolders(this.agent.db).map((f) => f.root);
    for await (const event of walk(folder.root, isCataloged, { within })) {
      if (this.ctx.shouldStop) return false;
      if (event.kind === 'notice') {
        this.ctx.log('scan.notice', event.message, event.path);
        continue;
      }
      for (const file of event.files) {
        this.seen++;
        if (file.size > LARGE_FILE_BYTES) {
          this.ctx.log(
            'scan.notice',
            `Large file (${(file.size / 1024 ** 3).toFixed(1)} GB): cataloged, but reading it may be slow.`,
            file.path,
          );
        }
        const state = known.meet(file.rel, file.size, file.mtimeMs, jobId);
        if (state === 'read') readEarlier.push(file);
        else if (state === 'unchanged') this.unchanged++;
        else todo.add(file);
      }
      this.ctx.progress({
        phase: 'discovering',
        done: this.seen,
        current: event.files.at(-1)?.rel,
        message: `${this.seen} files found`,
      });
      await this.ctx.breathe();
    }
    const recover = new Set(await this.lostDocuments(known, readEarlier));
    for (const file of readEarlier) if (recover.has(file.rel)) todo.add(file);

    const bytesTotal = todo.bytes;
    let bytesDone = 0;
    const readStart = Date.now();
    let done = 0;
    let stopped = false;
    let failure: { error: unknown } | undefined;
    const readAndReport = async (file: WalkedFile) => {
      const id = known.id(file.rel);
      const row = id === undefined ? undefined : this.index.get(id);
      await this.readOne(folder, file, row, recover.has(file.rel));
      done++;
      bytesDone += file.size;
      const elapsed = (Date.now() - readStart) / 1000;
      const bytesRate = elapsed > 0 ? bytesDone / elapsed : 0;
      this.ctx.progress({
        phase: 'reading',
        done,
        total: todo.length,
        bytesDone,
        bytesTotal,
        rate: elapsed > 0 ? done / elapsed : undefined,
        etaSeconds: bytesRate > 0 ? Math.round((bytesTotal - bytesDone) / bytesRate) : undefined,
        current: file.rel,
      });
      if (done % CHECKPOINT_EVERY_FILES === 0) this.ctx.saveCheckpoint(this.counters);
      if (this.pending.length >= FLUSH_EVERY_DOCS || Date.now() - this.lastFlush >= FLUSH_EVERY_MS)
        await this.flush();
      await this.ctx.breathe();
    };
    // More files in flight than reader processes: a reader then never waits while the
    // agent writes the last file's row and documents (8 against 4 was ~4% faster).
    await pMap(
      todo,
      async (file) => {
        if (stopped || (stopped = this.ctx.shouldStop)) return;
        try {
          await readAndReport(file);
        } catch (error) {
          // E.g. a full disk: the files in flight finish before the job ends, so none
          // writes after it; the job runs again from its checkpoint.
          failure ??= { error };
          stopped = true;
        }
      },
      { concurrency: READ_CONCURRENCY },
    );
    if (failure) throw failure.error;
    if (stopped) {
      await this.flush();
      this.ctx.saveCheckpoint(this.counters);
      return false;
    }
    await this.flush();
    await this.markMissing(folder, known.notMet());
    this.ctx.saveCheckpoint(this.counters);
    return true;
  }

  /**
   * Files an earlier run of this job read before it was killed whose catalog
   * document was not yet written (documents are written in batches): they are
   * read again, keeping their book id.
   */
  private async lostDocuments(known: KnownFiles, readEarlier: WalkedFile[]): Promise<string[]> {
    if (readEarlier.length === 0) return [];
    const ids = readEarlier.map((file) => {
      const row = this.index.get(known.id(file.rel) ?? -1);
      return bookDocId(this.agent.library, row?.book_id ?? '');
    });
    const found = await this.agent.catalog.db.allDocs({ keys: ids });
    return readEarlier
      .filter((_, i) => !('id' in (found.rows[i] ?? {})) || 'error' in (found.rows[i] ?? {}))
      .map((file) => file.rel);
  }

  private async readOne(
    folder: Folder,
    file: WalkedFile,
    known: FileRow | undefined,
    recovering = false,
  ): Promise<void> {
    const format = formatFromName(file.rel);
    if (!format) return;
    const reading = await this.readers.readFile(file.path, file.rel, format);
    const moved = known ? undefined : this.movedFrom(reading.contentKey);
    if (moved) {
      this.index.move(moved.id, folder.id, file.rel);
      this.counters.moved++;
      this.ctx.log('book.moved', `Moved from ${moved.rel_path}.`, file.path, {
        book: moved.book_id,
      });
    }
    const previous = known ?? moved;
    const now = Date.now();
    const row: NewFileRow = {
      folder_id: folder.id,
      rel_path: file.rel,
      book_id: previous?.book_id ?? newId(),
      format,
      size: file.size,
      mtime_ms: file.mtimeMs,
      status: reading.problem ? 'corrupted' : 'ok',
      problem_code: reading.problem?.code ?? null,
      problem_message: reading.problem?.message ?? null,
      added_at: previous?.added_at ?? now,
      scanned_at: now,
      content_key: reading.contentKey,
      last_seen_job: this.ctx.job.id,
      cover_ref: reading.extraction?.cover ? JSON.stringify(reading.extraction.cover) : null,
      cover_state: reading.extraction?.cover ? 'pending' : 'none',
    };
    // The row and its log line together: a kill cannot leave one without the other.
    this.agent.db.transaction(() => {
      this.index.upsert(row);
      if (recovering) return;
      if (reading.problem) {
        this.ctx.log('book.unreadable', reading.problem.message, file.path, {
          code: reading.problem.code,
        });
      } else if (!previous) {
        this.ctx.log('book.added', 'Added to the catalog.', file.path, { book: row.book_id });
      } else if (!moved) {
        this.ctx.log('book.updated', 'Changed on disk; read again.', file.path, {
          book: row.book_id,
        });
      }
    })();
    if (row.cover_state === 'pending') this.coversPending = true;
    this.counters.bytesRead += file.size;
    if (!recovering) {
      if (reading.problem) this.counters.failed++;
      else this.counters.read++;
    }
    this.pending.push(bookDoc(this.agent.library, row, reading.extraction));
  }

  /** A known file with this content that is no longer where it was: the same book, moved. */
  private movedFrom(key: string | null): FileRow | undefined {
    if (!key) return undefined;
    for (const row of this.index.movedCandidates(key, this.ctx.job.id)) {
      const root = this.folders.find((f) => f.id === row.folder_id)?.root;
      if (root && !existsSync(join(root, row.rel_path))) return row;
    }
    return undefined;
  }

  /** Marks missing the known files the walk did not meet that are not on disk. */
  private async markMissing(folder: Folder, notMet: readonly number[]): Promise<void> {
    const missing: string[] = [];
    for (const id of notMet) {
      // Read again: a file found moved during this scan has its new path, and was seen there.
      const row = this.index.get(id);
      if (!row || row.folder_id !== folder.id || row.last_seen_job === this.ctx.job.id) continue;
      if (row.status === 'missing') continue;
      // A file moved to another folder of this scan is found there, not missing.
      if (existsSync(join(folder.root, row.rel_path))) continue;
      this.index.setMissing(row.id);
      this.counters.missing++;
      this.ctx.log(
        'book.missing',
        'No longer on disk; kept in the catalog as missing.',
        join(folder.root, row.rel_path),
      );
      missing.push(row.book_id);
    }
    await markBooksMissing(this.agent, missing);
  }

  private async flush(): Promise<void> {
    const docs = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    await this.agent.catalog.upsert(docs);
    // Thumbnails are made alongside: the books are in the catalog, covers follow.
    if (this.coversPending) this.onCoversPending();
  }
}

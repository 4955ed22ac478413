import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalogedArchiveFormat } from '#core/formats/archive-alias';
import { formatFromName } from '#core/formats/detect';
import { READABLE_FORMATS } from '#core/formats/read-book';
import type { BookFormat } from '#core/formats/types';
import { formatsLeftOut } from '#core/scan/cataloged-formats';
import { FolderScanPolicy } from '#core/scan/folder-scan-policy';
import { mapLimit } from '#core/scan/map-limit';
import { ProgressMeter } from '#core/scan/progress-meter';
import { emptyScanCounts, resumeCounts, type ScanCounts } from '#core/scan/scan-counts';
import type { ScanPhase } from '#core/scan/scan-phase';
import { bookDocId, type BookDoc } from '#core/schema/book-doc';
import { bookDoc, folderDoc } from '../catalog/book-docs';
import { markBooksMissing } from '../catalog/mark-missing';
import type { AgentContext } from '../context';
import { folderUnavailable } from '../folders/folder-availability';
import { listFolders, type Folder } from '../folders/folders';
import { rewriteGroupsOf, workFields } from '../formats/work-fields';
import type { ReaderPool } from '../readers/reader-pool';
import { newId } from '../ids';
import type { JobContext, JobHandler } from '../jobs/runner';
import { FileIndex, type FileRow, type NewFileRow } from './file-index';
import { NotComics } from './not-comics';
import { PendingFiles } from './pending-files';
import { walk, type WalkedFile } from './walk';

export const SCAN_JOB = 'scan';

const FLUSH_EVERY_DOCS = 100;
const FLUSH_EVERY_MS = 300;
const CHECKPOINT_EVERY_FILES = 50;
const READ_CONCURRENCY = 8;
const LARGE_FILE_BYTES = 2 * 1024 ** 3;

/** The counts and the folders done, kept in the job's checkpoint to survive a restart. */
interface ScanCheckpoint extends ScanCounts {
  /** Folders finished by an earlier run of this job. */
  foldersDone: string[];
  /** Plain archives (.zip, .rar, .7z, .tar) left out because they hold no comic pages. */
  notComics: number;
  /**
   * Files unchanged since a read that failed: not read again, and not
   * counted as unchanged (the dashboard says they could not be read).
   * Counted by this sitting's walk, as `unchanged` is.
   */
  stillUnreadable: number;
}

export interface ScanPayload {
  /** Folder ids to scan; all library folders when absent. */
  folders?: string[];
}

/** Which formats a scan catalogs, read when it starts (the settings, in serve). */
export type CatalogedFormats = () => ReadonlySet<BookFormat>;

const EVERY_FORMAT: CatalogedFormats = () => new Set(READABLE_FORMATS);

/**
 * The scan, as a durable job: each library folder in turn, its policy
 * (what is read, moved, missing) core's FolderScanPolicy. A file's row is
 * written as soon as it is read, so a scan killed half-way resumes without
 * reopening the files it already read.
 */
export function scanJob(
  agent: AgentContext,
  readers: ReaderPool,
  onCoversPending: () => void,
  catalogedFormats: CatalogedFormats = EVERY_FORMAT,
): JobHandler {
  return async (ctx) => {
    const payload = ctx.job.payload as ScanPayload;
    const formats = catalogedFormats();
    const leftOut = formatsLeftOut(formats, READABLE_FORMATS);
    if (leftOut) {
      ctx.log(
        'scan.formats',
        `Not cataloging ${leftOut} files (Settings: formats to catalog and what the library holds). Books already cataloged in them stay.`,
      );
    }
    // A `.zip` (.rar, .7z, .tar) is read as its comic format when that is cataloged.
    const formatOf = (name: string): BookFormat | undefined => {
      const format = formatFromName(name);
      if (format !== undefined) return formats.has(format) ? format : undefined;
      return catalogedArchiveFormat(name, formats);
    };
    const checkpoint = resumeCounts<ScanCheckpoint>({
      ...emptyScanCounts(),
      foldersDone: [],
      notComics: 0,
      ...ctx.checkpoint<Partial<ScanCheckpoint>>(),
      stillUnreadable: 0,
    });
    const folders = listFolders(agent.db).filter(
      (f) => !payload.folders || payload.folders.includes(f.id),
    );
    await agent.catalog.upsert(folders.map((f) => folderDoc(agent.library, f)));
    const scan = new FolderScan(
      agent,
      readers,
      ctx,
      checkpoint,
      folders,
      onCoversPending,
      formatOf,
    );
    const cataloged = new FileIndex(agent.db).presentCounts();
    for (const folder of folders) {
      if (checkpoint.foldersDone.includes(folder.id)) continue;
      const unavailable = await folderUnavailable(folder.root, cataloged.get(folder.id) ?? 0);
      if (unavailable) {
        // Not walked: a walk of an unmounted share would find every book missing.
        ctx.log('folder.unavailable', unavailable, folder.root);
        checkpoint.foldersDone.push(folder.id);
        ctx.saveCheckpoint(checkpoint);
        continue;
      }
      const complete = await scan.run(folder);
      if (!complete) return { ...scan.summary(), interrupted: true };
      checkpoint.foldersDone.push(folder.id);
      ctx.saveCheckpoint(checkpoint);
    }
    const summary = scan.summary();
    ctx.log(
      'scan.done',
      `Scan finished: ${summary.seen} files, ${summary.read} read, ${summary.unchanged} unchanged, ` +
        `${summary.failed + summary.stillUnreadable} could not be read, ${summary.moved} moved, ${summary.missing} missing` +
        notComicsSentence(summary.notComics),
      undefined,
      summary,
    );
    return summary;
  };
}

/** The end of the summary's sentence: the archives left out as not comics, when there were any. */
function notComicsSentence(count: number): string {
  if (count === 0) return '.';
  return count === 1
    ? ', 1 archive skipped as not a comic (it holds no images).'
    : `, ${count} archives skipped as not comics (they hold no images).`;
}

type Policy = FolderScanPolicy<FileRow, WalkedFile>;

/**
 * One folder's scan: the agent's driver of core's FolderScanPolicy (as the
 * browser's folder scan is). It walks the disk, reads in reader processes,
 * and writes each file's row (with its log line) as soon as it is read, the
 * catalog documents in batches.
 */
class FolderScan {
  private readonly index: FileIndex;
  private readonly notComics: NotComics;
  private pending: BookDoc[] = [];
  /** Books whose file was missing and is back: their group lists them again. */
  private returned: string[] = [];
  private lastFlush = Date.now();
  private coversPending = false;

  constructor(
    private readonly agent: AgentContext,
    private readonly readers: ReaderPool,
    private readonly ctx: JobContext,
    private readonly counters: ScanCheckpoint,
    private readonly folders: Folder[],
    private readonly onCoversPending: () => void,
    private readonly formatOf: (name: string) => BookFormat | undefined,
  ) {
    this.index = new FileIndex(agent.db);
    this.notComics = new NotComics(agent.db);
  }

  summary() {
    const { foldersDone: _, ...counts } = this.counters;
    return counts;
  }

  /** Scans one folder; false when it stopped early (cancelled or shutting down). */
  async run(folder: Folder): Promise<boolean> {
    // Unchanged files are only counted, never written to: marking 100,000 rows
    // seen rewrote the whole table on every rescan.
    const policy = await FolderScanPolicy.start<FileRow, WalkedFile>(
      this.index,
      folder.id,
      this.ctx.job.id,
      this.counters,
    );
    const todo = new PendingFiles(folder.root);
    const unreadable = this.index.unreadableInFolder(folder.id);

    // Links may lead into any library folder, not only the one being scanned.
    const within = listFolders(this.agent.db).map((f) => f.root);
    const isBookFile = (name: string) => this.formatOf(name) !== undefined;
    // Plain archives the walk met: those remembered as not comics and not met are forgotten.
    const archivesMet = new Set<string>();
    for await (const event of walk(folder.root, isBookFile, { within })) {
      if (this.ctx.shouldStop) return false;
      if (event.kind === 'notice') {
        this.ctx.log('scan.notice', event.message, event.path);
        continue;
      }
      for (const file of event.files) {
        if (file.size > LARGE_FILE_BYTES) {
          this.ctx.log(
            'scan.notice',
            `Large file (${(file.size / 1024 ** 3).toFixed(1)} GB): cataloged, but reading it may be slow.`,
            file.path,
          );
        }
        if (formatFromName(file.rel) === undefined) {
          archivesMet.add(file.rel);
          if (this.notComics.has(folder.id, file.rel, file.size, file.mtimeMs)) {
            // Found not to be a comic before, and unchanged since: not opened again.
            this.counters.seen++;
            this.counters.notComics++;
            continue;
          }
        }
        const verdict = policy.found(file);
        if (verdict === 'read') todo.add(file);
        else if (verdict === 'unchanged' && unreadable.has(file.rel)) {
          // Unchanged, but its last read failed: it is not a book that is fine.
          this.counters.unchanged--;
          this.counters.stillUnreadable++;
        }
      }
      const seen = this.counters.seen;
      this.ctx.progress({
        phase: 'discovering' satisfies ScanPhase,
        done: seen,
        current: event.files.at(-1)?.rel,
        message: `${seen} files found`,
      });
      await this.ctx.breathe();
    }
    for (const file of await policy.readAgain((bookIds) => this.written(bookIds))) todo.add(file);

    const meter = new ProgressMeter(todo.length, todo.bytes);
    // More files in flight than reader processes: a reader then never waits while the
    // agent writes the last file's row and documents (8 against 4 was ~4% faster).
    // A failure (a full disk) lets the files in flight finish, so none writes after the
    // job ended; it runs again from its checkpoint.
    const complete = await mapLimit(
      todo,
      READ_CONCURRENCY,
      async (file) => {
        await this.readOne(policy, folder, file);
        meter.add(file.size);
        this.ctx.progress({
          phase: 'reading' satisfies ScanPhase,
          done: meter.done,
          total: meter.totalFiles,
          bytesDone: meter.bytesDone,
          bytesTotal: meter.totalBytes,
          rate: meter.rate(),
          etaSeconds: meter.etaSeconds(),
          current: file.rel,
        });
        if (meter.done % CHECKPOINT_EVERY_FILES === 0) this.ctx.saveCheckpoint(this.counters);
        if (
          this.pending.length >= FLUSH_EVERY_DOCS ||
          Date.now() - this.lastFlush >= FLUSH_EVERY_MS
        )
          await this.flush();
        await this.ctx.breathe();
      },
      () => this.ctx.shouldStop,
    );
    await this.flush();
    await rewriteGroupsOf(this.agent, this.returned.splice(0));
    if (complete) {
      await this.markMissing(policy, folder);
      this.notComics.keepOnly(folder.id, archivesMet);
    }
    this.ctx.saveCheckpoint(this.counters);
    return complete;
  }

  /** Whether each of these books has its document in the catalog. */
  private async written(bookIds: readonly string[]): Promise<boolean[]> {
    if (bookIds.length === 0) return [];
    const found = await this.agent.catalog.db.allDocs({
      keys: bookIds.map((id) => bookDocId(this.agent.library, id)),
    });
    return found.rows.map((row) => 'id' in row && !('error' in row));
  }

  private async readOne(policy: Policy, folder: Folder, file: WalkedFile): Promise<void> {
    const format = this.formatOf(file.rel);
    if (!format) return;
    const known = policy.isKnown(file.rel) ? this.index.at(folder.id, file.rel) : undefined;
    const reading = await this.readers.readFile(file.path, file.rel, format);
    const plainArchive = formatFromName(file.rel) === undefined;
    if (reading.notComic !== undefined) {
      if (!known) {
        this.notComic(folder, file, reading.notComic);
        return;
      }
      // Cataloged as a comic before and holding no pages now: kept, and said why.
      reading.problem = { code: 'not-a-comic', message: reading.notComic };
    }
    const moved = known
      ? undefined
      : await policy.movedFrom(reading.contentKey, (row) => this.isGone(row));
    const previous = known ?? moved;
    if (previous?.status === 'missing') this.returned.push(previous.book_id);
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
      partial_md5: reading.partialMd5 ?? null,
      last_seen_job: this.ctx.job.id,
      cover_ref: reading.extraction?.cover ? JSON.stringify(reading.extraction.cover) : null,
      cover_state: reading.extraction?.cover ? 'pending' : 'none',
    };
    const recovering = policy.isRecovering(file.rel);
    // The row and its log line together: a kill cannot leave one without the other.
    this.agent.db.transaction(() => {
      if (moved) {
        this.index.move(moved.id, folder.id, file.rel);
        this.ctx.log('book.moved', `Moved from ${moved.rel_path}.`, file.path, {
          book: moved.book_id,
        });
      }
      this.index.upsert(row);
      if (plainArchive) this.notComics.forget(folder.id, file.rel);
      if (recovering) return;
      if (reading.problem) {
        this.ctx.log('book.unreadable', reading.problem.message, file.path, {
          code: reading.problem.code,
        });
      } else if (!previous) {
        this.ctx.log('book.added', 'Added to the catalog.', file.path, { book: row.book_id });
        const copy = this.copyOf(row);
        if (copy) {
          this.ctx.log(
            'book.duplicate',
            `An exact copy of ${copy.path} (the same bytes): both are cataloged, as two books.`,
            file.path,
            { book: row.book_id, copyOf: copy.book },
          );
        }
      } else if (!moved) {
        this.ctx.log('book.updated', 'Changed on disk; read again.', file.path, {
          book: row.book_id,
        });
      }
    })();
    if (row.cover_state === 'pending') this.coversPending = true;
    policy.counted(file, { failed: reading.problem !== undefined, moved: moved !== undefined });
    this.pending.push({
      ...bookDoc(this.agent.library, row, reading.extraction),
      // A rescan keeps the formats an admin grouped.
      ...workFields(this.agent.db, this.agent.library, row.book_id),
    });
  }

  /** A plain archive that holds no comic pages: remembered, so rescans leave it unopened. */
  private notComic(folder: Folder, file: WalkedFile, reason: string): void {
    this.agent.db.transaction(() => {
      this.notComics.add(folder.id, file.rel, file.size, file.mtimeMs, reason);
      this.ctx.log('scan.not-comic', reason, file.path);
    })();
    this.counters.notComics++;
  }

  /** Another cataloged file with the same content as this new one, if any (the spec's conflicts). */
  private copyOf(row: NewFileRow): { path: string; book: string } | undefined {
    if (!row.content_key) return undefined;
    const other = this.index
      .withContent(row.content_key)
      .find(
        (r) =>
          r.status !== 'missing' && !(r.folder_id === row.folder_id && r.rel_path === row.rel_path),
      );
    if (!other) return undefined;
    const root = listFolders(this.agent.db).find((f) => f.id === other.folder_id)?.root;
    return { path: root ? join(root, other.rel_path) : other.rel_path, book: other.book_id };
  }

  /** The file is no longer at the row's path (folders this scan does not cover are not looked at). */
  private isGone(row: FileRow): boolean {
    const root = this.folders.find((f) => f.id === row.folder_id)?.root;
    return root !== undefined && !existsSync(join(root, row.rel_path));
  }

  /** Marks missing the known files the walk did not meet that are not on disk. */
  private async markMissing(policy: Policy, folder: Folder): Promise<void> {
    const gone: FileRow[] = [];
    policy.missing((rel) => {
      // Still there: the walk skipped it (a notice said why); it is not gone.
      if (existsSync(join(folder.root, rel))) return false;
      const row = this.index.at(folder.id, rel);
      if (row) gone.push(row);
      return row !== undefined;
    });
    for (const row of gone) {
      this.index.setMissing(row.id);
      this.ctx.log(
        'book.missing',
        'No longer on disk; kept in the catalog as missing.',
        join(folder.root, row.rel_path),
      );
    }
    const ids = gone.map((row) => row.book_id);
    await markBooksMissing(this.agent, ids);
    // A main no longer offers a format whose file is gone.
    await rewriteGroupsOf(this.agent, ids);
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

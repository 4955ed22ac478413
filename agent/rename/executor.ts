import { basename, dirname, join } from 'node:path';
import type { AgentContext } from '../context';
import { listFolders } from '../folders/folders';
import type { JobProgress } from '../jobs/types';
import { syncBookPaths } from './catalog-sync';
import { removeEmptyFolders } from './empty-folders';
import { FileIndex } from '../scan/file-index';
import { lstatOrNothing, sync, type FileOps } from './file-ops';
import { DiskFullError, isDiskFull } from '../storage/disk-full';
import { describeFsError, MoveError, taken, vanished } from './fs-reasons';
import type { Journal } from './journal';
import { moveFile, sameContent, unlinkIfThere } from './move-file';
import type { JournalEntry } from './types';

const COMMIT_EVERY_ENTRIES = 100;
const COMMIT_EVERY_MS = 300;

/** What runs a batch: the job (or recovery) gives it a way to report and to be stopped. */
export interface RunControl {
  /** Asked only between books, never with a file at a temporary name: true stops there. */
  shouldStop(): boolean;
  progress(progress: JobProgress): void;
  log(kind: string, message: string, subject?: string, details?: Record<string, unknown>): void;
  breathe(): Promise<void>;
}

export interface ExecutorDeps {
  ctx: AgentContext;
  journal: Journal;
  ops: FileOps;
  /** fsync after every move, so the journal never runs ahead of the disk, even on a power cut. */
  durable: boolean;
}

export interface RunOutcome {
  /** Stopped by shouldStop before the end: the rest stays planned. */
  stopped: boolean;
  moved: number;
  failed: number;
  planned: number;
  foldersRemoved: number;
}

export const isTemporaryPath = (path: string) => basename(path).startsWith('.colophon-tmp-');

/** Where a cross-device copy is written before it takes its name. */
export const partialPath = (entry: JournalEntry) =>
  join(dirname(entry.to), `.colophon-partial-${entry.batchId}-${entry.seq}`);

/**
 * Carries out a journaled batch from where its journal says it is. Moves go
 * strictly in order, one at a time, so at most one entry (the first still
 * 'planned') can be in flight when a process dies; with `resume`, that entry
 * is first decided from the disk. Each move: check the source is there and
 * the destination free, make the folders, move without replacing, then in one
 * SQLite transaction mark it moved and carry the file-index row along.
 * Catalog documents follow in small groups (then 'committed'). A move that
 * fails is marked with its reason and the batch goes on; a full disk stops
 * the batch instead (DiskFullError), to be resumed like one a crash stopped.
 */
export async function runBatch(
  deps: ExecutorDeps,
  batchId: string,
  control: RunControl,
  options: { resume: boolean },
): Promise<RunOutcome> {
  return new BatchRun(deps, batchId, control).run(options.resume);
}

class BatchRun {
  private readonly entries: JournalEntry[];
  private readonly rows: FileIndex;
  private readonly roots: Map<string, string>;
  private readonly toCommit: JournalEntry[] = [];
  /** Temporary names holding a file right now: no stopping until they are empty. */
  private readonly parked = new Set<string>();
  private readonly failedBooks = new Set<string>();
  private lastBook?: string;
  private lastCommit = Date.now();

  constructor(
    private readonly deps: ExecutorDeps,
    private readonly batchId: string,
    private readonly control: RunControl,
  ) {
    this.entries = deps.journal.entries(batchId);
    this.rows = new FileIndex(deps.ctx.db);
    this.roots = new Map(listFolders(deps.ctx.db).map((f) => [f.id, f.root]));
  }

  async run(resume: boolean): Promise<RunOutcome> {
    if (resume) await this.reconcile();
    for (const entry of this.entries) {
      if (entry.state === 'planned') continue;
      this.track(entry);
      this.lastBook = entry.bookId;
      if (entry.state === 'moved') this.toCommit.push(entry);
      if (entry.state === 'failed' && !entry.companion) this.failedBooks.add(entry.bookId);
    }
    const planned = this.entries.filter((e) => e.state === 'planned');
    const total = this.entries.length;
    let done = total - planned.length;
    const started = Date.now();
    let stopped = false;
    for (const [i, entry] of planned.entries()) {
      if (this.parked.size === 0 && entry.bookId !== this.lastBook && this.control.shouldStop()) {
        stopped = true;
        break;
      }
      await this.apply(entry);
      this.lastBook = entry.bookId;
      done++;
      const elapsed = (Date.now() - started) / 1000;
      const rate = elapsed > 0 ? (i + 1) / elapsed : undefined;
      this.control.progress({
        phase: 'renaming',
        done,
        total,
        rate,
        etaSeconds: rate ? Math.round((total - done) / rate) : undefined,
        current: entry.toRel,
      });
      if (
        this.toCommit.length >= COMMIT_EVERY_ENTRIES ||
        Date.now() - this.lastCommit >= COMMIT_EVERY_MS
      )
        await this.commit();
      await this.control.breathe();
    }
    await this.commit();
    const foldersRemoved = await this.cleanUp();
    const count = (state: JournalEntry['state']) =>
      this.entries.filter((e) => e.state === state).length;
    return {
      stopped,
      moved: count('committed') + count('moved'),
      failed: count('failed'),
      planned: count('planned'),
      foldersRemoved,
    };
  }

  /** Keeps the set of files parked at temporary names as entries complete. */
  private track(entry: JournalEntry): void {
    if (!entry.temporary) return;
    if (isTemporaryPath(entry.from)) this.parked.delete(entry.from);
    if (isTemporaryPath(entry.to) && entry.state !== 'failed') this.parked.add(entry.to);
  }

  private async apply(entry: JournalEntry): Promise<void> {
    let fileId: number | undefined;
    try {
      if (entry.companion && this.failedBooks.has(entry.bookId))
        throw new MoveError(
          entry.from,
          'Not moved: its book could not be moved, and a companion file stays with its book.',
        );
      fileId = await this.move(entry);
    } catch (error) {
      // A full disk is not this move's fault: the batch pauses with the file where it
      // was and the entry still planned, to go on from here when there is space.
      if (isDiskFull(error))
        throw new DiskFullError({
          cause: error,
          message:
            'The disk is full: free some space. The rename batch is paused and resumes by itself; every file is where the journal says.',
        });
      const path = (error as NodeJS.ErrnoException).path ?? entry.from;
      const reason = describeFsError(error, path);
      this.deps.journal.failed(entry, reason);
      if (!entry.companion) this.failedBooks.add(entry.bookId);
      this.control.log('rename.failed', reason, entry.fromRel, {
        batch: this.batchId,
        to: entry.toRel,
      });
      this.track(entry);
      return;
    }
    // Outside the try: the file has moved; if the journal cannot say so, recovery will.
    const row = fileId;
    this.deps.journal.moved(entry, row, () => {
      if (row !== undefined) this.rows.moveInFolder(row, entry.toRel);
    });
    this.toCommit.push(entry);
    this.track(entry);
  }

  /** The disk part of a move; returns the index row that goes with the file. */
  private async move(entry: JournalEntry): Promise<number | undefined> {
    const { ops, durable } = this.deps;
    if (!(await lstatOrNothing(ops, entry.from))) throw vanished(entry.from);
    if (await lstatOrNothing(ops, entry.to)) throw taken(entry.to);
    const row = this.rows.at(entry.folderId, entry.fromRel);
    const occupant = this.rows.at(entry.folderId, entry.toRel);
    if (occupant && occupant.id !== row?.id)
      throw new MoveError(
        entry.to,
        `The catalog still lists a missing book at ${entry.to}; rescan the library, then preview again.`,
      );
    const created = await ops.mkdir(dirname(entry.to), { recursive: true });
    if (created && durable) await sync(ops, dirname(created));
    await moveFile(ops, entry.from, entry.to, { partial: partialPath(entry), durable });
    return row?.id;
  }

  /**
   * After a crash: the first planned entry may have been under way. The disk
   * decides: source gone and destination there → it moved; both there as one
   * file (a link not yet unlinked) or as a verified copy on another disk (the
   * original not yet unlinked) → finish it; anything else → still planned
   * (and the normal checks then do it, or fail it with the reason).
   */
  private async reconcile(): Promise<void> {
    const entry = this.entries.find((e) => e.state === 'planned');
    if (!entry) return;
    const { ops } = this.deps;
    await unlinkIfThere(ops, partialPath(entry));
    const from = await lstatOrNothing(ops, entry.from);
    const to = await lstatOrNothing(ops, entry.to);
    if (!to) return;
    if (from) {
      const oneFile = from.dev === to.dev && from.ino === to.ino;
      const copied =
        !oneFile && from.dev !== to.dev && (await sameContent(ops, entry.from, entry.to));
      if (!oneFile && !copied) return;
      await ops.unlink(entry.from);
      await sync(ops, dirname(entry.from));
    }
    const row = this.rows.at(entry.folderId, entry.fromRel);
    this.deps.journal.moved(entry, row?.id, () => {
      if (row) this.rows.moveInFolder(row.id, entry.toRel);
    });
    this.control.log(
      'rename.recovered',
      `Found moved on disk after a restart: ${entry.fromRel} → ${entry.toRel}.`,
      entry.fromRel,
      { batch: this.batchId, seq: entry.seq },
    );
  }

  private async commit(): Promise<void> {
    this.lastCommit = Date.now();
    if (this.toCommit.length === 0) return;
    const entries = this.toCommit.splice(0);
    await syncBookPaths(
      this.deps.ctx,
      entries.flatMap((e) => (e.fileId === undefined ? [] : [e.fileId])),
    );
    this.deps.journal.committed(entries);
  }

  private async cleanUp(): Promise<number> {
    const batch = this.deps.journal.get(this.batchId);
    if (!batch?.removeEmptyFolders) return 0;
    let removed = 0;
    for (const [folderId, root] of this.roots) {
      const vacated = this.entries
        .filter((e) => e.folderId === folderId && (e.state === 'committed' || e.state === 'moved'))
        .map((e) => dirname(e.from));
      const gone = await removeEmptyFolders(this.deps.ops, root, vacated);
      removed += gone.length;
      if (gone.length > 0)
        this.control.log('rename.folders', `Removed ${gone.length} folder(s) left empty.`, root, {
          batch: this.batchId,
          folders: gone,
        });
    }
    return removed;
  }
}

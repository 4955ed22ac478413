import { dirname, join } from 'node:path';
import type { MaintenanceKind } from '#core/api/maintenance';
import { bookDocId } from '#core/schema/book-doc';
import type { Agent } from '../agent';
import { folderUnavailable } from '../folders/folder-availability';
import { allFolders } from '../folders/folders';
import { rewriteWorks } from '../formats/work-fields';
import { newId } from '../ids';
import { removeEmptyFolders } from '../rename/empty-folders';
import { nodeFileOps, type FileOps } from '../rename/file-ops';
import { describeFsError } from '../rename/fs-reasons';
import { libraryLock } from '../rename/library-lock';
import { FileIndex, type FileRow } from '../scan/file-index';
import { bookLabels } from './book-labels';
import { FileRows } from './file-rows';
import { groupFingerprint, keptIds } from './group-decisions';
import { MaintenanceJournal, type NewEntry, type StoredAction } from './maintenance-journal';
import { finishedOnDisk, moveNoReplace, trashRel } from './trash-moves';

/** A maintenance request refused, and why, in words. */
export class MaintenanceError extends Error {
  override name = 'MaintenanceError';
  constructor(
    readonly code: 'changed' | 'not-found' | 'busy' | 'unavailable' | 'cannot-undo',
    message: string,
  ) {
    super(message);
  }
}

type Deps = Pick<Agent, 'ctx' | 'oplog' | 'metadata'>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Duplicates and missing books, decided by an admin: keep one copy (the
 * others go to the trash folder of their library folder, never deleted), keep
 * both, ignore, or remove missing books from the catalog. Every action is
 * journaled before anything moves and can be undone; a crash mid-way is
 * finished by `recover` when the agent starts.
 */
export class Maintenance {
  readonly journal: MaintenanceJournal;
  private readonly rows: FileRows;

  constructor(
    private readonly agent: Deps,
    private readonly ops: FileOps = nodeFileOps,
  ) {
    this.journal = new MaintenanceJournal(agent.ctx.db);
    this.rows = new FileRows(agent.ctx.db);
  }

  private get ctx() {
    return this.agent.ctx;
  }

  private rootOf(folderId: string): string {
    const root = allFolders(this.ctx.db).find((f) => f.id === folderId)?.root;
    if (!root) throw new MaintenanceError('not-found', 'That library folder is no longer known.');
    return root;
  }

  /** The files of a group now: same content, on disk as far as the index knows. */
  groupFiles(key: string): FileRow[] {
    return new FileIndex(this.ctx.db).withContent(key).filter((r) => r.status !== 'missing');
  }

  /** Runs `work` holding the library lock, or refuses while a scan or rename holds it. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const lock = libraryLock(this.ctx);
    if (lock.holder)
      throw new MaintenanceError(
        'busy',
        `A ${lock.holder} is running and may be moving files; try again when it has finished.`,
      );
    const release = await lock.acquire('tidy-up');
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Keeps `keep`; the group's other files (exactly `move`, as confirmed) go to the trash. */
  async keepOne(key: string, keep: number, move: readonly number[], userId?: string) {
    return this.exclusive(async () => {
      const files = this.groupFiles(key);
      const kept = files.find((f) => f.id === keep);
      const others = files.filter((f) => f.id !== keep);
      const asked = new Set(move);
      if (
        !kept ||
        others.length === 0 ||
        others.length !== asked.size ||
        others.some((f) => !asked.has(f.id))
      )
        throw new MaintenanceError(
          'changed',
          'These copies changed since the page was shown (a file was added, moved or removed). Reload the page and choose again.',
        );
      const id = newId();
      const labels = await bookLabels(
        this.agent,
        files.map((f) => ({ bookId: f.book_id, relPath: f.rel_path })),
      );
      const title = labels.get(kept.book_id)?.title ?? kept.rel_path;
      const entries = await this.entriesFor(others, (row) => trashRel(id, row.rel_path));
      this.journal.create(
        {
          id,
          kind: 'keep-one',
          state: 'running',
          contentKey: key,
          summary: `Kept “${title}” at ${kept.rel_path}; ${plural(others.length, 'copy', 'copies')} moved to the trash folder.`,
          books: others.map((f) => labels.get(f.book_id)?.title ?? f.rel_path),
          userId,
        },
        entries,
      );
      await this.runForward(id);
      return this.journal.get(id) as StoredAction;
    });
  }

  /** Keep both (hidden while no new copy joins) or ignore (hidden until the files change). */
  async decideGroup(kind: 'keep-both' | 'ignore', key: string, userId?: string) {
    const files = this.groupFiles(key);
    if (files.length < 2)
      throw new MaintenanceError(
        'changed',
        'These copies changed since the page was shown. Reload the page.',
      );
    const labels = await bookLabels(
      this.agent,
      files.map((f) => ({ bookId: f.book_id, relPath: f.rel_path })),
    );
    const titles = files.map((f) => labels.get(f.book_id)?.title ?? f.rel_path);
    const id = newId();
    this.journal.create({
      id,
      kind,
      state: 'done',
      contentKey: key,
      files: kind === 'keep-both' ? keptIds(files) : groupFingerprint(files),
      summary:
        kind === 'keep-both'
          ? `Kept all ${files.length} copies of “${titles[0] ?? ''}”.`
          : `Ignored the copies of “${titles[0] ?? ''}” until they change.`,
      books: titles,
      userId,
    });
    this.agent.oplog.record({ kind: `duplicates.${kind}`, message: this.summaryOf(id) });
    return this.journal.get(id) as StoredAction;
  }

  /** Removes missing books from the catalog (never those of a folder that cannot be reached). */
  async removeMissing(books: 'all' | readonly string[], userId?: string) {
    return this.exclusive(async () => {
      const index = new FileIndex(this.ctx.db);
      const missing = index.missing();
      const wanted = books === 'all' ? undefined : new Set(books);
      const rows = missing.filter((r) => !wanted || wanted.has(r.book_id));
      if (wanted && rows.length !== wanted.size)
        throw new MaintenanceError(
          'changed',
          'Some of these books are no longer missing (a scan found them, or they were removed). Reload the page.',
        );
      const counts = index.presentCounts();
      const unavailable = new Map<string, string | undefined>();
      for (const folderId of new Set(rows.map((r) => r.folder_id))) {
        const root = rows.find((r) => r.folder_id === folderId)?.root ?? '';
        unavailable.set(folderId, await folderUnavailable(root, counts.get(folderId) ?? 0));
      }
      const blocked = rows.filter((r) => unavailable.get(r.folder_id));
      if (wanted && blocked.length > 0)
        throw new MaintenanceError(
          'unavailable',
          `${blocked[0]?.root ?? 'A library folder'} cannot be reached now, so its books cannot be told missing: reconnect it and scan, or remove the folder.`,
        );
      const removable = rows.filter((r) => !unavailable.get(r.folder_id));
      if (removable.length === 0)
        throw new MaintenanceError('changed', 'There is no missing book to remove.');
      const labels = await bookLabels(
        this.agent,
        removable.map((f) => ({ bookId: f.book_id, relPath: f.rel_path })),
      );
      const id = newId();
      const entries = await this.entriesFor(removable);
      this.journal.create(
        {
          id,
          kind: 'remove',
          state: 'running',
          summary: `Removed ${plural(removable.length, 'missing book')} from the catalog.`,
          books: removable.map((r) => labels.get(r.book_id)?.title ?? r.rel_path),
          userId,
        },
        entries,
      );
      await this.runForward(id);
      return this.journal.get(id) as StoredAction;
    });
  }

  /** Takes an action back: files return from the trash, books and rows come back as they were. */
  async undo(id: string) {
    const action = this.journal.get(id);
    if (!action) throw new MaintenanceError('not-found', 'There is no such action to undo.');
    if (action.state === 'undone')
      throw new MaintenanceError('cannot-undo', 'This action is already undone.');
    if (action.state !== 'done')
      throw new MaintenanceError('cannot-undo', 'This action is still under way; try again soon.');
    if (action.kind === 'keep-both' || action.kind === 'ignore') {
      if (!this.journal.beginUndo(id))
        throw new MaintenanceError('cannot-undo', 'This action was undone meanwhile.');
      this.journal.setState(id, 'undone');
      this.agent.oplog.record({ kind: 'maintenance.undone', message: `Undone: ${action.summary}` });
      return this.journal.get(id) as StoredAction;
    }
    return this.exclusive(async () => {
      for (const entry of this.journal.entries(id)) {
        if (entry.state !== 'removed') continue;
        const place = join(this.rootOf(entry.folderId), entry.relPath);
        if (this.rows.taken(entry.fileRow) || (entry.trashRel && (await this.exists(place))))
          throw new MaintenanceError(
            'cannot-undo',
            `Cannot undo: ${place} is taken by another file or book now. Move it away, then undo again.`,
          );
      }
      if (!this.journal.beginUndo(id))
        throw new MaintenanceError('cannot-undo', 'This action was undone meanwhile.');
      await this.runBackward(id);
      return this.journal.get(id) as StoredAction;
    });
  }

  /** Finishes what a crash interrupted: an action is completed, an undo is completed. */
  async recover(): Promise<void> {
    for (const action of this.journal.unfinished()) {
      this.agent.oplog.record({
        kind: 'maintenance.recovering',
        message: `Finishing after a restart: ${action.summary}`,
      });
      if (action.state === 'running') await this.runForward(action.id);
      else await this.runBackward(action.id);
    }
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await this.ops.lstat(path);
      return true;
    } catch {
      return false;
    }
  }

  private summaryOf(id: string): string {
    return this.journal.get(id)?.summary ?? '';
  }

  /** Journal entries for rows, each with its catalog document as it is now. */
  private async entriesFor(
    rows: readonly FileRow[],
    trash?: (row: FileRow) => string,
  ): Promise<NewEntry[]> {
    const found = await this.ctx.catalog.db.allDocs({
      keys: rows.map((r) => bookDocId(this.ctx.library, r.book_id)),
      include_docs: true,
    });
    return rows.map((row, seq) => {
      const result = found.rows[seq];
      const doc = result && 'doc' in result && result.doc ? result.doc : undefined;
      const { _rev: _r, _attachments: _a, ...kept } = (doc ?? {}) as Record<string, unknown>;
      const { root: _root, ...fileRow } = row as FileRow & { root?: string };
      return {
        seq,
        bookId: row.book_id,
        folderId: row.folder_id,
        relPath: row.rel_path,
        ...(trash && { trashRel: trash(row) }),
        fileRow,
        ...(doc && { bookDoc: kept }),
      };
    });
  }

  /** Carries an action forward from where its journal says it is. */
  private async runForward(id: string): Promise<void> {
    const entries = this.journal.entries(id);
    const failures: string[] = [];
    for (const entry of entries) {
      if (entry.state !== 'planned') continue;
      if (!entry.trashRel) {
        this.journal.setEntry(entry, 'moved', undefined, () => this.rows.delete(entry.fileRow.id));
        continue;
      }
      try {
        const root = this.rootOf(entry.folderId);
        const from = join(root, entry.relPath);
        const to = join(root, entry.trashRel);
        const tag = `${id}-${entry.seq}`;
        if (!(await finishedOnDisk(this.ops, from, to, tag)))
          await moveNoReplace(this.ops, from, to, tag);
        this.journal.setEntry(entry, 'moved', undefined, () => this.rows.delete(entry.fileRow.id));
      } catch (error) {
        const reason = describeFsError(error, join(entry.folderId, entry.relPath));
        this.journal.setEntry(entry, 'failed', reason);
        failures.push(reason);
      }
    }
    const moved = entries.filter((e) => e.state === 'moved');
    await this.ctx.catalog.remove(moved.map((e) => bookDocId(this.ctx.library, e.bookId)));
    // A book that was the main of formats of one book: its other formats are listed again.
    await rewriteWorks(
      this.ctx,
      moved.map((e) => e.bookId),
    );
    for (const entry of moved) this.journal.setEntry(entry, 'removed');
    this.journal.setState(id, 'done', failures.length > 0 ? failures.join(' ') : undefined);
    this.agent.oplog.record({
      kind: `maintenance.${this.journal.get(id)?.kind ?? 'done'}`,
      message:
        failures.length > 0 ? `${this.summaryOf(id)} ${failures.join(' ')}` : this.summaryOf(id),
      details: { action: id },
    });
  }

  /** Carries an undo forward: files back from the trash, rows back, documents back. */
  private async runBackward(id: string): Promise<void> {
    const entries = this.journal.entries(id);
    const failures: string[] = [];
    const vacated = new Map<string, string[]>();
    for (const entry of entries) {
      if (entry.state !== 'removed' && entry.state !== 'moved') continue;
      try {
        if (entry.trashRel) {
          const root = this.rootOf(entry.folderId);
          const from = join(root, entry.trashRel);
          const to = join(root, entry.relPath);
          const tag = `${id}-${entry.seq}-undo`;
          if (!(await finishedOnDisk(this.ops, from, to, tag)))
            await moveNoReplace(this.ops, from, to, tag);
          vacated.set(root, [...(vacated.get(root) ?? []), dirname(from)]);
        }
        this.journal.setEntry(entry, 'returned', undefined, () => {
          if (!this.rows.taken(entry.fileRow)) this.rows.insert(entry.fileRow);
        });
      } catch (error) {
        const reason = describeFsError(error, join(entry.folderId, entry.relPath));
        this.journal.setEntry(entry, entry.state, reason);
        failures.push(reason);
      }
    }
    const returned = entries.filter((e) => e.state === 'returned');
    await this.ctx.catalog.upsert(
      returned.flatMap((e) =>
        e.bookDoc ? [{ ...e.bookDoc, _id: bookDocId(this.ctx.library, e.bookId) }] : [],
      ),
    );
    await rewriteWorks(
      this.ctx,
      returned.map((e) => e.bookId),
    );
    for (const entry of returned) this.journal.setEntry(entry, 'restored');
    for (const [root, dirs] of vacated) await removeEmptyFolders(this.ops, root, dirs);
    const action = this.journal.get(id);
    if (failures.length > 0)
      this.journal.setState(id, 'done', `Undo incomplete: ${failures.join(' ')}`);
    else this.journal.setState(id, 'undone');
    this.agent.oplog.record({
      kind: 'maintenance.undone',
      message:
        failures.length > 0
          ? `Undo incomplete: ${failures.join(' ')}`
          : `Undone: ${action?.summary ?? ''}`,
      details: { action: id },
    });
  }
}

const services = new WeakMap<Deps['ctx'], Maintenance>();

/** The one maintenance service per opened data dir. */
export function maintenance(agent: Deps): Maintenance {
  let service = services.get(agent.ctx);
  if (!service) services.set(agent.ctx, (service = new Maintenance(agent)));
  return service;
}

export type { MaintenanceKind };

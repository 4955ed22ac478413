import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { archiveComicFormat } from '#core/formats/archive-alias';
import { formatFromName } from '#core/formats/detect';

/** A book file, or a plain archive the scan may take for a comic (a `.zip` of images). */
function mayBeBook(name: string): boolean {
  return formatFromName(name) !== undefined || archiveComicFormat(name) !== undefined;
}

/** How long a folder must be quiet (no event, every changed file the same size) before it is scanned. */
export const QUIET_MS = 2_000;

export interface FolderWatcherOptions {
  root: string;
  /** Poll every `pollMs` (a network share) instead of native events. */
  polling: boolean;
  pollMs: number;
  quietMs?: number;
  /** The folder changed and has settled: scan it. */
  onSettled(): void;
  onError(error: Error): void;
}

/** A rename's own scratch files and trash (see walk.ts): never books, and busy while a batch runs. */
function isRenameScratch(name: string): boolean {
  return name.startsWith('.colophon-');
}

/** What a file was when last seen: a file still being written changes it. */
function shape(stats: Pick<Stats, 'size' | 'mtimeMs'>): string {
  return `${stats.size}:${stats.mtimeMs}`;
}

/**
 * Watches one library folder (with chokidar) and says when it changed and
 * settled. Events restart a quiet period; when it ends, each file that was
 * added or changed is looked at again, and one whose size or time moved since
 * its last event is still being written (a slow copy, a share that only
 * shows changes when polled): the quiet period starts over. Only book files
 * are watched; what they are is the scan's business.
 */
export class FolderWatcher {
  private readonly watcher: FSWatcher;
  private readonly quietMs: number;
  private timer?: ReturnType<typeof setTimeout>;
  /** Files added or changed since the last settle, and their shape at their last event. */
  private readonly changing = new Map<string, string>();
  /** The shape of files that settled: an event that changes neither (atime, a read) is no change. */
  private readonly settled = new Map<string, string>();
  private touched = false;
  private closed = false;
  /** Counts events: a settle that sees it moved while it looked leaves the decision to the newer timer. */
  private generation = 0;
  readonly ready: Promise<void>;

  constructor(private readonly options: FolderWatcherOptions) {
    this.quietMs = options.quietMs ?? QUIET_MS;
    this.watcher = watch(options.root, {
      ignoreInitial: true,
      alwaysStat: true,
      usePolling: options.polling,
      interval: options.pollMs,
      binaryInterval: options.pollMs,
      ignored: (path, stats) =>
        isRenameScratch(basename(path)) || (stats?.isFile() === true && !mayBeBook(basename(path))),
    });
    this.ready = new Promise((resolve) => this.watcher.once('ready', () => resolve()));
    this.watcher
      .on('add', (path, stats) => this.changed(path, stats))
      .on('change', (path, stats) => this.changed(path, stats))
      .on('unlink', (path) => this.removed(path))
      .on('unlinkDir', () => this.touch())
      .on('addDir', () => this.touch())
      .on('error', (error) => options.onError(error as Error));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.watcher.close();
  }

  private changed(path: string, stats: Stats | undefined): void {
    const now = stats ? shape(stats) : '';
    if (stats && this.settled.get(path) === now && !this.changing.has(path)) return;
    this.changing.set(path, now);
    this.touch();
  }

  private removed(path: string): void {
    this.changing.delete(path);
    this.settled.delete(path);
    this.touch();
  }

  private touch(): void {
    this.touched = true;
    this.generation++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.settle(), this.quietMs);
  }

  /** The quiet period ended: scan, unless a file is still growing. */
  private async settle(): Promise<void> {
    const generation = this.generation;
    const files = [...this.changing];
    let busy = false;
    for (const [path, before] of files) {
      let now: string | undefined;
      try {
        now = shape(await stat(path));
      } catch {
        now = undefined; // gone since: the scan finds it missing or moved
      }
      if (now !== undefined && now !== before) {
        this.changing.set(path, now);
        busy = true;
      }
    }
    // Closed, or an event came while the files were looked at: the newer timer decides.
    if (this.closed || generation !== this.generation) return;
    if (busy) {
      this.touch();
      return;
    }
    for (const [path, now] of this.changing) if (now) this.settled.set(path, now);
    if (this.settled.size > 10_000) this.settled.clear();
    this.changing.clear();
    if (!this.touched) return;
    this.touched = false;
    this.options.onSettled();
  }
}

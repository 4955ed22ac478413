import type { FolderWatch } from '#core/api/folders';
import type { Folder } from '../folders/folders';
import { FolderWatcher } from './folder-watcher';
import type { ReadMountInfo } from './mount-info';
import { everyWords, POLL_INTERVAL_MS, watchModeFor } from './watch-mode';

export interface FolderWatchersDeps {
  /** The library folders now. */
  folders(): Folder[];
  /** The "Watch library folders for changes" setting. */
  enabled(): boolean;
  /** Subscribes to changes of the setting and of the folder list; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** The folder changed and settled: queue a scan of it. */
  scan(folderId: string): void;
  log(entry: {
    kind: string;
    subject?: string;
    message: string;
    details?: Record<string, unknown>;
  }): void;
  readMountInfo?: ReadMountInfo;
  pollMs?: number;
  quietMs?: number;
}

const NOT_STARTED: FolderWatch = {
  mode: 'off',
  reason: 'the agent is not serving; changes are found when the library is scanned',
};
const TURNED_OFF: FolderWatch = {
  mode: 'off',
  reason: 'turned off in Settings; changes are found when the library is scanned',
};

/** The system's limit of native watches is reached (inotify's max_user_watches, open files). */
function outOfWatches(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' || code === 'EMFILE';
}

interface Running {
  root: string;
  watcher: FolderWatcher;
  watch: FolderWatch;
}

/**
 * One watcher per library folder, started by `serve` (as the scan schedule
 * is): folders added or removed at run time, and the setting turned on or
 * off, take effect at once. A change is scanned through the job queue like
 * any scan; an unmounted folder's scan finds it unavailable and marks nothing missing.
 */
export class FolderWatchers {
  private readonly running = new Map<string, Running>();
  private readonly failed = new Map<string, FolderWatch>();
  private started = false;
  private unsubscribe?: () => void;
  /** Reconciling is serial: closing a watcher is async, and two at once could start a folder twice. */
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: FolderWatchersDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubscribe = this.deps.onChange(() => void this.sync());
    void this.sync();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.sync();
  }

  /** How a folder is watched, and why, in words. */
  status(folderId: string): FolderWatch {
    if (!this.started) return NOT_STARTED;
    if (!this.deps.enabled()) return TURNED_OFF;
    return this.running.get(folderId)?.watch ?? this.failed.get(folderId) ?? NOT_STARTED;
  }

  /** The ids of the folders being watched now. */
  watchedFolders(): string[] {
    return [...this.running.keys()];
  }

  /** Resolves once every folder's watcher has looked through its folder (changes after this are seen). */
  async ready(): Promise<void> {
    await this.syncing;
    await Promise.all([...this.running.values()].map((r) => r.watcher.ready));
  }

  /** Brings the watchers in line with the folders and the setting. */
  sync(): Promise<void> {
    this.syncing = this.syncing
      .then(() => this.reconcile())
      .catch((error: unknown) => {
        this.deps.log({
          kind: 'watch.error',
          message: `Watching the library folders failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
    return this.syncing;
  }

  private async reconcile(): Promise<void> {
    const wanted = this.started && this.deps.enabled() ? this.deps.folders() : [];
    const keep = new Set(wanted.map((f) => `${f.id}\n${f.root}`));
    for (const [id, running] of [...this.running]) {
      if (keep.has(`${id}\n${running.root}`)) continue;
      this.running.delete(id);
      await running.watcher.close();
      this.deps.log({
        kind: 'watch.stopped',
        subject: running.root,
        message: `Stopped watching ${running.root} for changes.`,
      });
    }
    for (const id of [...this.failed.keys()])
      if (!wanted.some((f) => f.id === id)) this.failed.delete(id);
    for (const folder of wanted) if (!this.running.has(folder.id)) this.open(folder);
  }

  private open(folder: Folder, forcePolling?: string): void {
    const pollMs = this.deps.pollMs ?? POLL_INTERVAL_MS;
    const chosen = forcePolling
      ? {
          mode: 'polling' as const,
          reason: `polling ${everyWords(pollMs)}: ${forcePolling}`,
        }
      : watchModeFor(folder.root, this.deps.readMountInfo, pollMs);
    this.failed.delete(folder.id);
    const watcher = new FolderWatcher({
      root: folder.root,
      polling: chosen.mode === 'polling',
      pollMs,
      quietMs: this.deps.quietMs,
      onSettled: () => this.deps.scan(folder.id),
      onError: (error) => void this.failure(folder, error),
    });
    this.running.set(folder.id, { root: folder.root, watcher, watch: chosen });
    this.deps.log({
      kind: 'watch.started',
      subject: folder.root,
      message: `Watching ${folder.root} for changes (${chosen.reason}).`,
      details: { mode: chosen.mode, reason: chosen.reason },
    });
  }

  /** A watcher failed: out of native watches, it polls instead; otherwise it stops, and says why. */
  private async failure(folder: Folder, error: Error): Promise<void> {
    const running = this.running.get(folder.id);
    if (!running) return;
    const fallBack = running.watch.mode === 'native' && outOfWatches(error);
    this.running.delete(folder.id);
    await running.watcher.close();
    if (!this.started || !this.deps.enabled()) return;
    if (fallBack) {
      this.open(
        folder,
        "the system's limit of watched folders is reached (raise fs.inotify.max_user_watches)",
      );
      return;
    }
    const reason = `watching failed (${error.message}); changes are found when the library is scanned`;
    this.failed.set(folder.id, { mode: 'off', reason });
    this.deps.log({
      kind: 'watch.failed',
      subject: folder.root,
      message: `Not watching ${folder.root}: ${reason}.`,
    });
  }
}

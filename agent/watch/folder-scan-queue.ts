import type { Job } from '../jobs/types';

export interface FolderScanQueueDeps {
  /**
   * Queues a scan of these folders as a job; when a scan is already queued
   * (not yet started) that one is returned instead, whatever it covers.
   */
  enqueue(folderIds: string[]): Job;
  /** Whether a job is a scan (its changes may let a waiting request through). */
  isScan(job: Job): boolean;
  /** Subscribes to job changes; returns the unsubscribe. */
  onJob(listener: (job: Job) => void): () => void;
  /** A scan could not be queued (a full disk): it is tried again at the next job change. */
  onError(error: unknown): void;
}

/** A job's folders: undefined when it scans every folder. */
function foldersOf(job: Job): readonly string[] | undefined {
  const folders = job.payload.folders;
  return Array.isArray(folders) ? folders.filter((f) => typeof f === 'string') : undefined;
}

/**
 * Turns "these folders changed" into scan jobs, so they show in Jobs like any
 * scan. Requests coalesce: folders waiting together go into one job, and a
 * scan already queued that covers a folder takes its request. The runner runs
 * one scan at a time, so a folder is never scanned twice at once; a scan that
 * is running may have passed the change, so the next one is queued behind it.
 */
export class FolderScanQueue {
  private readonly waiting = new Set<string>();
  private readonly unsubscribe: () => void;
  /** Queueing a job announces it at once: that announcement must not queue again. */
  private flushing = false;

  constructor(private readonly deps: FolderScanQueueDeps) {
    // A queued scan that did not cover a waiting folder has now started (or ended): queue the rest.
    this.unsubscribe = deps.onJob((job) => {
      if (this.waiting.size > 0 && deps.isScan(job)) this.flush();
    });
  }

  /** Asks for a scan of these folders. */
  request(folderIds: Iterable<string>): void {
    for (const id of folderIds) this.waiting.add(id);
    this.flush();
  }

  /** Folders whose scan is not queued yet. */
  get pending(): ReadonlySet<string> {
    return this.waiting;
  }

  close(): void {
    this.unsubscribe();
    this.waiting.clear();
  }

  private flush(): void {
    if (this.waiting.size === 0 || this.flushing) return;
    let job: Job;
    this.flushing = true;
    try {
      job = this.deps.enqueue([...this.waiting]);
    } catch (error) {
      this.deps.onError(error);
      return;
    } finally {
      this.flushing = false;
    }
    const covered = foldersOf(job);
    for (const id of [...this.waiting])
      if (!covered || covered.includes(id)) this.waiting.delete(id);
  }
}

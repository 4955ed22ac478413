import type { AgentContext } from '../context';
import { folderDoc } from '../catalog/book-docs';
import { listFolders } from '../folders/folders';
import { scanFolder } from './scan-folder';
import { ScanProgress } from './scan-progress';

/**
 * Runs scans of the library folders in the background, one at a time. Asking
 * for a scan while one runs returns the running one.
 */
export class ScanService {
  private running?: { progress: ScanProgress; done: Promise<ScanProgress> };
  last?: ScanProgress;

  constructor(
    private readonly ctx: AgentContext,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get current(): ScanProgress | undefined {
    return this.running?.progress ?? this.last;
  }

  start(): ScanProgress {
    if (this.running) return this.running.progress;
    const progress = new ScanProgress();
    const done = this.run(progress);
    this.running = { progress, done };
    return progress;
  }

  /** Stops the running scan after the file in hand; what was read so far is kept. */
  cancel(): void {
    if (this.running) this.running.progress.cancelRequested = true;
  }

  /** Resolves when the running scan (if any) ends. */
  async idle(): Promise<ScanProgress | undefined> {
    return this.running ? this.running.done : this.last;
  }

  private async run(progress: ScanProgress): Promise<ScanProgress> {
    const { db } = this.ctx;
    const scanId = Number(
      db
        .prepare("INSERT INTO scans (started_at, state) VALUES (?, 'running')")
        .run(progress.startedAt).lastInsertRowid,
    );
    try {
      const folders = listFolders(db);
      await this.ctx.catalog.upsert(folders.map((f) => folderDoc(this.ctx.library, f)));
      for (const folder of folders) {
        this.log(`Scanning ${folder.root}`);
        await scanFolder(this.ctx, folder, progress);
        if (progress.cancelRequested) break;
      }
      progress.state = progress.cancelRequested ? 'cancelled' : 'done';
    } catch (error) {
      progress.state = 'failed';
      progress.error = error instanceof Error ? error.message : String(error);
      this.log(`Scan failed: ${progress.error}`);
    } finally {
      progress.finishedAt = Date.now();
      progress.current = undefined;
      db.prepare(
        'UPDATE scans SET finished_at = ?, state = ?, files_seen = ?, files_read = ?, files_failed = ?, message = ? WHERE id = ?',
      ).run(
        progress.finishedAt,
        progress.state,
        progress.filesSeen,
        progress.filesRead,
        progress.filesFailed,
        progress.error ?? null,
        scanId,
      );
      this.last = progress;
      this.running = undefined;
    }
    this.log(
      `Scan ${progress.state}: ${progress.filesSeen} files, ${progress.filesRead} read, ` +
        `${progress.filesUnchanged} unchanged, ${progress.filesFailed} unreadable, ${progress.filesMissing} missing.`,
    );
    return progress;
  }
}

import type { Agent } from '../agent';
import type { Job } from '../jobs/types';
import { BackupError } from './backup-files';
import { backups } from './backups';

/** "Back up now" (Settings), as a job of the Jobs page. */
export const BACKUP_JOB = 'backup';

type Deps = Pick<Agent, 'ctx' | 'databases' | 'covers' | 'settings' | 'oplog' | 'runner'>;

/** Registers the backup job with the agent's runner. */
export function registerBackupJob(agent: Deps): void {
  agent.runner.register(BACKUP_JOB, async (job) => {
    const parent = job.job.payload.folder;
    if (typeof parent !== 'string') throw new BackupError('This backup job names no folder.');
    // Looked up when it runs: a test (or the schedule) may have set the clock first.
    const written = await backups(agent).writeDated(parent, (p) => job.progress(p));
    return {
      folder: written.folder,
      bytes: written.bytes,
      books: written.manifest.counts.books,
      removed: written.removed.length,
    };
  });
}

/**
 * Starts a backup into a new dated folder inside `folder` (else the
 * schedule's folder), or returns the one already waiting or running. A
 * failure is not tried again by itself: the admin reads why and tries again.
 */
export function startBackupJob(agent: Deps, folder?: string): Job {
  const running = agent.runner.store.active(BACKUP_JOB);
  if (running) return running;
  const parent = folder?.trim() || agent.settings.get('backupSchedule').folder;
  if (!parent)
    throw new BackupError('Type the folder to back up to (or save one with the schedule) first.');
  if (!/^(\/|[A-Za-z]:[\\/])/.test(parent))
    throw new BackupError(`Give the backup folder as a full path (${parent} is relative).`);
  return agent.runner.enqueue(BACKUP_JOB, { folder: parent }, { maxAttempts: 1 });
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupManifest } from '#core/api/library-care';
import type { WorkProgress } from '#core/progress';
import type { Agent } from '../agent';
import { BackupSchedule, backupFolderName } from './backup-schedule';
import { folderBytes, pruneBackups } from './prune-backups';
import { writeBackup } from './write-backup';

type Deps = Pick<Agent, 'ctx' | 'databases' | 'covers' | 'settings' | 'oplog'>;

/** A dated backup written inside a chosen folder, and the older ones "Keep the last N" removed. */
export interface DatedBackup {
  folder: string;
  bytes: number;
  manifest: BackupManifest;
  removed: string[];
}

/** Backups of one agent: asked for (the app, the CLI) or on the schedule in Settings. */
export interface Backups {
  schedule: BackupSchedule;
  /** Writes a backup into `folder` (new or empty) and notes it, so the schedule counts from it. */
  write(folder: string): Promise<BackupManifest>;
  /**
   * "Back up now": a new dated folder inside `parent`, as the schedule
   * writes, then the backups beyond "Keep the last N" removed from `parent`.
   */
  writeDated(parent: string, progress?: (progress: WorkProgress) => void): Promise<DatedBackup>;
}

const byAgent = new WeakMap<Agent['ctx'], Backups>();

const MB = 1024 * 1024;
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function backups(agent: Deps, now: () => number = Date.now): Backups {
  let found = byAgent.get(agent.ctx);
  if (found) return found;

  /** Removes the dated backups beyond the setting's count next to the one just written. */
  const prune = (written: string): string[] => {
    const removed = pruneBackups(
      dirname(written),
      agent.settings.get('backupSchedule').keep,
      written,
      agent.ctx.library,
    );
    if (removed.length > 0)
      agent.oplog.record({
        kind: 'backup.pruned',
        message: `Removed ${plural(removed.length, 'older backup')} beyond the ${agent.settings.get('backupSchedule').keep} kept: ${removed.join(', ')}.`,
      });
    return removed;
  };

  const schedule = new BackupSchedule({
    db: agent.ctx.db,
    schedule: () => agent.settings.get('backupSchedule'),
    backup: async (folder) => {
      const manifest = await writeBackup(agent, folder);
      prune(folder);
      return manifest;
    },
    log: (entry) => agent.oplog.record(entry),
    now,
  });
  found = {
    schedule,
    async write(folder) {
      const manifest = await writeBackup(agent, folder);
      schedule.done(folder);
      agent.oplog.record({
        kind: 'backup.done',
        message: `Backed up the data folder to ${folder}.`,
      });
      return manifest;
    },
    async writeDated(parent, progress) {
      let at = now();
      // Two within a second (a second click): the later is named a second on, not refused.
      while (existsSync(join(parent, backupFolderName(at)))) at += 1000;
      const folder = join(parent, backupFolderName(at));
      const manifest = await writeBackup(agent, folder, progress);
      schedule.done(folder, at);
      const bytes = folderBytes(folder);
      agent.oplog.record({
        kind: 'backup.done',
        message: `Backed up the data folder to ${folder} (${Math.max(1, Math.round(bytes / MB))} MB).`,
      });
      return { folder, bytes, manifest, removed: prune(folder) };
    },
  };
  byAgent.set(agent.ctx, found);
  return found;
}

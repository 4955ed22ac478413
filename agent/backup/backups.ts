import type { BackupManifest } from '#core/api/library-care';
import type { Agent } from '../agent';
import { BackupSchedule } from './backup-schedule';
import { writeBackup } from './write-backup';

type Deps = Pick<Agent, 'ctx' | 'databases' | 'covers' | 'settings' | 'oplog'>;

/** Backups of one agent: asked for (the app, the CLI) or on the schedule in Settings. */
export interface Backups {
  schedule: BackupSchedule;
  /** Writes a backup into `folder` (new or empty) and notes it, so the schedule counts from it. */
  write(folder: string): Promise<BackupManifest>;
}

const byAgent = new WeakMap<Agent['ctx'], Backups>();

export function backups(agent: Deps, now?: () => number): Backups {
  let found = byAgent.get(agent.ctx);
  if (found) return found;
  const write = async (folder: string) => {
    const manifest = await writeBackup(agent, folder);
    return manifest;
  };
  const schedule = new BackupSchedule({
    db: agent.ctx.db,
    schedule: () => agent.settings.get('backupSchedule'),
    backup: write,
    log: (entry) => agent.oplog.record(entry),
    now,
  });
  found = {
    schedule,
    async write(folder) {
      const manifest = await write(folder);
      schedule.done(folder);
      agent.oplog.record({
        kind: 'backup.done',
        message: `Backed up the data folder to ${folder}.`,
      });
      return manifest;
    },
  };
  byAgent.set(agent.ctx, found);
  return found;
}

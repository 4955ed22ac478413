import { resolve } from 'node:path';
import { backupManifestSchema, type BackupManifest } from '#core/api/library-care';
import { openAgent } from '../agent';
import { BackupError } from '../backup/backup-files';
import { backups } from '../backup/backups';
import { restoreBackup } from '../backup/restore-backup';
import { resolveDataDir } from '../config';
import { parse } from './parse';
import { agentIsRunning, callRunningAgent, refusal } from './running-agent';
import { UsageError } from './usage';

const counts = (m: BackupManifest) =>
  `${m.counts.books} books, ${m.counts.users} users, ${m.counts.databases} databases, ${m.counts.covers} cover files`;

/**
 * `colophon backup DIR`: a consistent copy of the data folder into DIR (new
 * or empty). While an agent runs, the agent writes it (it holds the stores);
 * otherwise this command does.
 */
export async function backup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  if (positionals.length !== 1)
    throw new UsageError('backup needs one folder: colophon backup DIR');
  const folder = resolve(positionals[0] as string);
  const dataDir = resolveDataDir(values.data);
  let manifest: BackupManifest;
  if (agentIsRunning(dataDir)) {
    console.log('An agent is running on this data folder: it writes the backup.');
    const answer = await callRunningAgent(dataDir, 'POST', '/api/backup', { folder });
    if (answer.status !== 200) throw new Error(refusal(answer));
    manifest = backupManifestSchema.parse(answer.body);
  } else {
    const agent = await openAgent(dataDir);
    try {
      manifest = await backups(agent).write(folder);
    } catch (error) {
      if (error instanceof BackupError) throw new UsageError(error.message);
      throw error;
    } finally {
      await agent.close();
    }
  }
  console.log(`Backed up ${dataDir} to ${folder}: ${counts(manifest)}.`);
  return 0;
}

/**
 * `colophon restore DIR`: puts a backup in place of the data folder. Refused
 * while an agent runs; the data folder as it was is renamed aside, not deleted.
 */
export async function restore(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  if (positionals.length !== 1)
    throw new UsageError('restore needs the backup folder: colophon restore DIR');
  const dataDir = resolveDataDir(values.data);
  try {
    const { manifest, keptAt } = restoreBackup(dataDir, positionals[0] as string);
    console.log(
      `Restored the backup of ${manifest.createdAt} (${counts(manifest)}) into ${dataDir}.`,
    );
    if (keptAt)
      console.log(
        `The data folder as it was is kept at ${keptAt}; delete it once all looks right.`,
      );
    console.log('Start the agent with colophon serve; devices catch up with the restored library.');
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

import cliProgress from 'cli-progress';
import { resolveDataDir } from '../config';
import { addFolder, FolderError, listFolders } from '../folders/folders';
import { SCAN_JOB } from '../scan/scan-job';
import type { Job } from '../jobs/types';
import { openForCommand } from './open-agent';
import { parse } from './parse';
import { UsageError } from './usage';

function formatEta(seconds: number | undefined): string {
  if (seconds === undefined) return '…';
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** `colophon scan [DIR]…`: the agent's scan, in the foreground, with a progress bar. */
export async function scan(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  const agent = await openForCommand(resolveDataDir(values.data), 'Scan from the app (Rescan)');
  try {
    const folders = positionals.map((dir) => {
      try {
        return addFolder(agent.ctx.db, dir);
      } catch (error) {
        if (error instanceof FolderError) throw new UsageError(error.message);
        throw error;
      }
    });
    if (listFolders(agent.ctx.db).length === 0)
      throw new UsageError('scan needs a folder: colophon scan DIR');

    const bar = new cliProgress.SingleBar(
      {
        format: '{phase} [{bar}] {value}/{total} files · {rate}/s · ETA {eta_text} · {current}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const show = (job: Job) => {
      if (job.kind !== SCAN_JOB || !job.progress) return;
      const p = job.progress;
      const payload = {
        phase: (p.phase ?? 'scanning').padEnd(11),
        rate: p.rate ? p.rate.toFixed(1) : '–',
        eta_text: formatEta(p.etaSeconds),
        current: (p.current ?? '').slice(-40),
      };
      if (!started) {
        bar.start(p.total ?? p.done, p.done, payload);
        started = true;
      }
      bar.setTotal(p.total ?? p.done);
      bar.update(p.done, payload);
    };
    agent.runner.on('job', show);
    // Start first: a scan an earlier run left half-done resumes, and is the one followed here.
    agent.runner.start();
    const job = agent.scan(folders.length > 0 ? { folders: folders.map((f) => f.id) } : {});
    const stop = () => agent.runner.cancel(job.id);
    process.once('SIGINT', stop);
    await agent.runner.idle();
    process.off('SIGINT', stop);
    if (started) bar.stop();

    const finished = agent.runner.store.get(job.id);
    const problems = agent.oplog
      .list({ jobId: job.id, limit: 1000 })
      .filter((op) => op.kind === 'book.unreadable' || op.kind === 'scan.notice');
    const r = finished?.result ?? {};
    const num = (value: unknown) => (typeof value === 'number' ? value : 0);
    console.log(
      `Scan ${finished?.state}: ${num(r.seen)} files, ${num(r.read)} read, ${num(r.unchanged)} unchanged, ` +
        `${num(r.failed) + num(r.stillUnreadable)} could not be read, ${num(r.moved)} moved, ${num(r.missing)} missing.`,
    );
    if (finished?.state === 'paused')
      console.log(
        'The disk is full: free some space, then scan again; the scan goes on from where it stopped.',
      );
    for (const op of problems.slice(0, 20)) console.log(`  ${op.subject ?? ''}: ${op.message}`);
    if (problems.length > 20)
      console.log(`  … and ${problems.length - 20} more (see the scanning page).`);
    return finished?.state === 'done' ? 0 : 1;
  } finally {
    await agent.close();
  }
}

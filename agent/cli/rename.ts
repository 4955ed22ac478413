import cliProgress from 'cli-progress';
import type { Agent } from '../agent';
import { resolveDataDir } from '../config';
import { newId } from '../ids';
import type { Job } from '../jobs/types';
import { renameDefaults } from '../rename/defaults';
import { PatternError } from '../rename/plan-batch';
import { RENAME_JOB, type RenameJobPayload } from '../rename/rename-job';
import { renameService } from '../rename/rename-service';
import { parseRenameRequest } from '../rename/request-schema';
import { openForCommand } from './open-agent';
import { parse } from './parse';
import { UsageError } from './usage';

/** Opens the data dir (which finishes any batch a crash interrupted), or says who holds it. */
export function openForRename(dataDir: string): Promise<Agent> {
  return openForCommand(dataDir, 'Rename from the app (Rename page)');
}

/**
 * Runs a rename job in the foreground: progress bar on a terminal, Ctrl-C
 * cancels (the file in flight finishes, the rest stays planned). Prints the
 * outcome; exit status 0 when every move was made.
 */
export async function runRenameJob(agent: Agent, payload: RenameJobPayload): Promise<number> {
  const bar = new cliProgress.SingleBar(
    {
      format: '{phase} [{bar}] {value}/{total} moves · {rate}/s · ETA {eta}s · {current}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const show = (job: Job) => {
    if (job.kind !== RENAME_JOB || !job.progress?.total) return;
    const p = job.progress;
    const values = {
      phase: (p.phase ?? 'renaming').padEnd(9),
      rate: p.rate ? p.rate.toFixed(0) : '–',
      current: (p.current ?? '').slice(-40),
    };
    if (!started) {
      // Said once, on a terminal or not: the batch is journaled and files are moving.
      console.log(`Moving files: ${p.total} move(s)…`);
      if (process.stdout.isTTY) bar.start(p.total ?? 0, p.done, values);
    }
    started = true;
    if (process.stdout.isTTY) bar.update(p.done, values);
  };
  agent.runner.on('job', show);
  agent.runner.start();
  const job = agent.runner.enqueue(RENAME_JOB, payload, { maxAttempts: 1, priority: 5 });
  const stop = () => agent.runner.cancel(job.id);
  process.once('SIGINT', stop);
  await agent.runner.idle();
  process.off('SIGINT', stop);
  if (started && process.stdout.isTTY) bar.stop();

  const finished = agent.runner.store.get(job.id);
  const service = renameService(agent.ctx);
  const batch = service.journal.get(payload.batchId);
  if (!batch) {
    console.error(`Nothing was renamed: ${finished?.error ?? 'the job did not start.'}`);
    return 1;
  }
  const { committed, moved, failed, planned } = batch.counts;
  console.log(
    `Batch ${batch.id} ${batch.state}: ${committed + moved} moved, ${failed} failed, ${planned} not done.`,
  );
  if (finished?.state === 'paused')
    console.log(
      'The disk is full: free some space. Every file is where the journal says; the next start of Colophon (the agent or any command) finishes the batch.',
    );
  const failures = service.journal.entries(batch.id).filter((e) => e.state === 'failed');
  for (const entry of failures.slice(0, 20)) console.log(`  ${entry.fromRel}: ${entry.reason}`);
  if (failures.length > 20) console.log(`  … and ${failures.length - 20} more.`);
  if (batch.kind === 'rename' && committed + moved > 0)
    console.log(`Undo with: colophon undo ${batch.id}`);
  return batch.state === 'done' && failed === 0 ? 0 : 1;
}

/**
 * `colophon rename [--pattern P] [--on-conflict skip|suffix|overwrite]
 * [--profile linux|macos|windows] [--book ID]... [--keep-empty-folders] [--dry-run]`:
 * renames the library's books (or some) by a pattern, journaled and undoable.
 * --dry-run prints the plan as JSON and moves nothing.
 */
export async function rename(args: string[]): Promise<number> {
  const { values } = parse(args, {
    pattern: { type: 'string' },
    'on-conflict': { type: 'string' },
    profile: { type: 'string' },
    book: { type: 'string', multiple: true },
    'keep-empty-folders': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  const agent = await openForRename(resolveDataDir(values.data));
  try {
    const defaults = renameDefaults(agent.settings);
    const parsed = parseRenameRequest(
      {
        pattern: values.pattern ?? defaults.pattern,
        profile: values.profile,
        onConflict: values['on-conflict'],
        selection: values.book ?? 'all',
        ...(values['keep-empty-folders'] ? { removeEmptyFolders: false } : {}),
      },
      defaults,
    );
    if (!parsed.ok) throw new UsageError(parsed.message);
    const service = renameService(agent.ctx);
    let planned;
    try {
      planned = await service.plan(parsed.request, newId(10));
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      const caret = `${' '.repeat(error.position)}^`;
      throw new UsageError(`${error.message}\n  ${parsed.request.pattern}\n  ${caret}`);
    }
    const { plan } = planned;
    if (values['dry-run']) {
      const { batchId, hash, request } = planned;
      console.log(JSON.stringify({ batchId, planHash: hash, request, ...plan }, null, 2));
      return 0;
    }
    if (plan.moves.length === 0) {
      console.log(
        `Nothing to rename: ${plan.summary.unchanged} book(s) already in place, ${plan.summary.skipped} skipped, ${plan.summary.error} in error.`,
      );
      return 0;
    }
    console.log(
      `Renaming ${plan.summary.move} book(s) in ${plan.summary.moves} move(s) as batch ${planned.batchId}` +
        ` (${plan.summary.skipped} skipped, ${plan.summary.unchanged} already in place).`,
    );
    return await runRenameJob(agent, {
      action: 'rename',
      batchId: planned.batchId,
      planHash: planned.hash,
      request: planned.request,
    });
  } finally {
    await agent.close();
  }
}

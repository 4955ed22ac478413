import type { AgentContext } from '../context';
import { runBatch, type RunControl, type RunOutcome } from './executor';
import { nodeFileOps, type FileOps } from './file-ops';
import { BookGatherer } from './gather';
import { Journal } from './journal';
import { journalEntries, planBatch, type PlannedBatch } from './plan-batch';
import type { RenameBatch, RenameRequest } from './types';
import { journalUndo } from './undo-batch';

type Log = RunControl['log'];

/**
 * Renames over one data dir: plan a request against the disk, journal it,
 * run it, undo it. The job, the API, the CLI and recovery all go through here.
 */
export class RenameService {
  readonly journal: Journal;
  readonly gatherer: BookGatherer;

  constructor(
    readonly ctx: AgentContext,
    readonly ops: FileOps = nodeFileOps,
    readonly durable = true,
  ) {
    this.journal = new Journal(ctx.db);
    this.gatherer = new BookGatherer(ctx);
  }

  plan(request: RenameRequest, batchId: string): Promise<PlannedBatch> {
    return planBatch(this.ctx, this.gatherer, request, batchId);
  }

  /** Writes the whole batch to the journal (every move 'planned') before anything moves. */
  begin(planned: PlannedBatch, jobId: number | undefined, log: Log): RenameBatch {
    const { plan, request } = planned;
    this.journal.create(
      {
        id: planned.batchId,
        kind: 'rename',
        jobId,
        pattern: request.pattern,
        profile: request.profile,
        onConflict: request.onConflict,
        planHash: planned.hash,
        removeEmptyFolders: request.removeEmptyFolders,
        summary: plan.summary,
      },
      journalEntries(planned),
    );
    for (const entry of plan.entries)
      if (entry.status === 'skipped' || entry.status === 'error')
        log(`rename.${entry.status}`, entry.reasons.join(' '), entry.from, {
          batch: planned.batchId,
          book: entry.bookId,
        });
    log(
      'rename.started',
      `Batch ${planned.batchId}: ${plan.summary.move} book(s) to rename in ${plan.summary.moves} move(s); ` +
        `${plan.summary.skipped} skipped, ${plan.summary.unchanged} already in place.`,
      undefined,
      { batch: planned.batchId },
    );
    return this.journal.get(planned.batchId) as RenameBatch;
  }

  /** Journals the undo of a batch as a new batch. */
  beginUndo(batchId: string, undoId: string, jobId: number | undefined, log: Log): RenameBatch {
    const batch = this.journal.get(batchId);
    if (!batch) throw new Error(`There is no rename batch ${batchId}.`);
    journalUndo(this.journal, batch, undoId, jobId);
    const undo = this.journal.get(undoId) as RenameBatch;
    log(
      'rename.started',
      `Batch ${undoId} undoes batch ${batchId}: ${undo.summary.moves} move(s).`,
      undefined,
      { batch: undoId, undoOf: batchId },
    );
    return undo;
  }

  /**
   * Runs a journaled batch to its end (or to a stop between books). A run
   * stopped for a cancel is 'cancelled', its other moves left planned; a run
   * stopped because the process is shutting down stays 'running', and the
   * next start finishes it.
   */
  async run(
    batchId: string,
    control: RunControl,
    options: { resume: boolean; cancelled?: () => boolean },
  ): Promise<RunOutcome> {
    const deps = { ctx: this.ctx, journal: this.journal, ops: this.ops, durable: this.durable };
    const outcome = await runBatch(deps, batchId, control, options);
    const summary = `${outcome.moved} moved, ${outcome.failed} failed, ${outcome.planned} not done`;
    if (!outcome.stopped) {
      this.journal.finish(batchId, 'done', `Done: ${summary}.`);
      control.log('rename.done', `Batch ${batchId} done: ${summary}.`, undefined, {
        batch: batchId,
        ...outcome,
      });
    } else if (options.cancelled?.()) {
      this.journal.finish(batchId, 'cancelled', `Cancelled: ${summary}.`);
      control.log('rename.cancelled', `Batch ${batchId} cancelled: ${summary}.`, undefined, {
        batch: batchId,
        ...outcome,
      });
    }
    return outcome;
  }
}

const services = new WeakMap<AgentContext, RenameService>();

/** The one service per opened data dir (its gatherer keeps merged metadata between previews). */
export function renameService(ctx: AgentContext): RenameService {
  let service = services.get(ctx);
  if (!service) services.set(ctx, (service = new RenameService(ctx)));
  return service;
}

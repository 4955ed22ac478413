import type { RenameRequest } from '#core/api/rename';
import { movesDiffering, planChangedReason } from '#core/rename/seen-plan';
import type { Job } from '#core/api/jobs';
import type { RequestDoc } from '#core/schema/request-doc';
import { newId } from '../../ids';
import type { JobRunner } from '../../jobs/runner';
import { PatternError, type PlannedBatch } from '../../rename/plan-batch';
import { RENAME_JOB, type RenameJobPayload } from '../../rename/rename-job';
import type { RenameService } from '../../rename/rename-service';
import { MetadataRequestError } from '../errors';

type RenameAsked = Extract<RequestDoc, { action: 'rename' }>;

const RENAME_PRIORITY = 5;

/**
 * A rename asked on a device (offline, say), checked and carried out as the
 * Rename page's Execute is: the agent plans it again against the disk as it
 * is now, and runs it — the journaled rename job, on Jobs, undoable from
 * History — only when that plan moves exactly the books the device's preview
 * showed, each from and to the same paths. Anything else is refused with how
 * many files differ: nothing the user did not see is ever renamed.
 */
export class RenameRequests {
  constructor(
    private readonly service: Pick<RenameService, 'plan'>,
    private readonly runner: Pick<JobRunner, 'enqueue' | 'on' | 'off'>,
  ) {}

  /** Why it cannot run as seen, or undefined when the plan now is the one previewed. */
  async refusal(doc: RenameAsked): Promise<string | undefined> {
    try {
      await this.planAsSeen(doc, newId(10));
      return undefined;
    } catch (error) {
      if (error instanceof MetadataRequestError) return error.message;
      throw error;
    }
  }

  /**
   * Plans it once more and starts the rename job on that plan; answers the
   * job. Should the job fail (the library changed again before it ran, a
   * file could not move), `failed` hears why, while this process runs.
   */
  async carryOut(doc: RenameAsked, failed: (reason: string) => void): Promise<number> {
    const batchId = newId(10);
    const planned = await this.planAsSeen(doc, batchId);
    const payload: RenameJobPayload = {
      action: 'rename',
      batchId,
      planHash: planned.hash,
      request: planned.request,
    };
    const job = this.runner.enqueue(RENAME_JOB, payload, {
      maxAttempts: 1,
      priority: RENAME_PRIORITY,
    });
    const watch = (seen: Job) => {
      if (seen.id !== job.id || !['done', 'failed', 'cancelled'].includes(seen.state)) return;
      this.runner.off('job', watch);
      if (seen.state === 'failed')
        failed(seen.error ?? 'The rename job failed; see it on the Jobs page.');
    };
    this.runner.on('job', watch);
    return job.id;
  }

  private async planAsSeen(doc: RenameAsked, batchId: string): Promise<PlannedBatch> {
    const request: RenameRequest = {
      pattern: doc.pattern,
      profile: doc.profile,
      onConflict: doc.onConflict,
      removeEmptyFolders: doc.removeEmptyFolders,
      selection: doc.selection,
    };
    let planned: PlannedBatch;
    try {
      planned = await this.service.plan(request, batchId);
    } catch (error) {
      if (error instanceof PatternError)
        throw new MetadataRequestError(400, 'bad-pattern', error.message);
      throw error;
    }
    const differ = movesDiffering(doc.seen, planned.plan);
    if (differ > 0) throw new MetadataRequestError(409, 'plan-changed', planChangedReason(differ));
    return planned;
  }
}

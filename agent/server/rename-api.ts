import express from 'express';
import { RENAME, type RenameRequest } from '#core/api/rename';
import type { Agent } from '../agent';
import { newId } from '../ids';
import { renameDefaults } from '../rename/defaults';
import { PatternError, type PlannedBatch } from '../rename/plan-batch';
import { previewPage } from '../rename/preview-page';
import { RENAME_JOB, type RenameJobPayload } from '../rename/rename-job';
import { renameService } from '../rename/rename-service';
import { withDefaults } from '../rename/request-schema';
import { undoRefusal } from '../rename/undo-batch';
import { notFound, RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin } from './session-middleware';

const RENAME_PRIORITY = 5;
const PREVIEW_TTL_MS = 60_000;
const PREVIEWS_KEPT = 4;

/**
 * Renames: preview a pattern (the exact plan, paged), execute a previewed
 * plan as a job, list batches with their moves and log, undo one. Renames
 * move the library's files: an admin's business.
 */
export function renameRouter(agent: Agent): express.Router {
  const router = express.Router();
  // A selection can list many books: parsed here (for an admin only) before any smaller limit
  // further down /api.
  router.use('/rename', requireAdmin, express.json({ limit: '20mb' }));
  const service = renameService(agent.ctx);
  const previews = new Map<string, { planned: PlannedBatch; at: number }>();
  const complete = (request: Parameters<typeof withDefaults>[0]) =>
    withDefaults(request, renameDefaults(agent.settings));
  const noBatch = (id: string) => notFound(`There is no rename batch ${id}.`);
  const busy = (what: string) => {
    const job = agent.runner.store.active(RENAME_JOB);
    if (job) throw new RequestError(409, 'busy', `Rename job #${job.id} is ${job.state}; ${what}.`);
  };

  serve(router, RENAME.options, [requireAdmin], (_req, res) => {
    res.json({ defaults: renameDefaults(agent.settings) });
  });

  serve(router, RENAME.preview, [requireAdmin], async (req, res) => {
    const { batchId: kept, page, pageSize, search, filter, ...request } = req.body;
    const wanted = complete(request);
    // Paging through one preview keeps its batch id, so its trash and temporary names stay put.
    const batchId = kept ?? newId(10);
    // Paging or searching one preview reuses its plan for a minute; a new preview plans anew,
    // and executing always re-plans and compares hashes, so a stale page never moves a file.
    const key = `${batchId}\n${JSON.stringify(wanted)}`;
    const cached = previews.get(key);
    const planned =
      cached && Date.now() - cached.at < PREVIEW_TTL_MS
        ? cached.planned
        : await service.plan(wanted, batchId);
    previews.delete(key);
    previews.set(key, { planned, at: Date.now() });
    for (const old of previews.keys()) if (previews.size > PREVIEWS_KEPT) previews.delete(old);
    res.json({
      batchId,
      planHash: planned.hash,
      request: wanted,
      summary: planned.plan.summary,
      ...previewPage(planned.plan, { page, pageSize, search, filter }),
    });
  });

  serve(router, RENAME.execute, [requireAdmin], async (req, res) => {
    const { batchId, planHash, ...request } = req.body;
    const wanted: RenameRequest = complete(request);
    if (service.journal.get(batchId))
      throw new RequestError(
        409,
        'already-run',
        `The preview ${batchId} was already carried out; preview again.`,
      );
    busy('wait for it to finish, then preview again');
    const planned = await service.plan(wanted, batchId);
    if (planned.hash !== planHash)
      throw new RequestError(
        409,
        'plan-changed',
        'The library changed since this preview, so it is not what would happen now. Look at the new preview, then rename.',
      );
    const payload: RenameJobPayload = { action: 'rename', batchId, planHash, request: wanted };
    const job = agent.runner.enqueue(RENAME_JOB, payload, {
      maxAttempts: 1,
      priority: RENAME_PRIORITY,
    });
    res.status(202).json({ batchId, job });
  });

  serve(router, RENAME.batches, [requireAdmin], (req, res) => {
    const { limit = 50, offset = 0 } = req.query;
    res.json(service.journal.list(Math.min(limit, 500), offset));
  });

  serve(router, RENAME.batch, [requireAdmin], (req, res) => {
    const batch = service.journal.get(req.params.id);
    if (!batch) throw noBatch(req.params.id);
    const log =
      batch.jobId === undefined ? [] : agent.oplog.list({ jobId: batch.jobId, limit: 1000 });
    // Failed moves first (what needs attention), then the rest in order, a page at a time.
    const all = service.journal.entries(batch.id);
    const ordered = [
      ...all.filter((e) => e.state === 'failed'),
      ...all.filter((e) => e.state !== 'failed'),
    ];
    const { limit = 2000, offset = 0 } = req.query;
    const end = offset + Math.min(limit, 10_000);
    res.json({ batch, total: all.length, entries: ordered.slice(offset, end), log });
  });

  serve(router, RENAME.undo, [requireAdmin], (req, res) => {
    const batch = service.journal.get(req.params.id);
    if (!batch) throw noBatch(req.params.id);
    const refusal = undoRefusal(batch);
    if (refusal) throw new RequestError(409, 'not-undoable', refusal);
    busy('wait for it, then undo');
    const undoId = newId(10);
    const payload: RenameJobPayload = { action: 'undo', batchId: undoId, undoOf: batch.id };
    const job = agent.runner.enqueue(RENAME_JOB, payload, {
      maxAttempts: 1,
      priority: RENAME_PRIORITY,
    });
    res.status(202).json({ batchId: undoId, job });
  });

  // Where the pattern is wrong, for the editor to mark.
  router.use(
    refusals(
      PatternError,
      (error) =>
        new RequestError(400, 'bad-pattern', error.message, {
          position: error.position,
          ...(error.end !== undefined && { end: error.end }),
        }),
    ),
  );
  return router;
}

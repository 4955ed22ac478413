import express, { type Request, type Response } from 'express';
import type { Agent } from '../agent';
import { newId } from '../ids';
import { renameDefaults } from '../rename/defaults';
import { PatternError, type PlannedBatch } from '../rename/plan-batch';
import { PREVIEW_FILTERS, previewPage, type PreviewFilter } from '../rename/preview-page';
import { RENAME_JOB, type RenameJobPayload } from '../rename/rename-job';
import { renameService } from '../rename/rename-service';
import { parseRenameRequest } from '../rename/request-schema';
import type { RenameRequest } from '../rename/types';
import { undoRefusal } from '../rename/undo-batch';
import { requireAdmin } from './session-middleware';

const BATCH_ID = /^[0-9a-z]{6,20}$/;
const RENAME_PRIORITY = 5;
const PREVIEW_TTL_MS = 60_000;
const PREVIEWS_KEPT = 4;

const number = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

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

  /** The request in the body, or a 400 saying what is wrong with it. */
  function request(req: Request, res: Response): RenameRequest | undefined {
    const parsed = parseRenameRequest(req.body, renameDefaults(agent.settings));
    if (!parsed.ok) res.status(400).json({ error: 'bad-request', message: parsed.message });
    return parsed.ok ? parsed.request : undefined;
  }

  /** Plans, or answers 400 with where the pattern is wrong. */
  async function plan(
    res: Response,
    wanted: RenameRequest,
    batchId: string,
  ): Promise<PlannedBatch | undefined> {
    try {
      return await service.plan(wanted, batchId);
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      res.status(400).json({
        error: 'bad-pattern',
        message: error.message,
        position: error.position,
        end: error.end,
      });
      return undefined;
    }
  }

  router.get('/rename/options', requireAdmin, (_req, res) => {
    res.json({ defaults: renameDefaults(agent.settings) });
  });

  router.post('/rename/preview', requireAdmin, async (req, res) => {
    const wanted = request(req, res);
    if (!wanted) return;
    const body = req.body as Record<string, unknown>;
    // Paging through one preview keeps its batch id, so its trash and temporary names stay put.
    const batchId =
      typeof body.batchId === 'string' && BATCH_ID.test(body.batchId) ? body.batchId : newId(10);
    // Paging or searching one preview reuses its plan for a minute; a new preview plans anew,
    // and executing always re-plans and compares hashes, so a stale page never moves a file.
    const key = `${batchId}\n${JSON.stringify(wanted)}`;
    const cached = previews.get(key);
    const planned =
      cached && Date.now() - cached.at < PREVIEW_TTL_MS
        ? cached.planned
        : await plan(res, wanted, batchId);
    if (!planned) return;
    previews.delete(key);
    previews.set(key, { planned, at: Date.now() });
    for (const old of previews.keys()) if (previews.size > PREVIEWS_KEPT) previews.delete(old);
    const filter = PREVIEW_FILTERS.find((f) => f === body.filter) ?? ('all' as PreviewFilter);
    res.json({
      batchId,
      planHash: planned.hash,
      request: wanted,
      summary: planned.plan.summary,
      ...previewPage(planned.plan, {
        page: number(body.page, 1),
        pageSize: number(body.pageSize, 50),
        search: typeof body.search === 'string' ? body.search : '',
        filter,
      }),
    });
  });

  router.post('/rename', requireAdmin, async (req, res) => {
    const wanted = request(req, res);
    if (!wanted) return;
    const { batchId, planHash } = req.body as { batchId?: unknown; planHash?: unknown };
    if (typeof batchId !== 'string' || !BATCH_ID.test(batchId) || typeof planHash !== 'string') {
      res.status(400).json({
        error: 'bad-request',
        message: 'Renaming needs the batchId and planHash of the preview you saw; preview first.',
      });
      return;
    }
    if (service.journal.get(batchId)) {
      res.status(409).json({
        error: 'already-run',
        message: `The preview ${batchId} was already carried out; preview again.`,
      });
      return;
    }
    const busy = agent.runner.store.active(RENAME_JOB);
    if (busy) {
      res.status(409).json({
        error: 'busy',
        message: `Rename job #${busy.id} is ${busy.state}; wait for it to finish, then preview again.`,
      });
      return;
    }
    const planned = await plan(res, wanted, batchId);
    if (!planned) return;
    if (planned.hash !== planHash) {
      res.status(409).json({
        error: 'plan-changed',
        message:
          'The library changed since this preview, so it is not what would happen now. Look at the new preview, then rename.',
      });
      return;
    }
    const payload: RenameJobPayload = { action: 'rename', batchId, planHash, request: wanted };
    const job = agent.runner.enqueue(RENAME_JOB, payload, {
      maxAttempts: 1,
      priority: RENAME_PRIORITY,
    });
    res.status(202).json({ batchId, job });
  });

  router.get('/rename/batches', requireAdmin, (req, res) => {
    const limit = Math.min(number(Number(req.query.limit), 50), 500);
    const offset = number(Number(req.query.offset), 0);
    res.json(service.journal.list(limit, offset));
  });

  router.get('/rename/batches/:id', requireAdmin, (req, res) => {
    const batch = service.journal.get(String(req.params.id));
    if (!batch) {
      res
        .status(404)
        .json({ error: 'not-found', message: `There is no rename batch ${req.params.id}.` });
      return;
    }
    const log =
      batch.jobId === undefined ? [] : agent.oplog.list({ jobId: batch.jobId, limit: 1000 });
    // Failed moves first (what needs attention), then the rest in order, a page at a time.
    const all = service.journal.entries(batch.id);
    const ordered = [
      ...all.filter((e) => e.state === 'failed'),
      ...all.filter((e) => e.state !== 'failed'),
    ];
    const limit = Math.min(number(Number(req.query.limit), 2000), 10_000);
    const offset = Math.max(0, number(Number(req.query.offset), 0));
    res.json({ batch, total: all.length, entries: ordered.slice(offset, offset + limit), log });
  });

  router.post('/rename/batches/:id/undo', requireAdmin, (req, res) => {
    const batch = service.journal.get(String(req.params.id));
    if (!batch) {
      res
        .status(404)
        .json({ error: 'not-found', message: `There is no rename batch ${req.params.id}.` });
      return;
    }
    const refusal = undoRefusal(batch);
    const busy = agent.runner.store.active(RENAME_JOB);
    if (refusal || busy) {
      res.status(409).json({
        error: refusal ? 'not-undoable' : 'busy',
        message: refusal ?? `Rename job #${busy?.id} is ${busy?.state}; wait for it, then undo.`,
      });
      return;
    }
    const undoId = newId(10);
    const payload: RenameJobPayload = { action: 'undo', batchId: undoId, undoOf: batch.id };
    const job = agent.runner.enqueue(RENAME_JOB, payload, {
      maxAttempts: 1,
      priority: RENAME_PRIORITY,
    });
    res.status(202).json({ batchId: undoId, job });
  });

  return router;
}

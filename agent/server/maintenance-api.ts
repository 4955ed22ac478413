import express from 'express';
import { MAINTENANCE, type MaintenanceAction } from '#core/api/maintenance';
import type { Agent } from '../agent';
import { duplicateGroups } from '../maintenance/duplicate-groups';
import { maintenance, MaintenanceError } from '../maintenance/maintenance';
import type { StoredAction } from '../maintenance/maintenance-journal';
import { missingBooks } from '../maintenance/missing-books';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin } from './session-middleware';

const STATUS: Record<MaintenanceError['code'], number> = {
  changed: 409,
  'not-found': 404,
  busy: 409,
  unavailable: 409,
  'cannot-undo': 409,
};

/** An action as the pages show it: without the journal's own fields. */
function shown({ contentKey: _k, files: _f, ...action }: StoredAction): MaintenanceAction {
  return action;
}

/** Duplicates and missing books (admins only): list, decide, undo. */
export function maintenanceRouter(agent: Agent): express.Router {
  const router = express.Router();
  // Bodies are read after the guard: nothing is parsed for a caller who may not call.
  const json = express.json({ limit: '2mb' });
  const service = maintenance(agent);
  const userOf = (req: express.Request) => req.session?.user.id;

  serve(router, MAINTENANCE.duplicates, [requireAdmin], async (_req, res) => {
    res.json({
      groups: await duplicateGroups(agent, service.journal.groupDecisions()),
      actions: service.journal.recent(['keep-one', 'keep-both', 'ignore']).map(shown),
    });
  });

  serve(router, MAINTENANCE.keepOne, [requireAdmin, json], async (req, res) => {
    const { key, keep, move } = req.body;
    res.json(shown(await service.keepOne(key, keep, move, userOf(req))));
  });

  serve(router, MAINTENANCE.keepBoth, [requireAdmin, json], async (req, res) => {
    res.json(shown(await service.decideGroup('keep-both', req.body.key, userOf(req))));
  });

  serve(router, MAINTENANCE.ignore, [requireAdmin, json], async (req, res) => {
    res.json(shown(await service.decideGroup('ignore', req.body.key, userOf(req))));
  });

  serve(router, MAINTENANCE.missing, [requireAdmin], async (_req, res) => {
    res.json({
      ...(await missingBooks(agent)),
      actions: service.journal.recent(['remove']).map(shown),
    });
  });

  serve(router, MAINTENANCE.removeMissing, [requireAdmin, json], async (req, res) => {
    res.json(shown(await service.removeMissing(req.body.books, userOf(req))));
  });

  serve(router, MAINTENANCE.undo, [requireAdmin], async (req, res) => {
    res.json(shown(await service.undo(req.params.id)));
  });

  router.use(
    refusals(
      MaintenanceError,
      (error) => new RequestError(STATUS[error.code], error.code, error.message),
    ),
  );
  return router;
}

import express from 'express';
import { LIBRARY_CARE } from '#core/api/library-care';
import { MAINTENANCE, type MaintenanceAction } from '#core/api/maintenance';
import type { Agent } from '../agent';
import { BackupError } from '../backup/backup-files';
import { startBackupJob } from '../backup/backup-job';
import { backups } from '../backup/backups';
import { doctor, DoctorBusyError } from '../doctor/doctor';
import { DOCTOR_JOB, DOCTOR_REPAIR_JOB, startDoctorJob } from '../doctor/doctor-jobs';
import { agentExportSources, exportUser } from '../export/user-export';
import { duplicateGroups } from '../maintenance/duplicate-groups';
import { maintenance, MaintenanceError } from '../maintenance/maintenance';
import type { StoredAction } from '../maintenance/maintenance-journal';
import { missingBooks } from '../maintenance/missing-books';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin, requireSession } from './session-middleware';

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

/** A download's file name: `colophon-NAME-2026-05-01.json`, in letters a file system takes. */
const exportName = (username: string) =>
  `colophon-${username.replace(/[^A-Za-z0-9._-]+/g, '_')}-${new Date().toISOString().slice(0, 10)}.json`;

/**
 * Duplicates and missing books, Check the library, backups (admins only):
 * list, decide, undo, check, repair (at once, or as jobs), back up (at once, or as a job). And each user's own data as a download.
 */
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

  const care = doctor(agent);
  serve(router, LIBRARY_CARE.check, [requireAdmin], async (_req, res) => {
    res.json(await care.check());
  });

  serve(router, LIBRARY_CARE.repair, [requireAdmin], async (_req, res) => {
    res.json(await care.repair());
  });

  serve(router, LIBRARY_CARE.checkJob, [requireAdmin], (_req, res) => {
    res.json(startDoctorJob(agent, DOCTOR_JOB));
  });

  serve(router, LIBRARY_CARE.repairJob, [requireAdmin], (_req, res) => {
    res.json(startDoctorJob(agent, DOCTOR_REPAIR_JOB));
  });

  serve(router, LIBRARY_CARE.backupNow, [requireAdmin, json], (req, res) => {
    res.json(startBackupJob(agent, req.body.folder));
  });

  serve(router, LIBRARY_CARE.backupStatus, [requireAdmin], (_req, res) => {
    res.json(backups(agent).schedule.status());
  });

  serve(router, LIBRARY_CARE.backup, [requireAdmin, json], async (req, res) => {
    res.json(await backups(agent).write(req.body.folder));
  });

  serve(router, LIBRARY_CARE.myData, [requireSession], async (req, res) => {
    const user = req.session?.user;
    if (!user) throw new RequestError(401, 'unauthenticated', 'Sign in first.');
    const data = await exportUser(user, agentExportSources(agent, user));
    // A file, not an answer of the contract: sent as the bytes of the download.
    res.attachment(exportName(user.username));
    res.setHeader('Cache-Control', 'no-store');
    res.type('json').end(JSON.stringify(data, null, 2));
  });

  router.use(
    refusals(DoctorBusyError, (error) => new RequestError(409, 'busy', error.message)),
    refusals(BackupError, (error) => new RequestError(409, 'backup-refused', error.message)),
    refusals(
      MaintenanceError,
      (error) => new RequestError(STATUS[error.code], error.code, error.message),
    ),
  );
  return router;
}

import express from 'express';
import { SETTINGS } from '#core/api/settings';
import { SettingError, type SettingsStore } from '../settings/settings-store';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin } from './session-middleware';

/** Reading and changing the agent's settings (admins), each change undoable. */
export function settingsRouter(settings: SettingsStore): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '20kb' }));

  serve(router, SETTINGS.all, [requireAdmin], (_req, res) => {
    res.json(settings.visible());
  });

  serve(router, SETTINGS.set, [requireAdmin], (req, res) => {
    res.json(settings.set(req.params.key, req.body.value, req.session?.user.id));
  });

  serve(router, SETTINGS.history, [requireAdmin], (_req, res) => {
    res.json(settings.history());
  });

  serve(router, SETTINGS.undo, [requireAdmin], (req, res) => {
    res.json(settings.undo(req.params.id, req.session?.user.id));
  });

  router.use(
    refusals(
      SettingError,
      (error) => new RequestError(400, 'invalid-setting', error.message, { key: error.key }),
    ),
  );
  return router;
}

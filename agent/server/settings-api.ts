import express from 'express';
import { SettingError, type SettingsStore } from '../settings/settings-store';
import { requireAdmin } from './session-middleware';

/** Reading and changing the agent's settings (admins), each change undoable. */
export function settingsRouter(settings: SettingsStore): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '20kb' }));

  const guard =
    (work: (req: express.Request, res: express.Response) => void) =>
    (req: express.Request, res: express.Response) => {
      try {
        work(req, res);
      } catch (error) {
        if (!(error instanceof SettingError)) throw error;
        res.status(400).json({ error: 'invalid-setting', key: error.key, message: error.message });
      }
    };

  router.get('/settings', requireAdmin, (_req, res) => {
    res.json(settings.visible());
  });

  router.put(
    '/settings/:key',
    requireAdmin,
    guard((req, res) => {
      res.json(
        settings.set(
          req.params.key as string,
          (req.body as { value?: unknown })?.value,
          req.session?.user.id,
        ),
      );
    }),
  );

  router.get('/settings/history', requireAdmin, (_req, res) => {
    res.json(settings.history());
  });

  router.post(
    '/settings/history/:id/undo',
    requireAdmin,
    guard((req, res) => {
      res.json(settings.undo(Number(req.params.id), req.session?.user.id));
    }),
  );

  return router;
}

import express from 'express';
import { APP_PASSWORDS } from '#core/api/app-passwords';
import type { Auth } from '../auth/auth';
import { UserError } from '../auth/users';
import type { OperationLog } from '../oplog/operation-log';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireSession } from './session-middleware';

/**
 * The signed-in user's own app passwords. A session is required (with its
 * CSRF token to make or revoke one): an app password cannot reach /api, so
 * a device cannot make itself more of them.
 */
export function appPasswordsRouter(
  auth: Auth,
  oplog: OperationLog,
  /** Told when a password is made. */
  made: () => void = () => undefined,
): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  const me = (req: express.Request) => req.session?.user ?? { id: '', username: '' };

  serve(router, APP_PASSWORDS.list, [requireSession], (req, res) => {
    res.json(auth.appPasswords.list(me(req).id));
  });

  serve(router, APP_PASSWORDS.create, [requireSession], (req, res) => {
    const created = auth.appPasswords.create(me(req).id, req.body.name);
    oplog.record({
      kind: 'app-password.added',
      subject: me(req).username,
      message: `${me(req).username} made the app password "${created.password.name}".`,
    });
    res.status(201).json(created);
    made();
  });

  serve(router, APP_PASSWORDS.revoke, [requireSession], (req, res) => {
    if (!auth.appPasswords.revoke(me(req).id, req.params.id))
      throw new RequestError(404, 'not-found', 'You have no such app password; reload the list.');
    oplog.record({
      kind: 'app-password.revoked',
      subject: me(req).username,
      message: `${me(req).username} revoked an app password (${req.params.id}).`,
    });
    res.json({ ok: true });
  });

  router.use(refusals(UserError, (error) => new RequestError(400, 'invalid', error.message)));
  return router;
}

import express from 'express';
import { USERS, preferencesSchema } from '#core/api/users';
import type { Auth } from '../auth/auth';
import { verifyPassword } from '../auth/passwords';
import { UserError } from '../auth/users';
import type { OperationLog } from '../oplog/operation-log';
import { RequestError } from './request-error';
import { refusals, serve } from './serve-route';
import { requireAdmin, requireSession } from './session-middleware';

/** Managing accounts (admins), and each user's own password and preferences. */
export function usersRouter(auth: Auth, oplog: OperationLog): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  const actor = (req: express.Request) => req.session?.user.username ?? 'someone';

  serve(router, USERS.list, [requireAdmin], (_req, res) => {
    res.json(auth.users.list());
  });

  serve(router, USERS.add, [requireAdmin], async (req, res) => {
    const { username, password, role } = req.body;
    const user = await auth.users.add(username, password, role);
    oplog.record({
      kind: 'user.added',
      subject: user.username,
      message: `${actor(req)} added ${user.username} (${user.role}).`,
    });
    res.status(201).json(user);
  });

  serve(router, USERS.change, [requireAdmin], (req, res) => {
    const { role, disabled } = req.body;
    const user = auth.users.update(req.params.id, {
      ...(role && { role }),
      ...(disabled !== undefined && { disabled }),
    });
    if (user.disabled) auth.sessions.revokeAll(user.id);
    oplog.record({
      kind: 'user.changed',
      subject: user.username,
      message: `${actor(req)} set ${user.username} to ${user.role}${user.disabled ? ', disabled' : ''}.`,
    });
    res.json(user);
  });

  serve(router, USERS.resetPassword, [requireAdmin], async (req, res) => {
    const user = auth.users.get(req.params.id);
    if (!user) throw new UserError('There is no such user.');
    await auth.users.setPassword(user.id, req.body.password);
    // The admin resetting their own password here stays signed in, as on /me/password.
    if (user.id === req.session?.user.id && req.sessionToken)
      auth.sessions.revokeOthers(user.id, req.sessionToken);
    else auth.sessions.revokeAll(user.id);
    oplog.record({
      kind: 'user.password',
      subject: user.username,
      message: `${actor(req)} reset the password of ${user.username}.`,
    });
    res.json({ ok: true });
  });

  serve(router, USERS.signOut, [requireAdmin], (req, res) => {
    res.json({ signedOut: auth.sessions.revokeAll(req.params.id) });
  });

  serve(router, USERS.remove, [requireAdmin], (req, res) => {
    const user = auth.users.get(req.params.id);
    auth.users.remove(req.params.id);
    if (user)
      oplog.record({
        kind: 'user.removed',
        subject: user.username,
        message: `${actor(req)} removed ${user.username}.`,
      });
    res.json({ ok: true });
  });

  serve(router, USERS.changeOwnPassword, [requireSession], async (req, res) => {
    const { current, password } = req.body;
    const me = req.session?.user;
    const hash = me && auth.users.passwordHash(me.id);
    if (!me || !hash || !(await verifyPassword(current, hash)))
      throw new RequestError(403, 'wrong-password', 'The current password is not right.');
    await auth.users.setPassword(me.id, password);
    // Whoever knew the old password is signed out; this browser stays signed in.
    const signedOut = req.sessionToken ? auth.sessions.revokeOthers(me.id, req.sessionToken) : 0;
    oplog.record({
      kind: 'user.password',
      subject: me.username,
      message: `${me.username} changed their password.`,
    });
    res.json({ ok: true, signedOut });
  });

  serve(router, USERS.preferences, [requireSession], (req, res) => {
    res.json(preferencesSchema.parse(auth.users.preferences(req.session?.user.id ?? '')));
  });

  serve(router, USERS.setPreferences, [requireSession], (req, res) => {
    auth.users.setPreferences(req.session?.user.id ?? '', req.body);
    res.json(req.body);
  });

  // What the user store refuses (a taken name, a weak password, the last admin) is the client's to fix.
  router.use(refusals(UserError, (error) => new RequestError(400, 'invalid', error.message)));
  return router;
}

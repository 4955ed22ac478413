import express from 'express';
import type { Auth } from '../auth/auth';
import { verifyPassword } from '../auth/passwords';
import { ROLES, UserError, type Role } from '../auth/users';
import type { OperationLog } from '../oplog/operation-log';
import { PREFERENCES } from '../settings/schema';
import { requireAdmin, requireSession } from './session-middleware';

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Managing accounts (admins), and each user's own password and preferences. */
export function usersRouter(auth: Auth, oplog: OperationLog): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));

  const handle =
    (work: (req: express.Request, res: express.Response) => Promise<void> | void) =>
    async (req: express.Request, res: express.Response) => {
      try {
        await work(req, res);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        res.status(400).json({ error: 'invalid', message: error.message });
      }
    };
  const actor = (req: express.Request) => req.session?.user.username ?? 'someone';

  router.get('/users', requireAdmin, (_req, res) => {
    res.json(auth.users.list());
  });

  router.post(
    '/users',
    requireAdmin,
    handle(async (req, res) => {
      const { username, password, role } = (req.body ?? {}) as Record<string, unknown>;
      const user = await auth.users.add(
        String(username ?? ''),
        String(password ?? ''),
        isRole(role) ? role : 'reader',
      );
      oplog.record({
        kind: 'user.added',
        subject: user.username,
        message: `${actor(req)} added ${user.username} (${user.role}).`,
      });
      res.status(201).json(user);
    }),
  );

  router.patch(
    '/users/:id',
    requireAdmin,
    handle((req, res) => {
      const { role, disabled } = (req.body ?? {}) as Record<string, unknown>;
      const user = auth.users.update(req.params.id as string, {
        ...(isRole(role) ? { role } : {}),
        ...(typeof disabled === 'boolean' ? { disabled } : {}),
      });
      if (user.disabled) auth.sessions.revokeAll(user.id);
      oplog.record({
        kind: 'user.changed',
        subject: user.username,
        message: `${actor(req)} set ${user.username} to ${user.role}${user.disabled ? ', disabled' : ''}.`,
      });
      res.json(user);
    }),
  );

  router.post(
    '/users/:id/password',
    requireAdmin,
    handle(async (req, res) => {
      const user = auth.users.get(req.params.id as string);
      if (!user) throw new UserError('There is no such user.');
      await auth.users.setPassword(
        user.id,
        String((req.body as { password?: unknown })?.password ?? ''),
      );
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
    }),
  );

  router.post('/users/:id/sign-out', requireAdmin, (req, res) => {
    res.json({ signedOut: auth.sessions.revokeAll(req.params.id as string) });
  });

  router.delete(
    '/users/:id',
    requireAdmin,
    handle((req, res) => {
      const user = auth.users.get(req.params.id as string);
      auth.users.remove(req.params.id as string);
      if (user)
        oplog.record({
          kind: 'user.removed',
          subject: user.username,
          message: `${actor(req)} removed ${user.username}.`,
        });
      res.json({ ok: true });
    }),
  );

  router.put(
    '/me/password',
    requireSession,
    handle(async (req, res) => {
      const { current, password } = (req.body ?? {}) as Record<string, unknown>;
      const me = req.session?.user;
      const hash = me && auth.users.passwordHash(me.id);
      if (!me || !hash || !(await verifyPassword(String(current ?? ''), hash))) {
        res
          .status(403)
          .json({ error: 'wrong-password', message: 'The current password is not right.' });
        return;
      }
      await auth.users.setPassword(me.id, String(password ?? ''));
      // Whoever knew the old password is signed out; this browser stays signed in.
      const signedOut = req.sessionToken ? auth.sessions.revokeOthers(me.id, req.sessionToken) : 0;
      oplog.record({
        kind: 'user.password',
        subject: me.username,
        message: `${me.username} changed their password.`,
      });
      res.json({ ok: true, signedOut });
    }),
  );

  router.get('/me/preferences', requireSession, (req, res) => {
    res.json(PREFERENCES.parse(auth.users.preferences(req.session?.user.id ?? '')));
  });

  router.put('/me/preferences', requireSession, (req, res) => {
    const parsed = PREFERENCES.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid',
        message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
      return;
    }
    auth.users.setPreferences(req.session?.user.id ?? '', parsed.data);
    res.json(parsed.data);
  });

  return router;
}

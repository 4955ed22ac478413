import express, { type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Auth } from '../auth/auth';
import { verifyPassword } from '../auth/passwords';
import { checkSetupCode, clearSetupCode } from '../auth/setup-code';
import { userNameKey } from '../auth/user-names';
import { UserError, type User } from '../auth/users';
import type { Db } from '../db/sqlite';
import type { SettingsStore } from '../settings/settings-store';
import { clearedSessionCookie, requireSession, sessionCookie } from './session-middleware';

/**
 * Slows down password guessing: per address, and per address and user name
 * (folded as sign-in folds it, so " RITA" counts as rita). Only failures
 * count, in both: a correct sign-in is no guess, and a household behind one
 * address signs in many times a day. Once the limit is reached, even the
 * right password waits out the window.
 */
function loginLimits(windowMs: number, perName: number, perAddress: number) {
  const message = {
    error: 'rate-limited',
    message: 'Too many sign-in attempts. Wait a few minutes and try again.',
  };
  const common = {
    windowMs,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    message,
  };
  return [
    rateLimit({ ...common, limit: perAddress }),
    rateLimit({
      ...common,
      limit: perName,
      keyGenerator: (req: Request) =>
        `${ipKeyGenerator(req.ip ?? '')}:${userNameKey(String((req.body as { username?: unknown })?.username ?? ''))}`,
    }),
  ];
}

export interface SessionApiOptions {
  /** Sign-in attempts allowed per address and user name in a window (tests lower it). */
  loginAttempts?: number;
  loginWindowMs?: number;
}

/** Signing in and out, the first admin (setup), and who is signed in. */
export function sessionRouter(
  auth: Auth,
  settings: SettingsStore,
  db: Db,
  options: SessionApiOptions = {},
): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  const timeout = () => settings.get('sessionTimeoutHours') * 3_600_000;

  const signIn = (req: Request, res: express.Response, user: User) => {
    const { token, csrf } = auth.sessions.create(user);
    res.setHeader('Set-Cookie', sessionCookie(req, token, timeout()));
    res.json({ user, csrf });
  };

  router.get('/session', (req, res) => {
    res.json({
      user: req.session?.user ?? null,
      csrf: req.session?.csrf ?? null,
      setupNeeded: auth.users.count() === 0,
    });
  });

  const windowMs = options.loginWindowMs ?? 15 * 60_000;
  router.post(
    '/session',
    ...loginLimits(windowMs, options.loginAttempts ?? 10, (options.loginAttempts ?? 10) * 5),
    async (req, res) => {
      const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || typeof password !== 'string') {
        res.status(400).json({ error: 'bad-request', message: 'Give a user name and a password.' });
        return;
      }
      const user = auth.users.byName(username);
      // Verify even for unknown names, so timing does not tell which names exist.
      const ok = await verifyPassword(
        password,
        user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
      );
      if (!user || !ok || user.disabled) {
        res
          .status(401)
          .json({ error: 'wrong-credentials', message: 'Wrong user name or password.' });
        return;
      }
      const { passwordHash: _hidden, ...account } = user;
      signIn(req, res, account);
    },
  );

  router.delete('/session', requireSession, (req, res) => {
    if (req.sessionToken) auth.sessions.revoke(req.sessionToken);
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.json({ ok: true });
  });

  /** Signs the current user out of every browser and device. */
  router.post('/session/everywhere', requireSession, (req, res) => {
    const count = auth.sessions.revokeAll(req.session?.user.id ?? '');
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.json({ signedOut: count });
  });

  router.get('/setup', (_req, res) => {
    res.json({ needed: auth.users.count() === 0 });
  });

  /** Creates the first admin; needs the setup code the agent printed. */
  router.post(
    '/setup',
    ...loginLimits(windowMs, options.loginAttempts ?? 10, (options.loginAttempts ?? 10) * 5),
    async (req, res) => {
      const { code, username, password } = (req.body ?? {}) as Record<string, unknown>;
      if (auth.users.count() > 0) {
        res.status(409).json({
          error: 'already-set-up',
          message: 'This agent already has an admin. Sign in instead.',
        });
        return;
      }
      if (typeof code !== 'string' || !checkSetupCode(db, code)) {
        res.status(403).json({
          error: 'wrong-setup-code',
          message:
            'That is not the setup code. It is printed in the terminal where the agent runs.',
        });
        return;
      }
      try {
        const user = await auth.users.add(String(username ?? ''), String(password ?? ''), 'admin');
        clearSetupCode(db);
        signIn(req, res, user);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        res.status(400).json({ error: 'invalid', message: error.message });
      }
    },
  );

  return router;
}

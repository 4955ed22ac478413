import express, { type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { SESSION } from '#core/api/session';
import type { Auth } from '../auth/auth';
import { verifyPassword } from '../auth/passwords';
import { checkSetupCode, clearSetupCode } from '../auth/setup-code';
import { userNameKey } from '../auth/user-names';
import { UserError, type User } from '../auth/users';
import type { Db } from '../db/sqlite';
import type { SettingsStore } from '../settings/settings-store';
import { RequestError } from './request-error';
import { serve } from './serve-route';
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

  const signIn = (req: Request, res: Response, user: User) => {
    const { token, csrf } = auth.sessions.create(user);
    res.setHeader('Set-Cookie', sessionCookie(req, token, timeout()));
    res.json({ user, csrf });
  };

  serve(router, SESSION.current, [], (req, res) => {
    res.json({
      user: req.session?.user ?? null,
      csrf: req.session?.csrf ?? null,
      setupNeeded: auth.users.count() === 0,
    });
  });

  const windowMs = options.loginWindowMs ?? 15 * 60_000;
  const limits = () =>
    loginLimits(windowMs, options.loginAttempts ?? 10, (options.loginAttempts ?? 10) * 5);

  serve(router, SESSION.signIn, limits(), async (req, res) => {
    const { username, password } = req.body;
    const user = auth.users.byName(username);
    // Verify even for unknown names, so timing does not tell which names exist.
    const ok = await verifyPassword(
      password,
      user?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
    );
    if (!user || !ok || user.disabled)
      throw new RequestError(401, 'wrong-credentials', 'Wrong user name or password.');
    const { passwordHash: _hidden, ...account } = user;
    signIn(req, res, account);
  });

  serve(router, SESSION.signOut, [requireSession], (req, res) => {
    if (req.sessionToken) auth.sessions.revoke(req.sessionToken);
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.json({ ok: true });
  });

  /** Signs the current user out of every browser and device. */
  serve(router, SESSION.signOutEverywhere, [requireSession], (req, res) => {
    const count = auth.sessions.revokeAll(req.session?.user.id ?? '');
    res.setHeader('Set-Cookie', clearedSessionCookie());
    res.json({ signedOut: count });
  });

  serve(router, SESSION.setupNeeded, [], (_req, res) => {
    res.json({ needed: auth.users.count() === 0 });
  });

  /** Creates the first admin; needs the setup code the agent printed. */
  serve(router, SESSION.setUp, limits(), async (req, res) => {
    const { code, username, password } = req.body;
    if (auth.users.count() > 0)
      throw new RequestError(
        409,
        'already-set-up',
        'This agent already has an admin. Sign in instead.',
      );
    if (!checkSetupCode(db, code))
      throw new RequestError(
        403,
        'wrong-setup-code',
        'That is not the setup code. It is printed in the terminal where the agent runs.',
      );
    try {
      const user = await auth.users.add(username, password, 'admin');
      clearSetupCode(db);
      signIn(req, res, user);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new RequestError(400, 'invalid', error.message);
    }
  });

  return router;
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppPasswords } from '../auth/app-passwords';
import { userNameKey } from '../auth/user-names';
import type { User } from '../auth/users';
import { KosyncError } from './kosync-errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** Whom a KOReader request syncs for: the user of the app password in its headers. */
    kosyncUser?: User;
  }
}

export interface KosyncAuthOptions {
  /** Failed sign-ins allowed per address and user name in a window (tests lower it). */
  attempts?: number;
  windowMs?: number;
}

const USER_HEADER = 'x-auth-user';
const KEY_HEADER = 'x-auth-key';

/**
 * Wrong app passwords slow down as sign-in's do (session-api.ts): per
 * address, and per address and user name; only refusals count, so a
 * device pushing its page every few minutes never does.
 */
function limits(options: KosyncAuthOptions): RequestHandler[] {
  const attempts = options.attempts ?? 10;
  const common = {
    windowMs: options.windowMs ?? 15 * 60_000,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req: Request, res: Response) => res.statusCode !== 401,
    handler: (_req: Request, res: Response) => {
      res.status(429).json({
        code: 429,
        error: 'rate-limited',
        message: 'Too many wrong app passwords. Wait a few minutes and try again.',
      });
    },
  };
  return [
    rateLimit({ ...common, limit: attempts * 5 }),
    rateLimit({
      ...common,
      limit: attempts,
      keyGenerator: (req: Request) =>
        `${ipKeyGenerator(req.ip ?? '')}:${userNameKey(req.get(USER_HEADER) ?? '')}`,
    }),
  ];
}

/**
 * KOReader's sign-in, on every request: `x-auth-user` and `x-auth-key`, the
 * lowercase hex MD5 of the password typed into KOReader, which must be one
 * of the user's app passwords (never the account's password). Headers, not
 * cookies: a web page cannot make a browser send them to another site, so
 * no CSRF token is needed.
 */
export function requireKosyncUser(
  passwords: AppPasswords,
  options: KosyncAuthOptions = {},
): RequestHandler[] {
  const check = (req: Request, _res: Response, next: NextFunction) => {
    const username = req.get(USER_HEADER) ?? '';
    const key = req.get(KEY_HEADER) ?? '';
    // The official server refuses empty fields and names with ':' (its key separator).
    const user =
      username.trim() && key.trim() && !username.includes(':')
        ? passwords.verify(username, key, 'md5')
        : undefined;
    if (!user) return next(new KosyncError('unauthorized'));
    req.kosyncUser = user;
    next();
  };
  return [...limits(options), check];
}

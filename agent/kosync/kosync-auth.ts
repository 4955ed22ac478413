import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  appPasswordLimits,
  TOO_MANY_APP_PASSWORDS,
  type AppPasswordLimitOptions,
} from '../auth/app-password-limits';
import type { AppPasswords } from '../auth/app-passwords';
import type { User } from '../auth/users';
import { KosyncError } from './kosync-errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** Whom a KOReader request syncs for: the user of the app password in its headers. */
    kosyncUser?: User;
  }
}

export type KosyncAuthOptions = AppPasswordLimitOptions;

const USER_HEADER = 'x-auth-user';
const KEY_HEADER = 'x-auth-key';

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
  const limits = appPasswordLimits(options, {
    userName: (req) => req.get(USER_HEADER) ?? '',
    refuse: (res) => {
      res.status(429).json({ code: 429, error: 'rate-limited', message: TOO_MANY_APP_PASSWORDS });
    },
  });
  return [...limits, check];
}

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  appPasswordLimits,
  TOO_MANY_APP_PASSWORDS,
  type AppPasswordLimitOptions,
} from '../auth/app-password-limits';
import type { Auth } from '../auth/auth';
import type { User } from '../auth/users';

declare module 'express-serve-static-core' {
  interface Request {
    /** Whom a device's request (OPDS) reads as: its app password's user, or the session's. */
    reader?: User;
  }
}

/** What a reading app is asked for, and told when it gets it wrong. */
export const BASIC_CHALLENGE = 'Basic realm="Colophon"';

export type DeviceAuthOptions = AppPasswordLimitOptions;

/** The user name and password of an `Authorization: Basic` header, if it has one. */
export function basicCredentials(req: Request): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(req.get('authorization') ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function challenge(res: Response, error: string, message: string): void {
  res.setHeader('WWW-Authenticate', BASIC_CHALLENGE);
  res.status(401).json({ error, message });
}

/**
 * Who may read the catalog from a device: HTTP Basic with a user name and
 * one of their app passwords (reading apps cannot send a CSRF token or keep
 * a session), or a browser's session. Only GET and HEAD are served here, so
 * an app password changes nothing; it signs nothing in anywhere else (/api
 * and /db read only the session cookie).
 */
export function requireReader(auth: Auth, options: DeviceAuthOptions = {}): RequestHandler[] {
  const check = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      res
        .status(405)
        .json({ error: 'read-only', message: 'The catalog for devices is read-only.' });
      return;
    }
    if (req.session) {
      req.reader = req.session.user;
      return next();
    }
    const credentials = basicCredentials(req);
    if (!credentials)
      return challenge(
        res,
        'unauthenticated',
        'Sign in with your user name and an app password (Settings → Devices in Colophon).',
      );
    const user = auth.appPasswords.verify(credentials.username, credentials.password, 'plain');
    if (!user)
      return challenge(
        res,
        'wrong-credentials',
        'Wrong user name or app password. Make an app password in Settings → Devices; your account password does not work here.',
      );
    req.reader = user;
    next();
  };
  const limits = appPasswordLimits(options, {
    userName: (req) => basicCredentials(req)?.username ?? '',
    // A request without credentials (a client's first, asking what to send) and a session are not guesses.
    skip: (req) => !!req.session || !basicCredentials(req),
    refuse: (res) => {
      res.setHeader('WWW-Authenticate', BASIC_CHALLENGE);
      res.status(429).json({ error: 'rate-limited', message: TOO_MANY_APP_PASSWORDS });
    },
  });
  return [...limits, check];
}

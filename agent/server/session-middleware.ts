import { parse as parseCookie, serialize } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Auth } from '../auth/auth';
import type { Session } from '../auth/sessions';

export const SESSION_COOKIE = 'colophon_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user's session, when the request carries a live one. */
    session?: Session;
    sessionToken?: string;
  }
}

/** Reads the session cookie on every request (it is only trusted after `find`). */
export function loadSession(auth: Auth): RequestHandler {
  return (req, _res, next) => {
    const token = parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
    const session = auth.sessions.find(token);
    if (session && token) {
      req.session = session;
      req.sessionToken = token;
    }
    next();
  };
}

function refuse(res: Response, status: 401 | 403, error: string, message: string): void {
  res.status(status).json({ error, message });
}

/**
 * Requires a session, and for every state-changing method the session's CSRF
 * token in a header (a cross-site form or fetch cannot read it, so cannot send it).
 */
export function requireSession(req: Request, res: Response, next: NextFunction): void {
  if (!req.session) return refuse(res, 401, 'unauthenticated', 'Sign in first.');
  if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== req.session.csrf) {
    return refuse(
      res,
      403,
      'csrf',
      'This request lacks the page’s security token; reload the page and try again.',
    );
  }
  next();
}

/** Requires an admin session (folders, sources, renames, users, settings). */
export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  requireSession(req, res, () => {
    if (req.session?.user.role !== 'admin')
      return refuse(res, 403, 'forbidden', 'Only an admin can do this.');
    next();
  });
}

/** The cookie that carries a session: HttpOnly, SameSite=Strict, Secure over HTTPS. */
export function sessionCookie(req: Request, token: string, maxAgeMs: number): string {
  return serialize(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    maxAge: Math.floor(maxAgeMs / 1000),
    secure: req.secure,
  });
}

export function clearedSessionCookie(): string {
  return serialize(SESSION_COOKIE, '', {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    maxAge: 0,
  });
}

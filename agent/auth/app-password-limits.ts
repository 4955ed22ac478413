import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { userNameKey } from './user-names';

export interface AppPasswordLimitOptions {
  /** Failed sign-ins allowed per address and user name in a window (tests lower it). */
  attempts?: number;
  windowMs?: number;
}

/** How one protocol names the user, what it does not count, and how it says "wait". */
export interface AppPasswordLimitWays {
  userName(req: Request): string;
  /** Requests that are not guesses (no credentials at all, a browser's session). */
  skip?(req: Request): boolean;
  /** Answers a refused request (429) in the protocol's own shape. */
  refuse(res: Response): void;
}

export const TOO_MANY_APP_PASSWORDS =
  'Too many wrong app passwords. Wait a few minutes and try again.';

/**
 * Wrong app passwords slow down as sign-in's do (session-api.ts): per
 * address, and per address and user name; only refusals (401) count, so a
 * device syncing every few minutes never does. OPDS and KOReader's sync
 * share the rule, each with its own headers and answer.
 */
export function appPasswordLimits(
  options: AppPasswordLimitOptions,
  ways: AppPasswordLimitWays,
): RequestHandler[] {
  const attempts = options.attempts ?? 10;
  const common = {
    windowMs: options.windowMs ?? 15 * 60_000,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req: Request, res: Response) => res.statusCode !== 401,
    skip: (req: Request) => ways.skip?.(req) ?? false,
    handler: (_req: Request, res: Response) => ways.refuse(res),
  };
  return [
    rateLimit({ ...common, limit: attempts * 5 }),
    rateLimit({
      ...common,
      limit: attempts,
      keyGenerator: (req: Request) =>
        `${ipKeyGenerator(req.ip ?? '')}:${userNameKey(ways.userName(req))}`,
    }),
  ];
}

import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { answerFor } from './error-answer';

/** CouchDB clients (PouchDB replicating) read `reason`; the app reads `message`. */
const isCouchPath = (req: Request): boolean => /^\/db(?:[/?]|$)/.test(req.originalUrl);

/** The request line for the log, cut short: a URL may be as long as a client likes. */
const requestLine = (req: Request): string =>
  `${req.method} ${req.originalUrl.length > 200 ? `${req.originalUrl.slice(0, 200)}…` : req.originalUrl}`;

/**
 * The agent's one error handler, installed after every route: whatever a
 * route throws, rejects or passes to `next`, the client gets JSON
 * `{ error, message }` (with an exposed error's details, and `reason` under
 * /db) and a status; faults are logged in full, with their stack, to stderr
 * instead.
 */
export function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    // Half an answer is out: only closing the connection is left (express's default does).
    if (res.headersSent) {
      next(err);
      return;
    }
    const answer = answerFor(err);
    if (answer.log) console.error(`[colophon] ${requestLine(req)} failed:`, err);
    const body: Record<string, string | number> = {
      ...answer.details,
      error: answer.error,
      message: answer.message,
    };
    if (isCouchPath(req)) body.reason = answer.message;
    res.status(answer.status).json(body);
  };
}

/** What no route answered: JSON too, not express's HTML page. */
export const notFound: RequestHandler = (req, res) => {
  const message = 'There is nothing at this address.';
  res
    .status(404)
    .json(
      isCouchPath(req)
        ? { error: 'not_found', reason: message, message }
        : { error: 'not-found', message },
    );
};

import express, { type ErrorRequestHandler, type Request } from 'express';
import type { Agent } from '../agent';
import type { User } from '../auth/users';
import { requireKosyncUser, type KosyncAuthOptions } from '../kosync/kosync-auth';
import { KosyncError } from '../kosync/kosync-errors';
import { documentOf, readProgressPut } from '../kosync/kosync-protocol';
import { ProgressSync } from '../kosync/progress-sync';
import { answerFor } from './error-answer';

const userOf = (req: Request): User => {
  if (!req.kosyncUser) throw new KosyncError('unauthorized');
  return req.kosyncUser;
};

/** Refusals as the official server gives them, `{ code, message }`, with Colophon's `error` name. */
const kosyncErrors: ErrorRequestHandler = (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof KosyncError) {
    res.status(err.status).json({ code: err.code, error: err.problem, message: err.message });
    return;
  }
  const answer = answerFor(err);
  if (answer.log) console.error(`[colophon] ${req.method} ${req.originalUrl} failed:`, err);
  // The official server's code for its own faults is 2000 ("Unknown server error").
  const code = answer.status >= 500 ? 2000 : answer.status;
  res.status(answer.status).json({ code, error: answer.error, message: answer.message });
};

/**
 * KOReader's progress sync (kosync.koplugin), at /kosync: the official
 * server's routes (koreader-sync-server config/routes.lua), signed in with
 * an app password. Accounts are Colophon's, so registering is refused.
 * KOReader asks for `application/vnd.koreader.v1+json`; the answers are
 * that version's JSON.
 */
export function kosyncRouter(agent: Agent, options: KosyncAuthOptions = {}): express.Router {
  const router = express.Router();
  const sync = new ProgressSync(agent.ctx, agent.databases);
  const signedIn = requireKosyncUser(agent.auth.appPasswords, options);
  // Read after the sign-in, whatever type it says it is: KOReader sends only JSON.
  const json = express.json({ limit: '64kb', type: () => true });

  // A server address typed with a trailing slash makes KOReader ask for //users/auth.
  router.use((req, _res, next) => {
    req.url = req.url.replace(/^\/{2,}/, '/');
    next();
  });

  router.get('/healthcheck', (_req, res) => {
    res.json({ state: 'OK' });
  });

  router.post('/users/create', () => {
    throw new KosyncError('registration-disabled');
  });

  router.get('/users/auth', ...signedIn, (_req, res) => {
    res.json({ authorized: 'OK' });
  });

  router.put('/syncs/progress', ...signedIn, json, async (req, res) => {
    const body: unknown = req.body;
    const document = documentOf(
      body && typeof body === 'object' ? (body as { document?: unknown }).document : undefined,
    );
    res.json(await sync.put(userOf(req), document, readProgressPut(body)));
  });

  router.get('/syncs/progress/:document', ...signedIn, async (req, res) => {
    res.json(await sync.get(userOf(req), documentOf(req.params.document)));
  });

  router.use((_req, res) => {
    res.status(404).json({
      code: 404,
      error: 'not-found',
      message: 'KOReader sync has no such address here.',
    });
  });
  router.use(kosyncErrors);
  return router;
}

import express, { type Request, type Response } from 'express';
import type { Agent } from '../agent';
import type { Job } from '../jobs/types';
import { pathsShownTo } from './reader-paths';
import { requireAdmin, requireSession } from './session-middleware';

const HEARTBEAT_MS = 25_000;

function jobId(req: Request, res: Response): number | undefined {
  const id = Number(req.params.id);
  if (Number.isInteger(id) && id > 0) return id;
  res.status(400).json({ error: 'bad-id', message: 'A job id is a positive whole number.' });
  return undefined;
}

/** Jobs, the operation log, and a live stream of job changes (server-sent events). */
export function jobsRouter(agent: Agent): express.Router {
  const router = express.Router();
  const { runner, oplog } = agent;

  router.get('/jobs', requireSession, (req, res) => {
    res.json(pathsShownTo(req, agent.ctx, runner.store.list(200)));
  });

  router.get('/jobs/:id', requireSession, (req, res) => {
    const id = jobId(req, res);
    if (id === undefined) return;
    const job = runner.store.get(id);
    if (!job) {
      res.status(404).json({ error: 'not-found', message: `There is no job #${id}.` });
      return;
    }
    res.json(pathsShownTo(req, agent.ctx, job));
  });

  router.post('/jobs/:id/cancel', requireAdmin, (req, res) => {
    const id = jobId(req, res);
    if (id === undefined) return;
    const job = runner.cancel(id);
    if (!job) {
      res.status(404).json({ error: 'not-found', message: `There is no job #${id}.` });
      return;
    }
    res.json(job);
  });

  router.get('/log', requireSession, (req, res) => {
    const number = (value: unknown) =>
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
    const entries = oplog.list({
      jobId: number(req.query.job),
      before: number(req.query.before),
      limit: number(req.query.limit),
      // Who was added, made admin or had a password reset is the admins' business.
      accounts: req.session?.user.role === 'admin',
    });
    res.json(pathsShownTo(req, agent.ctx, entries));
  });

  router.get('/events', requireSession, (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    const send = (job: Job) =>
      res.write(`event: job\ndata: ${JSON.stringify(pathsShownTo(req, agent.ctx, job))}\n\n`);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    runner.on('job', send);
    req.on('close', () => {
      clearInterval(heartbeat);
      runner.off('job', send);
    });
  });

  return router;
}

import express from 'express';
import { JOBS } from '#core/api/jobs';
import type { Agent } from '../agent';
import { ADMIN_JOB_KINDS, type Job } from '../jobs/types';
import { pathsShownTo } from './reader-paths';
import { JobStateError } from '../jobs/job-store';
import { notFound, RequestError } from './request-error';
import { serve } from './serve-route';
import { requireAdmin, requireSession } from './session-middleware';

const HEARTBEAT_MS = 25_000;

/** Jobs, the operation log, and a live stream of job changes (server-sent events). */
export function jobsRouter(agent: Agent): express.Router {
  const router = express.Router();
  const { runner, oplog } = agent;
  const noJob = (id: number) => notFound(`There is no job #${id}.`);
  /** A reader does not see the admins' own jobs (a library check, a backup). */
  const seen = (req: Pick<express.Request, 'session'>, job: Job) =>
    req.session?.user.role === 'admin' || !ADMIN_JOB_KINDS.has(job.kind);

  serve(router, JOBS.list, [requireSession], (req, res) => {
    res.json(
      pathsShownTo(
        req,
        agent.ctx,
        runner.store.list(200).filter((job) => seen(req, job)),
      ),
    );
  });

  serve(router, JOBS.get, [requireSession], (req, res) => {
    const job = runner.store.get(req.params.id);
    if (!job || !seen(req, job)) throw noJob(req.params.id);
    res.json(pathsShownTo(req, agent.ctx, job));
  });

  serve(router, JOBS.cancel, [requireAdmin], (req, res) => {
    const job = runner.cancel(req.params.id);
    if (!job) throw noJob(req.params.id);
    res.json(job);
  });

  const changing = (change: (id: number) => Job) => (id: number) => {
    try {
      return change(id);
    } catch (error) {
      if (!(error instanceof JobStateError)) throw error;
      if (error.reason === 'unknown') throw noJob(id);
      throw new RequestError(409, error.reason, error.message);
    }
  };
  const retry = changing((id) => runner.retry(id));
  const runNext = changing((id) => runner.runNext(id));

  serve(router, JOBS.retry, [requireAdmin], (req, res) => {
    res.json(retry(req.params.id));
  });

  serve(router, JOBS.runNext, [requireAdmin], (req, res) => {
    res.json(runNext(req.params.id));
  });

  serve(router, JOBS.log, [requireSession], (req, res) => {
    const entries = oplog.list({
      jobId: req.query.job,
      before: req.query.before,
      limit: req.query.limit,
      // Who was added, made admin or had a password reset is the admins' business.
      accounts: req.session?.user.role === 'admin',
    });
    res.json(pathsShownTo(req, agent.ctx, entries));
  });

  serve(router, JOBS.events, [requireSession], (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    res.write('retry: 3000\n\n');
    const send = (job: Job) =>
      seen(req, job) &&
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

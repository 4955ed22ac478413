import express from 'express';
import type { Agent } from '../agent';
import { apiRouter } from './api';
import { coversRouter } from './covers-api';
import { jobsRouter } from './jobs-api';
import { replicationRouter } from './replication';
import { spaRouter } from './spa';

export interface AppOptions {
  /** The built PWA (SvelteKit + service worker). */
  buildDir: string;
}

export function createApp(agent: Agent, options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/db', replicationRouter(agent.ctx.pouch));
  app.use('/api', apiRouter(agent), jobsRouter(agent), coversRouter(agent));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not-found', message: 'No such API endpoint.' });
  });
  app.use(spaRouter(options.buildDir));
  return app;
}

import express from 'express';
import type { AgentContext } from '../context';
import type { ScanService } from '../scan/scan-service';
import { apiRouter } from './api';
import { replicationRouter } from './replication';
import { spaRouter } from './spa';

export interface AppOptions {
  /** The built PWA (SvelteKit + service worker). */
  buildDir: string;
}

export function createApp(
  ctx: AgentContext,
  scans: ScanService,
  options: AppOptions,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/db', replicationRouter(ctx.pouch));
  app.use('/api', apiRouter(ctx, scans));
  app.use(spaRouter(options.buildDir));
  return app;
}

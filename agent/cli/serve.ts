import type { Server } from 'node:http';
import { openAgent } from '../agent';
import { setupCode } from '../auth/setup-code';
import { DEFAULT_HOST, DEFAULT_PORT, resolveDataDir } from '../config';
import { addFolder, FolderError, listFolders } from '../folders/folders';
import { createApp } from '../server/app';
import { BUILD_DIR, ensureBuilt } from '../server/ensure-build';
import { parse } from './parse';
import { exitAnywayAfter } from './stop-deadline';
import { UsageError } from './usage';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not "${text}".`);
  return port;
}

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Port ${port} on ${host} is in use (another Colophon?). Pick another with --port N.`,
          ),
        );
      } else reject(error);
    });
  });
}

/** How long stopping may take before the agent exits anyway. */
const STOP_DEADLINE_MS = 20_000;

/** `colophon serve`: the agent. Scans the library folders and serves the app and /db. */
export async function serve(args: string[]): Promise<number> {
  const { values } = parse(args, {
    library: { type: 'string', multiple: true },
    port: { type: 'string' },
    host: { type: 'string' },
  });
  const port = parsePort(values.port);
  const host = values.host ?? DEFAULT_HOST;
  const log = (line: string) => console.log(`[colophon] ${line}`);

  // The data dir first: a second agent or a damaged database is said at once, before a build.
  const agent = await openAgent(resolveDataDir(values.data));
  const { ctx } = agent;
  try {
    ensureBuilt(log);
    for (const dir of values.library ?? []) addFolder(ctx.db, dir);
  } catch (error) {
    await agent.close();
    if (error instanceof FolderError) throw new UsageError(error.message);
    throw error;
  }
  agent.runner.on('job', (job) => {
    if (job.state === 'done' || job.state === 'failed') {
      log(
        `${job.kind} job #${job.id} ${job.state}${job.error ? `: ${job.error}` : ''} ${JSON.stringify(job.result ?? {})}`,
      );
    }
  });
  agent.runner.start();

  const server = await listen(createApp(agent, { buildDir: BUILD_DIR }), port, host);
  // Devices read from this library: their catalog loads now rather than on their first request.
  if (agent.auth.appPasswords.any()) agent.opds.warm();
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  log(`Serving http://${shown}:${actualPort}/  (data in ${ctx.dataDir})`);
  if (!LOOPBACK.has(host)) {
    log(`Warning: listening on ${host}, so other machines on the network can reach this agent.`);
  }

  if (agent.auth.users.count() === 0) {
    log(
      `First start: create the admin account at http://${shown}:${actualPort}/wizard?code=${setupCode(ctx.db)}`,
    );
    log('(or from the command line: npx colophon user add NAME --role admin)');
  }
  const folders = listFolders(ctx.db);
  if (folders.length === 0) {
    log(
      'No library folder yet: add one in the app (the setup wizard, or Settings), or restart with --library DIR.',
    );
  } else {
    log(`Library folders: ${folders.map((f) => f.root).join(', ')}`);
    agent.scan();
  }
  agent.schedule.start();

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('Stopping…');
  const runningJobs = () =>
    agent.runner.store
      .list()
      .filter((job) => job.state === 'running')
      .map((job) => `${job.kind} job #${job.id}`);
  exitAnywayAfter(STOP_DEADLINE_MS, runningJobs, log);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  // Running jobs stop at their next safe point and resume on the next start.
  await agent.close();
  return 0;
}

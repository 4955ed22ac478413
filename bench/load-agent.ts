import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openAgent } from '../agent/agent';
import type { Role } from '../agent/auth/users';
import { addFolder } from '../agent/folders/folders';
import type { Job } from '../agent/jobs/types';
import { SCAN_JOB } from '../agent/scan/scan-job';
import { createApp } from '../agent/server/app';
import { SESSION_COOKIE } from '../agent/server/session-middleware';

/** The agent's side of `npm run bench -- load`, and the messages it and the bench exchange. */
export const OFFLINE_SOURCES = {
  COLOPHON_OPENLIBRARY_URL: 'http://127.0.0.1:9',
  COLOPHON_OPENLIBRARY_COVERS_URL: 'http://127.0.0.1:9',
  COLOPHON_GOOGLEBOOKS_URL: 'http://127.0.0.1:9',
  COLOPHON_COMICVINE_URL: 'http://127.0.0.1:9',
};

export interface ClientSession {
  role: Role;
  cookie: string;
}

/** The scan as the agent process saw it. */
export interface ScanState {
  state: Job['state'] | 'not started';
  phase?: string;
  /** Files read so far (the reading phase's progress, or the finished job's result). */
  read: number;
  toRead?: number;
  startedAt?: number;
  finishedAt?: number;
}

export type FromAgent =
  | { type: 'ready'; port: number; sessions: ClientSession[]; unloadedFilesPerS?: number }
  | { type: 'scan'; scan: ScanState }
  | {
      type: 'stopped';
      scan: ScanState;
      eventLoopP99Ms: number;
      peakRssMb: number;
      /** When each catalog change (`id@rev`) reached the database's own feed, epoch ms. */
      written: [string, number][];
    };
export type ToAgent = { type: 'start' } | { type: 'stop' };

/**
 * The agent under load, in a process of its own (`--agent-process`, started
 * by `run`): were it in the clients' process, their work on the same event
 * loop would be measured as the agent's latency. It is what `colophon serve`
 * runs (openAgent + createApp on 127.0.0.1), without the app's build, with
 * one signed-in session per client, and the scan started when told.
 */
export async function agentProcess(
  dataDir: string,
  libraryDir: string,
  clients: number,
  baselineDir?: string,
): Promise<void> {
  // The bench may have gone (its run ended) while the scan still reports progress.
  const send = (message: FromAgent) => {
    if (process.connected) process.send?.(message);
  };
  const unloadedFilesPerS = baselineDir
    ? await unloadedScanRate(baselineDir, libraryDir)
    : undefined;
  const agent = await openAgent(dataDir);
  addFolder(agent.ctx.db, libraryDir);
  // Lookups would go to Open Library and Google Books: this bench talks to 127.0.0.1 only.
  agent.settings.set('sources', { openlibrary: false, googlebooks: false, comicvine: false });
  const password = randomBytes(18).toString('base64url');
  const sessions = await Promise.all(
    Array.from({ length: clients }, async (_, i): Promise<ClientSession> => {
      const role: Role = i % 2 === 0 ? 'reader' : 'admin';
      const user = await agent.auth.users.add(`load-${role}-${i}`, password, role);
      const { token } = agent.auth.sessions.create(user);
      return { role, cookie: `${SESSION_COOKIE}=${token}` };
    }),
  );
  // No built app: the bench measures the API and /db, not the static files.
  const buildDir = join(dataDir, 'no-app');
  mkdirSync(buildDir, { recursive: true });
  const server = await new Promise<Server>((resolve) => {
    const s = createApp(agent, { buildDir }).listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The agent has no address.');

  const scan: ScanState = { state: 'not started', read: 0 };
  let lastSent = 0;
  agent.runner.on('job', (job: Job) => {
    if (job.kind !== SCAN_JOB) return;
    const changed = job.state !== scan.state;
    scan.state = job.state;
    scan.phase = job.progress?.phase;
    if (job.progress?.phase === 'reading') {
      scan.read = job.progress.done;
      scan.toRead = job.progress.total;
    }
    if (typeof job.result?.read === 'number') scan.read = job.result.read;
    if (job.startedAt) scan.startedAt = Date.parse(job.startedAt);
    if (job.finishedAt) scan.finishedAt = Date.parse(job.finishedAt);
    if (changed || Date.now() - lastSent > 1000) {
      lastSent = Date.now();
      send({ type: 'scan', scan });
    }
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  // When each change was committed, to time its delivery to the clients' longpolls.
  const written = new Map<string, number>();
  let feed: PouchDB.Core.Changes<object> | undefined;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    lag.disable();
    feed?.cancel();
    send({
      type: 'stopped',
      scan,
      eventLoopP99Ms: lag.percentile(99) / 1e6,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      written: [...written],
    });
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await agent.close();
    if (process.connected) process.disconnect();
  };
  process.on('message', (received) => {
    const message = received as ToAgent;
    if (message.type === 'start') {
      lag.enable();
      feed = agent.ctx.catalog.db.changes({ since: 'now', live: true, return_docs: false });
      void feed.on('change', (change) => {
        const rev = change.changes[0]?.rev;
        if (rev) written.set(`${change.id}@${rev}`, Date.now());
      });
      agent.runner.start();
      agent.scan();
    } else if (message.type === 'stop') void stop();
  });
  // The bench went away: stop rather than serve on.
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port: address.port, sessions, unloadedFilesPerS });
}

/**
 * The scan's rate with nobody asking anything: the same library into a data
 * folder of its own, files read per second of the scan job (as under load).
 */
async function unloadedScanRate(dataDir: string, libraryDir: string): Promise<number> {
  const agent = await openAgent(dataDir);
  try {
    addFolder(agent.ctx.db, libraryDir);
    agent.settings.set('sources', { openlibrary: false, googlebooks: false, comicvine: false });
    agent.runner.start();
    const job = agent.scan();
    await agent.runner.idle();
    const done = agent.runner.store.get(job.id) as Job;
    const seconds = (Date.parse(done.finishedAt ?? '') - Date.parse(done.startedAt ?? '')) / 1000;
    const read = typeof done.result?.read === 'number' ? done.result.read : 0;
    return seconds > 0 ? read / seconds : 0;
  } finally {
    await agent.close();
  }
}

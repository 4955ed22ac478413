import { spawn, type ChildProcess } from 'node:child_process';
import { Agent as HttpAgent, get as httpGet } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Role } from '../agent/auth/users';
import { tempDir } from '../tests/support/temp';
import { buildLibrary } from './library';
import {
  agentProcess,
  OFFLINE_SOURCES,
  type ClientSession,
  type FromAgent,
  type ScanState,
  type ToAgent,
} from './load-agent';
import { progress, report } from './report';

const BENCH_BIN = join(import.meta.dirname, '../agent/bin/bench.js');
/** A plain request slower than this counts as an error (a timeout). */
const REQUEST_TIMEOUT_MS = 30_000;
const PAGE = 50;
const CHANGES_PAGE = 100;
/** What PouchDB's live replication asks for (see src/lib/sync/replication.svelte.ts). */
const LONGPOLL_QUERY = 'style=all_docs&feed=longpoll&heartbeat=10000&limit=500';
/** Port 9 (discard) is closed on 127.0.0.1: a lookup that ran anyway would stay on this machine. */
/** Waits for the agent's message of one type; fails if the agent exits or takes too long. */
function nextMessage<T extends FromAgent['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<FromAgent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (received: unknown) => {
      const message = received as FromAgent;
      if (message.type !== type) return;
      done();
      resolve(message as Extract<FromAgent, { type: T }>);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`The agent process exited (${code}) before "${type}".`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`The agent process sent no "${type}" within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Latencies and errors of one group of requests. */
class RouteStats {
  readonly ms: number[] = [];
  errors = 0;
  /** Errors by HTTP status, or "network". */
  readonly byKind = new Map<string, number>();
  firstError?: string;

  ok(ms: number): void {
    this.ms.push(ms);
  }

  fail(kind: string, detail: string): void {
    this.errors++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    this.firstError ??= `${kind}: ${detail.slice(0, 200)}`;
  }

  /** Nearest-rank percentile. */
  percentile(p: number): number {
    const sorted = [...this.ms].sort((a, b) => a - b);
    return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  }
}

interface Answer {
  status: number;
  body: string;
}

/** A GET on the agent through the shared keep-alive pool. */
function getText(pool: HttpAgent, port: number, path: string, cookie: string, signal: AbortSignal) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpGet(
      {
        host: '127.0.0.1',
        port,
        path,
        agent: pool,
        signal,
        headers: { cookie, accept: 'application/json' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
        response.on('close', () => {
          if (!response.complete) reject(new Error('the connection closed mid-answer'));
        });
      },
    );
    request.on('error', reject);
  });
}

interface Load {
  pool: HttpAgent;
  port: number;
  /** Aborted at the end of the run: ends the waiting longpolls. */
  stop: AbortSignal;
  deadline: number;
  stats: Map<string, RouteStats>;
  /** Changes the longpolls brought (`id@rev`), with when each client got them, epoch ms. */
  longpoll: { changes: number; received: Map<string, number[]> };
}

function statsOf(load: Load, group: string): RouteStats {
  let stats = load.stats.get(group);
  if (!stats) load.stats.set(group, (stats = new RouteStats()));
  return stats;
}

/**
 * One timed request and its JSON answer (every route here answers JSON);
 * undefined when it failed (counted) or was cut off by the end of the run.
 */
async function timed<T>(
  load: Load,
  group: string,
  path: string,
  cookie: string,
  signal: AbortSignal,
): Promise<T | undefined> {
  const stats = statsOf(load, group);
  const started = performance.now();
  try {
    const answer = await getText(load.pool, load.port, path, cookie, signal);
    const ms = performance.now() - started;
    if (answer.status >= 400) return void stats.fail(String(answer.status), answer.body);
    let body: T;
    try {
      body = JSON.parse(answer.body) as T;
    } catch {
      return void stats.fail('not JSON', answer.body);
    }
    stats.ok(ms);
    return body;
  } catch (error) {
    // A longpoll cut off by the end of the run is no error (a timeout still is).
    if (!(signal.aborted && signal.reason === load.stop.reason))
      stats.fail('network', error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

type Seq = number | string;

/**
 * A browser's open replica: one longpoll `_changes` at a time from the
 * catalog's current sequence, the next from where the last left off,
 * until the run ends. These wait by design: their time is not latency.
 */
async function longpolls(load: Load, cookie: string, since: Seq): Promise<void> {
  let seq = since;
  while (!load.stop.aborted) {
    const signal = AbortSignal.any([
      load.stop,
      AbortSignal.timeout(load.deadline - Date.now() + REQUEST_TIMEOUT_MS),
    ]);
    const path = `/db/catalog/_changes?${LONGPOLL_QUERY}&since=${encodeURIComponent(String(seq))}`;
    const feed = await timed<{
      results: { id: string; changes: { rev: string }[] }[];
      last_seq: Seq;
    }>(load, '_changes longpoll', path, cookie, signal);
    if (feed) {
      const now = Date.now();
      for (const change of feed.results) {
        const key = `${change.id}@${change.changes[0]?.rev ?? ''}`;
        const times = load.longpoll.received.get(key);
        if (times) times.push(now);
        else load.longpoll.received.set(key, [now]);
      }
      load.longpoll.changes += feed.results.length;
      seq = feed.last_seq;
    } else if (!load.stop.aborted) {
      // As PouchDB's retry does, not at once.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** What one client asks in a loop: replication reads between the API calls its role's pages make. */
const STEPS: Record<Role, string[]> = {
  reader: ['session', 'all_docs', 'status', 'changes', 'folders', 'all_docs', 'jobs', 'changes'],
  admin: [
    'session',
    'all_docs',
    'status',
    'changes',
    'folders',
    'all_docs',
    'jobs',
    'changes',
    'settings',
    'users',
  ],
};
const API_ROUTES: Record<string, string> = {
  session: '/api/session',
  status: '/api/status',
  folders: '/api/folders',
  jobs: '/api/jobs',
  settings: '/api/settings',
  users: '/api/users',
};

/** One signed-in client: its longpoll, and requests one after another until the deadline. */
async function client(load: Load, session: ClientSession, startDelayMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, startDelayMs));
  const { cookie } = session;
  const info = await timed<{ update_seq: Seq }>(
    load,
    'GET /db/catalog',
    '/db/catalog',
    cookie,
    AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  );
  const polling = longpolls(load, cookie, info?.update_seq ?? 0);

  let lastKey: string | undefined;
  let changesSeq: Seq = 0;
  const steps = STEPS[session.role];
  for (let i = 0; Date.now() < load.deadline; i++) {
    const step = steps[i % steps.length] as string;
    const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    if (step === 'all_docs') {
      // Paged by the last key, as a client pages through the catalog; from the top again at the end.
      const from = lastKey ? `&startkey=${encodeURIComponent(JSON.stringify(lastKey))}&skip=1` : '';
      const path = `/db/catalog/_all_docs?include_docs=true&limit=${PAGE}${from}`;
      const page = await timed<{ rows: { id: string }[] }>(
        load,
        '_all_docs page',
        path,
        cookie,
        signal,
      );
      if (page) lastKey = page.rows.length < PAGE ? undefined : page.rows.at(-1)?.id;
    } else if (step === 'changes') {
      // A replica catching up: pages of the feed, not waiting; from 0 again once caught up.
      const path: string = `/db/catalog/_changes?style=all_docs&limit=${CHANGES_PAGE}&since=${encodeURIComponent(String(changesSeq))}`;
      const feed = await timed<{ results: unknown[]; last_seq: Seq }>(
        load,
        '_changes read',
        path,
        cookie,
        signal,
      );
      if (feed) changesSeq = feed.results.length < CHANGES_PAGE ? 0 : feed.last_seq;
    } else {
      const path = API_ROUTES[step] as string;
      await timed(load, `GET ${path}`, path, cookie, signal);
    }
  }
  await polling;
}

/**
 * `npm run bench -- load [--files N] [--clients N] [--seconds N]`: N
 * signed-in clients (half readers, half admins) against a real agent in
 * its own process, for a bounded time, while it scans a library of
 * generated files: each client keeps one longpoll `_changes` open and in
 * a loop, with no pause, calls the API its pages call and pages through
 * `_all_docs` and `_changes`. Prints p50/p99/max latency, requests and
 * errors per route, changes the longpolls delivered, and how far the scan
 * got under the load, beside its rate on the same files with no load
 * (`--no-baseline` skips that scan).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      files: { type: 'string', default: '3000' },
      clients: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '30' },
      'no-baseline': { type: 'boolean', default: false },
      // Internal: the agent's side, started by the bench itself.
      'agent-process': { type: 'boolean', default: false },
      data: { type: 'string' },
      library: { type: 'string' },
      'baseline-data': { type: 'string' },
    },
  });
  const bounded = (name: string, text: string, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${text}".`);
    return n;
  };
  const files = bounded('files', values.files, 100_000);
  const clients = bounded('clients', values.clients, 500);
  const seconds = bounded('seconds', values.seconds, 600);
  if (values['agent-process']) {
    if (!values.data || !values.library)
      throw new Error('--agent-process needs --data and --library.');
    return agentProcess(values.data, values.library, clients, values['baseline-data']);
  }

  const library = tempDir('bench-load-library');
  const data = tempDir('bench-load-data');
  const baseline = values['no-baseline'] ? undefined : tempDir('bench-load-baseline');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  try {
    await buildLibrary(library.path, files, false);
    process.stderr.write(
      `${baseline ? 'scanning the library once with no load, then ' : ''}starting the agent and signing in ${clients} users…\n`,
    );
    child = spawn(
      process.execPath,
      [
        BENCH_BIN,
        'load',
        '--agent-process',
        '--data',
        data.path,
        '--library',
        library.path,
        '--clients',
        String(clients),
        ...(baseline ? ['--baseline-data', baseline.path] : []),
      ],
      // The agent's stdout goes to stderr: stdout carries only the figures.
      { stdio: ['ignore', 2, 'inherit', 'ipc'], env: { ...process.env, ...OFFLINE_SOURCES } },
    );
    const agentProcess = child;
    exited = new Promise<void>((resolve) => agentProcess.once('exit', () => resolve()));
    // The unloaded scan comes first: its time is the library's (~100 files/s), with room to spare.
    const ready = await nextMessage(child, 'ready', 120_000 + (baseline ? files * 100 : 0));
    let scan: ScanState = { state: 'not started', read: 0 };
    child.on('message', (received) => {
      const message = received as FromAgent;
      if (message.type === 'scan') scan = message.scan;
    });

    const stop = new AbortController();
    const started = Date.now();
    const load: Load = {
      // Two sockets a client: its longpoll and its other request.
      pool: new HttpAgent({
        keepAlive: true,
        maxSockets: clients * 2,
        maxTotalSockets: clients * 2,
      }),
      port: ready.port,
      stop: stop.signal,
      deadline: started + seconds * 1000,
      stats: new Map(),
      longpoll: { changes: 0, received: new Map() },
    };
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    child.send({ type: 'start' } satisfies ToAgent);
    const tick = (final = false) => {
      // Only the final line shows the last second: progress() ends the line then.
      const elapsed = final
        ? seconds
        : Math.min(seconds - 1, Math.floor((Date.now() - started) / 1000));
      const all = [...load.stats.values()];
      const requests = all.reduce((n, s) => n + s.ms.length + s.errors, 0);
      const errors = all.reduce((n, s) => n + s.errors, 0);
      progress(
        `load: ${requests} requests, ${errors} errors, scan ${scan.state} ${scan.read}/${scan.toRead ?? '?'} read; seconds`,
        elapsed,
        seconds,
        started,
      );
    };
    const ticker = setInterval(() => tick(), 1000);
    // Clients start over the first second, not all in one instant.
    const running = ready.sessions.map((session, i) => client(load, session, (i * 1000) / clients));
    const stopTimer = setTimeout(() => stop.abort(), seconds * 1000);
    await Promise.all(running);
    clearTimeout(stopTimer);
    clearInterval(ticker);
    tick(true);
    clientLag.disable();
    const wall = (Date.now() - started) / 1000;

    child.send({ type: 'stop' } satisfies ToAgent);
    const stopped = await nextMessage(child, 'stopped', 30_000);
    load.pool.destroy();

    const common = { clients, files, seconds };
    // The API a page calls (not replication): the "API p99".
    const api = new RouteStats();
    for (const [route, stats] of load.stats)
      if (route.startsWith('GET /api/')) for (const ms of stats.ms) api.ok(ms);
    report('load', 'api_p99_ms', api.percentile(99), { route: 'GET /api/*', ...common });
    let requests = 0;
    let errors = 0;
    for (const [route, stats] of [...load.stats].sort(([a], [b]) => a.localeCompare(b))) {
      requests += stats.ms.length + stats.errors;
      errors += stats.errors;
      if (route === '_changes longpoll') continue;
      report('load', 'p50_ms', stats.percentile(50), { route, ...common });
      report('load', 'p99_ms', stats.percentile(99), { route, ...common });
      report('load', 'max_ms', stats.percentile(100), { route, ...common });
      report('load', 'requests', stats.ms.length + stats.errors, { route, ...common });
      report('load', 'errors', stats.errors, {
        route,
        ...common,
        by: Object.fromEntries(stats.byKind),
      });
    }
    const longpoll = statsOf(load, '_changes longpoll');
    const route = '_changes longpoll';
    report('load', 'changes_delivered', load.longpoll.changes, { route, ...common });
    report('load', 'requests', longpoll.ms.length + longpoll.errors, { route, ...common });
    report('load', 'errors', longpoll.errors, {
      route,
      ...common,
      by: Object.fromEntries(longpoll.byKind),
    });
    // The time until a change arrived (or the run ended): waiting, not latency.
    report('load', 'wait_p50_ms', longpoll.percentile(50), { route, ...common });
    // Delivery: from a change reaching the catalog's own feed to a client's longpoll answering it.
    const written = new Map(stopped.written);
    const delivery = new RouteStats();
    for (const [key, times] of load.longpoll.received) {
      const at = written.get(key);
      if (at !== undefined) for (const t of times) delivery.ok(Math.max(0, t - at));
    }
    report('load', 'changes_delivery_p50_ms', delivery.percentile(50), { route, ...common });
    report('load', 'changes_delivery_p99_ms', delivery.percentile(99), {
      route,
      ...common,
      deliveries: delivery.ms.length,
    });
    report('load', 'requests', requests, { route: 'all', ...common, wall_s: wall });
    report('load', 'requests_per_s', (requests - longpoll.ms.length - longpoll.errors) / wall, {
      route: 'all but longpoll',
      ...common,
    });
    report('load', 'errors', errors, { route: 'all', ...common });
    for (const [name, stats] of load.stats)
      if (stats.firstError) process.stderr.write(`first error on ${name}: ${stats.firstError}\n`);

    const final = stopped.scan;
    const scanEnd = final.finishedAt ?? Date.now();
    const scanSeconds = final.startedAt ? (scanEnd - final.startedAt) / 1000 : 0;
    report('load', 'scan_files_read', final.read, {
      ...common,
      to_read: final.toRead,
      scan_state: final.state,
      still_running: final.state === 'running',
    });
    report('load', 'scan_files_per_s', scanSeconds > 0 ? final.read / scanSeconds : 0, {
      ...common,
      under_load: true,
      scan_seconds: scanSeconds,
    });
    if (ready.unloadedFilesPerS !== undefined) {
      report('load', 'scan_unloaded_files_per_s', ready.unloadedFilesPerS, common);
      report(
        'load',
        'scan_rate_kept',
        ready.unloadedFilesPerS > 0 && scanSeconds > 0
          ? final.read / scanSeconds / ready.unloadedFilesPerS
          : 0,
        { ...common, of: 'files/s under load ÷ files/s with no load' },
      );
    }
    report('load', 'agent_event_loop_delay_p99_ms', stopped.eventLoopP99Ms, common);
    report('load', 'agent_peak_rss_mb', stopped.peakRssMb, common);
    // The clients share one process: a busy loop here would show up as the agent's latency.
    report('load', 'client_event_loop_delay_p99_ms', clientLag.percentile(99) / 1e6, common);
  } finally {
    // The agent closes by itself once stopped; if it does not, or the bench failed, it is killed.
    const kill = setTimeout(() => child?.kill('SIGKILL'), 30_000);
    if (child?.connected) child.disconnect();
    await exited;
    clearTimeout(kill);
    library.remove();
    baseline?.remove();
    data.remove();
  }
}

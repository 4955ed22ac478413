import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:net';
import { hubAddressProblem } from '#core/hub/hub-address';
import { openAgent } from '../agent';
import { setupCode } from '../auth/setup-code';
import { DEFAULT_HOST, DEFAULT_PORT, isLoopback, resolveDataDir } from '../config';
import { Announcer } from '../discovery/announcer';
import { addFolder, FolderError, listFolders } from '../folders/folders';
import { createApp } from '../server/app';
import { BUILD_DIR, ensureBuilt } from '../server/ensure-build';
import type { PairingSource } from '../server/pairing-api';
import { appAddresses } from '../tls/addresses';
import { agentTls, RECHECK_MS, type AgentTls } from '../tls/agent-tls';
import { serverNames, shortHostName } from '../tls/names';
import { plainHttpApp } from '../tls/plain-http-page';
import { sharedPort } from '../tls/shared-port';
import { backups } from '../backup/backups';
import { recordAgentAddress } from './agent-address';
import { parse } from './parse';
import { exitAnywayAfter } from './stop-deadline';
import { UsageError } from './usage';

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, not "${text}".`);
  return port;
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.listen(port, host);
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
    https: { type: 'boolean' },
    cert: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string', multiple: true },
    hub: { type: 'string' },
  });
  const port = parsePort(values.port);
  const host = values.host ?? DEFAULT_HOST;
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UsageError('--cert and --key go together: the certificate file and its private key.');
  // The address is checked before anything opens; the problem never repeats the address (its password).
  const hubProblem = values.hub === undefined ? undefined : hubAddressProblem(values.hub.trim());
  if (hubProblem) throw new UsageError(`--hub: ${hubProblem}`);
  const extraNames = values.name ?? [];
  try {
    serverNames(extraNames);
  } catch (error) {
    throw new UsageError(`--name: ${(error as Error).message}`);
  }
  // Another device needs a secure context (service worker, install, offline books): HTTPS
  // whenever the agent is reachable from the network. Loopback is a secure context already.
  const secure = values.https === true || values.cert !== undefined || !isLoopback(host);
  const log = (line: string) => console.log(`[colophon] ${line}`);

  // The data dir first: a second agent or a damaged database is said at once, before a build.
  const agent = await openAgent(resolveDataDir(values.data));
  const { ctx } = agent;
  let tls: AgentTls | undefined;
  try {
    ensureBuilt(log);
    for (const dir of values.library ?? []) addFolder(ctx.db, dir);
    // Remembered like the library folders; Settings can change it later.
    const hub = values.hub?.trim();
    if (hub !== undefined && hub !== agent.settings.get('hubUrl'))
      agent.settings.set('hubUrl', hub);
    if (secure) {
      tls = agentTls({
        dataDir: ctx.dataDir,
        extraNames,
        certFile: values.cert,
        keyFile: values.key,
        log,
      });
    }
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

  let actualPort = port;
  const pairing: PairingSource = {
    localOnly: isLoopback(host),
    addresses: () =>
      tls ? appAddresses(tls.names ?? serverNames(extraNames), actualPort, host, extraNames) : [],
    ...(tls?.ca ? { ca: tls.ca } : {}),
  };
  const app = createApp(agent, { buildDir: BUILD_DIR, pairing });
  const servers: HttpServer[] = [];
  let listener: Server;
  let recheck: NodeJS.Timeout | undefined;
  if (tls) {
    const current = tls;
    const secureServer = createHttpsServer({ key: current.key, cert: current.cert }, app);
    const plainServer = createHttpServer(
      plainHttpApp({
        buildDir: BUILD_DIR,
        get port() {
          return actualPort;
        },
        get fallbackUrl() {
          return pairing.addresses()[0] ?? `https://localhost:${actualPort}/`;
        },
        ...(current.names
          ? {
              knownNames: () => {
                const names = current.names ?? { dns: [], ip: [] };
                return [...names.dns, ...names.ip].map((name) => name.toLowerCase());
              },
            }
          : {}),
        ...(current.ca ? { ca: current.ca } : {}),
      }),
    );
    servers.push(secureServer, plainServer);
    listener = await listen(sharedPort(secureServer, plainServer), port, host);
    // A NAS runs for months: its certificate follows new addresses and is renewed before it ends.
    recheck = setInterval(() => {
      try {
        if (current.recheck())
          secureServer.setSecureContext({ key: current.key, cert: current.cert });
      } catch (error) {
        log(`Renewing the HTTPS certificate failed: ${(error as Error).message}`);
      }
    }, RECHECK_MS);
    recheck.unref();
  } else {
    const plain = createHttpServer(app);
    servers.push(plain);
    listener = await listen(plain, port, host);
  }
  // Devices read from this library: their catalog loads now rather than on their first request.
  if (agent.auth.appPasswords.any()) agent.opds.warm();
  const address = listener.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  // Where `colophon backup` (and doctor, export) reach this agent while it holds the data dir.
  recordAgentAddress(ctx.db, tls ? 'https' : 'http', host, actualPort);
  const shown = host.includes(':') ? `[${host}]` : host;
  const scheme = tls ? 'https' : 'http';
  log(`Serving ${scheme}://${shown}:${actualPort}/  (data in ${ctx.dataDir})`);

  // Announcing a loopback-only agent would point devices at an address they cannot open.
  const announcer =
    tls && !isLoopback(host)
      ? new Announcer({ host: shortHostName(), port: actualPort, log })
      : undefined;
  if (announcer) {
    const apply = () => {
      const on = agent.settings.get('announceOnNetwork');
      if (on === announcer.enabled) return;
      announcer.set(on);
      log(
        on ? `Announcing on the network as “${announcer.name}”.` : 'Not announcing on the network.',
      );
    };
    apply();
    agent.settings.onChange((key) => key === 'announceOnNetwork' && apply());
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
  agent.watchers.start();
  agent.hub.start(log);
  backups(agent).schedule.start();

  // The addresses last and set apart: on a first start they are what the user is looking for.
  const addresses = pairing.addresses();
  const main =
    addresses.length > 0 && !isLoopback(host) ? addresses : [`${scheme}://${shown}:${actualPort}/`];
  const lines = [''];
  if (agent.auth.users.count() === 0) {
    lines.push(
      `  First start: open ${main[0]}wizard?code=${setupCode(ctx.db)} to create the admin account`,
      '  (or from the command line: npx colophon user add NAME --role admin)',
    );
  } else {
    lines.push(`  Open ${main[0]} in a browser.`);
  }
  for (const other of main.slice(1)) lines.push(`  Also at ${other}`);
  if (tls?.ca) lines.push(`  Devices trust this library once: Settings → Devices → Add a device.`);
  if (!isLoopback(host))
    lines.push(`  Listening on ${host}: other machines on the network can reach this agent.`);
  lines.push('');
  for (const line of lines) console.log(line);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('Stopping…');
  if (recheck) clearInterval(recheck);
  backups(agent).schedule.stop();
  await announcer?.stop();
  const runningJobs = () =>
    agent.runner.store
      .list()
      .filter((job) => job.state === 'running')
      .map((job) => `${job.kind} job #${job.id}`);
  exitAnywayAfter(STOP_DEADLINE_MS, runningJobs, log);
  for (const server of servers) server.closeAllConnections();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  // Running jobs stop at their next safe point and resume on the next start.
  await agent.close();
  return 0;
}

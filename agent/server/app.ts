import express from 'express';
import { CA_CERT_PATH } from '#core/api/pairing';
import { caCertHandler } from '../tls/plain-http-page';
import type { Agent } from '../agent';
import { hubRouter } from '../hub/hub-api';
import type { KosyncAuthOptions } from '../kosync/kosync-auth';
import { apiRouter } from './api';
import { appPasswordsRouter } from './app-passwords-api';
import { calibreRouter } from './calibre-api';
import { coversRouter } from './covers-api';
import { errorHandler, notFound } from './error-handler';
import { filesRouter } from './files-api';
import { foldersRouter } from './folders-api';
import { jobsRouter } from './jobs-api';
import { kosyncRouter } from './kosync-api';
import { formatsRouter } from './formats-api';
import { maintenanceRouter } from './maintenance-api';
import type { DeviceAuthOptions } from './device-auth';
import { metadataRouter } from './metadata-api';
import { opdsRouter } from './opds-api';
import { pairingRouter, type PairingSource } from './pairing-api';
import { readingRouter } from './reading-api';
import { renameRouter } from './rename-api';
import { replicationRouter, type ReplicationOptions } from './replication';
import { securityHeaders } from './security-headers';
import { loadSession } from './session-middleware';
import { sessionRouter, type SessionApiOptions } from './session-api';
import { settingsRouter } from './settings-api';
import { spaRouter } from './spa';
import { usersRouter } from './users-api';

export interface AppOptions {
  /** The built PWA (SvelteKit + service worker). */
  buildDir: string;
  session?: SessionApiOptions;
  /** Size caps and quotas of /db (tests lower them). */
  replication?: ReplicationOptions;
  /** The rate limit of KOReader's sign-ins (tests lower it). */
  kosync?: KosyncAuthOptions;
  /** The rate limit of app-password sign-ins (tests lower it). */
  devices?: DeviceAuthOptions;
  /** How devices reach the agent (`colophon serve` knows); none: plain HTTP on this machine only. */
  pairing?: PairingSource;
}

/**
 * The agent's HTTP face. Every route decides who may call it (a signed-in
 * user, an admin, or anyone for signing in and the app's files); every
 * state-changing route also needs the session's CSRF token. tests/agent
 * checks each route of this app against that rule.
 */
export function createApp(agent: Agent, options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(options.buildDir));
  app.use(loadSession(agent.auth));
  app.use('/db', replicationRouter(agent, options.replication));
  // KOReader's progress sync: its own sign-in (an app password in headers), never under /api.
  app.use('/kosync', kosyncRouter(agent, options.kosync));
  app.use(
    '/api',
    metadataRouter(agent),
    renameRouter(agent),
    sessionRouter(agent.auth, agent.settings, agent.ctx.db, options.session),
    usersRouter(agent.auth, agent.oplog),
    // A new app password means a device is coming: the catalog's feeds get ready meanwhile.
    appPasswordsRouter(agent.auth, agent.oplog, () => agent.opds.warm()),
    settingsRouter(agent.settings),
    hubRouter(agent.hub, agent.settings),
    foldersRouter(agent),
    apiRouter(agent),
    jobsRouter(agent),
    coversRouter(agent),
    filesRouter(agent.ctx),
    readingRouter(agent),
    calibreRouter(agent),
    maintenanceRouter(agent),
    formatsRouter(agent),
    pairingRouter(options.pairing ?? { addresses: () => [], localOnly: true }, agent.settings),
  );
  // The local CA, for devices to trust: public, since a device fetches it before it can sign in.
  const ca = options.pairing?.ca;
  app.get(
    CA_CERT_PATH,
    ca
      ? caCertHandler(() => ca.certPem())
      : (_req, res) => {
          res.status(404).json({
            error: 'no-local-ca',
            message:
              'This agent has no certificate authority of its own to install: it serves plain HTTP on this machine, or the certificate given with --cert.',
          });
        },
  );
  // Reading apps: HTTP Basic with an app password, or the session; never under /api.
  app.use('/opds', opdsRouter(agent, options.devices));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not-found', message: 'No such API endpoint.' });
  });
  app.use(spaRouter(options.buildDir));
  app.use(notFound);
  // Last: every error any route throws, rejects or passes on is answered here, as JSON.
  app.use(errorHandler());
  return app;
}

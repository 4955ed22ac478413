import PouchDB from 'pouchdb-browser';
import { canRead, SCHEMA_DOC_ID, schemaDocSchema } from '#core/schema/version';
import { csrfHeader } from '$lib/auth/api';

export type SyncState = 'connecting' | 'syncing' | 'live' | 'offline';

const LAST_SYNCED_KEY = 'colophon:lastSynced';

/** What the status control shows: live, syncing or offline, and when we last caught up. */
class SyncStatus {
  state = $state<SyncState>('connecting');
  lastSynced = $state<Date | undefined>(readLastSynced());
  error = $state<string | undefined>();
  /** The agent's catalog was written by a newer Colophon: this app must be reloaded to read it. */
  newerAgent = $state(false);

  markSynced(): void {
    const now = new Date();
    this.lastSynced = now;
    localStorage.setItem(LAST_SYNCED_KEY, now.toISOString());
  }
}

function readLastSynced(): Date | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  const text = localStorage.getItem(LAST_SYNCED_KEY);
  return text ? new Date(text) : undefined;
}

export const syncStatus = new SyncStatus();

function isUnauthorised(error: unknown): boolean {
  return !!error && typeof error === 'object' && 'status' in error && error.status === 401;
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String(error.message);
  return 'The agent cannot be reached.';
}

/** One of the agent's databases, reached as the signed-in user. */
function remoteDb(remoteUrl: string): PouchDB.Database {
  // Same-origin cookies carry the session; the header carries the CSRF token
  // the agent wants on the POSTs and PUTs replication makes.
  return new PouchDB(remoteUrl, {
    skip_setup: true,
    fetch: (url: string | Request, options?: RequestInit) => {
      const headers = new Headers(options?.headers);
      for (const [name, value] of Object.entries(csrfHeader())) headers.set(name, value);
      return PouchDB.fetch(url, { ...options, headers, credentials: 'same-origin' });
    },
  });
}

// Retry soon after the agent comes back: 1 s, doubling, at most 30 s.
const backOff = (delay: number) => (delay === 0 ? 1000 : Math.min(delay * 2, 30_000));

/**
 * Pulls the agent's catalog into the local replica, live, retrying with
 * backoff while the agent is unreachable. Returns a function that stops it.
 */
export function startReplication(
  local: PouchDB.Database,
  remoteUrl: string,
  onUnauthorised: () => void,
): () => void {
  const remote = remoteDb(remoteUrl);
  void checkSchema(remote);
  const replication = PouchDB.replicate(remote, local, {
    live: true,
    retry: true,
    batch_size: 500,
    back_off_function: backOff,
  });
  // An event emitter that is also a promise (settled on cancel); only its events matter.
  void replication
    .on('active', () => {
      syncStatus.state = 'syncing';
      syncStatus.error = undefined;
    })
    .on('change', () => {
      syncStatus.state = 'syncing';
    })
    .on('paused', (error: unknown) => {
      if (isUnauthorised(error)) onUnauthorised();
      if (error) {
        syncStatus.state = 'offline';
        syncStatus.error = describe(error);
      } else {
        syncStatus.state = 'live';
        syncStatus.error = undefined;
        syncStatus.markSynced();
      }
    })
    .on('error', (error: unknown) => {
      if (isUnauthorised(error)) onUnauthorised();
      syncStatus.state = 'offline';
      syncStatus.error = describe(error);
    });
  const offline = () => {
    syncStatus.state = 'offline';
  };
  window.addEventListener('offline', offline);
  return () => {
    window.removeEventListener('offline', offline);
    replication.cancel();
  };
}

/**
 * Replicates the user's own database both ways, live, retrying with backoff:
 * what this device wrote offline (positions, statuses) goes up when the
 * agent is back, what other devices wrote comes down. The catalog's
 * replication speaks for the status control; this one only reports a lost
 * session, and any document the agent refuses (which replication then passes
 * over). Returns a function that stops it.
 */
export function startUserSync(
  local: PouchDB.Database,
  remoteUrl: string,
  onUnauthorised: () => void,
): () => void {
  const sync = local.sync(remoteDb(remoteUrl), {
    live: true,
    retry: true,
    back_off_function: backOff,
  });
  void sync
    .on('paused', (error: unknown) => {
      if (isUnauthorised(error)) onUnauthorised();
    })
    .on('error', (error: unknown) => {
      if (isUnauthorised(error)) onUnauthorised();
    })
    .on('denied', (error: unknown) => {
      console.warn(`[colophon] The agent refused a reading document: ${describe(error)}`);
    });
  return () => sync.cancel();
}

/**
 * On connecting, the catalog's schema version: one this app cannot read means
 * the agent was updated and this app (cached by the service worker) was not.
 * Replication goes on (the documents wait in the replica for the new app);
 * the user is asked to reload. Unreachable or absent: replication says so.
 */
async function checkSchema(remote: PouchDB.Database): Promise<void> {
  const doc: unknown = await remote.get(SCHEMA_DOC_ID).catch(() => undefined);
  const schema = schemaDocSchema.safeParse(doc);
  if (schema.success && !canRead(schema.data.version)) syncStatus.newerAgent = true;
}

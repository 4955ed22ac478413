import PouchDB from 'pouchdb-browser';
import { canRead, SCHEMA_DOC_ID, schemaDocSchema } from '#core/schema/version';
import { csrfHeader } from '$lib/auth/api';
import { session } from '$lib/auth/session.svelte';
import { userSync } from './user-sync.svelte';

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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let refreshing: Promise<void> | undefined;
/** Asks the agent for the session (and its CSRF token) once, however many requests wait on it. */
function refreshSession(): Promise<void> {
  refreshing ??= session.refresh().finally(() => (refreshing = undefined));
  return refreshing;
}

/** Whether the agent refused a request for lacking the page's CSRF token (not for the role). */
async function refusedForToken(response: Response): Promise<boolean> {
  if (response.status !== 403) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { error?: unknown } | undefined;
  return body?.error === 'csrf';
}

/** One of the agent's databases, reached as the signed-in user. */
function remoteDb(remoteUrl: string): PouchDB.Database {
  // Same-origin cookies carry the session; the header carries the CSRF token
  // the agent wants on the POSTs and PUTs replication makes. A page opened
  // offline has no token yet when the agent comes back: it is fetched before
  // the first such request rather than that request refused, since PouchDB
  // takes a refused _bulk_get to mean the agent has none and fetches every
  // document on its own from then on.
  const send = (url: string | Request, options?: RequestInit) => {
    const headers = new Headers(options?.headers);
    for (const [name, value] of Object.entries(csrfHeader())) headers.set(name, value);
    return PouchDB.fetch(url, { ...options, headers, credentials: 'same-origin' });
  };
  return new PouchDB(remoteUrl, {
    skip_setup: true,
    fetch: async (url: string | Request, options?: RequestInit) => {
      const method = (options?.method ?? 'GET').toUpperCase();
      if (SAFE_METHODS.has(method)) return send(url, options);
      if (Object.keys(csrfHeader()).length === 0) await refreshSession();
      const response = await send(url, options);
      if (!(await refusedForToken(response))) return response;
      // The token was stale (the session changed in another tab, say): once more with the current one.
      await refreshSession();
      return send(url, options);
    },
  });
}

// Retry soon after the agent comes back: 1 s, doubling, at most 30 s.
const backOff = (delay: number) => (delay === 0 ? 1000 : Math.min(delay * 2, 30_000));

/**
 * Pulls the agent's catalog into the local replica, live, retrying with
 * backoff while the agent is unreachable. When the network or the tab comes
 * back and the agent answers, it starts again at once rather than at its
 * next retry (up to 30 s away), so the status says Live as soon as it is.
 * Returns a function that stops it.
 */
export function startReplication(
  local: PouchDB.Database,
  remoteUrl: string,
  onUnauthorised: () => void,
): () => void {
  const remote = remoteDb(remoteUrl);
  void checkSchema(remote);
  const start = (): PouchDB.Replication.Replication<object> => {
    const replication = PouchDB.replicate(remote, local, {
      live: true,
      retry: true,
      batch_size: 500,
      back_off_function: backOff,
    });
    // A replication replaced by a reconnection says nothing more.
    const current = () => replication === running;
    // An event emitter that is also a promise (settled on cancel); only its events matter.
    void replication
      .on('active', () => {
        if (!current()) return;
        syncStatus.state = 'syncing';
        syncStatus.error = undefined;
      })
      .on('change', () => {
        if (current()) syncStatus.state = 'syncing';
      })
      .on('paused', (error: unknown) => {
        if (!current()) return;
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
        if (!current()) return;
        if (isUnauthorised(error)) onUnauthorised();
        syncStatus.state = 'offline';
        syncStatus.error = describe(error);
      });
    return replication;
  };
  let running = start();
  const stopWatching = whenBack(
    remote,
    () => syncStatus.state === 'offline',
    () => {
      running.cancel();
      running = start();
    },
  );
  const offline = () => {
    syncStatus.state = 'offline';
  };
  window.addEventListener('offline', offline);
  return () => {
    stopWatching();
    window.removeEventListener('offline', offline);
    running.cancel();
  };
}

/** A document the agent refused, as replication's 'denied' event gives it. */
interface Denied {
  id?: unknown;
  rev?: unknown;
  reason?: unknown;
}

/**
 * Replicates the user's own database both ways, live, retrying with backoff:
 * what this device wrote offline (positions, statuses, shelves, metadata
 * edits) goes up when the agent is back, what other devices wrote comes
 * down. The catalog's replication speaks for the status control; this one
 * reports a lost session, which revisions the agent now holds and any
 * document it refuses (which replication then passes over) to userSync, for
 * the pages that show them. It starts again as soon as the network or the
 * tab comes back and the agent answers, rather than at its next retry (up to
 * 30 s away). Returns a function that stops it.
 *
 * The two directions run as two replications rather than one `sync`: a
 * sync's 'paused' event drops the error, so it could not tell a direction
 * waiting out a back-off from one caught up, and the restart never came.
 */
export function startUserSync(
  local: PouchDB.Database,
  remoteUrl: string,
  onUnauthorised: () => void,
): () => void {
  const remote = remoteDb(remoteUrl);
  userSync.follow(remoteUrl);
  interface Direction {
    replication: PouchDB.Replication.Replication<object>;
    paused: boolean;
    failing: boolean;
  }
  let directions: Direction[] = [];
  const caughtUp = () => directions.every((d) => d.paused && !d.failing);
  const follow = (replication: PouchDB.Replication.Replication<object>): Direction => {
    const direction: Direction = { replication, paused: false, failing: false };
    // A replication replaced by a restart says nothing more.
    const current = () => directions.includes(direction);
    // An event emitter that is also a promise (settled on cancel); only its events matter.
    void replication
      .on('active', () => {
        direction.paused = false;
        direction.failing = false;
      })
      .on('change', (info) => {
        if (current())
          userSync.hold(info.docs as { _id: string; _rev?: string; _deleted?: boolean }[]);
      })
      .on('paused', (error: unknown) => {
        direction.paused = true;
        direction.failing = !!error;
        if (!current()) return;
        if (isUnauthorised(error)) onUnauthorised();
        if (caughtUp()) userSync.caughtUp++;
      })
      .on('error', (error: unknown) => {
        direction.failing = true;
        if (current() && isUnauthorised(error)) onUnauthorised();
      })
      .on('denied', (event: unknown) => {
        if (!current()) return;
        const doc = event as Denied;
        const reason = typeof doc.reason === 'string' ? doc.reason : describe(doc);
        console.warn(`[colophon] The agent refused ${String(doc.id)}: ${reason}`);
        if (typeof doc.id === 'string')
          userSync.refuse(doc.id, {
            ...(typeof doc.rev === 'string' ? { rev: doc.rev } : {}),
            reason,
          });
      });
    return direction;
  };
  const start = () => {
    const options = { live: true, retry: true, back_off_function: backOff };
    directions = [
      follow(local.replicate.to(remote, options)),
      follow(local.replicate.from(remote, options)),
    ];
  };
  const cancel = () => {
    const running = directions;
    directions = [];
    for (const direction of running) direction.replication.cancel();
  };
  start();
  const stopWatching = whenBack(
    remote,
    () => directions.some((d) => d.failing),
    () => {
      cancel();
      start();
    },
  );
  return () => {
    stopWatching();
    cancel();
  };
}

/**
 * Calls `restart` when the browser says the network is back, or the tab is
 * shown again, while `stalled()` — once the agent answers. Returns a
 * function that stops watching.
 */
function whenBack(
  remote: PouchDB.Database,
  stalled: () => boolean,
  restart: () => void,
): () => void {
  let probing = false;
  let stopped = false;
  const check = async () => {
    if (probing || stopped || !stalled()) return;
    probing = true;
    const reachable = await remote.info().then(
      () => true,
      () => false,
    );
    probing = false;
    if (reachable && !stopped && stalled()) restart();
  };
  const online = () => void check();
  const visible = () => {
    if (document.visibilityState === 'visible') void check();
  };
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', visible);
  return () => {
    stopped = true;
    window.removeEventListener('online', online);
    document.removeEventListener('visibilitychange', visible);
  };
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

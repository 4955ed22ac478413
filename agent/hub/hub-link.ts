import type { EventEmitter } from 'node:events';
import PouchDB from 'pouchdb';
import type { HubAddress } from '#core/hub/hub-address';
import type { HubDatabaseStatus, HubState } from '#core/hub/hub-status';
import { checkedTarget, type BatchCheck } from './checked-target';
import { hubErrorSentence } from './hub-errors';

/** One local database and its counterpart on the hub. */
export interface LinkSpec {
  /** What it holds, in words: "the catalog". */
  what: string;
  hubName: string;
  /** The local database (its current handle). */
  local: () => PouchDB.Database;
  /** Which local documents go to the hub; all when absent. Runs here, on the local changes. */
  push?: (doc: { _id: string }) => boolean;
  /** What a batch from the hub must pass before it is stored here. */
  check: BatchCheck;
  /** Called with each document from the hub that was refused, and why. */
  refused: (id: string, reason: string) => void;
}

/** After a refusal that retrying cannot cure (the password), the whole link is tried again this much later. */
const RESTART_AFTER_MS = 30_000;

/** Retries of a failed request wait 1 s, then twice as long each time, up to 20 s. */
const backOff = (previous: number) => (previous === 0 ? 1000 : Math.min(previous * 2, 20_000));

interface Direction {
  replication?: PouchDB.Replication.Replication<object>;
  caughtUpAt?: string;
  error?: string;
}

/**
 * Live replication both ways between a local database and its hub database,
 * PouchDB's own, retrying by itself while the hub is away. Pushes take the
 * documents `push` selects; pulls are checked by `check` before they count.
 * A hub database that disappears (a hub restarted empty) is made again.
 */
export class HubLink {
  private readonly push: Direction = {};
  private readonly pull: Direction = {};
  private refusedCount = 0;
  private restart?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly spec: LinkSpec,
    private readonly hub: HubAddress,
    private readonly changed: () => void,
  ) {}

  start(): void {
    this.stopped = false;
    // A new remote handle each start: PouchDB makes a missing database only when a handle is first used.
    const remote = new PouchDB(this.hub.base + this.spec.hubName, {
      ...(this.hub.user ? { auth: { username: this.hub.user, password: this.hub.password } } : {}),
    });
    const options = { live: true, retry: true, batch_size: 100, back_off_function: backOff };
    const push = this.spec.push;
    this.follow(
      this.push,
      PouchDB.replicate(this.spec.local(), remote, {
        ...options,
        ...(push ? { filter: (doc: { _id: string }) => push(doc) } : {}),
      }),
    );
    this.follow(
      this.pull,
      PouchDB.replicate(remote, checkedTarget(this.spec.local, this.spec.check), options),
    );
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.restart);
    for (const direction of [this.push, this.pull]) {
      direction.replication?.cancel();
      direction.replication = undefined;
    }
  }

  status(): HubDatabaseStatus {
    const error = this.push.error ?? this.pull.error;
    const caughtUp = [this.push.caughtUpAt, this.pull.caughtUpAt];
    const state: HubState = error ? 'error' : caughtUp.every(Boolean) ? 'connected' : 'connecting';
    const lastSync = caughtUp.every(Boolean) ? (caughtUp as string[]).sort()[0] : undefined;
    return {
      what: this.spec.what,
      hub: this.spec.hubName,
      state,
      ...(lastSync ? { lastSync } : {}),
      ...(error ? { error } : {}),
      refused: this.refusedCount,
    };
  }

  private follow(direction: Direction, replication: PouchDB.Replication.Replication<object>) {
    direction.replication = replication;
    const update = (error?: string) => {
      // A replication cancelled by a restart may still say something: only the current one counts.
      if (direction.replication !== replication) return;
      direction.error = error;
      this.changed();
    };
    const onFailure = (error: unknown) => {
      update(this.sentence(error));
      // Retrying the same handle would meet the same 404: a fresh one makes the database.
      if ((error as { status?: number }).status === 404) this.restartIn(0);
    };
    const onPaused = (error: unknown) => {
      if (error !== undefined && error !== null) return onFailure(error);
      if (direction.replication !== replication) return;
      direction.caughtUpAt = new Date().toISOString();
      update(undefined);
    };
    const onDenied = (error: unknown) => {
      const { id, reason } = error as { id?: string; reason?: string };
      this.refusedCount += 1;
      this.spec.refused(String(id), String(reason));
      this.changed();
    };
    // A refusal PouchDB does not retry (401, 403): the link is started again later.
    const onError = (error: unknown) => {
      update(this.sentence(error));
      this.restartIn(RESTART_AFTER_MS);
    };
    // `on` answers the replication, which is also a promise: its failures are the 'error' event's.
    void replication
      .on('active', () => update(undefined))
      .on('paused', onPaused)
      .on('denied', onDenied)
      .on('error', onError);
    // Said on every failed retry, where 'paused' is said only on the first.
    (replication as unknown as EventEmitter).on('requestError', onFailure);
  }

  private sentence(error: unknown): string {
    return hubErrorSentence(error, this.hub, this.spec.hubName);
  }

  private restartIn(ms: number): void {
    if (this.stopped || this.restart) return;
    this.restart = setTimeout(() => {
      this.restart = undefined;
      if (this.stopped) return;
      this.stop();
      this.start();
    }, ms);
    this.restart.unref();
  }
}

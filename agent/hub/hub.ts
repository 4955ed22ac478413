import {
  hubAddressCaution,
  readHubAddress,
  shownHubAddress,
  type HubAddress,
} from '#core/hub/hub-address';
import type { HubState, HubStatus } from '#core/hub/hub-status';
import type { User } from '../auth/users';
import type { OperationLog } from '../oplog/operation-log';
import { refuseOverCount } from '../replication/user-doc-counts';
import { userDocRefusal } from '../replication/user-doc-check';
import type { ServedDatabases } from '../replication/served-databases';
import type { SettingsStore } from '../settings/settings-store';
import { hubCatalogRefusal, isOwnCatalogDoc } from './catalog-namespace';
import { HubLink, type LinkSpec } from './hub-link';
import { HUB_CATALOG_DB, hubUserDbName } from './hub-names';

export interface HubDeps {
  settings: SettingsStore;
  databases: ServedDatabases;
  oplog: OperationLog;
  /** This agent's library id: the namespace it writes on the hub. */
  library: string;
  /** The accounts whose databases meet on the hub. */
  users: () => readonly User[];
}

/** How often the list of accounts is read again, so a new user's database joins the hub. */
const USERS_EVERY_MS = 15_000;

/** A user database's documents from the hub, checked as a browser's writes are. */
async function userBatchRefusals(db: PouchDB.Database, docs: readonly Record<string, unknown>[]) {
  const refusals = docs.map((doc) =>
    String(doc._id).startsWith('_') && !String(doc._id).startsWith('_local/')
      ? 'Design documents and other special documents are not taken from the hub.'
      : userDocRefusal(doc),
  );
  await refuseOverCount(db, docs, refusals);
  return refusals;
}

/**
 * Replication with a CouchDB hub (the `hubUrl` setting): the catalog to
 * `colophon-catalog`, this agent writing only its own namespace there and
 * reading every other agent's, and each account's database to
 * `colophon-user-<name>`, both ways. Nothing runs on the hub but storage: no
 * design document, filter or view; what comes from it is checked here.
 */
export class Hub {
  private readonly links = new Map<string, HubLink>();
  private address: HubAddress | undefined;
  private timer?: NodeJS.Timeout;
  private offSettings?: () => void;
  private lastState: HubState = 'off';
  private log: (line: string) => void = () => undefined;

  constructor(private readonly deps: HubDeps) {}

  /** Starts replicating (if a hub is set) and follows changes to the setting. */
  start(log?: (line: string) => void): void {
    if (log) this.log = log;
    this.offSettings ??= this.deps.settings.onChange((key) => key === 'hubUrl' && this.apply());
    this.apply();
  }

  stop(): void {
    this.offSettings?.();
    this.offSettings = undefined;
    this.stopLinks();
  }

  status(): HubStatus {
    const stored = this.storedAddress();
    const databases = [...this.links.values()].map((link) => link.status());
    const error = databases.find((d) => d.error)?.error;
    const state: HubState = !this.address
      ? 'off'
      : error
        ? 'error'
        : databases.every((d) => d.state === 'connected')
          ? 'connected'
          : 'connecting';
    const synced = databases.map((d) => d.lastSync);
    const lastSync =
      databases.length > 0 && synced.every(Boolean) ? (synced as string[]).sort()[0] : undefined;
    const caution = stored && hubAddressCaution(stored);
    return {
      state,
      ...(stored ? { address: stored.base, user: stored.user } : {}),
      hasPassword: Boolean(stored?.password),
      ...(caution ? { caution } : {}),
      ...(lastSync ? { lastSync } : {}),
      ...(error ? { error } : {}),
      databases,
    };
  }

  private storedAddress(): HubAddress | undefined {
    const text = this.deps.settings.get('hubUrl');
    return text ? readHubAddress(text) : undefined;
  }

  private apply(): void {
    this.stopLinks();
    this.address = this.storedAddress();
    const address = this.address;
    if (!address) {
      if (this.lastState !== 'off')
        this.said('off', 'Not replicating with a CouchDB hub any more.');
      return;
    }
    this.log(`Replicating with the CouchDB hub at ${shownHubAddress(address)}`);
    const caution = hubAddressCaution(address);
    if (caution) this.log(caution);
    this.addLink(this.catalogLink(), address);
    this.followUsers();
    this.timer = setInterval(() => this.followUsers(), USERS_EVERY_MS);
    this.timer.unref();
  }

  private stopLinks(): void {
    clearInterval(this.timer);
    for (const link of this.links.values()) link.stop();
    this.links.clear();
  }

  private catalogLink(): LinkSpec {
    const { databases, library } = this.deps;
    return {
      what: 'the catalog',
      hubName: HUB_CATALOG_DB,
      local: () => databases.catalog().db,
      push: (doc) => isOwnCatalogDoc(doc._id, library),
      check: (docs) => Promise.resolve(docs.map((doc) => hubCatalogRefusal(doc, library))),
      refused: (id, reason) => this.refused('the catalog', id, reason),
    };
  }

  /** Each active account's database joins the hub; a removed or disabled one leaves it. */
  private followUsers(): void {
    const address = this.address;
    if (!address) return;
    const wanted = new Map<string, User>();
    for (const user of this.deps.users())
      if (!user.disabled) wanted.set(hubUserDbName(user.username), user);
    for (const [name, link] of this.links) {
      if (name !== HUB_CATALOG_DB && !wanted.has(name)) {
        link.stop();
        this.links.delete(name);
      }
    }
    for (const [name, user] of wanted) {
      if (this.links.has(name)) continue;
      const { databases } = this.deps;
      const what = `${user.username}'s reading, shelves and searches`;
      this.addLink(
        {
          what,
          hubName: name,
          local: () => databases.user(user.id).db,
          check: (docs) => userBatchRefusals(databases.user(user.id).db, docs),
          refused: (id, reason) => this.refused(what, id, reason),
        },
        address,
      );
    }
  }

  private addLink(spec: LinkSpec, address: HubAddress): void {
    const link = new HubLink(spec, address, () => this.reportState());
    this.links.set(spec.hubName, link);
    link.start();
  }

  private refused(what: string, id: string, reason: string): void {
    this.deps.oplog.record({
      kind: 'hub.refused',
      subject: id,
      message: `A document for ${what} from the hub was not kept: ${reason}`,
    });
  }

  /** Logs each change of the overall state once (not every batch). */
  private reportState(): void {
    const status = this.status();
    if (status.state === this.lastState) return;
    if (status.state === 'connected') this.said('connected', 'The CouchDB hub is caught up.');
    else if (status.state === 'error') this.said('error', `CouchDB hub: ${status.error}`);
    else this.lastState = status.state;
  }

  private said(state: HubState, line: string): void {
    this.lastState = state;
    this.log(line);
    this.deps.oplog.record({ kind: `hub.${state}`, message: line });
  }
}

/**
 * What the replication of the user's own database has told about single
 * documents: which revision of each the agent is known to hold (pushed
 * there, or pulled from it), and which it refused and why. Pages read it to
 * say "waiting to sync" on a change the agent has not taken yet, and to show
 * a refusal on the device that made the change. Kept per user database (by
 * its address) in localStorage, so a reload, offline above all, still knows.
 */
export interface Refusal {
  rev?: string;
  reason: string;
}

interface Known {
  /** Document id → the revision the agent holds. */
  held: Record<string, string>;
  refused: Record<string, Refusal>;
}

/** The documents whose pages show where they stand (a shelf's, a metadata edit's, a request's "waiting to sync"). */
const TRACKED = ['shelf:', 'field-edit:', 'request:'];
const tracked = (id: string) => TRACKED.some((prefix) => id.startsWith(prefix));

const key = (database: string) => `colophon:user-sync:${database}`;

function load(database: string): Known {
  try {
    const raw = localStorage.getItem(key(database));
    const known = raw ? (JSON.parse(raw) as Partial<Known>) : {};
    return { held: known.held ?? {}, refused: known.refused ?? {} };
  } catch {
    return { held: {}, refused: {} };
  }
}

class UserSync {
  private database: string | undefined;
  held = $state<Record<string, string>>({});
  refused = $state<Record<string, Refusal>>({});
  /** Counts each time the replication caught up with the agent, both ways. */
  caughtUp = $state(0);

  /** Follows the user database that replicates now (its address on the agent). */
  follow(database: string): void {
    if (database === this.database) return;
    this.database = database;
    const known = load(database);
    this.held = known.held;
    this.refused = known.refused;
  }

  /** The agent holds these revisions now (written there, or read from it). */
  hold(all: readonly { _id: string; _rev?: string; _deleted?: boolean }[]): void {
    const docs = all.filter((doc) => tracked(doc._id));
    if (docs.length === 0) return;
    const held = { ...this.held };
    const refused = { ...this.refused };
    for (const doc of docs) {
      if (doc._deleted) delete held[doc._id];
      else if (doc._rev) held[doc._id] = doc._rev;
      delete refused[doc._id];
    }
    this.held = held;
    this.refused = refused;
    this.save();
  }

  refuse(id: string, refusal: Refusal): void {
    if (!tracked(id)) return;
    this.refused = { ...this.refused, [id]: refusal };
    this.save();
  }

  /**
   * Where a document stands: 'held' (the agent has this revision), 'refused'
   * (it would not take it, with why) or 'waiting' (not on the agent yet).
   */
  stateOf(id: string, rev: string | undefined): 'held' | 'waiting' | Refusal {
    const refusal = this.refused[id];
    if (refusal && (refusal.rev === undefined || refusal.rev === rev)) return refusal;
    return rev !== undefined && this.held[id] === rev ? 'held' : 'waiting';
  }

  private save(): void {
    if (this.database === undefined) return;
    try {
      localStorage.setItem(
        key(this.database),
        JSON.stringify({ held: this.held, refused: this.refused }),
      );
    } catch {
      // Storage full or blocked: the marks last until the tab closes.
    }
  }
}

export const userSync = new UserSync();

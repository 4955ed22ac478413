import PouchDB from 'pouchdb-browser';

/** The replica's name when no one is signed in (a folder picked in the browser, no agent). */
const LOCAL_ONLY = 'colophon-user-local';

/**
 * The browser's replica of a user's own database (IndexedDB): their reading
 * positions and statuses, replicated both ways with `/db/user-<id>` while
 * they are signed in. With no one signed in the device keeps its own, which
 * never replicates.
 */
export function userDbName(userId: string | undefined): string {
  return userId === undefined ? LOCAL_ONLY : `colophon-user-${userId}`;
}

export function openUserDb(userId: string | undefined): PouchDB.Database {
  return new PouchDB(userDbName(userId));
}

/** The user's database on the agent that served this app. */
export function remoteUserDbUrl(userId: string): string {
  return new URL(`/db/user-${encodeURIComponent(userId)}`, location.origin).href;
}

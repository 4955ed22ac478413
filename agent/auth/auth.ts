import type { Db } from '../db/sqlite';
import type { SettingsStore } from '../settings/settings-store';
import { SessionStore } from './sessions';
import { UserStore } from './users';

/** Accounts and sessions over the agent's database. */
export interface Auth {
  users: UserStore;
  sessions: SessionStore;
}

export function openAuth(db: Db, settings: SettingsStore): Auth {
  const users = new UserStore(db);
  const sessions = new SessionStore(
    db,
    users,
    () => settings.get('sessionTimeoutHours') * 3_600_000,
  );
  sessions.purgeExpired();
  return { users, sessions };
}

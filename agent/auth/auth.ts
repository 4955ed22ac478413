import type { Db } from '../db/sqlite';
import type { SettingsStore } from '../settings/settings-store';
import { AppPasswords } from './app-passwords';
import { SessionStore } from './sessions';
import { UserStore } from './users';

/** Accounts, sessions and devices' app passwords over the agent's database. */
export interface Auth {
  users: UserStore;
  sessions: SessionStore;
  appPasswords: AppPasswords;
}

export function openAuth(db: Db, settings: SettingsStore): Auth {
  const users = new UserStore(db);
  const sessions = new SessionStore(
    db,
    users,
    () => settings.get('sessionTimeoutHours') * 3_600_000,
  );
  sessions.purgeExpired();
  return { users, sessions, appPasswords: new AppPasswords(db) };
}

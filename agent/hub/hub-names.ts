import { userNameKey } from '../auth/user-names';

/** The catalog every agent feeds on the hub (each in its own namespace) and reads whole. */
export const HUB_CATALOG_DB = 'colophon-catalog';

/**
 * A user's database on the hub, named after the account's name, not its id:
 * "rita" on one agent and "Rita" on another are separate accounts (each agent
 * keeps its own) of the same person, whose shelves and progress meet here.
 * CouchDB names take only a-z, 0-9 and `_$()+-/`: any other character is
 * written as its code point in parentheses, so two names never share a database.
 */
export function hubUserDbName(username: string): string {
  let out = '';
  for (const char of userNameKey(username)) {
    out += /[a-z0-9-]/.test(char) ? char : `(${(char.codePointAt(0) ?? 0).toString(16)})`;
  }
  return `colophon-user-${out}`;
}

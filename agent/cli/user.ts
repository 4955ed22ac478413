import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openAuth } from '../auth/auth';
import { randomPassword } from '../auth/passwords';
import { ROLES, UserError, type Role } from '../auth/users';
import { resolveDataDir } from '../config';
import { openDatabase } from '../db/sqlite';
import { OperationLog } from '../oplog/operation-log';
import { SettingsStore } from '../settings/settings-store';
import { parse } from './parse';
import { UsageError } from './usage';

/**
 * `colophon user add NAME [--role admin|reader] [--password P]`,
 * `colophon user reset NAME [--password P]` (also signs them out everywhere),
 * `colophon user list`: for the admin who is locked out, and for scripts.
 * Without --password a random one is made and printed once. It opens only
 * the SQLite file, so it works while the agent runs.
 */
export async function user(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { role: { type: 'string' }, password: { type: 'string' } },
    true,
  );
  const [action, name] = positionals;
  if (!action || !['add', 'reset', 'list'].includes(action)) {
    throw new UsageError('user needs an action: add NAME, reset NAME or list.');
  }
  if (action !== 'list' && !name) throw new UsageError(`user ${action} needs a user name.`);
  const role = values.role ?? 'reader';
  if (!(ROLES as readonly string[]).includes(role))
    throw new UsageError(`--role is admin or reader, not "${role}".`);

  const dataDir = resolveDataDir(values.data);
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'colophon.sqlite'));
  const oplog = new OperationLog(db);
  try {
    const { users, sessions } = openAuth(db, new SettingsStore(db, oplog));
    if (action === 'list') {
      for (const u of users.list())
        console.log(`${u.username}\t${u.role}${u.disabled ? '\tdisabled' : ''}`);
      return 0;
    }
    const password = values.password ?? randomPassword();
    if (action === 'add') {
      const created = await users.add(name as string, password, role as Role);
      oplog.record({
        kind: 'user.added',
        subject: created.username,
        message: `${created.username} (${created.role}) added from the command line.`,
      });
      console.log(`Added ${created.username} (${created.role}).`);
    } else {
      const found = users.byName(name as string);
      if (!found) throw new UserError(`There is no user called "${name}". See colophon user list.`);
      await users.setPassword(found.id, password);
      if (found.disabled) users.update(found.id, { disabled: false });
      sessions.revokeAll(found.id);
      oplog.record({
        kind: 'user.password',
        subject: found.username,
        message: `Password of ${found.username} reset from the command line.`,
      });
      console.log(`Reset the password of ${found.username}; they are signed out everywhere.`);
    }
    if (!values.password) console.log(`Password: ${password}`);
    return 0;
  } catch (error) {
    if (error instanceof UserError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

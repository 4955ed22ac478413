import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppPasswords } from '../auth/app-passwords';
import { UserError, UserStore } from '../auth/users';
import { resolveDataDir } from '../config';
import { openDatabase } from '../db/sqlite';
import { OperationLog } from '../oplog/operation-log';
import { parse } from './parse';
import { UsageError } from './usage';

/**
 * `colophon token add USER [--name NAME]` (prints the secret once),
 * `colophon token list USER`, `colophon token revoke USER ID`: app passwords
 * for a user's devices (OPDS apps, KOReader). Like `user`, it opens only the
 * SQLite file, so it works while the agent runs.
 */
export async function token(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { name: { type: 'string' } }, true);
  const [action, name, id] = positionals;
  if (!action || !['add', 'list', 'revoke'].includes(action))
    throw new UsageError('token needs an action: add USER, list USER or revoke USER ID.');
  if (!name) throw new UsageError(`token ${action} needs a user name.`);
  if (action === 'revoke' && !id)
    throw new UsageError('token revoke needs the id of the app password (see token list USER).');

  const dataDir = resolveDataDir(values.data);
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'colophon.sqlite'));
  try {
    const user = new UserStore(db).byName(name);
    if (!user) throw new UsageError(`There is no user called "${name}". See colophon user list.`);
    const passwords = new AppPasswords(db);
    if (action === 'list') {
      for (const p of passwords.list(user.id))
        console.log(
          `${p.id}\t${p.name}\tmade ${p.createdAt}\tlast used ${p.lastUsedAt ?? 'never'}`,
        );
      return 0;
    }
    const oplog = new OperationLog(db);
    if (action === 'add') {
      const { password, secret } = passwords.create(user.id, values.name ?? '');
      oplog.record({
        kind: 'app-password.added',
        subject: user.username,
        message: `App password "${password.name}" of ${user.username} made from the command line.`,
      });
      console.log(
        `Made the app password "${password.name}" (${password.id}) for ${user.username}.`,
      );
      console.log(`Password: ${secret}`);
      console.log('It is shown only now. Sign in to /opds or KOReader sync with it.');
      return 0;
    }
    if (!passwords.revoke(user.id, id as string))
      throw new UsageError(`${user.username} has no app password ${id}. See colophon token list.`);
    oplog.record({
      kind: 'app-password.revoked',
      subject: user.username,
      message: `App password ${id} of ${user.username} revoked from the command line.`,
    });
    console.log(`Revoked ${id}; devices using it are signed out.`);
    return 0;
  } catch (error) {
    if (error instanceof UserError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

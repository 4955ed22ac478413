import type { Role, User } from '#core/api/users';
import type { Db } from '../db/sqlite';
import { newId } from '../ids';
import { hashPassword, passwordProblem } from './passwords';
import { userNameAsStored, userNameKey } from './user-names';

// An account's shape is the API's (the app shows it as the agent sends it).
export { ROLES, type Role, type User } from '#core/api/users';

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  disabled: number;
  created_at: number;
}

/** Something wrong with an account request, in words the user can act on. */
export class UserError extends Error {
  override name = 'UserError';
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  disabled: row.disabled === 1,
  createdAt: new Date(row.created_at).toISOString(),
});

const USERNAME = /^[\p{L}\p{N}._-]{2,40}$/u;

/** The accounts table. */
export class UserStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): User[] {
    return this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username').all().map(toUser);
  }

  get(id: string): User | undefined {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    return row && toUser(row);
  }

  /**
   * The account and its password hash, for signing in. Names are matched by
   * userNameKey (" RITA" is rita); should two older accounts share a key, the
   * one spelled as given wins, then the older one.
   */
  byName(username: string): (User & { passwordHash: string }) | undefined {
    const row = this.db
      .prepare<[string, string], UserRow>(
        'SELECT * FROM users WHERE name_key = ? ORDER BY username = ? DESC, created_at LIMIT 1',
      )
      .get(userNameKey(username), userNameAsStored(username));
    return row && { ...toUser(row), passwordHash: row.password_hash };
  }

  /** The stored hash of a user's password, to check it before they change it. */
  passwordHash(id: string): string | undefined {
    return this.db
      .prepare<[string], { password_hash: string }>('SELECT password_hash FROM users WHERE id = ?')
      .get(id)?.password_hash;
  }

  async add(username: string, password: string, role: Role): Promise<User> {
    const name = userNameAsStored(username);
    if (!USERNAME.test(name)) {
      throw new UserError('A user name is 2–40 letters, digits, dots, dashes or underscores.');
    }
    this.refuseTakenName(name);
    const problem = await passwordProblem(password, name);
    if (problem) throw new UserError(problem);
    const hash = await hashPassword(password);
    // Checked again after the awaits: another request may have taken the name meanwhile.
    this.refuseTakenName(name);
    const id = newId(12);
    this.db
      .prepare(
        'INSERT INTO users (id, username, name_key, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, name, userNameKey(name), hash, role, Date.now());
    return this.get(id) as User;
  }

  async setPassword(id: string, password: string): Promise<void> {
    const user = this.get(id);
    if (!user) throw new UserError('There is no such user.');
    const problem = await passwordProblem(password, user.username);
    if (problem) throw new UserError(problem);
    this.db
      .prepare('UPDATE users SET password_hash = ? WHERE id = ?')
      .run(await hashPassword(password), id);
  }

  update(id: string, change: { role?: Role; disabled?: boolean }): User {
    const user = this.get(id);
    if (!user) throw new UserError('There is no such user.');
    const becomesNonAdmin =
      user.role === 'admin' && (change.role === 'reader' || change.disabled === true);
    if (becomesNonAdmin && this.activeAdmins() <= 1) {
      throw new UserError('This is the last admin; make another admin first.');
    }
    if (change.role) this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(change.role, id);
    if (change.disabled !== undefined) {
      this.db
        .prepare('UPDATE users SET disabled = ? WHERE id = ?')
        .run(change.disabled ? 1 : 0, id);
    }
    return this.get(id) as User;
  }

  remove(id: string): void {
    const user = this.get(id);
    if (!user) return;
    if (user.role === 'admin' && !user.disabled && this.activeAdmins() <= 1) {
      throw new UserError('This is the last admin; make another admin first.');
    }
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
  }

  preferences(id: string): Record<string, unknown> {
    const row = this.db
      .prepare<[string], { preferences: string }>('SELECT preferences FROM users WHERE id = ?')
      .get(id);
    return row ? (JSON.parse(row.preferences) as Record<string, unknown>) : {};
  }

  setPreferences(id: string, preferences: Record<string, unknown>): void {
    this.db
      .prepare('UPDATE users SET preferences = ? WHERE id = ?')
      .run(JSON.stringify(preferences), id);
  }

  /** Names that differ only in capitals would sign in as each other. */
  private refuseTakenName(name: string): void {
    const taken = this.byName(name);
    if (!taken) return;
    throw new UserError(
      taken.username === name
        ? `There is already a user called "${name}".`
        : `There is already a user called "${taken.username}", and user names that differ only in capitals count as the same.`,
    );
  }

  private activeAdmins(): number {
    return (
      this.db
        .prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0")
        .get() as { n: number }
    ).n;
  }
}

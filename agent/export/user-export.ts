import type { Settings } from '#core/api/settings';
import type { User } from '../auth/users';
import type { Db } from '../db/sqlite';

/** Everything one person made in Colophon, as the JSON file they download. */
export interface UserExport {
  format: 'colophon-user-export';
  version: 1;
  exportedAt: string;
  user: { name: string; role: User['role'] };
  /** Their own preferences (Settings → You). */
  preferences: Record<string, unknown>;
  shelves: Record<string, unknown>[];
  readingProgress: Record<string, unknown>[];
  readingStatus: Record<string, unknown>[];
  recentSearches: Record<string, unknown>[];
  recentlyOpened: Record<string, unknown>[];
  /** The books their documents name: path and title, so the file reads on its own. */
  books: Record<string, { path?: string; title?: string; authors?: string[] }>;
  /** Admins: the metadata edits they made, every change with what it replaced (undone ones too). */
  edits?: Record<string, unknown>[];
  /** Admins: the agent's settings, secrets masked. */
  agentSettings?: Settings;
}

export interface ExportSources {
  db: Db;
  /** Every document of the user's own database (none when it was never written). */
  userDocs(): Promise<Record<string, unknown>[]>;
  /** Book documents of the catalog, by id (unknown ids left out). */
  bookDocs(ids: readonly string[]): Promise<Record<string, unknown>[]>;
  preferences: Record<string, unknown>;
  agentSettings: Settings;
}

/** A document without PouchDB's own fields. */
function plain(doc: Record<string, unknown>): Record<string, unknown> {
  const { _rev: _r, _attachments: _a, ...rest } = doc;
  return rest;
}

interface EditRow {
  id: number;
  at: number;
  book_id: string;
  field: string;
  action: string;
  before: string | null;
  after: string | null;
  undone: number;
  undone_by: number | null;
}

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** One user's data: only theirs (their database, their edits), never another user's. */
export async function exportUser(user: User, sources: ExportSources): Promise<UserExport> {
  const docs = (await sources.userDocs()).filter((doc) => !String(doc._id).startsWith('_'));
  const of = (prefix: string) =>
    docs.filter((doc) => String(doc._id).startsWith(prefix)).map(plain);
  const isAdmin = user.role === 'admin';
  const edits = isAdmin
    ? sources.db
        .prepare<[string], EditRow>(
          'SELECT id, at, book_id, field, action, before, after, undone, undone_by FROM metadata_edits WHERE user_id = ? ORDER BY id',
        )
        .all(user.id)
    : [];
  // Book ids the documents name ("book:<library>:<id>"), and the books the edits are of.
  const named = new Set<string>();
  for (const match of JSON.stringify(docs).matchAll(/book:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+/g))
    named.add(match[0]);
  const books: UserExport['books'] = {};
  for (const doc of await sources.bookDocs([...named])) {
    // The file's own title and authors (the best-trusted candidate comes first).
    const candidates =
      (doc.extraction as { candidates?: { field: string; value: unknown }[] } | undefined)
        ?.candidates ?? [];
    const title = candidates.find((c) => c.field === 'title')?.value;
    const authors = candidates.find((c) => c.field === 'authors')?.value;
    books[String(doc._id)] = {
      path: typeof doc.path === 'string' ? doc.path : undefined,
      ...(typeof title === 'string' && { title }),
      // People are { name, role?, sortName? } in a candidate; the export names them.
      ...(Array.isArray(authors) && { authors: authors.map(personName) }),
    };
  }
  return {
    format: 'colophon-user-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    user: { name: user.username, role: user.role },
    preferences: sources.preferences,
    shelves: of('shelf:'),
    readingProgress: of('progress:'),
    readingStatus: of('reading-status:'),
    recentSearches: of('search:'),
    recentlyOpened: of('opened:'),
    books,
    ...(isAdmin && {
      edits: edits.map((e) => ({
        id: e.id,
        at: new Date(e.at).toISOString(),
        book: e.book_id,
        field: e.field,
        action: e.action,
        before: json(e.before),
        after: json(e.after),
        undone: e.undone === 1,
        ...(e.undone_by !== null && { undoneBy: e.undone_by }),
      })),
      agentSettings: sources.agentSettings,
    }),
  };
}

/** What an agent (running or opened by the CLI) gives an export of one user. */
export function agentExportSources(
  agent: {
    ctx: { db: Db; catalog: { db: PouchDB.Database } };
    databases: { userExists(id: string): boolean; user(id: string): { db: PouchDB.Database } };
    auth: { users: { preferences(id: string): Record<string, unknown> } };
    settings: { visible(): Settings };
  },
  user: User,
): ExportSources {
  return {
    db: agent.ctx.db,
    async userDocs() {
      if (!agent.databases.userExists(user.id)) return [];
      const all = await agent.databases.user(user.id).db.allDocs({ include_docs: true });
      return all.rows.flatMap((row) =>
        row.doc ? [row.doc as unknown as Record<string, unknown>] : [],
      );
    },
    async bookDocs(ids) {
      if (ids.length === 0) return [];
      const found = await agent.ctx.catalog.db.allDocs({ keys: [...ids], include_docs: true });
      return found.rows.flatMap((row) =>
        'doc' in row && row.doc ? [row.doc as unknown as Record<string, unknown>] : [],
      );
    },
    preferences: agent.auth.users.preferences(user.id),
    agentSettings: agent.settings.visible(),
  };
}

/** A credited person's name, whether a candidate holds a name or a person record. */
function personName(person: unknown): string {
  if (typeof person === 'string') return person;
  const name = (person as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}

import { readingState, type ReadingState } from '#core/reading/reading-state';
import { resolveStatus } from '#core/reading/resolve-status';
import { readProgressDoc, type ProgressDoc } from '#core/schema/progress-doc';
import { readReadingStatusDoc, type ReadingStatusDoc } from '#core/schema/reading-status-doc';

async function withPrefix(db: PouchDB.Database, prefix: string, conflicts = false) {
  const result = await db.allDocs({
    startkey: prefix,
    endkey: `${prefix}\ufff0`,
    include_docs: true,
    conflicts,
  });
  return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
}

/**
 * A status document's settled value: two devices that set it while apart
 * leave conflicting revisions, and resolveStatus picks among them as every
 * device of the user does.
 */
async function settled(db: PouchDB.Database, doc: object): Promise<ReadingStatusDoc | undefined> {
  const { _id: id, _conflicts: conflicts } = doc as { _id: string; _conflicts?: string[] };
  const revisions: unknown[] = [doc];
  if (conflicts?.length)
    for (const other of await db.get(id, { open_revs: conflicts }))
      if ('ok' in other) revisions.push(other.ok);
  return resolveStatus(revisions.flatMap((r) => readReadingStatusDoc(r) ?? []));
}

/**
 * The books a user is reading (a status they set, or a position without one),
 * most recently active first, from their own database: a few documents per
 * book they ever opened, read whole.
 */
export async function booksBeingRead(db: PouchDB.Database): Promise<ReadingState[]> {
  const [statusDocs, progressDocs] = await Promise.all([
    withPrefix(db, 'reading-status:', true),
    withPrefix(db, 'progress:'),
  ]);
  const statuses = new Map<string, ReadingStatusDoc>();
  for (const doc of statusDocs) {
    const status = await settled(db, doc);
    if (status) statuses.set(status.book, status);
  }
  const positions = new Map<string, ProgressDoc[]>();
  for (const raw of progressDocs) {
    const doc = readProgressDoc(raw);
    if (doc) positions.set(doc.book, [...(positions.get(doc.book) ?? []), doc]);
  }
  const books = new Set([...statuses.keys(), ...positions.keys()]);
  return [...books]
    .map((book) => readingState(book, statuses.get(book), positions.get(book) ?? []))
    .filter((state) => state.status === 'reading')
    .sort((a, b) => Date.parse(b.activeAt || '0') - Date.parse(a.activeAt || '0'));
}

/**
 * The books each user is reading, read again only when their database has
 * changed since (a device reading page after page asks often).
 */
export class BooksBeingRead {
  private readonly known = new Map<string, { seq: string | number; states: ReadingState[] }>();

  async of(userId: string, db: PouchDB.Database): Promise<ReadingState[]> {
    const { update_seq: seq } = await db.info();
    const known = this.known.get(userId);
    if (known?.seq === seq) return known.states;
    const states = await booksBeingRead(db);
    this.known.set(userId, { seq, states });
    return states;
  }
}

import { bookView } from '#core/books/book-view';
import { EXTERNAL_SOURCE_IDS } from '#core/merge/sources';
import { defaultSource } from '#core/merge/trust';
import { bestCover } from '#core/images/cover-rank';
import { SMALL_COVER_ATTACHMENT } from '#core/schema/cover-doc';
import { readSyncedDoc } from '#core/schema/documents';
import { sourceOf } from '#core/schema/source-doc';
import type {
  BookDocRow,
  BookRow,
  CalibreRow,
  CoverRow,
  EditRow,
  FolderRow,
  LookupRow,
  ReadModel,
  SourceRow,
} from './read-model';

export type Change = PouchDB.Core.ChangesResponseChange<object>;

const RECOMPUTE_CHUNK = 1000;

/**
 * The cover a book shows: the one the user chose, else the best one (by
 * resolution, shape and size; never a blank or placeholder over a real one).
 */
function chosen(covers: CoverRow[], choice: string | undefined): CoverRow | undefined {
  return covers.find((c) => c.id === choice) ?? bestCover(covers);
}

function smallBlob(doc: unknown): Blob | undefined {
  const attachments = (doc as { _attachments?: Record<string, { data?: unknown }> })._attachments;
  const data = attachments?.[SMALL_COVER_ATTACHMENT]?.data;
  return data instanceof Blob ? data : undefined;
}

/** What one batch of changes brings, sorted by kind (the last change of a document wins). */
class Batch {
  readonly bookDocs = new Map<string, BookDocRow>();
  readonly lookups = new Map<string, LookupRow>();
  readonly calibre = new Map<string, CalibreRow>();
  readonly edits = new Map<string, EditRow>();
  readonly sources = new Map<string, SourceRow>();
  readonly covers = new Map<string, CoverRow>();
  readonly folders = new Map<string, FolderRow>();
  readonly deleted = new Set<string>();
  schemaVersion?: number;
  /** Whether a document written by newer code came (kept in the replica, not shown). */
  newer = false;

  add(change: Change): void {
    for (const map of [
      this.bookDocs,
      this.lookups,
      this.calibre,
      this.sources,
      this.covers,
      this.folders,
    ])
      map.delete(change.id);
    for (const [book, edit] of this.edits) if (edit._id === change.id) this.edits.delete(book);
    this.deleted.delete(change.id);
    if (change.deleted) {
      this.deleted.add(change.id);
      return;
    }
    const reading = readSyncedDoc(change.doc);
    if (reading.kind === 'newer') this.newer = true;
    if (reading.kind === 'schema') this.schemaVersion = reading.version;
    if (reading.kind !== 'read') return;
    const doc = reading.doc;
    switch (doc.type) {
      case 'book':
        this.bookDocs.set(doc._id, { ...doc, id: doc._id });
        break;
      case 'lookup':
        this.lookups.set(doc._id, { ...doc, id: doc._id });
        break;
      case 'calibre':
        this.calibre.set(doc._id, { ...doc, id: doc._id });
        break;
      case 'edit':
        this.edits.set(doc.book, doc);
        break;
      case 'source':
        this.sources.set(change.id, sourceOf(doc));
        break;
      case 'cover': {
        const small = smallBlob(change.doc);
        if (small)
          this.covers.set(doc._id, {
            id: doc._id,
            book: doc.book,
            source: doc.source,
            hash: doc.hash,
            small,
            original: doc.original,
            ...(doc.quality && { quality: doc.quality }),
          });
        break;
      }
      case 'folder': {
        const { _rev: _ignored, ...row } = doc;
        this.folders.set(row._id, row);
        break;
      }
    }
  }
}

/** Sources whose values sit in documents of their own, per book: a trust change weighs only those books. */
const hasBookDocs = (id: string) =>
  id === 'calibre' || EXTERNAL_SOURCE_IDS.some((source) => source === id);

/** A source as a merge weighs it (effectiveTrust and the tie-break): not its counters. */
const weight = (s: SourceRow) => JSON.stringify([s.trust, s.enabled, s.priority, s.probation]);

/**
 * The sources whose weight in a merge this batch changes. A lookup job
 * rewrites its sources' counters with every batch, and the file's and the
 * user's documents first arrive at their defaults: neither must make every
 * browser merge 100,000 books again.
 */
async function reweighedSources(
  model: ReadModel,
  batch: Batch,
  deleted: readonly string[],
): Promise<string[]> {
  const written = [...batch.sources.values()];
  const before = await model.sources.bulkGet(written.map((s) => s.id));
  return [
    ...written.filter((s, i) => {
      // A merge counts a source with no document at its defaults.
      return weight(before[i] ?? defaultSource(s.id)) !== weight(s);
    }),
    ...deleted.filter((id) => id.startsWith('source:')).map((id) => ({ id: id.split(':').at(-1) })),
  ].map((s) => String(s.id));
}

/**
 * Computes the rows of these books again from their documents (in the open
 * transaction), and writes those that came out different. Returns their ids:
 * a trust change recomputes many books but changes few, and the search worker
 * then re-indexes only those (100,000 at once held it up for tens of seconds
 * on a first sync).
 */
async function recompute(model: ReadModel, ids: readonly string[]): Promise<string[]> {
  const sources = await model.sources.toArray();
  const changed: string[] = [];
  for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) {
    const chunk = ids.slice(i, i + RECOMPUTE_CHUNK);
    const [docs, edits, lookups, calibre, covers, before] = await Promise.all([
      model.bookDocs.bulkGet(chunk),
      model.edits.bulkGet(chunk),
      model.lookups.where('book').anyOf(chunk).toArray(),
      model.calibre.where('book').anyOf(chunk).toArray(),
      model.covers.where('book').anyOf(chunk).toArray(),
      model.books.bulkGet(chunk),
    ]);
    const rows: BookRow[] = [];
    const gone: string[] = [];
    docs.forEach((doc, j) => {
      if (!doc) {
        if (before[j]) gone.push(chunk[j] as string);
        return;
      }
      const edit = edits[j];
      const curated = calibre.find((c) => c.book === doc.id);
      const view = bookView(doc, {
        lookups: lookups.filter((l) => l.book === doc.id),
        ...(curated && { calibre: curated }),
        edit,
        sources,
      });
      const cover = chosen(
        covers.filter((c) => c.book === doc.id),
        edit?.cover,
      );
      const row = {
        ...view,
        ...(cover && { cover: { id: cover.id, hash: cover.hash, width: cover.original.width } }),
      };
      // Rows are plain data built in a fixed key order, so equal rows serialise alike.
      const old = before[j];
      if (!old || JSON.stringify(old) !== JSON.stringify(row)) rows.push(row);
    });
    await model.books.bulkDelete(gone);
    await model.books.bulkPut(rows);
    changed.push(...gone, ...rows.map((row) => row.id));
  }
  return changed;
}

/**
 * Applies a batch of PouchDB changes to the read model, with the sequence
 * they bring it to, in one transaction: documents are stored, and every book
 * they touch gets its row computed again (its file facts, the outside
 * sources' sure matches, its Calibre values and the user's edits, merged by
 * source trust, joined with its chosen cover). An outside source's or
 * Calibre's trust change recomputes the books it said something about; the
 * file's or the user's, every book. Invalid
 * documents are skipped rather than shown half-read; documents newer code
 * wrote stay in the replica, unread, and `newerSeen` says they came. Returns
 * the ids of the books whose rows changed.
 */
export async function applyChanges(
  model: ReadModel,
  changes: Change[],
  seq: string | number,
): Promise<string[]> {
  const batch = new Batch();
  for (const change of changes) batch.add(change);
  const tables = [
    model.books,
    model.bookDocs,
    model.lookups,
    model.calibre,
    model.edits,
    model.sources,
    model.covers,
    model.folders,
    model.meta,
  ];
  return model.transaction('rw', tables, async () => {
    const deleted = [...batch.deleted];
    // Deleted documents of kinds found by id (edits are keyed by book: look them up by _id).
    const [deletedLookups, deletedCalibre, deletedCovers, deletedEdits] = await Promise.all([
      model.lookups.bulkGet(deleted),
      model.calibre.bulkGet(deleted),
      model.covers.bulkGet(deleted),
      model.edits.filter((e) => batch.deleted.has(e._id)).toArray(),
    ]);
    const touched = new Set<string>([
      ...batch.bookDocs.keys(),
      ...deleted.filter((id) => id.startsWith('book:')),
    ]);
    for (const row of [
      ...batch.lookups.values(),
      ...batch.calibre.values(),
      ...batch.covers.values(),
      ...deletedLookups,
      ...deletedCalibre,
      ...deletedCovers,
    ]) {
      if (row) touched.add(row.book);
    }
    for (const edit of [...batch.edits.values(), ...deletedEdits]) touched.add(edit.book);
    const reweighed = await reweighedSources(model, batch, deleted);

    await model.bookDocs.bulkDelete(deleted);
    await model.lookups.bulkDelete(deleted);
    await model.calibre.bulkDelete(deleted);
    await model.covers.bulkDelete(deleted);
    await model.folders.bulkDelete(deleted);
    await model.sources.bulkDelete(
      deleted
        .filter((id) => id.startsWith('source:'))
        .map((id) => id.split(':').at(-1) as SourceRow['id']),
    );
    await model.edits.bulkDelete(deletedEdits.map((e) => e.book));
    await model.bookDocs.bulkPut([...batch.bookDocs.values()]);
    await model.lookups.bulkPut([...batch.lookups.values()]);
    await model.calibre.bulkPut([...batch.calibre.values()]);
    await model.edits.bulkPut([...batch.edits.values()]);
    await model.sources.bulkPut([...batch.sources.values()]);
    await model.covers.bulkPut([...batch.covers.values()]);
    await model.folders.bulkPut([...batch.folders.values()]);

    let ids = [...touched];
    if (reweighed.some((id) => !hasBookDocs(id))) {
      // The file's (or the user's) trust weighs every book.
      ids = (await model.bookDocs.toCollection().primaryKeys()) as string[];
    } else if (reweighed.length) {
      // An outside source's or Calibre's trust weighs only the books some such source said
      // something about (Calibre's too: whether Calibre leads depends on every trust).
      const said = [
        ...((await model.lookups.orderBy('book').uniqueKeys()) as string[]),
        ...((await model.calibre.orderBy('book').uniqueKeys()) as string[]),
      ];
      ids.push(...new Set(said.filter((id) => !touched.has(id))));
    }
    const changed = await recompute(model, ids);

    if (batch.schemaVersion !== undefined)
      await model.meta.put({ key: 'schema', value: batch.schemaVersion });
    // Kept with the sequence: the app asks for a reload until it is updated (see Bridge).
    if (batch.newer) await model.meta.put({ key: 'newerSeen', value: true });
    await model.meta.put({ key: 'seq', value: seq });
    return changed;
  });
}

import { buildArcs, type ArcEntry } from '#core/books/arc-index';
import { buildAuthors, type AuthorEntry } from '#core/books/author-index';
import { browseFacts, type BrowseFacts } from '#core/books/browse-facts';
import { buildPublishers, type PublisherEntry } from '#core/books/publisher-index';
import { buildSeries, seriesKey, type SeriesEntry } from '#core/books/series-index';
import { catalogStats, type CatalogStats } from '#core/books/stats';
import {
  SearchIndex,
  SnapshotError,
  type BookQuery,
  type QueryResult,
} from '#core/search/search-index';
import { searchDoc, type SearchDoc } from '#core/search/search-doc';
import type { BookRow, ReadModel } from '$lib/db/read-model';
import type { ReadingChange } from '$lib/db/reading-bridge';
import type { ReadingModel } from '$lib/db/reading-model';
import { FormatMains, statusPerMain } from './format-reading';

/** The stored index: which read-model sequence it reflects, and its export. */
interface Snapshot {
  seq: unknown;
  index: ReturnType<SearchIndex['export']>;
}

const SNAPSHOT_KEY = 'searchIndex';
const SAVE_AFTER_MS = 2000;
/** Rows read from the read model at a time when the worker starts. */
const LOAD_PAGE = 2000;

/**
 * What the search worker does (the worker file only exposes it): keeps a
 * SearchIndex and the compact documents of every book in step with the read
 * model, answers queries, series, authors and dashboard figures, and keeps a
 * snapshot of the index in IndexedDB so a reload restores it instead of
 * indexing every book again. The user's reading statuses (for `status:reading`)
 * come from the reading model and are set in the index apart from the books.
 */
export class QueryService {
  private index = new SearchIndex();
  private readonly docs = new Map<string, SearchDoc>();
  /** Credits by craft, arcs and publishers of every book, for the people, arcs and publishers pages. */
  private readonly facts = new Map<string, BrowseFacts>();
  /** Other formats of a book, for whose reading counts as the book's. */
  private readonly mains = new FormatMains();
  private saveTimer?: ReturnType<typeof setTimeout>;
  /** How long the last snapshot took to export and store. */
  private lastSaveMs = 0;
  private series?: SeriesEntry[];
  private authors?: AuthorEntry[];
  private arcs?: ArcEntry[];
  private publishers?: PublisherEntry[];

  constructor(
    private readonly model: ReadModel,
    private readonly reading: ReadingModel,
  ) {}

  /** Loads every book; restores the saved index when it matches the read model, else builds it. */
  async start(): Promise<{ books: number; restored: boolean }> {
    const { books, meta } = this.model;
    // One transaction: the rows and the sequence they reflect must agree. Read a page at a
    // time, each kept only as its compact document: a quarter-million full rows at once held
    // a gigabyte and kept IndexedDB busy with one request while the first screen waited.
    const [seq, saved] = await this.model.transaction('r', books, meta, async () => {
      let after: string | undefined;
      for (;;) {
        const keys = after === undefined ? books.orderBy(':id') : books.where(':id').above(after);
        const page = await keys.limit(LOAD_PAGE).toArray();
        for (const row of page) {
          this.mains.set(row.id, row.formatOf);
          if (!listed(row)) continue;
          this.docs.set(row.id, toSearchDoc(row));
          this.facts.set(row.id, browseFacts(row));
        }
        after = page.at(-1)?.id;
        if (page.length < LOAD_PAGE) break;
      }
      return Promise.all([meta.get('seq'), meta.get(SNAPSHOT_KEY)]);
    });
    const snapshot = saved?.value as Snapshot | undefined;
    let restored = false;
    if (snapshot !== undefined && snapshot.seq === seq?.value) {
      try {
        this.index = SearchIndex.restore(snapshot.index, { docs: (id) => this.docs.get(id) });
        restored = true;
      } catch (error) {
        // A snapshot from another version of the index (or missing books): build it again.
        if (!(error instanceof SnapshotError)) throw error;
      }
    }
    if (!restored) {
      this.index = new SearchIndex();
      this.index.upsert([...this.docs.values()]);
      this.scheduleSave();
    }
    await this.updateReading({ reset: true, books: [] });
    return { books: this.docs.size, restored };
  }

  /** The bridge changed these books in the read model: index them again (or drop them). */
  async update(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.model.books.bulkGet(ids);
    const upserts: SearchDoc[] = [];
    const removed: string[] = [];
    const regrouped = new Set<string>();
    rows.forEach((row, i) => {
      const id = ids[i] as string;
      const main = row?.formatOf;
      if (this.mains.mainOf(id) !== (main ?? id)) {
        regrouped.add(this.mains.mainOf(id));
        regrouped.add(main ?? id);
      }
      this.mains.set(id, main);
      if (row && listed(row)) {
        const doc = toSearchDoc(row);
        this.docs.set(id, doc);
        this.facts.set(id, browseFacts(row));
        upserts.push(doc);
      } else if (this.docs.delete(id)) {
        this.facts.delete(id);
        removed.push(id);
      }
    });
    if (upserts.length) this.index.upsert(upserts);
    if (removed.length) this.index.remove(removed);
    // Grouped or split: the books' reading statuses are their formats' again.
    if (regrouped.size) await this.updateReading({ reset: false, books: [...regrouped] });
    this.series = undefined;
    this.authors = undefined;
    this.arcs = undefined;
    this.publishers = undefined;
    this.scheduleSave();
  }

  /**
   * The reading bridge changed these books' states (or, on a reset, every
   * one). Says whether a status changed: a new position alone changes no answer.
   */
  async updateReading(change: ReadingChange): Promise<boolean> {
    if (change.reset) {
      const rows = await this.reading.states.toArray();
      this.index.clearReading();
      this.index.setReading(statusPerMain(rows, this.mains));
      return true;
    }
    // A format's state is its main book's: read every format of the books touched.
    const mains = [...new Set(change.books.map((book) => this.mains.mainOf(book)))];
    const rows = await this.reading.states.bulkGet(mains.flatMap((m) => this.mains.idsOf(m)));
    const statuses = statusPerMain(rows, this.mains);
    return this.index.setReading(
      mains.map((main) => [main, statuses.get(main) ?? 'unread'] as const),
    );
  }

  query(query: BookQuery): QueryResult {
    return this.index.query(query);
  }

  /** The compact documents of these ids (for export), in the order asked. */
  docsOf(ids: string[]): SearchDoc[] {
    return ids.flatMap((id) => {
      const doc = this.docs.get(id);
      return doc ? [doc] : [];
    });
  }

  seriesList(): SeriesEntry[] {
    return (this.series ??= buildSeries(this.docs.values()));
  }

  authorList(): AuthorEntry[] {
    return (this.authors ??= buildAuthors(this.facts.values()));
  }

  arcList(): ArcEntry[] {
    return (this.arcs ??= buildArcs(this.facts.values()));
  }

  /** Null, not undefined, for a key nothing has: a page takes undefined for "no answer yet". */
  arcEntry(key: string): ArcEntry | null {
    return this.arcList().find((a) => a.key === key) ?? null;
  }

  publisherList(): PublisherEntry[] {
    return (this.publishers ??= buildPublishers(this.facts.values()));
  }

  /** Null, not undefined, for a key nothing has: a page takes undefined for "no answer yet". */
  publisherEntry(key: string): PublisherEntry | null {
    return this.publisherList().find((p) => p.key === key) ?? null;
  }

  /**
   * The series whose books are all comics (by series key), each with the age
   * ratings its issues carry: the series list says "issues" for them and
   * filters by age rating.
   */
  comicSeries(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const notComic = new Set<string>();
    for (const f of this.facts.values()) {
      if (!f.series) continue;
      const key = seriesKey(f.series);
      if (!f.comic) notComic.add(key);
      const ratings = (out[key] ??= []);
      if (f.ageRating && !ratings.includes(f.ageRating)) ratings.push(f.ageRating);
    }
    for (const key of notComic) delete out[key];
    return out;
  }

  /** Null, not undefined, for a key nothing has: a page takes undefined for "no answer yet". */
  seriesEntry(key: string): SeriesEntry | null {
    return this.seriesList().find((s) => s.key === key) ?? null;
  }

  /** Null, not undefined, for a key nothing has: a page takes undefined for "no answer yet". */
  authorEntry(key: string): AuthorEntry | null {
    return this.authorList().find((a) => a.key === key) ?? null;
  }

  stats(): CatalogStats {
    return catalogStats([...this.docs.values()]);
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), saveDelayMs(this.lastSaveMs));
  }

  private async save(): Promise<void> {
    const started = performance.now();
    const seq = await this.model.meta.get('seq');
    // The books themselves are in the read model: the snapshot holds only the index.
    const snapshot: Snapshot = { seq: seq?.value, index: this.index.export({ docs: false }) };
    await this.model.meta.put({ key: SNAPSHOT_KEY, value: snapshot });
    this.lastSaveMs = performance.now() - started;
  }
}

/**
 * How long the catalog must be still before the index is saved again: at
 * least 2 s, and five times what the last save took, so saving (an export
 * of the whole index, and its copy into IndexedDB) stays a fifth of the
 * worker's time at most. While a quarter-million books arrive in batches a
 * few seconds apart, a save after every 2 s pause exports the whole index
 * again and again, each export a second copy of it in memory.
 */
export function saveDelayMs(lastSaveMs: number): number {
  return Math.max(SAVE_AFTER_MS, lastSaveMs * 5);
}

/** Another format of a book is not listed on its own: its main book stands for it. */
const listed = (row: BookRow) => row.formatOf === undefined;

function toSearchDoc(row: BookRow): SearchDoc {
  return searchDoc(row, row.cover !== undefined);
}

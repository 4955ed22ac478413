import { authorKey, invertName } from '#core/books/author-index';
import { seriesKey } from '#core/books/series-index';
import type { DataSource } from '#core/merge/trust';
import type { SearchDoc } from '#core/search/search-doc';
import { SearchIndex, type BookQuery, type QueryResult } from '#core/search/search-index';
import { fold } from '#core/text/fold';
import type { CatalogStore } from '../catalog/catalog-store';
import { BookGroups, type GroupItem } from './book-groups';
import { allBooks, changedBook, readBooks, readSources } from './catalog-docs';
import { opdsBook, splitBook, type BookDocs, type BookExtras, type OpdsBook } from './opds-book';
import type { OpdsBookStore } from './opds-book-store';

export type { GroupItem } from './book-groups';

/** A page of a list, and where it is in the whole. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}

/** Changes read from the catalog's feed at once while catching up. */
const CHANGES_BATCH = 1000;
/** How soon after a change of the catalog the index takes it in by itself. */
const FOLLOW_AFTER_MS = 1000;

/** What decides a merge in a source: its counters change with every lookup and decide nothing. */
const mergeKey = (sources: readonly DataSource[]) =>
  JSON.stringify(sources.map(({ stats: _stats, ...rest }) => rest));

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lets other requests in between pages of a long load (a page of merges takes ~0.2 s). */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The catalog as OPDS feeds page through it, in memory: the app's search
 * index (query language, sorting by title and date added, format filters)
 * over every book's merged metadata (bookView, as the app shows it), plus
 * authors, series and subjects with their books. Loaded once (from the
 * merged books stored in SQLite, else by merging every book), then kept in
 * step: a request first reads the catalog's changes since the index's
 * sequence (one empty read when nothing changed) and merges only the books
 * they touch, and the index follows changes by itself too. Pages are then
 * slices of ready orders; no request builds a feed from the whole catalog.
 */
export class OpdsCatalog {
  private index = new SearchIndex();
  private extras = new Map<string, BookExtras>();
  /** Each other format of a book (grouped by an admin) → its main book: not listed, but fetched. */
  private mainOf = new Map<string, string>();
  private authors = this.authorGroups();
  private series = this.seriesGroups();
  private subjects = this.subjectGroups();
  private sources: DataSource[] = [];
  private sourcesKey = '';
  /** The catalog's update sequence the index reflects; undefined before the first load. */
  private seq: string | number | undefined;
  private updating: Promise<void> | undefined;
  private follower: PouchDB.Core.Changes<object> | undefined;
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly catalog: CatalogStore,
    private readonly store: OpdsBookStore,
  ) {}

  /** Starts loading in the background (a device is about to ask); a failure is retried by the next request. */
  warm(): void {
    this.current().catch(() => undefined);
  }

  /** Brings the index up to the catalog's latest change (the first call loads every book). */
  current(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The agent is stopping.'));
    this.updating ??= this.update().finally(() => {
      this.updating = undefined;
    });
    return this.updating;
  }

  /** Stops following the catalog (the agent is stopping). */
  close(): void {
    this.closed = true;
    clearTimeout(this.followTimer);
    this.follower?.cancel();
    this.follower = undefined;
  }

  /**
   * Once loaded, the index takes in the catalog's changes a second after
   * they come (a scan, an edit), and mends its sort orders then: merging a
   * book and re-sorting 100,000 cost a request up to 150 ms when left to it.
   * A request still catches up itself first, so it never answers from
   * before a change it could see.
   */
  private follow(db: PouchDB.Database): void {
    if (this.follower || this.closed) return;
    const follower = db.changes({ since: 'now', live: true, return_docs: false });
    const later = () => {
      this.followTimer ??= setTimeout(() => {
        this.followTimer = undefined;
        this.current()
          .then(() => this.mendOrders())
          .catch(() => undefined);
      }, FOLLOW_AFTER_MS);
    };
    // The feed is also a promise, settled when it is cancelled: only its events matter. A
    // closed or replaced database (a full disk reopens it) ends it; requests still catch up.
    void follower.on('change', later).on('error', () => {
      if (this.follower === follower) this.follower = undefined;
    });
    this.follower = follower;
  }

  /** Sorts the feeds' orders again now, rather than in the next request. */
  private mendOrders(): void {
    for (const key of ['added', 'title'] as const)
      this.index.query({ sort: { key, direction: key === 'added' ? 'desc' : 'asc' }, limit: 0 });
  }

  get size(): number {
    return this.index.size;
  }

  book(id: string): OpdsBook | undefined {
    const search = this.index.get(id);
    const extras = this.extras.get(id);
    return search && extras && { ...search, ...extras };
  }

  /**
   * Another format of a listed book, as its main is listed but with its own
   * id and format: what its download link fetches.
   */
  otherFormat(id: string): OpdsBook | undefined {
    const main = this.book(this.mainOf.get(id) ?? '');
    const format = main?.formats?.find((f) => f.id === id)?.format;
    return main && format && { ...main, id, format };
  }

  /**
   * The listed book an id stands for: itself, or the main of another format
   * (shelved or read before it was grouped); undefined when not listed.
   */
  listedAs(id: string): string | undefined {
    return this.extras.has(id) ? id : this.mainOf.get(id);
  }

  /** Every listed book's id (other formats of a book are not listed). */
  ids(): string[] {
    return [...this.extras.keys()];
  }

  /** Every listed book, as feeds list it. */
  *everyBook(): Generator<OpdsBook> {
    for (const id of this.extras.keys()) {
      const book = this.book(id);
      if (book) yield book;
    }
  }

  /** Books by the app's query (text in its query language, filters, sort), a page of them. */
  query(query: BookQuery): Page<OpdsBook> & Pick<QueryResult, 'error' | 'warnings'> {
    const result = this.index.query(query);
    return {
      items: this.books(result.ids),
      total: result.total,
      offset: query.offset ?? 0,
      warnings: result.warnings,
      ...(result.error && { error: result.error }),
    };
  }

  authorList(offset: number, limit: number): Page<GroupItem> {
    return slice(this.authors.items(), offset, limit);
  }

  seriesList(offset: number, limit: number): Page<GroupItem> {
    return slice(this.series.items(), offset, limit);
  }

  subjectList(offset: number, limit: number): Page<GroupItem> {
    return slice(this.subjects.items(), offset, limit);
  }

  author(key: string): GroupItem | undefined {
    return this.authors.get(key);
  }

  seriesNamed(key: string): GroupItem | undefined {
    return this.series.get(key);
  }

  subject(key: string): GroupItem | undefined {
    return this.subjects.get(key);
  }

  /** An author's books by title. */
  authorBooks(key: string, offset: number, limit: number): Page<OpdsBook> {
    const ids = this.authors.books(key, (a, b) => this.titleOrder(a, b));
    const page = slice(ids, offset, limit);
    return { ...page, items: this.books(page.items) };
  }

  /** A series' books in reading order: by position (unnumbered last), then title. */
  seriesBooks(key: string, offset: number, limit: number): Page<OpdsBook> {
    const position = (id: string) => this.index.get(id)?.seriesNumber ?? Infinity;
    const ids = this.series.books(
      key,
      (a, b) => position(a) - position(b) || this.titleOrder(a, b),
    );
    const page = slice(ids, offset, limit);
    return { ...page, items: this.books(page.items) };
  }

  /** A subject's books by title (the index filters every spelling of it). */
  subjectBooks(key: string, offset: number, limit: number): Page<OpdsBook> {
    return this.query({
      filters: { subjects: this.subjects.names(key) },
      sort: { key: 'title', direction: 'asc' },
      offset,
      limit,
    });
  }

  /** Formats and how many books each has, most first. */
  formats(): { format: string; count: number }[] {
    const counts = new Map<string, number>();
    const facets = this.index.query({ limit: 0, facets: true }).facets?.format ?? [];
    for (const f of facets) counts.set(f.value, f.count);
    return [...counts].map(([format, count]) => ({ format, count }));
  }

  /** These books as feeds list them, in this order; ids not in the catalog are left out. */
  books(ids: readonly string[]): OpdsBook[] {
    return ids.flatMap((id) => this.book(id) ?? []);
  }

  private titleOrder(a: string, b: string): number {
    return compare(this.index.get(a)?.titleKey ?? '', this.index.get(b)?.titleKey ?? '');
  }

  private async update(): Promise<void> {
    const db = this.catalog.db;
    this.follow(db);
    if (this.seq === undefined) return this.load(db, true);
    let since = this.seq;
    for (;;) {
      const changes = await db.changes({ since, limit: CHANGES_BATCH });
      const touched = new Set<string>();
      let sources = false;
      for (const change of changes.results) {
        const what = changedBook(change.id, this.catalog.library);
        if (what && 'sources' in what) sources = true;
        else if (what) touched.add(what.book);
      }
      // A trust changed: every book may merge differently.
      if (sources && mergeKey(await readSources(db, this.catalog.library)) !== this.sourcesKey)
        return this.load(db, false);
      if (touched.size > 0 || changes.last_seq !== since) {
        const found = touched.size ? await readBooks(db, this.catalog.library, [...touched]) : [];
        this.refresh(found, [...touched], changes.last_seq);
      }
      since = changes.last_seq;
      if (changes.results.length < CHANGES_BATCH) break;
    }
    this.seq = since;
  }

  /**
   * Fills the index: from the stored books when they were merged with the
   * sources' present trust (then only later changes are merged), else by
   * merging every book of the catalog, which is then stored.
   */
  private async load(db: PouchDB.Database, fromStore: boolean): Promise<void> {
    const library = this.catalog.library;
    this.sources = await readSources(db, library);
    this.sourcesKey = mergeKey(this.sources);
    this.index = new SearchIndex();
    this.extras = new Map();
    this.mainOf = new Map();
    this.authors = this.authorGroups();
    this.series = this.seriesGroups();
    this.subjects = this.subjectGroups();
    const docs: SearchDoc[] = [];
    const stored = this.store.state();
    if (fromStore && stored?.sourcesKey === this.sourcesKey) {
      for (const book of this.store.all()) docs.push(this.adopt(splitBook(book)));
      this.index.upsert(docs);
      this.seq = stored.seq;
      return this.update();
    }
    // Changes made while this reads are read again by the next update.
    const { update_seq: seq } = await db.info();
    const records: OpdsBook[] = [];
    for await (const page of allBooks(db, library)) {
      for (const books of page) {
        const made = this.made(books);
        if (made) {
          docs.push(made.search);
          records.push({ ...made.search, ...made.extras });
        }
      }
      await yieldToOthers();
    }
    // One upsert: the index sorts once, not once per page.
    this.index.upsert(docs);
    this.store.replace(records, { seq, sourcesKey: this.sourcesKey });
    this.seq = seq;
  }

  /** Re-merges the books a change touched (`ids` without documents any more are dropped), and stores them. */
  private refresh(found: readonly BookDocs[], ids: readonly string[], seq: string | number): void {
    const docs: SearchDoc[] = [];
    const records: OpdsBook[] = [];
    const kept = new Set<string>();
    for (const books of found) {
      const made = this.made(books);
      if (made) {
        docs.push(made.search);
        records.push({ ...made.search, ...made.extras });
        kept.add(made.search.id);
      }
    }
    const gone = ids
      .map((id) => `book:${this.catalog.library}:${id}`)
      .filter((id) => !kept.has(id) && this.forget(id));
    if (docs.length) this.index.upsert(docs);
    if (gone.length) this.index.remove(gone);
    this.store.save(records, gone, { seq, sourcesKey: this.sourcesKey });
  }

  /**
   * A book's search document and extras, its groups replaced; undefined (and
   * forgotten) for a book whose file is missing: a feed offers only what can
   * be downloaded. Another format of a book is not listed: its main offers it.
   */
  private made(books: BookDocs): { search: SearchDoc; extras: BookExtras } | undefined {
    this.forget(books.book._id);
    if (books.book.status === 'missing' || books.book.formatOf) return undefined;
    const made = opdsBook(books, this.sources);
    this.adopt(made);
    return made;
  }

  /** Takes in a merged book: its extras and its groups (the caller indexes its search document). */
  private adopt({ search, extras }: { search: SearchDoc; extras: BookExtras }): SearchDoc {
    this.extras.set(search.id, extras);
    for (const other of extras.formats ?? []) this.mainOf.set(other.id, search.id);
    this.authors.add(search.id, search.authors);
    if (search.series) this.series.add(search.id, [search.series]);
    this.subjects.add(search.id, search.subjects);
    return search;
  }

  /** Takes a book out of the groups; says whether it was indexed. */
  private forget(id: string): boolean {
    const old = this.index.get(id);
    for (const other of this.extras.get(id)?.formats ?? [])
      if (this.mainOf.get(other.id) === id) this.mainOf.delete(other.id);
    this.extras.delete(id);
    if (!old) return false;
    this.authors.remove(id, old.authors);
    if (old.series) this.series.remove(id, [old.series]);
    this.subjects.remove(id, old.subjects);
    return true;
  }

  private authorGroups() {
    return new BookGroups(authorKey, (name) => fold(invertName(name)));
  }

  private seriesGroups() {
    return new BookGroups(seriesKey, seriesKey);
  }

  private subjectGroups() {
    return new BookGroups(
      (s) => fold(s.trim()),
      (s) => fold(s),
    );
  }
}

function slice<T>(items: readonly T[], offset: number, limit: number): Page<T> {
  return { items: items.slice(offset, offset + limit), total: items.length, offset };
}

import { Columns, readingCode } from './columns';
import type { ReadingStatus } from '../schema/reading-status-doc';
import { evaluate, type IndexParts } from './evaluate';
import { applyFilters, FacetCache } from './facets';
import { highlight } from './highlight';
import { fold } from '../text/fold';
import { words } from './words';
import { Postings } from './postings';
import type { QueryNode } from './query-ast';
import { parseQuery } from './query-parser';
import type { BookQuery, Filters, Highlights, QueryResult } from './query-types';
import { addTitleBonus, searchesText, titleQuery, topByScore } from './rank';
import { relax } from './relax';
import { widen } from './widen';
import type { SearchDoc } from './search-doc';
import {
  fromColumns,
  isIndexSnapshot,
  SNAPSHOT_VERSION,
  SnapshotError,
  toColumns,
  type IndexSnapshot,
} from './snapshot';
import { SortOrders } from './sort-orders';
import { nearestWord } from './spelling';
import { FIELD_COUNT, fieldValues, SHORT_FIELDS } from './text-fields';
import { Vocabulary } from './vocabulary';

export type {
  BookQuery,
  FacetName,
  FacetValue,
  Filters,
  HighlightField,
  Highlights,
  QueryResult,
  SortKey,
} from './query-types';
export type { IndexSnapshot } from './snapshot';
export { SnapshotError } from './snapshot';
export { authorsText } from './text-fields';

const DEFAULT_LIMIT = 50;

export interface IndexOptions {
  /** Compact once this many slots are dead and they are a quarter of all (default 1024). */
  compactMinDead?: number;
}

export interface RestoreOptions extends IndexOptions {
  /** The books, when the snapshot was exported without them. */
  docs?: (id: string) => SearchDoc | undefined;
}

/**
 * The catalog's search index: free text (through the vocabulary, postings and
 * flexsearch's encoders), the query language, filters, facet counts, sorting
 * and paging, all in memory and synchronous: the worker that owns it answers
 * every /books request from here.
 */
export class SearchIndex {
  private columns = new Columns();
  private vocabulary = new Vocabulary();
  private postings = new Postings();
  private slots = new Map<string, number>();
  private orders = new SortOrders(this.columns);
  private facetCache = new FacetCache(() => this.columns);
  /** Reading codes of the books not unread (the user's, so kept apart from the catalog's books). */
  private readonly reading = new Map<string, number>();
  private readonly compactMinDead: number;

  constructor(options: IndexOptions = {}) {
    this.compactMinDead = options.compactMinDead ?? 1024;
  }

  /** Books in the index. */
  get size(): number {
    return this.columns.live;
  }

  get(id: string): SearchDoc | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.columns.docs[slot];
  }

  /** Adds books, or replaces the ones whose id is already indexed. */
  upsert(docs: readonly SearchDoc[]): void {
    const added: number[] = [];
    for (const doc of docs) {
      const old = this.slots.get(doc.id);
      if (old !== undefined) this.columns.kill(old);
      const slot = this.add(doc);
      this.slots.set(doc.id, slot);
      added.push(slot);
    }
    if (docs.length) this.changed(added);
  }

  remove(ids: readonly string[]): void {
    let removed = 0;
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (slot === undefined) continue;
      this.columns.kill(slot);
      this.slots.delete(id);
      removed++;
    }
    if (removed) this.changed([]);
  }

  /**
   * Sets the user's reading status of these books, for `status:reading`,
   * `status:finished` and `status:unread`: in place, re-indexing nothing. Per
   * user and not in the catalog, it is never exported; set it again after a
   * restore. A book not indexed yet takes its status when it is. Says
   * whether any status changed.
   */
  setReading(statuses: Iterable<readonly [string, ReadingStatus]>): boolean {
    let changed = false;
    for (const [id, status] of statuses) {
      const code = readingCode(status);
      changed ||= (this.reading.get(id) ?? 0) !== code;
      if (code === 0) this.reading.delete(id);
      else this.reading.set(id, code);
      const slot = this.slots.get(id);
      if (slot !== undefined) this.columns.reading[slot] = code;
    }
    return changed;
  }

  /** Every book unread again (another user's statuses are coming). */
  clearReading(): void {
    this.reading.clear();
    this.columns.reading.fill(0);
  }

  query(q: BookQuery): QueryResult {
    const text = q.text?.trim() ?? '';
    const warnings: string[] = [];
    let query: QueryNode | undefined;
    if (text) {
      const parsed = parseQuery(text);
      if (!parsed.ok) return { total: 0, ids: [], highlights: {}, error: parsed.error, warnings };
      warnings.push(...parsed.warnings);
      query = parsed.query;
    }
    const caseSensitive = q.caseSensitive === true;
    const { scores, matchers } = query
      ? evaluate(query, this.parts(), caseSensitive)
      : { scores: undefined, matchers: [] };
    if (scores && query)
      addTitleBonus(scores, (s) => this.columns.titleWords(s), titleQuery(query));
    const outcome = applyFilters(
      this.matching(scores),
      q.filters,
      this.columns,
      q.facets === true,
      this.facetCache,
    );
    const total = outcome.slots.length;
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const limit = Math.max(0, Math.floor(q.limit ?? DEFAULT_LIMIT));
    const key = q.sort?.key ?? (query && searchesText(query) ? 'relevance' : 'title');
    let page: Int32Array;
    if (key === 'relevance' && scores) {
      // Relevance is best first whatever the direction: the reverse is never wanted.
      page = topByScore(outcome.slots, scores, this.tieOrder(q.recent), offset + limit).subarray(
        offset,
      );
    } else {
      const sortKey = key === 'relevance' ? 'title' : key;
      page = this.walk(
        this.orders.order(sortKey, q.sort?.direction ?? 'asc'),
        outcome.slots,
        scores !== undefined || hasFilters(q.filters),
        offset,
        limit,
      );
    }
    const ids: string[] = [];
    const highlights: Record<string, Highlights> = {};
    for (const slot of page) {
      const id = this.columns.ids[slot] as string;
      ids.push(id);
      const doc = this.columns.docs[slot];
      if (doc && matchers.length) {
        const h = highlight(doc, matchers);
        if (Object.keys(h).length) highlights[id] = h;
      }
    }
    const result: QueryResult = { total, ids, highlights, warnings };
    if (outcome.facets) result.facets = outcome.facets;
    if (total === 0 && query) {
      const suggestion = this.suggest(text, query, q.filters, caseSensitive);
      if (suggestion) result.suggestion = suggestion;
    }
    if (total === 0 && (query || hasFilters(q.filters))) {
      const widenings = this.widenings(text, query, q.filters ?? {}, caseSensitive);
      if (widenings.length) result.widenings = widenings;
    }
    return result;
  }

  /**
   * The order ties in relevance are broken by: the books in `recent` first
   * (the latest first), then title order. Only ties: a score decides first.
   */
  private tieOrder(recent: readonly string[] | undefined): Int32Array {
    const titles = this.orders.titleRank();
    if (!recent?.length) return titles;
    const rank = titles.slice();
    recent.forEach((id, i) => {
      const slot = this.slots.get(id);
      if (slot !== undefined) rank[slot] = i - recent.length;
    });
    return rank;
  }

  /**
   * Plain data for IndexedDB (structured-cloneable); give it to `restore` to
   * skip re-indexing. With `docs: false` the books are left out (most of its
   * size and of its cloning time): for a caller that keeps them anyway and
   * gives them back to `restore`.
   */
  export(options: { docs?: boolean } = {}): IndexSnapshot {
    if (this.columns.count !== this.columns.live) this.compact();
    // The default order, so the first page after a reload needs no sort.
    this.orders.order('title', 'asc');
    const docs = this.columns.docs.slice(0, this.columns.count) as SearchDoc[];
    const snapshot: IndexSnapshot = {
      version: SNAPSHOT_VERSION,
      ids: this.columns.ids.slice(0, this.columns.count),
      columns: this.columns.snapshot(),
      vocabulary: this.vocabulary.snapshot(),
      postings: this.postings.snapshot(),
      orders: this.orders.snapshot(),
    };
    if (options.docs !== false) snapshot.docs = toColumns(docs);
    return snapshot;
  }

  /**
   * Rebuilds an index from `export()`, without indexing a word again. `docs`
   * gives the books when the snapshot was taken without them (they must be
   * the ones it was taken of). Throws SnapshotError when it cannot: another
   * version, or books missing; rebuild with `upsert` then.
   */
  static restore(data: IndexSnapshot, options: RestoreOptions = {}): SearchIndex {
    if (!isIndexSnapshot(data)) {
      throw new SnapshotError(
        'version',
        `version ${String((data as { version?: unknown } | null)?.version)}, not ${SNAPSHOT_VERSION}`,
      );
    }
    const index = new SearchIndex(options);
    let docs: SearchDoc[];
    if (data.docs) {
      docs = fromColumns(data.docs);
    } else {
      const lookup = options.docs;
      docs = data.ids.map((id) => {
        const doc = lookup?.(id);
        if (!doc) throw new SnapshotError('missing-docs', `book ${id} not given`);
        return doc;
      });
    }
    docs.forEach((doc, slot) => index.slots.set(doc.id, slot));
    index.columns = Columns.restore(data.columns, docs);
    index.orders = new SortOrders(index.columns);
    index.orders.restore(data.orders);
    index.vocabulary = Vocabulary.restore(data.vocabulary);
    index.postings = Postings.restore(data.postings, index.vocabulary.size);
    return index;
  }

  private parts(): IndexParts {
    return { columns: this.columns, vocabulary: this.vocabulary, postings: this.postings };
  }

  private add(doc: SearchDoc): number {
    const slot = this.columns.add(doc);
    this.columns.reading[slot] = this.reading.get(doc.id) ?? 0;
    const seen = new Set<number>();
    for (let f = 0; f < FIELD_COUNT; f++) {
      const short = (SHORT_FIELDS & (1 << f)) !== 0;
      seen.clear();
      for (const value of fieldValues(doc, f)) {
        for (const word of words(value)) {
          const id = this.vocabulary.intern(word, short);
          if (seen.has(id)) continue;
          seen.add(id);
          this.postings.add(f, id, slot);
        }
      }
    }
    return slot;
  }

  private changed(added: number[]): void {
    this.orders.changed(added);
    this.facetCache.clear();
    const dead = this.columns.count - this.columns.live;
    if (dead >= this.compactMinDead && dead * 4 >= this.columns.count) this.compact();
  }

  /** Renumbers the live slots densely, dropping dead ones from every column and posting list. */
  private compact(): void {
    const old = this.columns;
    const fresh = new Columns();
    const map = new Int32Array(old.count).fill(-1);
    this.slots.clear();
    for (let s = 0; s < old.count; s++) {
      const doc = old.docs[s];
      if (!doc) continue;
      map[s] = fresh.add(doc);
      fresh.reading[map[s] as number] = old.reading[s] as number;
      this.slots.set(doc.id, map[s] as number);
    }
    this.postings.remap(map);
    this.orders = this.orders.remapped(map, fresh);
    this.columns = fresh;
    // Codes are renumbered too.
    this.facetCache.clear();
  }

  /** Live slots whose score says they match (all live slots without a text query). */
  private matching(scores: Float32Array | undefined): Int32Array {
    const { alive, count } = this.columns;
    const out = new Int32Array(this.columns.live);
    let n = 0;
    if (scores) {
      for (let s = 0; s < count; s++) if (alive[s] && (scores[s] as number) >= 0) out[n++] = s;
    } else {
      for (let s = 0; s < count; s++) if (alive[s]) out[n++] = s;
    }
    return out.subarray(0, n);
  }

  /** The page of `order` restricted to `members` (all of the order when it is not restricted). */
  private walk(
    order: Int32Array,
    members: Int32Array,
    restricted: boolean,
    offset: number,
    limit: number,
  ): Int32Array {
    if (!restricted) return order.subarray(offset, offset + limit);
    const isMember = new Uint8Array(this.columns.count);
    for (const s of members) isMember[s] = 1;
    const page: number[] = [];
    let skipped = 0;
    for (let k = 0; k < order.length && page.length < limit; k++) {
      const s = order[k] as number;
      if (!isMember[s]) continue;
      if (skipped < offset) skipped++;
      else page.push(s);
    }
    return Int32Array.from(page);
  }

  private widenings(
    text: string,
    query: QueryNode | undefined,
    filters: Filters,
    caseSensitive: boolean,
  ) {
    const parse = (t: string) => {
      const parsed = parseQuery(t);
      return parsed.ok ? parsed.query : undefined;
    };
    return widen(text, query, filters, {
      parse,
      count: (t, f) => {
        const parsed = parseQuery(t);
        if (!parsed.ok) return 0;
        const scores = parsed.query
          ? evaluate(parsed.query, this.parts(), caseSensitive).scores
          : undefined;
        return applyFilters(this.matching(scores), f, this.columns, false).slots.length;
      },
      known: (word) => {
        const x = this.vocabulary.expand(fold(word));
        return x.exact !== undefined || x.prefix.length + x.close.length + x.loose.length > 0;
      },
      nearest: (word) => nearestWord(fold(word), this.vocabulary, this.postings),
    });
  }

  private suggest(
    text: string,
    query: QueryNode,
    filters: Filters | undefined,
    caseSensitive: boolean,
  ): string | undefined {
    const parse = (t: string) => {
      const parsed = parseQuery(t);
      return parsed.ok ? parsed.query : undefined;
    };
    return relax(text, query, {
      parse,
      count: (t) => {
        const q = parse(t);
        const scores = q ? evaluate(q, this.parts(), caseSensitive).scores : undefined;
        return applyFilters(this.matching(scores), filters, this.columns, false).slots.length;
      },
      known: (word) => {
        const x = this.vocabulary.expand(fold(word));
        return x.exact !== undefined || x.prefix.length + x.close.length + x.loose.length > 0;
      },
      nearest: (word) => nearestWord(fold(word), this.vocabulary, this.postings),
    });
  }
}

function hasFilters(filters: Filters | undefined): boolean {
  return (
    !!filters &&
    Object.values(filters).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0))
  );
}

import type { QueryResult } from '#core/search/search-index';
import { preferences } from '$lib/auth/preferences.svelte';
import { readModel } from '$lib/db/data-flow';
import type { BookRow } from '$lib/db/read-model';
import { queryWorker } from '$lib/queries/query-worker';
import { recentBookIds } from '$lib/search/recent-books';
import { isPlainTitleOrder, toBookQuery, type BrowseState } from './browse-state';

const PAGE = 120;

type Highlights = QueryResult['highlights'][string];

/**
 * The books /books shows for a browse state: the total, the facets, and rows
 * fetched a page at a time as the list scrolls to them. The query worker
 * answers; until it is ready, the plain title order comes straight from the
 * read model's index, so the first screen never waits for the search index.
 */
export class BrowseResults {
  total = $state(0);
  facets = $state<QueryResult['facets']>();
  error = $state<QueryResult['error']>();
  warnings = $state<string[]>([]);
  suggestion = $state<string | undefined>();
  widenings = $state<QueryResult['widenings']>();
  loading = $state(true);
  /** Bumped when rows arrive, so the visible rows re-render. */
  version = $state(0);

  private state?: BrowseState;
  private generation = 0;
  // Plain maps on purpose: 100,000 rows must not become reactive proxies; `version` signals changes.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly rows = new Map<number, BookRow>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly highlights = new Map<string, Highlights>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly pages = new Map<number, Promise<void>>();
  private lastRange: [number, number] = [0, PAGE];
  /** The books opened lately, which break ties in relevance (the same for every page of a state). */
  private recent: string[] = [];

  /**
   * Starts over for a new state (a new query, filter or sort). With `refresh`
   * (the catalog changed under the same state) the rows on screen stay until
   * their new versions arrive.
   */
  async load(state: BrowseState, refresh = false): Promise<void> {
    const generation = ++this.generation;
    this.state = state;
    if (!refresh) {
      this.rows.clear();
      this.highlights.clear();
      this.loading = true;
    }
    this.pages.clear();
    if (isPlainTitleOrder(state)) {
      // The first screen, from the read model, while the worker may still be loading.
      const [total, rows] = await Promise.all([
        readModel.books.count(),
        // Other formats of a book are not listed (the worker's answer, next, counts them out too).
        readModel.books
          .orderBy('titleKey')
          .filter((row) => row.formatOf === undefined)
          .limit(PAGE)
          .toArray(),
      ]);
      if (generation !== this.generation) return;
      this.total = total;
      rows.forEach((row, i) => this.rows.set(i, row));
      this.pages.set(0, Promise.resolve());
      this.error = undefined;
      this.suggestion = undefined;
      this.widenings = undefined;
      this.warnings = [];
      this.version++;
    }
    const [worker, recent] = await Promise.all([
      queryWorker(),
      state.q ? recentBookIds() : Promise.resolve([]),
    ]);
    if (generation !== this.generation) return;
    this.recent = recent;
    const result = await worker.query(this.query(state, 0, PAGE, true));
    if (generation !== this.generation) return;
    this.total = result.total;
    this.facets = result.facets;
    this.error = result.error;
    this.warnings = result.warnings;
    this.suggestion = result.suggestion;
    this.widenings = result.widenings;
    if (refresh) this.rows.clear();
    await this.fill(0, result, generation);
    this.pages.set(0, Promise.resolve());
    this.loading = false;
    this.ensure(...this.lastRange);
  }

  /** Reading `version` makes whoever renders a row re-render when rows arrive. */
  row(index: number): BookRow | undefined {
    void this.version;
    return this.rows.get(index);
  }

  highlightsOf(id: string): Highlights | undefined {
    void this.version;
    return this.highlights.get(id);
  }

  /** Fetches the pages covering items [start, end) if they are not there yet. */
  ensure(start: number, end: number): void {
    const state = this.state;
    this.lastRange = [start, end];
    if (!state) return;
    for (let page = Math.floor(start / PAGE); page * PAGE < end; page++) {
      if (this.pages.has(page)) continue;
      const generation = this.generation;
      this.pages.set(
        page,
        queryWorker()
          .then((worker) => worker.query(this.query(state, page * PAGE, PAGE, false)))
          .then((result) => this.fill(page * PAGE, result, generation)),
      );
    }
  }

  /** Every id the state matches, in order (for export). */
  async allIds(): Promise<string[]> {
    if (!this.state) return [];
    const worker = await queryWorker();
    return (await worker.query(this.query(this.state, 0, this.total || 1, false))).ids;
  }

  private query(state: BrowseState, offset: number, limit: number, facets: boolean) {
    return toBookQuery(
      state,
      offset,
      limit,
      facets,
      preferences.value.caseSensitiveSearch,
      this.recent,
    );
  }

  private async fill(offset: number, result: QueryResult, generation: number): Promise<void> {
    const rows = await readModel.books.bulkGet(result.ids);
    if (generation !== this.generation) return;
    rows.forEach((row, i) => {
      if (row) this.rows.set(offset + i, row);
    });
    for (const [id, marks] of Object.entries(result.highlights)) this.highlights.set(id, marks);
    this.version++;
  }
}

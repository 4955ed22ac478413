import type { BookQuery, Filters, SortKey } from '#core/search/search-index';

/** Everything that decides what /books shows; it all lives in the URL. */
export interface BrowseState {
  q: string;
  sort: SortKey;
  dir: 'asc' | 'desc';
  view: 'grid' | 'list';
  filters: Filters;
}

const SORTS: readonly SortKey[] = [
  'relevance',
  'title',
  'author',
  'series',
  'added',
  'year',
  'size',
];

export const DEFAULT_STATE: BrowseState = {
  q: '',
  sort: 'title',
  dir: 'asc',
  view: 'grid',
  filters: {},
};

const LIST_FILTERS = {
  format: 'formats',
  lang: 'languages',
  subject: 'subjects',
  genre: 'genres',
  publisher: 'publishers',
  status: 'statuses',
} as const satisfies Record<string, keyof Filters>;

const RANGE_FILTERS = {
  year: 'year',
  size: 'size',
  complete: 'completeness',
} as const satisfies Record<string, keyof Filters>;

const FLAG_FILTERS = { cover: 'hasCover', series: 'hasSeries' } as const satisfies Record<
  string,
  keyof Filters
>;

function range(text: string | null): { min?: number; max?: number } | undefined {
  if (!text) return undefined;
  const [lo, hi] = text.split('..');
  const min = lo ? Number(lo) : undefined;
  const max = hi ? Number(hi) : undefined;
  const valid = (n: number | undefined) => n === undefined || Number.isFinite(n);
  if (!valid(min) || !valid(max) || (min === undefined && max === undefined)) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** Reads the state from a URL's query; anything malformed is ignored, never an error. */
export function readBrowseState(params: URLSearchParams): BrowseState {
  const filters: Filters = {};
  for (const [param, key] of Object.entries(LIST_FILTERS)) {
    const values = params
      .getAll(param)
      .flatMap((v) => v.split(','))
      .filter(Boolean);
    if (values.length) filters[key] = values;
  }
  for (const [param, key] of Object.entries(RANGE_FILTERS)) {
    const value = range(params.get(param));
    if (value) filters[key] = value;
  }
  for (const [param, key] of Object.entries(FLAG_FILTERS)) {
    const value = params.get(param);
    if (value === 'yes' || value === 'no') filters[key] = value === 'yes';
  }
  const q = params.get('q') ?? '';
  const sort = params.get('sort') as SortKey | null;
  return {
    q,
    sort: sort && SORTS.includes(sort) ? sort : q ? 'relevance' : 'title',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    view: params.get('view') === 'list' ? 'list' : 'grid',
    filters,
  };
}

/** Writes the state as a URL query, leaving out defaults so shared links stay short. */
export function writeBrowseState(state: BrowseState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  const defaultSort = state.q ? 'relevance' : 'title';
  if (state.sort !== defaultSort) params.set('sort', state.sort);
  if (state.dir !== 'asc') params.set('dir', state.dir);
  if (state.view !== 'grid') params.set('view', state.view);
  for (const [param, key] of Object.entries(LIST_FILTERS)) {
    const values = state.filters[key];
    if (values?.length) params.set(param, values.join(','));
  }
  for (const [param, key] of Object.entries(RANGE_FILTERS)) {
    const value = state.filters[key];
    if (value && (value.min !== undefined || value.max !== undefined)) {
      params.set(param, `${value.min ?? ''}..${value.max ?? ''}`);
    }
  }
  for (const [param, key] of Object.entries(FLAG_FILTERS)) {
    const value = state.filters[key];
    if (value !== undefined) params.set(param, value ? 'yes' : 'no');
  }
  return params;
}

/** The query the query worker answers for this state. */
export function toBookQuery(
  state: BrowseState,
  offset: number,
  limit: number,
  facets: boolean,
  caseSensitive = false,
  recent: readonly string[] = [],
): BookQuery {
  return {
    caseSensitive,
    ...(recent.length ? { recent } : {}),
    text: state.q,
    filters: state.filters,
    sort: { key: state.sort, direction: state.dir },
    offset,
    limit,
    facets,
  };
}

/** True when the default view is asked for: the read model can answer it before the worker is ready. */
export function isPlainTitleOrder(state: BrowseState): boolean {
  return (
    !state.q &&
    state.sort === 'title' &&
    state.dir === 'asc' &&
    Object.keys(state.filters).length === 0
  );
}

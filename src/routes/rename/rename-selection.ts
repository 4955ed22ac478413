import { preferences } from '$lib/auth/preferences.svelte';
import { readBrowseState, toBookQuery } from '$lib/browse/browse-state';
import { readModel } from '$lib/db/data-flow';
import { LOCAL_LIBRARY } from '$lib/local/library';
import { queryWorker } from '$lib/queries/query-worker';

/** Which books a rename is for: the whole library, or the ids of some of them. */
export interface RenameSelection {
  books: 'all' | string[];
  /** What the user picked, in words ("the 12 books matching “foundation”"). */
  label: string;
}

export const WHOLE_LIBRARY: RenameSelection = { books: 'all', label: 'the whole library' };

const plural = (n: number) => `${n.toLocaleString()} book${n === 1 ? '' : 's'}`;

/**
 * Reads the selection from the page's address: `?book=ID` for one book, the
 * /books search and filters (same parameters) for the books they match, nothing
 * for the whole library. Books picked in this browser are left out: the agent
 * renames only what it holds (/local renames a folder on this device).
 */
export async function selectionFrom(params: URLSearchParams): Promise<RenameSelection> {
  const one = params.get('book');
  if (one) {
    const row = await readModel.books.get(one);
    if (!row || row.library === LOCAL_LIBRARY) return { books: [], label: 'a book not found' };
    return { books: [row.id], label: `“${row.title}”` };
  }
  const state = readBrowseState(params);
  const filters = Object.keys(state.filters).length;
  if (!state.q && filters === 0) return WHOLE_LIBRARY;

  const worker = await queryWorker();
  const limit = Math.max(1, await readModel.books.count());
  const { ids } = await worker.query(
    toBookQuery(state, 0, limit, false, preferences.value.caseSensitiveSearch),
  );
  const rows = await readModel.books.bulkGet(ids);
  const books = rows.flatMap((row) => (row && row.library !== LOCAL_LIBRARY ? [row.id] : []));
  const what = [
    state.q ? `matching “${state.q}”` : '',
    filters ? `with ${filters === 1 ? 'the filter' : `${filters} filters`} from Books` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { books, label: `the ${plural(books.length)} ${what}` };
}

import type { PreviewEntry, PreviewFilter } from '../api/rename';
import type { Conflict, RenamePlan } from './plan-types';

export interface PreviewQuery {
  page: number;
  pageSize: number;
  /** Words that must all appear in the old or new path (any case). */
  search: string;
  filter: PreviewFilter;
}

export interface PreviewPage {
  page: number;
  pageSize: number;
  /** Entries matching the search and filter. */
  total: number;
  entries: PreviewEntry[];
}

/**
 * One page of a plan's entries, searched and filtered. Conflicts are
 * attached to every book they involve, so a page shows each conflict beside
 * the books it concerns with how it was resolved.
 */
export function previewPage(plan: RenamePlan, query: PreviewQuery): PreviewPage {
  const byBook = new Map<string, Conflict[]>();
  for (const conflict of plan.conflicts)
    for (const id of conflict.bookIds) byBook.set(id, [...(byBook.get(id) ?? []), conflict]);
  const words = query.search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = plan.entries.filter((entry) => {
    const conflicts = byBook.get(entry.bookId) ?? [];
    if (query.filter === 'changes' && entry.status !== 'move') return false;
    if (query.filter === 'conflicts' && conflicts.length === 0) return false;
    if (query.filter === 'problems' && entry.status !== 'skipped' && entry.status !== 'error')
      return false;
    const text = `${entry.from}\n${entry.to}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize)), 500);
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(query.page)), pages);
  return {
    page,
    pageSize,
    total: matching.length,
    entries: matching
      .slice((page - 1) * pageSize, page * pageSize)
      .map((entry) => ({ ...entry, conflicts: byBook.get(entry.bookId) ?? [] })),
  };
}

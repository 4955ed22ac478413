/**
 * Which pages to have ready around the ones shown: the next few (fetched or
 * extracted and decoded before they are asked for, so a turn is instant)
 * and the one before (a step back is instant too). Pages farther than
 * KEEP_DISTANCE from the view are let go (their object URLs revoked), so a
 * 500-page book never holds more than a handful of images.
 */

/** Pages ready ahead of the view: 3 with one page at a time, 4 (two spreads) with two. */
export function pagesAhead(spread: boolean): number {
  return spread ? 4 : 3;
}

export const PAGES_BEHIND = 1;

/** Pages kept (not released) this far on either side of the view. */
export const KEEP_DISTANCE = 8;

/** The pages to prepare after showing `view`, nearest first, ahead before behind. */
export function preloadPages(view: readonly number[], count: number, ahead: number): number[] {
  if (view.length === 0) return [];
  const first = Math.min(...view);
  const last = Math.max(...view);
  const pages: number[] = [];
  for (let page = last + 1; page <= last + ahead && page < count; page++) pages.push(page);
  for (let page = first - 1; page >= first - PAGES_BEHIND && page >= 0; page--) pages.push(page);
  return pages;
}

/** Whether a prepared page is far enough from the view to let go. */
export function isFar(page: number, view: readonly number[], keep = KEEP_DISTANCE): boolean {
  if (view.length === 0) return true;
  return page < Math.min(...view) - keep || page > Math.max(...view) + keep;
}

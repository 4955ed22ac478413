/**
 * How a comic's pages are grouped on screen: one page at a time, or two
 * facing pages (a spread) the way the printed book opens. In a spread the
 * cover stands alone, then pages pair up (1–2, 3–4, …); a wide page (a
 * double-page scan) stands alone too, and pairing starts again after it, so
 * facing pages stay facing. A view lists its pages in reading order; which
 * one is drawn on the left is the direction's business, not the layout's.
 */

export type SpreadMode = 'auto' | 'single' | 'double';

/** The auto spread needs a landscape screen at least this wide (CSS pixels): a tablet across, a laptop. */
export const AUTO_SPREAD_MIN_WIDTH = 960;

export function spreadsPages(mode: SpreadMode, width: number, height: number): boolean {
  if (mode !== 'auto') return mode === 'double';
  return width > height && width >= AUTO_SPREAD_MIN_WIDTH;
}

export interface Layout {
  /** Each view's pages, in reading order; every page is in exactly one view. */
  readonly views: readonly (readonly number[])[];
  /** The view each page is in, by page index. */
  readonly viewOfPage: readonly number[];
}

export function layoutViews(
  count: number,
  spread: boolean,
  wide: ReadonlySet<number> = new Set(),
): Layout {
  const views: number[][] = [];
  const viewOfPage: number[] = [];
  let page = 0;
  while (page < count) {
    const pairs = spread && page > 0 && page + 1 < count && !wide.has(page) && !wide.has(page + 1);
    const view = pairs ? [page, page + 1] : [page];
    for (const shown of view) viewOfPage[shown] = views.length;
    views.push(view);
    page += view.length;
  }
  return { views, viewOfPage };
}

/** The view holding `page` (clamped into the book), or undefined for a book with no pages. */
export function viewAt(layout: Layout, page: number): number | undefined {
  const count = layout.viewOfPage.length;
  if (count === 0) return undefined;
  return layout.viewOfPage[Math.min(count - 1, Math.max(0, Math.floor(page)))];
}

import { percentText } from '$lib/reading/reading-label';

/** Where the visible page starts, as epubjs's `relocated` says it. */
export interface ShownPage {
  cfi: string;
  /** The spine section shown, and the page of it (1-based) out of its pages. */
  section: number;
  page: number;
  pages: number;
}

/**
 * How far into the book a page is before the book's locations are counted:
 * sections all weigh the same, and the page within the section places it.
 */
export function estimatePercentage(shown: ShownPage, sections: number): number {
  if (sections <= 0) return 0;
  const within = shown.pages > 0 ? Math.max(0, shown.page - 1) / shown.pages : 0;
  return Math.min(1, Math.max(0, (shown.section + within) / sections));
}

/** "Chapter III · 42%": the chapter when known, then how far in. */
export function locationLabel(chapter: string | undefined, percentage: number): string {
  const percent = percentText(percentage);
  return chapter ? `${chapter} · ${percent}` : percent;
}

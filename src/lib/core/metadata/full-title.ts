/**
 * The title as a whole, the way calibre shows a book with a subtitle: "Main:
 * Subtitle" ("R.U.R.: Or, Rossum’s Universal Robots"). Colophon keeps the two
 * apart (lists show the subtitle in smaller type, search weighs them apart)
 * and joins them where one line names the book. A title that already ends
 * with its subtitle is not given it twice.
 */
export function fullTitle(title: string, subtitle?: string): string {
  const sub = subtitle?.trim();
  if (!sub) return title;
  if (endsWithSubtitle(title, sub)) return title;
  return `${title.replace(/[\s:]+$/, '')}: ${sub}`;
}

/**
 * The main title when `title` is "Main: Subtitle" with this subtitle, as a
 * source that only has a whole title writes it; else `title` as it is.
 */
export function mainTitle(title: string, subtitle?: string): string {
  const sub = subtitle?.trim();
  if (!sub || !endsWithSubtitle(title, sub)) return title;
  const head = title.slice(0, title.length - sub.length).replace(/[\s:.,;–—-]+$/u, '');
  return head === '' ? title : head;
}

const SEPARATOR_BEFORE = /(?:[:;.,]|\s[–—-])\s*$/u;

function endsWithSubtitle(title: string, subtitle: string): boolean {
  const t = title.toLocaleLowerCase();
  const s = subtitle.toLocaleLowerCase();
  // A separator must stand before it: "A Love Story" does not end with the subtitle "Story".
  return t.length > s.length && t.endsWith(s) && SEPARATOR_BEFORE.test(t.slice(0, -s.length));
}

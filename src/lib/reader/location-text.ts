/** "42%": a reading position as people say it (0..1 in, whole percent out; never 100% before the end). */
export function formatPercent(fraction: number): string {
  const clamped = Math.min(1, Math.max(0, fraction));
  const percent = Math.floor(clamped * 100);
  return `${percent}%`;
}

/** "Page 12 of 120", for readers that count pages from 0. */
export function pageLabel(index: number, count: number): string {
  return `Page ${index + 1} of ${count}`;
}

/** `page:N` locators of PDFs and comics (0-based); undefined when it is not one. */
export function pageFromLocator(locator: string | undefined): number | undefined {
  const match = /^page:(\d+)$/.exec(locator ?? '');
  return match ? Number(match[1]) : undefined;
}

export function pageLocator(index: number): string {
  return `page:${index}`;
}

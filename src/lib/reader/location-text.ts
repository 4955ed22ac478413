/** "Page 12 of 120", or "Pages 2–3 of 5" for a spread; for readers that count pages from 0. */
export function pageLabel(index: number, count: number, last = index): string {
  if (last > index) return `Pages ${index + 1}–${last + 1} of ${count}`;
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

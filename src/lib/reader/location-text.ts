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

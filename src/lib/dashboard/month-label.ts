/** "2026-03" as people read it: "Mar 2026", or "Mar" when the year is clear from around it. */
export function monthLabel(month: string, withYear = true): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1, 1));
  return date.toLocaleDateString('en', {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  });
}

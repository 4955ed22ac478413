/**
 * A metadata date as people read it, never a raw ISO timestamp: "1869",
 * "May 1869", "8 June 2021". Dates are calendar dates, so they are shown in
 * UTC (a book published on the 8th was not published on the 7th in
 * California). Anything that is not an ISO date is shown as written.
 */
export function dateWords(value: string, locale?: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    value.trim(),
  );
  if (!match) return value;
  const [, year, month, day] = match;
  if (!month) return year ?? value;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, day ? Number(day) : 1));
  // 2021-13-45 is not a date: Date.UTC would roll it over into another.
  if (date.getUTCMonth() !== Number(month) - 1 || (day && date.getUTCDate() !== Number(day)))
    return value;
  return date.toLocaleDateString(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    ...(day ? { day: 'numeric' } : {}),
  });
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "1937", "2016-05", "2016-05-04", with a plausible year and month. */
export function readDate(text: string): string | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  const plausible = isYearLike(year) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  return plausible ? text : undefined;
}

/**
 * From the first printed books to a little past now: a figure outside this is
 * an issue or a count, never a year.
 */
export function isYearLike(value: number): boolean {
  return Number.isInteger(value) && value >= 1450 && value <= 2100;
}

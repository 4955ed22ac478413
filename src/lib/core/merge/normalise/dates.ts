import { textKey } from './text';

const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:$|[T ])/;
const YEAR = /\b([12]\d{3})\b/;

/**
 * A date's key at the precision it was given: "1895", "1895-05",
 * "1895-05-07" (a time of day dropped, months and days padded); the year of
 * free text ("May 1895" → "1895"); else the text itself, marked "~".
 */
export function dateKey(text: string): string | undefined {
  const trimmed = text.trim();
  const match = DATE.exec(trimmed);
  if (match) {
    const [, year = '', month, day] = match;
    const m = Number(month);
    const d = Number(day);
    if (!(m >= 1 && m <= 12)) return year;
    const mm = String(m).padStart(2, '0');
    if (!(d >= 1 && d <= 31)) return `${year}-${mm}`;
    return `${year}-${mm}-${String(d).padStart(2, '0')}`;
  }
  const year = YEAR.exec(trimmed)?.[1];
  if (year) return year;
  const words = textKey(trimmed);
  return words === '' ? undefined : `~${words}`;
}

/** True when `coarse` is a less precise form of `fine`: "1895" of "1895-05-07". */
export function dateRefines(fine: string, coarse: string): boolean {
  return !coarse.startsWith('~') && fine.startsWith(`${coarse}-`);
}

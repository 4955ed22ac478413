/**
 * Publication dates as ISO 8601 at the precision given. Open Library keeps
 * dates as librarians typed them ("April 22, 2008", "November 2006",
 * "c1995"); the merge compares ISO forms, so they are read here once.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number): string => String(n).padStart(2, '0');

function month(word: string): number | undefined {
  const index = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return index < 0 ? undefined : index + 1;
}

/**
 * "2008-04-22" and "2008" as they are; "April 22, 2008" → "2008-04-22",
 * "22 April 2008" → "2008-04-22", "November 2006" → "2006-11", "c1995",
 * "[1995?]" → "1995". Anything else is returned trimmed, as found (the merge
 * still finds a year in it); undefined for empty text.
 */
export function isoDate(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return value;
  const mdy = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(value);
  const dmy = /^(\d{1,2})\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(value);
  const my = /^([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(value);
  if (mdy?.[1] && mdy[2] && mdy[3]) return full(mdy[3], mdy[1], mdy[2]) ?? value;
  if (dmy?.[1] && dmy[2] && dmy[3]) return full(dmy[3], dmy[2], dmy[1]) ?? value;
  if (my?.[1] && my[2]) {
    const m = month(my[1]);
    return m ? `${my[2]}-${pad(m)}` : value;
  }
  const year = /^\[?c?\.?\s*(\d{4})\??\]?\.?$/i.exec(value)?.[1];
  return year ?? value;
}

function full(year: string, monthName: string, day: string): string | undefined {
  const m = month(monthName);
  const d = Number(day);
  if (!m || d < 1 || d > 31) return undefined;
  return `${year}-${pad(m)}-${pad(d)}`;
}

/** The year of a date as found, when it has one. */
export function yearOf(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) ? text : undefined;
  const year = /\b(\d{4})\b/.exec(text ?? '')?.[1];
  return year ? Number(year) : undefined;
}

import type { SearchDoc } from './search-doc';

/** The columns a result export can have, in the order they are offered. */
export const EXPORT_COLUMNS = [
  'id',
  'title',
  'subtitle',
  'authors',
  'series',
  'seriesNumber',
  'publisher',
  'year',
  'languages',
  'subjects',
  'format',
  'isbns',
  'size',
  'addedAt',
  'hasCover',
  'status',
  'completeness',
  'description',
] as const satisfies readonly (keyof SearchDoc)[];
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const DEFAULT_EXPORT_COLUMNS: readonly ExportColumn[] = [
  'title',
  'authors',
  'series',
  'seriesNumber',
  'year',
  'publisher',
  'languages',
  'format',
  'isbns',
  'size',
];

type Cell = string | number | boolean | string[] | undefined;

/** A value as one CSV cell: lists joined with "; ", dates as ISO 8601. */
function text(column: ExportColumn, value: Cell): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (column === 'addedAt' && typeof value === 'number') return new Date(value).toISOString();
  return String(value);
}

/** Columns of numbers and flags we wrote ourselves: never a formula, so a "-1" stays a number. */
const NUMERIC = new Set<ExportColumn>([
  'seriesNumber',
  'year',
  'size',
  'completeness',
  'hasCover',
  'addedAt',
]);

/**
 * RFC 4180 quoting, and no formula injection: a text cell that a spreadsheet
 * would run as a formula (starting with = + - @, or a tab or carriage return)
 * gets a leading apostrophe.
 */
function cell(column: ExportColumn, value: Cell): string {
  let s = text(column, value);
  if (!NUMERIC.has(column) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a header line, CRLF line ends (RFC 4180). */
export function toCsv(
  rows: readonly SearchDoc[],
  columns: readonly ExportColumn[] = DEFAULT_EXPORT_COLUMNS,
): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c, row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Rows as a JSON array of objects with just these columns (absent values left out), dates as ISO 8601. */
export function toJson(
  rows: readonly SearchDoc[],
  columns: readonly ExportColumn[] = EXPORT_COLUMNS,
): string {
  const out = rows.map((row) => {
    const o: Record<string, unknown> = {};
    for (const c of columns) {
      const v = row[c];
      if (v !== undefined) o[c] = c === 'addedAt' ? new Date(v as number).toISOString() : v;
    }
    return o;
  });
  return JSON.stringify(out, null, 2);
}

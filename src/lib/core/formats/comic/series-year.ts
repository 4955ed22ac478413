import { titleSortKey } from '../../books/sort-key';
import type { SeriesPosition } from '../../metadata/types';

/**
 * Comic collections keep each run in a folder named the way comic databases
 * name runs, "Batman (2016)/Batman 004.cbz". The path reader takes "Batman" as
 * the series; the folder's year says which Batman, so it becomes part of the
 * name when the folder names that same series. Other folders change nothing.
 */
export function withFolderYear(series: SeriesPosition, dirs: readonly string[]): SeriesPosition {
  const folder = dirs.at(-1);
  const match = folder ? /^(.*?)\s*\((\d{4})\)\s*$/.exec(folder) : null;
  if (!match?.[1] || !match[2] || /\(\d{4}\)\s*$/.test(series.name)) return series;
  if (titleSortKey(match[1]) !== titleSortKey(series.name)) return series;
  return { ...series, name: `${series.name} (${match[2]})` };
}

import { seriesKey } from '#core/books/series-index';
import type { RequestDoc } from '#core/schema/request-doc';

export type SeriesChangeRequest = Extract<RequestDoc, { action: 'series-rename' | 'series-merge' }>;
export type RenumberRequest = Extract<RequestDoc, { action: 'series-renumber' }>;

/** A rename or merge of the series called `name` (any spelling of it). */
export const changeOf =
  (name: string) =>
  (r: RequestDoc): r is SeriesChangeRequest =>
    (r.action === 'series-rename' || r.action === 'series-merge') &&
    seriesKey(r.from) === seriesKey(name);

/** A renumber of the series called `name`. */
export const renumberOf =
  (name: string) =>
  (r: RequestDoc): r is RenumberRequest =>
    r.action === 'series-renumber' && seriesKey(r.series) === seriesKey(name);

/** The numbers renumbers not yet on the agent give the books (later ones win); undefined: none. */
export function pendingNumbers(
  waiting: readonly RenumberRequest[],
): Map<string, number | undefined> {
  const numbers = new Map<string, number | undefined>();
  for (const request of waiting)
    for (const { book, position } of request.books) {
      const n = (position as { number?: unknown } | null)?.number;
      numbers.set(book, typeof n === 'number' ? n : undefined);
    }
  return numbers;
}

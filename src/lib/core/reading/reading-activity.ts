import { monthOf, monthsBetween, type Count } from '../books/stats';
import type { ReadingState } from './reading-state';

/** What the dashboard shows of one user's reading. */
export interface ReadingActivity {
  reading: number;
  finished: number;
  /** Books finished per month (UTC), the last `months` months up to `now`'s, oldest first. */
  finishedByMonth: Count[];
}

/**
 * Counts a user's reading states. A finished book counts in the month the user
 * last did something with it (setting it finished, or the last page read):
 * the state keeps no separate "finished at".
 */
export function readingActivity(
  states: Iterable<Pick<ReadingState, 'status' | 'activeAt'>>,
  now: number,
  months = 12,
): ReadingActivity {
  const last = monthOf(now);
  const start = new Date(now);
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - (months - 1));
  const shown = monthsBetween(monthOf(start.getTime()), last);
  const perMonth = new Map(shown.map((m) => [m, 0]));
  let reading = 0;
  let finished = 0;
  for (const state of states) {
    if (state.status === 'reading') reading++;
    if (state.status !== 'finished') continue;
    finished++;
    const at = Date.parse(state.activeAt);
    if (!Number.isFinite(at)) continue;
    const month = monthOf(at);
    const count = perMonth.get(month);
    if (count !== undefined) perMonth.set(month, count + 1);
  }
  return {
    reading,
    finished,
    finishedByMonth: shown.map((value) => ({ value, count: perMonth.get(value) ?? 0 })),
  };
}

import type { ReadingState } from '#core/reading/reading-state';

/** How far through the book, as people say it: 0.423 → "42%" (never 100% before the end). */
export function percentText(percentage: number): string {
  const whole = Math.round(percentage * 100);
  return `${percentage < 1 ? Math.min(whole, 99) : 100}%`;
}

/** A book's reading as a short mark: "Reading 42%", "Reading", "Finished"; nothing for unread. */
export function readingLabel(state: Pick<ReadingState, 'status' | 'latest'>): string | undefined {
  if (state.status === 'finished') return 'Finished';
  if (state.status === 'unread') return undefined;
  return state.latest ? `Reading ${percentText(state.latest.percentage)}` : 'Reading';
}

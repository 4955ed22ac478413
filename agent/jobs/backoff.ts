const BASE_MS = 2_000;
const MAX_MS = 10 * 60_000;

/**
 * Delay before retry number `attempt` (1-based): exponential with full jitter,
 * so jobs failing together do not retry together. `random` is injectable for tests.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

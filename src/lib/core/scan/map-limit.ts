import pMap from 'p-map';

/**
 * Runs `work` over `items` with at most `limit` in flight, in order of
 * start; stops starting new ones once `stop()` says so or one has failed.
 * Resolves (or rejects with the first failure) when every one started has
 * finished, so nothing is still writing when the caller moves on: p-map alone
 * rejects at the first failure while the others still run. Resolves false
 * when `stop()` left items unstarted. `items` may be lazy: each is taken when
 * a place frees up.
 */
export async function mapLimit<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<boolean> {
  let failure: { error: unknown } | undefined;
  let stopped = false;
  await pMap(
    items,
    async (item) => {
      if (failure || stopped || (stopped = stop())) return;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    },
    { concurrency: Math.max(1, limit) },
  );
  if (failure) throw failure.error;
  return !stopped;
}

/**
 * Runs `work` over `items` with at most `limit` in flight, in order of
 * start; stops starting new ones once `stop()` says so or one has failed.
 * Resolves (or rejects with the first failure) when every one started has
 * finished, so nothing is still writing when the caller moves on.
 */
export async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < items.length && !failure && !stop()) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
}

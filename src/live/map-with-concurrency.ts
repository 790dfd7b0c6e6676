/**
 * Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the
 * result. On the first failure no new item starts; the in-flight ones settle, then the first
 * error is thrown (a partial result is never returned: missing data must not look like data).
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;

  async function worker(): Promise<void> {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
  return results;
}

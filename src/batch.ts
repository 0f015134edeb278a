import { Cancelled } from './errors';

/**
 * Runs `work` over `items` with at most `limit` in flight. Rate-limit pauses are shared through
 * the HTTP client, so the whole batch slows down together. Stops starting new items once the
 * signal is aborted.
 */
export async function runBounded<T>(items: T[], limit: number, signal: AbortSignal, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (signal.aborted) throw new Cancelled('cancelled');
      const i = next++;
      await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The SDK's retry decision (throttling, transient and 5xx are retried, up to `maxAttempts`) with
 * short, fixed delays, so tests spend their time on calls, not on production backoff.
 */
export function quickRetries(maxAttempts: number, delayMs: (retry: number) => number = () => 0) {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => delayMs(count), getRetryCost: () => 0 });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: ReturnType<typeof token>, info: { errorType: string }) => {
      const retryable = ['THROTTLING', 'TRANSIENT', 'SERVER_ERROR'].includes(info.errorType);
      if (!retryable || previous.getRetryCount() + 1 >= maxAttempts) throw new Error('no more retries');
      return token(previous.getRetryCount() + 1);
    },
    recordSuccess: () => undefined,
  };
}

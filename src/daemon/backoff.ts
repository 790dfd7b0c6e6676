/** Exponential backoff after consecutive failures, capped (controller-runtime's requeue shape). */
export interface BackoffOptions {
  /** Delay after the first failure. @default 10_000 */
  readonly baseMs?: number;
  /** Never wait longer than this. @default 600_000 */
  readonly capMs?: number;
}

export const DEFAULT_BACKOFF_BASE_MS = 10_000;
export const DEFAULT_BACKOFF_CAP_MS = 600_000;

/** How long to wait before the next attempt after `consecutiveFailures` failures in a row (0 → no wait). */
export function backoffDelayMs(consecutiveFailures: number, options: BackoffOptions = {}): number {
  if (consecutiveFailures <= 0) return 0;
  const base = options.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
  const cap = options.capMs ?? DEFAULT_BACKOFF_CAP_MS;
  // 2^30 already dwarfs any sane cap; clamping the exponent keeps the number finite
  const exponent = Math.min(consecutiveFailures - 1, 30);
  return Math.min(base * 2 ** exponent, cap);
}

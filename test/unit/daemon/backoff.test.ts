import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src/daemon/backoff.js';

describe('backoffDelayMs', () => {
  it('does not wait before any failure', () => {
    expect(backoffDelayMs(0, { baseMs: 1000, capMs: 60_000 })).toBe(0);
  });

  it('doubles the wait with each consecutive failure', () => {
    const delays = [1, 2, 3, 4].map((n) => backoffDelayMs(n, { baseMs: 1000, capMs: 60_000 }));
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, even after very many failures', () => {
    expect(backoffDelayMs(7, { baseMs: 1000, capMs: 60_000 })).toBe(60_000);
    expect(backoffDelayMs(10_000, { baseMs: 1000, capMs: 60_000 })).toBe(60_000);
  });
});

import { describe, expect, it } from 'vitest';
import { FetchBackoff } from './FetchBackoff';

describe('FetchBackoff', () => {
  it('grows exponentially over consecutive failures, capped at the maximum', () => {
    // random 0.5 -> jitter factor 1.0, so delays are exact
    const b = new FetchBackoff({ initialMs: 100, maxMs: 1000, random: () => 0.5 });
    expect([1, 2, 3, 4, 5, 6].map(() => b.failure({ retryable: true }))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(b.failures).toBe(6);
  });

  it('applies jitter within [0.5, 1.5) of the raw delay', () => {
    const low = new FetchBackoff({ initialMs: 1000, maxMs: 60_000, random: () => 0 });
    const high = new FetchBackoff({ initialMs: 1000, maxMs: 60_000, random: () => 0.999 });
    expect(low.failure(new Error('x'))).toBe(500);
    expect(high.failure(new Error('x'))).toBe(1499);
  });

  it('resets after a success', () => {
    const b = new FetchBackoff({ initialMs: 100, maxMs: 1000, random: () => 0.5 });
    b.failure({});
    b.failure({});
    b.success();
    expect(b.failures).toBe(0);
    expect(b.failure({})).toBe(100);
  });

  it('waits at least the server Retry-After, within the maximum', () => {
    const b = new FetchBackoff({ initialMs: 100, maxMs: 5000, random: () => 0.5 });
    expect(b.failure({ retryable: true, retryAfterMs: 2000 })).toBe(2000);
    expect(b.failure({ retryable: true, retryAfterMs: 60_000 })).toBe(5000);
  });

  it('waits the maximum after a failure a retry cannot fix', () => {
    const b = new FetchBackoff({ initialMs: 100, maxMs: 3000, random: () => 0.5 });
    expect(b.failure({ retryable: false })).toBe(3000);
  });

  it('rejects inconsistent options', () => {
    expect(() => new FetchBackoff({ initialMs: 0 })).toThrow(RangeError);
    expect(() => new FetchBackoff({ initialMs: 500, maxMs: 100 })).toThrow(RangeError);
    expect(() => new FetchBackoff({ coefficient: 0.5 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { reconnectDelayMs, resolveReconnectOptions } from './reconnectDelay';

const noJitter = resolveReconnectOptions({ initialDelayMs: 100, maxDelayMs: 1000, multiplier: 2, jitter: 0 });

describe('reconnectDelayMs', () => {
  it('grows exponentially and caps at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectDelayMs(n, noJitter))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("uses the server's retry: value as the base", () => {
    expect(reconnectDelayMs(1, noJitter, { baseMs: 300 })).toBe(300);
    expect(reconnectDelayMs(2, noJitter, { baseMs: 300 })).toBe(600);
  });

  it('never goes below Retry-After, even past the cap', () => {
    expect(reconnectDelayMs(1, noJitter, { retryAfterMs: 5000 })).toBe(5000);
  });

  it('applies symmetric jitter within [1 - j, 1 + j) and re-caps', () => {
    const jittered = resolveReconnectOptions({ initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 });
    expect(reconnectDelayMs(1, jittered, {}, () => 0)).toBe(50);
    expect(reconnectDelayMs(1, jittered, {}, () => 0.999999)).toBe(150);
    expect(reconnectDelayMs(10, jittered, {}, () => 0.999999)).toBe(1000);
  });

  it('rejects nonsense options', () => {
    expect(() => resolveReconnectOptions({ multiplier: 0.5 })).toThrow(RangeError);
    expect(() => resolveReconnectOptions({ jitter: 2 })).toThrow(RangeError);
    expect(() => resolveReconnectOptions({ maxAttempts: 0 })).toThrow(RangeError);
    expect(resolveReconnectOptions(undefined).initialDelayMs).toBe(1000);
  });
});

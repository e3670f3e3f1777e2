import { describe, expect, it } from 'vitest';
import { RateLimiter, rulesFor } from './RateLimiter';

describe('RateLimiter', () => {
  it('limits concurrency, sliding-window rate and throttle spacing', () => {
    const rl = new RateLimiter();
    const conc = [{ key: 'c', concurrency: 2 }];
    expect(rl.allows(conc, 0)).toBe(true);
    rl.started(conc, 0);
    rl.started(conc, 0);
    expect(rl.allows(conc, 0)).toBe(false);
    rl.finished(conc);
    expect(rl.allows(conc, 0)).toBe(true);

    const rate = [{ key: 'r', rate: { limit: 2, periodMs: 1000 } }];
    rl.started(rate, 0);
    rl.started(rate, 100);
    expect(rl.allows(rate, 900)).toBe(false);
    expect(rl.nextAllowedAt(rate, 900)).toBe(1000);
    expect(rl.allows(rate, 1000)).toBe(true);

    const throttle = [{ key: 't', throttle: { limit: 4, periodMs: 1000 } }];
    rl.started(throttle, 0);
    expect(rl.allows(throttle, 200)).toBe(false);
    expect(rl.allows(throttle, 250)).toBe(true);
  });

  it('merges a job rule and a queue rule on the same key, most restrictive wins', () => {
    const rules = rulesFor(
      { queue: 'q', rateLimit: { key: 'queue:q', concurrency: 5, onLimit: 'wait', wire: {} } },
      { key: 'queue:q', concurrency: 2, rate: { limit: 10, periodMs: 1000 } },
    );
    expect(rules).toEqual([{ key: 'queue:q', concurrency: 2, rate: { limit: 10, periodMs: 1000 } }]);
  });

  it('applies and expires overrides, and forgets idle keys', () => {
    const rl = new RateLimiter();
    const rule = { key: 'ext', concurrency: 5 };
    rl.remember(rule, 0);
    rl.setOverride('ext', { concurrency: 0, expiresAt: 1000 });
    expect(rl.allows([rule], 500)).toBe(false);
    expect(rl.inspect('ext', 500)?.concurrency).toEqual({ limit: 0, active: 0, available: 0 });
    expect(rl.allows([rule], 1000)).toBe(true);
    expect(rl.prune(3_600_000, 3_600_000)).toBe(1);
    expect(rl.inspect('ext', 3_600_000)).toBeUndefined();
  });
});

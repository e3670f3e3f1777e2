import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './LoginRateLimiter';

describe('LoginRateLimiter', () => {
  it('refuses after 5 failures per user + address for 15 minutes', () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter({ now: () => now });
    for (let i = 0; i < 5; i++) {
      expect(limiter.check('ann', '1.2.3.4')).toEqual({ allowed: true });
      limiter.recordFailure('ann', '1.2.3.4');
    }
    expect(limiter.check('ann', '1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 900 });
    expect(limiter.check('ANN', '1.2.3.4').allowed).toBe(false);
    expect(limiter.check('ann', '5.6.7.8')).toEqual({ allowed: true });
    expect(limiter.check('bob', '1.2.3.4')).toEqual({ allowed: true });
    now += 15 * 60_000;
    expect(limiter.check('ann', '1.2.3.4')).toEqual({ allowed: true });
  });

  it('has a per-address ceiling across user names', () => {
    const limiter = new LoginRateLimiter({ perAddress: 3, now: () => 0 });
    limiter.recordFailure('a', '9.9.9.9');
    limiter.recordFailure('b', '9.9.9.9');
    limiter.recordFailure('c', '9.9.9.9');
    expect(limiter.check('d', '9.9.9.9').allowed).toBe(false);
  });

  it('forgets a user’s failures after a success', () => {
    const limiter = new LoginRateLimiter({ perUser: 2, now: () => 0 });
    limiter.recordFailure('ann', 'x');
    limiter.recordSuccess('ann', 'x');
    limiter.recordFailure('ann', 'x');
    expect(limiter.check('ann', 'x').allowed).toBe(true);
  });
});

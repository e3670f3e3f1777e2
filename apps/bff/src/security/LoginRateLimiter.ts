export interface LoginRateLimiterOptions {
  /** Failures allowed per user + address within the window. */
  perUser?: number;
  /** Failures allowed per address (any user names) within the window. */
  perAddress?: number;
  windowMs?: number;
  now?: () => number;
}

export type LoginVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts failed sign-ins in a sliding window, per user + address and per address, and refuses further
 * attempts (before the password is even checked) once either budget is spent.
 */
export class LoginRateLimiter {
  private readonly perUser: number;
  private readonly perAddress: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginRateLimiterOptions = {}) {
    this.perUser = options.perUser ?? 5;
    this.perAddress = options.perAddress ?? 50;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  check(user: string, address: string): LoginVerdict {
    const now = this.now();
    const wait = Math.max(
      this.waitFor(`u:${user.toLowerCase()}|${address}`, this.perUser, now),
      this.waitFor(`a:${address}`, this.perAddress, now),
    );
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
  }

  recordFailure(user: string, address: string): void {
    const now = this.now();
    for (const key of [`u:${user.toLowerCase()}|${address}`, `a:${address}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
    if (this.failures.size > 10_000) this.prune(now);
  }

  /** A successful sign-in clears the user's failures from that address. */
  recordSuccess(user: string, address: string): void {
    this.failures.delete(`u:${user.toLowerCase()}|${address}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private waitFor(key: string, budget: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < budget) return 0;
    const oldestCounted = list[list.length - budget] ?? now;
    return oldestCounted + this.windowMs - now;
  }

  private prune(now: number): void {
    for (const [key, list] of this.failures) {
      const kept = list.filter((t) => t > now - this.windowMs);
      if (kept.length === 0) this.failures.delete(key);
      else this.failures.set(key, kept);
    }
  }
}

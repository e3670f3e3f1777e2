/** Per-client token buckets for the request rate limit (rate-limiting §10.4 headers). */
export class TokenBuckets {
  readonly #burst: number;
  readonly #perMs: number;
  #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(burst: number, perSecond: number) {
    this.#burst = burst;
    this.#perMs = perSecond / 1000;
  }

  /** Take one token; returns the headers to send and whether the request may proceed. */
  take(
    key: string,
    now: number,
  ): { ok: boolean; limit: number; remaining: number; resetSec: number; retryAfterSec: number } {
    let b = this.#buckets.get(key);
    if (!b) {
      if (this.#buckets.size > 10_000) this.#buckets.clear();
      b = { tokens: this.#burst, at: now };
      this.#buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.#burst, b.tokens + (now - b.at) * this.#perMs);
      b.at = now;
    }
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    const missing = Math.max(0, 1 - b.tokens);
    const waitMs = missing / this.#perMs;
    return {
      ok,
      limit: this.#burst,
      remaining: Math.floor(b.tokens),
      resetSec: Math.ceil((now + waitMs) / 1000),
      retryAfterSec: Math.max(0.001, waitMs / 1000),
    };
  }
}

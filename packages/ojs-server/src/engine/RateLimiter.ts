import type { RateLimitSpec } from '../store/records';

/** The limits that apply to one key (from a job's policy or a queue's configuration). */
export interface RateLimitRule {
  key: string;
  concurrency?: number;
  rate?: { limit: number; periodMs: number };
  throttle?: { limit: number; periodMs: number };
}

export interface RateLimitOverride {
  concurrency?: number;
  rate?: { limit: number; periodMs: number };
  expiresAt?: number;
}

export interface RateLimitState {
  key: string;
  concurrency?: { limit: number; active: number; available: number };
  rate?: { limit: number; period_ms: number; current_count: number; window_resets_at: number | null };
  throttle?: { limit: number; period_ms: number; next_allowed_at: number | null };
  active: number;
  override?: RateLimitOverride;
}

interface KeyState {
  active: number;
  /** When a rule for the key was last seen (enqueue). */
  seenAt?: number;
  /** Start times inside the current sliding window (oldest first). */
  starts: number[];
  lastStart?: number;
  rule?: RateLimitRule;
}

/**
 * Server-side rate limits (rate-limiting §5): per-key concurrency (active jobs), sliding-window rate
 * (job starts per period) and throttle (even spacing). FETCH asks {@link allows} before claiming a job and
 * reports {@link started}/{@link finished}; counts change only inside those synchronous calls, so they stay
 * exact (§5.1 atomicity).
 */
export class RateLimiter {
  #keys = new Map<string, KeyState>();
  #overrides = new Map<string, RateLimitOverride>();

  #state(key: string): KeyState {
    let s = this.#keys.get(key);
    if (!s) {
      s = { active: 0, starts: [] };
      this.#keys.set(key, s);
    }
    return s;
  }

  /** Remember the latest rule seen for a key (for inspection). */
  remember(rule: RateLimitRule, now: number): void {
    const s = this.#state(rule.key);
    s.rule = rule;
    s.seenAt = now;
  }

  #effective(rule: RateLimitRule, now: number): RateLimitRule {
    const o = this.#overrides.get(rule.key);
    if (!o) return rule;
    if (o.expiresAt !== undefined && o.expiresAt <= now) {
      this.#overrides.delete(rule.key);
      return rule;
    }
    const out: RateLimitRule = { ...rule };
    if (o.concurrency !== undefined) out.concurrency = o.concurrency;
    if (o.rate !== undefined) out.rate = o.rate;
    return out;
  }

  /** True when every rule allows one more start at `now`. */
  allows(rules: readonly RateLimitRule[], now: number): boolean {
    for (const raw of rules) {
      const rule = this.#effective(raw, now);
      const s = this.#keys.get(rule.key);
      if (rule.concurrency !== undefined && (s?.active ?? 0) >= rule.concurrency) return false;
      if (rule.rate && s) {
        const from = now - rule.rate.periodMs;
        let n = 0;
        for (let i = s.starts.length - 1; i >= 0 && (s.starts[i] as number) > from; i--) n++;
        if (n >= rule.rate.limit) return false;
      }
      if (rule.throttle && s?.lastStart !== undefined) {
        const spacing = rule.throttle.periodMs / Math.max(1, rule.throttle.limit);
        if (now - s.lastStart < spacing) return false;
      }
    }
    return true;
  }

  /** Earliest time at which the rules may allow a start again (undefined when only concurrency blocks). */
  nextAllowedAt(rules: readonly RateLimitRule[], now: number): number | undefined {
    let at: number | undefined;
    for (const raw of rules) {
      const rule = this.#effective(raw, now);
      const s = this.#keys.get(rule.key);
      if (!s) continue;
      if (rule.rate && s.starts.length >= rule.rate.limit) {
        const oldest = s.starts[s.starts.length - rule.rate.limit] as number;
        const t = oldest + rule.rate.periodMs;
        if (t > now) at = Math.max(at ?? 0, t);
      }
      if (rule.throttle && s.lastStart !== undefined) {
        const t = s.lastStart + rule.throttle.periodMs / Math.max(1, rule.throttle.limit);
        if (t > now) at = Math.max(at ?? 0, t);
      }
    }
    return at;
  }

  started(rules: readonly RateLimitRule[], now: number): void {
    for (const rule of rules) {
      const s = this.#state(rule.key);
      s.active++;
      s.lastStart = now;
      const keep = Math.max(rule.rate?.limit ?? 0, this.#overrides.get(rule.key)?.rate?.limit ?? 0);
      if (keep > 0) {
        s.starts.push(now);
        if (s.starts.length > keep) s.starts.splice(0, s.starts.length - keep);
      }
    }
  }

  finished(rules: readonly RateLimitRule[]): void {
    for (const rule of rules) {
      const s = this.#keys.get(rule.key);
      if (s && s.active > 0) s.active--;
    }
  }

  setOverride(key: string, override: RateLimitOverride | undefined): void {
    if (override) this.#overrides.set(key, override);
    else this.#overrides.delete(key);
  }

  inspect(key: string, now: number): RateLimitState | undefined {
    const s = this.#keys.get(key);
    const override = this.#overrides.get(key);
    if (!s && !override) return undefined;
    const base = s?.rule ?? { key };
    const rule = this.#effective(base, now);
    const active = s?.active ?? 0;
    const out: RateLimitState = { key, active };
    if (rule.concurrency !== undefined) {
      out.concurrency = {
        limit: rule.concurrency,
        active,
        available: Math.max(0, rule.concurrency - active),
      };
    }
    if (rule.rate) {
      const from = now - rule.rate.periodMs;
      const inWindow = (s?.starts ?? []).filter((t) => t > from);
      out.rate = {
        limit: rule.rate.limit,
        period_ms: rule.rate.periodMs,
        current_count: inWindow.length,
        window_resets_at: inWindow.length > 0 ? (inWindow[0] as number) + rule.rate.periodMs : null,
      };
    }
    if (rule.throttle) {
      out.throttle = {
        limit: rule.throttle.limit,
        period_ms: rule.throttle.periodMs,
        next_allowed_at:
          s?.lastStart !== undefined
            ? s.lastStart + rule.throttle.periodMs / Math.max(1, rule.throttle.limit)
            : null,
      };
    }
    if (override) out.override = override;
    return out;
  }

  /** Forget keys with no active job, no start and no override for `idleMs` (per-tenant keys come and go). */
  prune(now: number, idleMs: number): number {
    let removed = 0;
    for (const [key, s] of this.#keys) {
      if (s.active > 0 || this.#overrides.has(key)) continue;
      const last = s.lastStart ?? s.seenAt ?? 0;
      if (now - last >= idleMs) {
        this.#keys.delete(key);
        removed++;
      }
    }
    return removed;
  }

  keys(): string[] {
    return [...new Set([...this.#keys.keys(), ...this.#overrides.keys()])].sort();
  }

  clear(): void {
    this.#keys.clear();
    this.#overrides.clear();
  }
}

/** The rules a job is subject to: its own policy plus its queue's configured limits. */
export function rulesFor(
  job: { rateLimit?: RateLimitSpec | undefined; queue: string },
  queueLimits: RateLimitRule | undefined,
): RateLimitRule[] {
  const rules: RateLimitRule[] = [];
  if (job.rateLimit) {
    const r: RateLimitRule = { key: job.rateLimit.key };
    if (job.rateLimit.concurrency !== undefined) r.concurrency = job.rateLimit.concurrency;
    if (job.rateLimit.rate) r.rate = job.rateLimit.rate;
    if (job.rateLimit.throttle) r.throttle = job.rateLimit.throttle;
    rules.push(r);
  }
  if (queueLimits) {
    const same = rules.find((r) => r.key === queueLimits.key);
    if (!same) rules.push(queueLimits);
    else {
      // one key, two sources: the most restrictive limit wins (rate-limiting §7.2)
      if (queueLimits.concurrency !== undefined) {
        same.concurrency = Math.min(same.concurrency ?? Infinity, queueLimits.concurrency);
      }
      if (
        queueLimits.rate &&
        (!same.rate ||
          queueLimits.rate.limit / queueLimits.rate.periodMs < same.rate.limit / same.rate.periodMs)
      ) {
        same.rate = queueLimits.rate;
      }
    }
  }
  return rules;
}

/** Reconnect policy shared by the SSE reader and the events poller. */
export interface ReconnectOptions {
  /** First delay after a failure, in ms (default 1000). A server `retry:` field replaces it. */
  initialDelayMs?: number;
  /** Upper bound for a delay, in ms (default 30000). */
  maxDelayMs?: number;
  /** Growth factor per consecutive failure (default 2). */
  multiplier?: number;
  /** Relative jitter: the delay is scaled by a uniform factor in [1 - jitter, 1 + jitter) (default 0.5). */
  jitter?: number;
  /** Give up after this many consecutive failed attempts (default: never). */
  maxAttempts?: number;
}

export interface ResolvedReconnectOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  jitter: number;
  maxAttempts: number;
}

export const DEFAULT_RECONNECT: ResolvedReconnectOptions = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export function resolveReconnectOptions(options: ReconnectOptions | undefined): ResolvedReconnectOptions {
  const merged = { ...DEFAULT_RECONNECT, ...stripUndefined(options ?? {}) };
  if (!(merged.initialDelayMs >= 0)) throw new RangeError('initialDelayMs must be >= 0');
  if (!(merged.maxDelayMs >= 0)) throw new RangeError('maxDelayMs must be >= 0');
  if (!(merged.multiplier >= 1)) throw new RangeError('multiplier must be >= 1');
  if (!(merged.jitter >= 0 && merged.jitter <= 1)) throw new RangeError('jitter must be within [0, 1]');
  if (!(merged.maxAttempts >= 1)) throw new RangeError('maxAttempts must be >= 1');
  return merged;
}

/**
 * Delay before reconnect attempt `attempt` (1-based count of consecutive failures):
 * `min(max, base * multiplier^(attempt-1))`, jittered, capped again at max, and never below a
 * server-requested Retry-After. `baseMs` is the server's `retry:` value when it sent one.
 */
export function reconnectDelayMs(
  attempt: number,
  options: ResolvedReconnectOptions,
  extra: { baseMs?: number | undefined; retryAfterMs?: number | undefined } = {},
  random: () => number = Math.random,
): number {
  const base = extra.baseMs ?? options.initialDelayMs;
  const raw = base * options.multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(options.maxDelayMs, raw);
  const factor = 1 - options.jitter + random() * 2 * options.jitter;
  const jittered = Math.min(options.maxDelayMs, capped * factor);
  const floor = extra.retryAfterMs ?? 0;
  return Math.max(0, Math.round(Math.max(jittered, floor)));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, entry] of Object.entries(value) as [keyof T, T[keyof T]][]) {
    if (entry !== undefined) out[key] = entry;
  }
  return out;
}

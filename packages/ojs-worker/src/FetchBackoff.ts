import { computeBackoffMs } from '@lookout/ojs-types';

export interface FetchBackoffOptions {
  /** Delay after the first failure (default 250 ms). */
  initialMs?: number;
  /** Upper bound of the delay (default 30 s). */
  maxMs?: number;
  /** Growth per consecutive failure (default 2). */
  coefficient?: number;
  /** Random in [0, 1) for the jitter (injectable for tests). */
  random?: () => number;
}

/** What the backoff needs to know about a failure (an OjsError fits). */
export interface FetchFailure {
  retryable?: boolean;
  retryAfterMs?: number | undefined;
}

/**
 * Backoff of the fetch loop while the server errs or is away: exponential with jitter over consecutive
 * failures (the retry maths of `@lookout/ojs-types`), at least the server's Retry-After, and the maximum
 * straight away for a failure a retry cannot fix (a misconfiguration), so the worker keeps trying
 * without hammering. `success()` resets it.
 */
export class FetchBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly coefficient: number;
  readonly #random: () => number;
  #failures = 0;

  constructor(options: FetchBackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 250;
    this.maxMs = options.maxMs ?? 30_000;
    this.coefficient = options.coefficient ?? 2;
    if (!(this.initialMs > 0)) throw new RangeError('initialMs must be > 0');
    if (!(this.maxMs >= this.initialMs)) throw new RangeError('maxMs must be >= initialMs');
    if (!(this.coefficient >= 1)) throw new RangeError('coefficient must be >= 1');
    this.#random = options.random ?? Math.random;
  }

  /** Consecutive failures since the last success. */
  get failures(): number {
    return this.#failures;
  }

  /** Records a failure (an OjsError, or anything with {@link FetchFailure} fields) and returns the wait before the next fetch. */
  failure(error: unknown): number {
    this.#failures++;
    const f = isFailure(error) ? error : {};
    if (f.retryable === false) return this.maxMs;
    const delay = computeBackoffMs(
      {
        initialIntervalMs: this.initialMs,
        backoffCoefficient: this.coefficient,
        maxIntervalMs: this.maxMs,
        jitter: true,
        backoffStrategy: 'exponential',
      },
      this.#failures,
      this.#random,
    );
    const retryAfter = f.retryAfterMs;
    return retryAfter !== undefined && retryAfter > delay ? Math.min(retryAfter, this.maxMs) : delay;
  }

  success(): void {
    this.#failures = 0;
  }
}

function isFailure(value: unknown): value is FetchFailure {
  return typeof value === 'object' && value !== null;
}

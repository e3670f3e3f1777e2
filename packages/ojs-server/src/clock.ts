/** Source of "now" in epoch milliseconds. Injected so tests can drive time deterministically. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to; for tests of timers, retries, leases and cron. */
export class ManualClock implements Clock {
  #now: number;

  constructor(startMs: number = Date.UTC(2026, 0, 1, 0, 0, 0)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Move forward by `ms` (never backwards). */
  advance(ms: number): number {
    if (ms < 0) throw new RangeError('a ManualClock cannot go backwards');
    this.#now += ms;
    return this.#now;
  }

  set(ms: number): void {
    if (ms < this.#now) throw new RangeError('a ManualClock cannot go backwards');
    this.#now = ms;
  }
}

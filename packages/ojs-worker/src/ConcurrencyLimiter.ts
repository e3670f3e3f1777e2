/**
 * Counts busy slots against a fixed limit. `tryAcquire` never lets more than `limit` slots be taken;
 * `waitForFree` resolves once at least one slot is free (or the signal aborts), without taking it, so
 * the single fetch loop can ask for exactly as many jobs as it has room for.
 */
export class ConcurrencyLimiter {
  readonly limit: number;
  #busy = 0;
  #highWater = 0;
  #waiters: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('concurrency must be an integer >= 1');
    this.limit = limit;
  }

  get busy(): number {
    return this.#busy;
  }

  get free(): number {
    return this.limit - this.#busy;
  }

  /** The largest number of slots ever held at once. */
  get highWater(): number {
    return this.#highWater;
  }

  /** Takes a slot if one is free. */
  tryAcquire(): boolean {
    if (this.#busy >= this.limit) return false;
    this.#busy++;
    if (this.#busy > this.#highWater) this.#highWater = this.#busy;
    return true;
  }

  /** Gives a slot back and wakes whoever waits for one. */
  release(): void {
    if (this.#busy === 0) throw new Error('release() without a matching acquire');
    this.#busy--;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves `true` when a slot is free, `false` if `signal` aborts first. */
  waitForFree(signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (this.#busy < this.limit) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.#waiters = this.#waiters.filter((w) => w !== wake);
        resolve(false);
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      };
      this.#waiters.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Resolves once no slot is held (or the signal aborts). */
  async waitForIdle(signal?: AbortSignal): Promise<boolean> {
    while (this.#busy > 0) {
      if (signal?.aborted) return false;
      await new Promise<void>((resolve) => {
        const onAbort = (): void => {
          this.#waiters = this.#waiters.filter((w) => w !== wake);
          resolve();
        };
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.#waiters.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    return !(signal?.aborted ?? false);
  }
}

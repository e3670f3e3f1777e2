import type { CronScheduler } from './CronScheduler';
import type { OjsEngine } from './OjsEngine';

export interface SchedulerOptions {
  intervalMs: number;
  /** How often retention pruning runs. */
  pruneEveryMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The timer loop: every `intervalMs` it applies due promotions, lease reclaims, execution timeouts and TTL
 * expiry, fires due crons, and now and then prunes retained jobs and silent workers. Everything a tick
 * does also emits events, like any HTTP-triggered transition.
 */
export class Scheduler {
  readonly #engine: OjsEngine;
  readonly #crons: CronScheduler;
  readonly #options: Required<Omit<SchedulerOptions, 'onError'>> & Pick<SchedulerOptions, 'onError'>;
  #timer: NodeJS.Timeout | undefined;
  #lastPrune = 0;
  #running = false;

  constructor(engine: OjsEngine, crons: CronScheduler, options: SchedulerOptions) {
    this.#engine = engine;
    this.#crons = crons;
    this.#options = { pruneEveryMs: 30_000, ...options };
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), this.#options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** One pass of every timer duty; safe to call directly (tests with a manual clock do). */
  tick(): void {
    if (this.#running) return;
    this.#running = true;
    try {
      const now = this.#engine.clock.now();
      this.#engine.processDue(now);
      this.#crons.tick(now);
      if (now - this.#lastPrune >= this.#options.pruneEveryMs) {
        this.#lastPrune = now;
        this.#engine.pruneFinished(now);
        this.#engine.pruneWorkers();
        this.#engine.pruneRateLimits(now);
      }
    } catch (e) {
      (this.#options.onError ?? ((err) => console.error('[ojs-server] scheduler tick failed:', err)))(e);
    } finally {
      this.#running = false;
    }
  }
}

import type { EventPersistence } from '../store/OjsStore';
import type { OjsEvent } from './EventLog';

/**
 * Writes the event log to a store in small batches (every `flushMs`, or sooner when `maxBatch` events wait),
 * keeping only the newest `keep` events. Events are persisted after the state change that produced them has
 * committed, so a crash can lose the last few; readers resuming past the restored log get a gap.
 */
export class EventPersister {
  readonly #target: EventPersistence;
  readonly #keep: number;
  readonly #maxBatch: number;
  #pending: OjsEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #lastPruned = 0;
  #closed = false;
  readonly #onError: (e: unknown) => void;

  constructor(
    target: EventPersistence,
    options: { keep: number; flushMs?: number; maxBatch?: number; onError?: (e: unknown) => void },
  ) {
    this.#target = target;
    this.#keep = options.keep;
    this.#maxBatch = options.maxBatch ?? 1000;
    this.#onError = options.onError ?? ((e) => console.error('[ojs-server] persisting events failed:', e));
    this.#timer = setInterval(() => this.flush(), options.flushMs ?? 200);
    this.#timer.unref();
  }

  add(event: OjsEvent): void {
    if (this.#closed) return;
    this.#pending.push(event);
    if (this.#pending.length >= this.#maxBatch) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    try {
      this.#target.appendEvents(batch);
      const last = (batch[batch.length - 1] as OjsEvent).seq;
      const cutoff = last - this.#keep;
      if (cutoff > this.#lastPruned + Math.max(100, this.#keep / 10)) {
        this.#target.pruneEventsUpTo(cutoff);
        this.#lastPruned = cutoff;
      }
    } catch (e) {
      this.#onError(e);
    }
  }

  /** Flush what is pending and stop the timer. */
  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.flush();
    this.#closed = true;
  }
}

import { CLIENT_ERROR_CODES, OjsError } from './OjsError';
import { type ReconnectOptions, reconnectDelayMs, resolveReconnectOptions } from './reconnectDelay';
import { sleep } from './signals';
import { type StreamState, type StreamStateChange, type StreamStateListener } from './streamState';
import { type CallOptions } from './transport';

export const DEFAULT_POLL_INTERVAL_MS = 1000;

/** Query of `GET /ojs/v1/events` (camelCase; sent as `after`, `types`, `queues`, `job_types`, `limit`). */
export interface EventsPollQuery {
  /** Return events after this event id / cursor. */
  after?: string | undefined;
  /** Event types (`job.completed`, ...), sent comma-separated. */
  types?: readonly string[] | undefined;
  queues?: readonly string[] | undefined;
  jobTypes?: readonly string[] | undefined;
  /** Page size (server default 100, max 1000). */
  limit?: number | undefined;
}

/** What one poll returns (the parsed `{events, cursor, has_more}` body). */
export interface EventsPage<E> {
  events: readonly E[];
  cursor?: string | null | undefined;
  has_more?: boolean | undefined;
}

export interface EventPollerOptions extends Omit<EventsPollQuery, 'after'> {
  /** Start after this cursor; omitted: from the server's beginning. */
  after?: string | undefined;
  /** Wait between polls once caught up (`has_more` false), in ms (default 1000). */
  intervalMs?: number | undefined;
  /** Aborting ends the iteration quietly. */
  signal?: AbortSignal | undefined;
  /** Per-poll timeout (default: the client's). */
  timeoutMs?: number | undefined;
  /** Backoff after failed polls; `false` makes the first failure end the iteration with the error. */
  reconnect?: ReconnectOptions | false | undefined;
  onState?: StreamStateListener | undefined;
  random?: (() => number) | undefined;
}

export type PollFunction<E> = (query: EventsPollQuery, options: CallOptions) => Promise<EventsPage<E>>;

/**
 * Follows `GET /ojs/v1/events` as a single-use async iterable: yields each event once, in order,
 * advancing the `after` cursor; polls again at once while `has_more`, otherwise after `intervalMs`.
 * Retryable failures (network, timeout, 5xx, 429) back off exponentially with jitter and keep the
 * cursor, so nothing is lost or repeated; a non-retryable failure ends the iteration with the error.
 */
export class EventPoller<E extends { id?: unknown }> implements AsyncIterable<E> {
  readonly #poll: PollFunction<E>;
  readonly #options: EventPollerOptions;
  readonly #closer = new AbortController();
  #cursor: string | undefined;
  #state: StreamState = 'connecting';
  #iterator: AsyncGenerator<E> | undefined;

  constructor(poll: PollFunction<E>, options: EventPollerOptions = {}) {
    this.#poll = poll;
    this.#options = options;
    this.#cursor = options.after;
    if (options.intervalMs !== undefined && !(options.intervalMs >= 0)) {
      throw new RangeError('intervalMs must be >= 0');
    }
    resolveReconnectOptions(options.reconnect === false ? undefined : options.reconnect);
  }

  /**
   * Resume point: the id of the last event handed to the consumer, or the server's cursor once a
   * whole page was consumed. Pass it as `after` to continue without loss or repetition.
   */
  get cursor(): string | undefined {
    return this.#cursor;
  }

  get state(): StreamState {
    return this.#state;
  }

  close(): void {
    this.#closer.abort();
  }

  [Symbol.asyncIterator](): AsyncGenerator<E> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  #setState(change: StreamStateChange): void {
    this.#state = change.state;
    this.#options.onState?.(change);
  }

  async *#run(): AsyncGenerator<E> {
    const options = this.#options;
    const reconnect = options.reconnect === false ? undefined : resolveReconnectOptions(options.reconnect);
    const intervalMs = options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const random = options.random ?? Math.random;
    const lifetime = new AbortController();
    const stop = (): void => lifetime.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    this.#closer.signal.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) lifetime.abort();
    let attempt = 0;
    try {
      this.#setState({ state: 'connecting', attempt: 0 });
      while (!lifetime.signal.aborted) {
        let page: EventsPage<E>;
        try {
          page = await this.#poll(
            {
              after: this.#cursor,
              types: options.types,
              queues: options.queues,
              jobTypes: options.jobTypes,
              limit: options.limit,
            },
            { signal: lifetime.signal, timeoutMs: options.timeoutMs },
          );
        } catch (error) {
          if (lifetime.signal.aborted) break;
          const failure =
            error instanceof OjsError
              ? error
              : new OjsError({
                  code: CLIENT_ERROR_CODES.backendUnavailable,
                  message: error instanceof Error ? error.message : String(error),
                  status: 0,
                  retryable: true,
                  cause: error,
                });
          attempt++;
          if (!failure.retryable || reconnect === undefined || attempt > reconnect.maxAttempts) {
            this.#setState({ state: 'closed', attempt, error: failure });
            throw failure;
          }
          const delayMs = reconnectDelayMs(
            attempt,
            reconnect,
            { retryAfterMs: failure.retryAfterMs },
            random,
          );
          this.#setState({ state: 'reconnecting', attempt, delayMs, error: failure });
          if (!(await sleep(delayMs, lifetime.signal))) break;
          continue;
        }
        if (attempt > 0 || this.#state !== 'open') {
          attempt = 0;
          this.#setState({ state: 'open', attempt: 0 });
        }
        for (const event of page.events) {
          if (typeof event.id === 'string' && event.id !== '') this.#cursor = event.id;
          yield event;
          if (lifetime.signal.aborted) break;
        }
        if (lifetime.signal.aborted) break;
        if (typeof page.cursor === 'string' && page.cursor !== '') this.#cursor = page.cursor;
        if (page.has_more === true && page.events.length > 0) continue;
        if (!(await sleep(intervalMs, lifetime.signal))) break;
      }
      this.#setState({ state: 'closed', attempt });
    } finally {
      options.signal?.removeEventListener('abort', stop);
      this.#closer.signal.removeEventListener('abort', stop);
      if (this.#state !== 'closed') this.#setState({ state: 'closed', attempt });
    }
  }
}

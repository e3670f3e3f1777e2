import { CLIENT_ERROR_CODES, OjsError } from './OjsError';
import { errorFromThrown } from './errorMapping';
import { type ReconnectOptions, reconnectDelayMs, resolveReconnectOptions } from './reconnectDelay';
import { type SseMessage, SseParser } from './SseParser';
import { linkSignal, sleep } from './signals';
import { type StreamState, type StreamStateChange, type StreamStateListener } from './streamState';
import { type QueryValue, type Transport } from './transport';

export const DEFAULT_SSE_IDLE_TIMEOUT_MS = 45_000;

export interface SseStreamOptions {
  /** Query parameters (e.g. `{ event_types: ['job.state_changed'] }`). */
  query?: Record<string, QueryValue> | undefined;
  /** Resume after this event id: sent as `Last-Event-ID` on the first connection too. */
  lastEventId?: string | undefined;
  /** Aborting ends the iteration quietly (no error). */
  signal?: AbortSignal | undefined;
  /** Bound on the wait for response headers of each connection (default: the client's timeout). */
  timeoutMs?: number | undefined;
  /**
   * Reconnect when nothing (not even a heartbeat comment) arrived for this long; 0 disables.
   * Default 45 s (servers send a heartbeat at least every 15 s).
   */
  idleTimeoutMs?: number | undefined;
  /** Backoff between reconnects; `false` ends the iteration when the connection ends. */
  reconnect?: ReconnectOptions | false | undefined;
  /** Called on every connection state change. */
  onState?: StreamStateListener | undefined;
  /** Called for every comment line (e.g. `heartbeat`). */
  onComment?: ((text: string) => void) | undefined;
  /** Extra request headers. */
  headers?: Record<string, string> | undefined;
  /** Random source for jitter (tests). */
  random?: (() => number) | undefined;
}

/**
 * A reconnecting text/event-stream reader exposed as a single-use async iterable of raw messages.
 * After a drop it reconnects with exponential backoff + jitter (the server's `retry:` replaces the
 * initial delay; Retry-After on 429/503 is a floor) and sends `Last-Event-ID`. A 204 response ends
 * the stream; a non-retryable answer (404, 401, wrong content type, ...) ends it with an OjsError.
 */
export class SseStream implements AsyncIterable<SseMessage> {
  readonly #transport: Transport;
  readonly #path: string;
  readonly #options: SseStreamOptions;
  readonly #closer: AbortController;
  #lastEventId: string | undefined;
  #state: StreamState = 'connecting';
  #iterator: AsyncGenerator<SseMessage> | undefined;

  constructor(transport: Transport, path: string, options: SseStreamOptions = {}) {
    this.#transport = transport;
    this.#path = path;
    this.#options = options;
    this.#lastEventId = options.lastEventId;
    this.#closer = new AbortController();
    resolveReconnectOptions(options.reconnect === false ? undefined : options.reconnect);
  }

  /** Id of the last message received (or the one passed in), to resume later. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  get state(): StreamState {
    return this.#state;
  }

  /** Stops the stream; a pending `next()` resolves as done. */
  close(): void {
    this.#closer.abort();
  }

  [Symbol.asyncIterator](): AsyncGenerator<SseMessage> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  #setState(change: StreamStateChange): void {
    this.#state = change.state;
    this.#options.onState?.(change);
  }

  async *#run(): AsyncGenerator<SseMessage> {
    const options = this.#options;
    const reconnect = options.reconnect === false ? undefined : resolveReconnectOptions(options.reconnect);
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_SSE_IDLE_TIMEOUT_MS;
    const random = options.random ?? Math.random;
    const lifetime = linkSignal(options.signal);
    const onClose = (): void => lifetime.abort();
    this.#closer.signal.addEventListener('abort', onClose, { once: true });
    const parser = new SseParser(this.#lastEventId ?? '');
    let attempt = 0;
    let serverRetryMs: number | undefined;
    try {
      this.#setState({ state: 'connecting', attempt: 0 });
      for (;;) {
        if (lifetime.signal.aborted) break;
        const link = linkSignal(lifetime.signal, options.timeoutMs ?? this.#transport.timeoutMs);
        const context = {
          method: 'GET',
          url: this.#path,
          timeoutMs: options.timeoutMs ?? this.#transport.timeoutMs,
        };
        let failure: OjsError | undefined;
        let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
        try {
          const headers: Record<string, string> = { ...options.headers };
          if (this.#lastEventId !== undefined && this.#lastEventId !== '') {
            headers['Last-Event-ID'] = this.#lastEventId;
          }
          const response = await this.#transport.openStream(this.#path, options.query, {
            link,
            parentSignal: lifetime.signal,
            headers,
          });
          if (response.status === 204) {
            await response.body?.cancel().catch(() => undefined);
            this.#setState({ state: 'closed', attempt });
            return;
          }
          const contentType = response.headers.get('content-type') ?? '';
          if (!contentType.toLowerCase().startsWith('text/event-stream') || response.body === null) {
            await response.body?.cancel().catch(() => undefined);
            throw new OjsError({
              code: CLIENT_ERROR_CODES.badUpstreamResponse,
              message: `GET ${this.#path} answered ${contentType === '' ? 'without a content type' : contentType} instead of text/event-stream`,
              status: response.status,
              retryable: false,
              details: { content_type: contentType },
              requestId: response.headers.get('x-request-id') ?? undefined,
            });
          }
          this.#setState({ state: 'open', attempt });
          link.refresh(idleTimeoutMs);
          reader = response.body.getReader();
          const decoder = new TextDecoder('utf-8');
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            link.refresh();
            for (const item of parser.feed(decoder.decode(value, { stream: true }))) {
              if (item.kind === 'retry') serverRetryMs = item.retryMs;
              else if (item.kind === 'comment') options.onComment?.(item.text);
              else if (item.kind === 'id') this.#lastEventId = item.id === '' ? undefined : item.id;
              else {
                this.#lastEventId = item.message.id === '' ? undefined : item.message.id;
                attempt = 0;
                yield item.message;
              }
            }
          }
          reader = undefined;
        } catch (error) {
          failure = errorFromThrown(error, link, lifetime.signal, context, 'body');
        } finally {
          parser.end();
          if (reader !== undefined) {
            link.abort();
            await reader.cancel().catch(() => undefined);
          }
          link.dispose();
        }
        if (lifetime.signal.aborted) break;
        if (failure !== undefined && !failure.retryable) {
          this.#setState({ state: 'closed', attempt, error: failure });
          throw failure;
        }
        attempt++;
        if (reconnect === undefined || attempt > reconnect.maxAttempts) {
          if (failure !== undefined) {
            this.#setState({ state: 'closed', attempt, error: failure });
            throw failure;
          }
          this.#setState({ state: 'closed', attempt });
          return;
        }
        const delayMs = reconnectDelayMs(
          attempt,
          reconnect,
          { baseMs: serverRetryMs, retryAfterMs: failure?.retryAfterMs },
          random,
        );
        this.#setState(
          failure === undefined
            ? { state: 'reconnecting', attempt, delayMs }
            : { state: 'reconnecting', attempt, delayMs, error: failure },
        );
        if (!(await sleep(delayMs, lifetime.signal))) break;
      }
      this.#setState({ state: 'closed', attempt });
    } finally {
      this.#closer.signal.removeEventListener('abort', onClose);
      lifetime.dispose();
      if (this.#state !== 'closed') this.#setState({ state: 'closed', attempt });
    }
  }
}

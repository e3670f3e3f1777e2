import type { Clock } from '../clock';
import { OjsServerError } from '../errors';
import type { EventLog, OjsEvent } from '../events/EventLog';
import { EventFrames } from './EventFrames';
import type { RealtimeOptions } from './realtimeOptions';
import { SseConnection, type ConnectionHost, type StreamStart } from './SseConnection';
import { parseLastEventId, sseRetry } from './sseFrame';
import type { SseSink, SseSinkEvents } from './SseSink';
import type { StreamChannel } from './streamChannel';

function addTo<K>(index: Map<K, Set<SseConnection>>, key: K, connection: SseConnection): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(connection);
}

function removeFrom<K>(index: Map<K, Set<SseConnection>>, key: K, connection: SseConnection): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(connection);
  if (set.size === 0) index.delete(key);
}

/**
 * Fans the event log out to SSE connections. One log listener for all connections (taken while any is
 * open), indexed by job id and queue so an event costs only the connections it concerns; each event is
 * serialised once per shape; writes are coalesced to one per connection per turn of the event loop; one
 * heartbeat timer for all.
 */
export class RealtimeHub implements ConnectionHost {
  readonly events: EventLog;
  readonly frames = new EventFrames();
  readonly options: RealtimeOptions;
  readonly #clock: Clock;
  readonly #connections = new Set<SseConnection>();
  readonly #byJob = new Map<string, Set<SseConnection>>();
  readonly #byQueue = new Map<string, Set<SseConnection>>();
  readonly #all = new Set<SseConnection>();
  readonly #perClient = new Map<string, number>();
  readonly #dirty = new Set<SseConnection>();
  #flushScheduled = false;
  #unsubscribe: (() => void) | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #nextId = 1;
  #closed = false;

  constructor(events: EventLog, clock: Clock, options: RealtimeOptions) {
    this.events = events;
    this.#clock = clock;
    this.options = options;
  }

  now(): number {
    return this.#clock.now();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** True after {@link shutdown}: new streams are refused. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Open a stream: checks limits, registers the connection, creates its sink through `createSink`, then
   * writes the preamble and replays from `lastEventId` when given. Throws an {@link OjsServerError}
   * (503 during shutdown, 429 over a connection limit) before anything is written.
   */
  open(
    channel: StreamChannel,
    clientKey: string,
    lastEventId: string | undefined,
    createSink: (events: SseSinkEvents) => SseSink,
  ): SseConnection {
    if (this.#closed) {
      throw new OjsServerError(
        503,
        'unavailable',
        'the server is shutting down; reconnect to another instance',
        {
          retryable: true,
          headers: { 'Retry-After': '1' },
        },
      );
    }
    const forClient = this.#perClient.get(clientKey) ?? 0;
    if (
      forClient >= this.options.maxConnectionsPerClient ||
      this.#connections.size >= this.options.maxConnections
    ) {
      throw new OjsServerError(
        429,
        'rate_limited',
        'too many concurrent event streams; close one and retry',
        {
          retryable: true,
          headers: { 'Retry-After': '1' },
          details: {
            limit_per_client: this.options.maxConnectionsPerClient,
            limit_total: this.options.maxConnections,
          },
        },
      );
    }
    const connection = new SseConnection(this.#nextId++, channel, clientKey, this, this.options.bufferSize);
    this.#register(connection);
    const sink = createSink({
      onDrain: () => connection.drain(),
      onClose: () => connection.onTransportClosed(),
    });
    connection.attach(sink);
    connection.open(sseRetry(this.options.retryMs), this.#startFor(lastEventId));
    return connection;
  }

  #startFor(lastEventId: string | undefined): StreamStart {
    const parsed = parseLastEventId(lastEventId);
    if (parsed === undefined) return { kind: 'live' };
    const log = this.events;
    if (parsed === 'invalid' || parsed > log.lastSeq) return { kind: 'gap', afterSeq: undefined };
    if (parsed < log.firstSeq - 1) return { kind: 'gap', afterSeq: parsed };
    return { kind: 'resume', afterSeq: parsed };
  }

  #register(connection: SseConnection): void {
    this.#connections.add(connection);
    this.#perClient.set(connection.clientKey, (this.#perClient.get(connection.clientKey) ?? 0) + 1);
    const ch = connection.channel;
    if (ch.kind === 'job') addTo(this.#byJob, ch.jobId, connection);
    else if (ch.kind === 'queue') addTo(this.#byQueue, ch.queue, connection);
    else this.#all.add(connection);
    this.#unsubscribe ??= this.events.subscribe(this.#onEvent);
    if (!this.#heartbeat) {
      this.#heartbeat = setInterval(this.#beat, this.options.heartbeatMs);
      this.#heartbeat.unref();
    }
  }

  release(connection: SseConnection): void {
    if (!this.#connections.delete(connection)) return;
    const n = (this.#perClient.get(connection.clientKey) ?? 1) - 1;
    if (n <= 0) this.#perClient.delete(connection.clientKey);
    else this.#perClient.set(connection.clientKey, n);
    const ch = connection.channel;
    if (ch.kind === 'job') removeFrom(this.#byJob, ch.jobId, connection);
    else if (ch.kind === 'queue') removeFrom(this.#byQueue, ch.queue, connection);
    else this.#all.delete(connection);
    this.#dirty.delete(connection);
    if (this.#connections.size === 0) {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
      if (this.#heartbeat) clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }

  markDirty(connection: SseConnection): void {
    this.#dirty.add(connection);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(this.#flush);
  }

  readonly #flush = (): void => {
    this.#flushScheduled = false;
    for (const connection of this.#dirty) connection.flush();
    this.#dirty.clear();
  };

  readonly #beat = (): void => {
    for (const connection of this.#connections) connection.heartbeat();
  };

  readonly #onEvent = (event: OjsEvent): void => {
    if (event.subject !== undefined) {
      const forJob = this.#byJob.get(event.subject);
      if (forJob) for (const c of forJob) c.offer(event);
    }
    const queue = event.data['queue'];
    if (typeof queue === 'string') {
      const forQueue = this.#byQueue.get(queue);
      if (forQueue) for (const c of forQueue) c.offer(event);
    }
    for (const c of this.#all) c.offer(event);
  };

  /**
   * Graceful shutdown (ojs-realtime §5.1): refuse new streams, send `server.shutdown` to every open one
   * and end it. Returns how many streams were closed.
   */
  shutdown(reason = 'shutdown'): number {
    this.#closed = true;
    const json = JSON.stringify({ reason, grace_period_ms: this.options.shutdownGraceMs });
    const open = [...this.#connections];
    for (const connection of open) connection.shutdown(json);
    return open.length;
  }
}

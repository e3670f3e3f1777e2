import { RingBuffer } from '../stats/RingBuffer';
import {
  isEmptyFilter,
  matchesFilter,
  SYSTEM_EVENT_TYPES,
  type EventFacts,
  type LiveEvent,
  type LiveEventFilter,
} from './liveEvent';

/** Where a subscriber's bytes go: Node's ServerResponse in production, a web stream elsewhere. */
export interface SseSink {
  /** Writes a chunk (text, or UTF-8 bytes shared by every subscriber); false when buffering (backpressure). */
  write(chunk: string | Uint8Array): boolean;
  /** Bytes written but not yet flushed to the socket. */
  bufferedBytes(): number;
  /** Ends the response. */
  end(): void;
}

interface StoredEvent extends EventFacts {
  seq: number;
  frame: string;
  event: LiveEvent;
}

export interface EventHubOptions {
  /** Events kept for Last-Event-ID resume (at least 10,000). */
  replayBufferSize?: number;
  /** Heartbeat comment interval. */
  heartbeatMs?: number;
  /**
   * Minimum time between two writes to a subscriber. The first event after a quiet period goes out at
   * once; events arriving faster are batched into one write per period. 0 writes synchronously.
   */
  coalesceMs?: number;
  /** A subscriber with more unflushed bytes than this is disconnected (it resumes with Last-Event-ID). */
  maxBufferedBytes?: number;
  /** First sequence number; defaults to a time-derived value so ids keep increasing across restarts. */
  initialSeq?: number;
  now?: () => number;
}

export interface Subscription {
  readonly id: number;
  /** Releases the subscriber (idempotent). Does not end the sink; the caller owns it. */
  close(): void;
}

interface Subscriber {
  id: number;
  sink: SseSink;
  filter: LiveEventFilter;
  all: boolean;
  closed: boolean;
  onDrop: (() => void) | undefined;
}

export interface EventHubStats {
  subscribers: number;
  published: number;
  lastSeq: number;
  oldestSeq: number | undefined;
  dropped: number;
}

const SSE_PREAMBLE = 'retry: 3000\n: connected\n\n';
const HEARTBEAT = ': heartbeat\n\n';

/** Serialises one SSE frame. `data` is JSON (no raw newlines), so a single data line is enough. */
export function sseFrame(id: number, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Fans live events out to every browser: stamps monotonic ids, serialises each event once, keeps a
 * replay buffer for Last-Event-ID, sends `system.gap` when resume is impossible, coalesces writes,
 * heartbeats, and disconnects subscribers that cannot keep up.
 */
export class EventHub {
  private readonly replay: RingBuffer<StoredEvent>;
  private readonly subscribers = new Map<number, Subscriber>();
  private readonly heartbeatMs: number;
  private readonly coalesceMs: number;
  private readonly maxBufferedBytes: number;
  private readonly now: () => number;
  private seq: number;
  private readonly firstSeq: number;
  private nextSubscriberId = 1;
  private pending: StoredEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private published = 0;
  private dropped = 0;
  private closed = false;
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  /** Per subscriber: the first seq it may receive from the pending batch (set when it joined mid-batch). */
  private readonly skipUntil = new Map<number, number>();

  constructor(options: EventHubOptions = {}) {
    const size = options.replayBufferSize ?? 10_000;
    this.replay = new RingBuffer<StoredEvent>(Math.max(1, size));
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.coalesceMs = options.coalesceMs ?? 100;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.seq = options.initialSeq ?? Date.now() * 1000;
    this.firstSeq = this.seq;
  }

  get lastSeq(): number {
    return this.seq;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  stats(): EventHubStats {
    return {
      subscribers: this.subscribers.size,
      published: this.published,
      lastSeq: this.seq,
      oldestSeq: this.replay.at(0)?.seq,
      dropped: this.dropped,
    };
  }

  /** Buffered events matching a filter, oldest first, with their ids (e.g. a job's recent timeline). */
  recent(filter: LiveEventFilter, limit = 500): { id: number; event: LiveEvent }[] {
    const out: { id: number; event: LiveEvent }[] = [];
    for (let i = this.replay.size - 1; i >= 0 && out.length < limit; i--) {
      const stored = this.replay.at(i);
      if (stored && stored.type !== SYSTEM_EVENT_TYPES.gap && matchesFilter(stored, filter)) {
        out.push({ id: stored.seq, event: stored.event });
      }
    }
    return out.reverse();
  }

  /** Observes every published event (e.g. the stats sampler's tallies). Returns an unsubscribe function. */
  onEvent(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stamps, stores and queues an event for every matching subscriber. Returns its id. */
  publish(event: LiveEvent): number {
    if (this.closed) return this.seq;
    const seq = ++this.seq;
    const stored: StoredEvent = {
      seq,
      type: event.type,
      cluster: event.cluster,
      queue: event.queue,
      jobId: event.job_id,
      frame: sseFrame(seq, event.type, event),
      event,
    };
    this.replay.push(stored);
    this.published++;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A faulty observer never breaks the stream.
      }
    }
    if (this.subscribers.size === 0) return seq;
    this.pending.push(stored);
    this.scheduleFlush();
    return seq;
  }

  /**
   * Adds a subscriber. With `lastEventId`, events after it are replayed first (filtered); when they are no
   * longer buffered (or the id is unknown) a `system.gap` frame is sent instead.
   */
  subscribe(
    sink: SseSink,
    filter: LiveEventFilter = {},
    lastEventId?: string,
    onDrop?: () => void,
  ): Subscription {
    const subscriber: Subscriber = {
      id: this.nextSubscriberId++,
      sink,
      filter,
      all: isEmptyFilter(filter),
      closed: false,
      onDrop,
    };
    // Anything queued but not yet flushed is covered by the replay below, or not wanted (new subscriber).
    let chunk = SSE_PREAMBLE;
    if (lastEventId !== undefined && lastEventId !== '') {
      chunk += this.replayAfter(lastEventId, subscriber);
    }
    const pendingSeq = this.pending[0]?.seq;
    subscriber.sink.write(chunk);
    this.subscribers.set(subscriber.id, subscriber);
    // Events already queued for the next flush must not be sent twice to a resumed subscriber, and a fresh
    // subscriber starts after them: remember the first seq it may receive.
    if (pendingSeq !== undefined) this.skipUntil.set(subscriber.id, this.seq + 1);
    this.ensureHeartbeat();
    return {
      id: subscriber.id,
      close: () => this.remove(subscriber.id),
    };
  }

  private replayAfter(lastEventId: string, subscriber: Subscriber): string {
    const last = /^\d+$/.test(lastEventId) ? Number(lastEventId) : Number.NaN;
    const oldest = this.replay.at(0)?.seq;
    const resumable =
      Number.isSafeInteger(last) &&
      last <= this.seq &&
      (last >= this.seq || (oldest !== undefined ? last >= oldest - 1 : last >= this.firstSeq));
    if (!resumable) {
      const reason = !Number.isSafeInteger(last)
        ? 'unknown_event_id'
        : last > this.seq || last < this.firstSeq
          ? 'stream_restarted'
          : 'replay_buffer_exceeded';
      return sseFrame(this.seq, SYSTEM_EVENT_TYPES.gap, {
        cluster: '*',
        type: SYSTEM_EVENT_TYPES.gap,
        time: new Date(this.now()).toISOString(),
        data: { reason, last_event_id: lastEventId, resume_from: this.seq },
      });
    }
    const start = this.replay.lowerBound((event) => event.seq > last);
    let out = '';
    for (let i = start; i < this.replay.size; i++) {
      const event = this.replay.at(i);
      if (event && (subscriber.all || matchesFilter(event, subscriber.filter))) out += event.frame;
    }
    return out;
  }

  private remove(id: number): void {
    const subscriber = this.subscribers.get(id);
    if (!subscriber) return;
    subscriber.closed = true;
    this.subscribers.delete(id);
    this.skipUntil.delete(id);
    if (this.subscribers.size === 0) {
      this.stopHeartbeat();
      this.pending = [];
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
  }

  private scheduleFlush(): void {
    if (this.coalesceMs <= 0) {
      this.flush();
      return;
    }
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlushAt + this.coalesceMs - this.now());
    if (wait === 0) {
      // Leading edge: flush on the next turn so events published in the same tick share one write.
      this.flushTimer = setTimeout(() => this.flush(), 0);
    } else {
      this.flushTimer = setTimeout(() => this.flush(), wait);
    }
  }

  /** Writes every queued event to its subscribers (one write per subscriber). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.lastFlushAt = this.now();
    if (batch.length === 0) return;
    // Unfiltered subscribers all get the same bytes: encode the batch once, not once per socket.
    let shared: Uint8Array | undefined;
    for (const subscriber of this.subscribers.values()) {
      const skip = this.skipUntil.get(subscriber.id);
      let chunk: string | Uint8Array = '';
      if (skip === undefined && subscriber.all) {
        shared ??= Buffer.from(batch.map((event) => event.frame).join(''), 'utf8');
        chunk = shared;
      } else {
        for (const event of batch) {
          if (skip !== undefined && event.seq < skip) continue;
          if (subscriber.all || matchesFilter(event, subscriber.filter)) chunk += event.frame;
        }
        if (skip !== undefined) this.skipUntil.delete(subscriber.id);
      }
      if (chunk.length > 0) this.writeTo(subscriber, chunk);
    }
  }

  private writeTo(subscriber: Subscriber, chunk: string | Uint8Array): void {
    if (subscriber.closed) return;
    try {
      subscriber.sink.write(chunk);
    } catch {
      this.drop(subscriber);
      return;
    }
    if (subscriber.sink.bufferedBytes() > this.maxBufferedBytes) this.drop(subscriber);
  }

  /** Disconnects a subscriber that cannot keep up; it resumes from its last id. */
  private drop(subscriber: Subscriber): void {
    this.dropped++;
    this.remove(subscriber.id);
    try {
      subscriber.sink.end();
    } catch {
      // already gone
    }
    subscriber.onDrop?.();
  }

  private ensureHeartbeat(): void {
    if (this.heartbeatTimer || this.closed) return;
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** Sends the heartbeat comment to every subscriber. */
  heartbeat(): void {
    const bytes = Buffer.from(HEARTBEAT, 'utf8');
    for (const subscriber of this.subscribers.values()) this.writeTo(subscriber, bytes);
  }

  /** Ends every subscriber and stops timers. */
  close(): void {
    this.closed = true;
    this.flush();
    for (const subscriber of [...this.subscribers.values()]) {
      this.remove(subscriber.id);
      try {
        subscriber.sink.end();
      } catch {
        // already gone
      }
    }
    this.stopHeartbeat();
    this.listeners.clear();
  }
}

import type { EventLog, OjsEvent } from '../events/EventLog';
import type { EventFrames } from './EventFrames';
import { sseComment, sseEventFrame, HEARTBEAT_FRAME } from './sseFrame';
import type { SseSink } from './SseSink';
import { channelName, eventInChannel, typeMatches, type StreamChannel } from './streamChannel';

/** What a connection needs from the hub that owns it. */
export interface ConnectionHost {
  readonly events: EventLog;
  readonly frames: EventFrames;
  /** Wall-clock time for `system.*` payloads. */
  now(): number;
  /** Ask for `flush()` soon (once per turn of the event loop for all connections). */
  markDirty(connection: SseConnection): void;
  /** The connection closed; forget it. */
  release(connection: SseConnection): void;
}

/** Events replayed per read of the event log while catching up. */
const CATCH_UP_BATCH = 512;

/** Where a new connection starts. */
export type StreamStart =
  /** Live events from now on. */
  | { kind: 'live' }
  /** Replay every retained event after `afterSeq`, then continue live. */
  | { kind: 'resume'; afterSeq: number }
  /** Replay is impossible: send `system.gap`, then continue live. */
  | { kind: 'gap'; afterSeq: number | undefined };

interface DropRecord {
  count: number;
  oldest: number;
  newest: number;
}

/**
 * One SSE connection. Its position is `cursor`, the sequence number of the last event it wrote (a
 * client resuming with that id loses nothing). Modes:
 * - catch-up: replaying from the event log, in batches, as fast as the transport takes them;
 * - live: events are rendered as they are appended and written once per event-loop turn;
 * - behind: the transport said stop; matching events are queued (by sequence number) in a ring of
 *   `bufferSize`. When it overflows the oldest are dropped; once the transport drains, the client gets
 *   `:events-dropped N` and a `system.events_dropped` event, then the queued events.
 */
export class SseConnection {
  readonly id: number;
  readonly channel: StreamChannel;
  readonly clientKey: string;
  readonly #host: ConnectionHost;
  readonly #bufferSize: number;
  #sink: SseSink | undefined;
  #mode: 'catchup' | 'live' | 'closed' = 'live';
  #cursor = 0;
  #batch: string[] = [];
  #blocked = false;
  /** Sequence numbers waiting while blocked (a ring). */
  readonly #ring: Float64Array;
  #ringHead = 0;
  #ringSize = 0;
  #dropped: DropRecord | undefined;

  constructor(
    id: number,
    channel: StreamChannel,
    clientKey: string,
    host: ConnectionHost,
    bufferSize: number,
  ) {
    this.id = id;
    this.channel = channel;
    this.clientKey = clientKey;
    this.#host = host;
    this.#bufferSize = bufferSize;
    this.#ring = new Float64Array(bufferSize);
  }

  get cursor(): number {
    return this.#cursor;
  }

  get closed(): boolean {
    return this.#mode === 'closed';
  }

  /** Events waiting for the transport to drain. */
  get queued(): number {
    return this.#ringSize;
  }

  attach(sink: SseSink): void {
    this.#sink = sink;
  }

  /** Write the preamble and start replaying or streaming. */
  open(preamble: string, start: StreamStart): void {
    const sink = this.#sink;
    if (!sink || this.#mode === 'closed') return;
    const log = this.#host.events;
    let chunk = preamble;
    if (start.kind === 'resume') {
      this.#cursor = start.afterSeq;
      this.#mode = 'catchup';
    } else {
      this.#cursor = log.lastSeq;
      this.#mode = 'live';
      if (start.kind === 'gap') chunk += this.#gapFrame(start.afterSeq);
    }
    if (!sink.write(chunk)) this.#blocked = true;
    if (this.#mode === 'catchup') this.#pump();
  }

  /** A live event from the log (the hub calls this only for events of this connection's channel index). */
  offer(event: OjsEvent): void {
    if (this.#mode !== 'live') return;
    const frame = this.#frameFor(event);
    if (frame === undefined) return;
    if (this.#blocked) {
      this.#enqueue(event.seq);
      return;
    }
    this.#batch.push(frame);
    this.#cursor = event.seq;
    this.#host.markDirty(this);
  }

  /** Write what accumulated during this turn of the event loop. */
  flush(): void {
    if (this.#batch.length === 0 || !this.#sink) return;
    const chunk = this.#batch.length === 1 ? (this.#batch[0] as string) : this.#batch.join('');
    this.#batch = [];
    if (!this.#sink.write(chunk)) this.#blocked = true;
  }

  heartbeat(): void {
    if (this.#mode === 'closed' || !this.#sink) return;
    this.flush();
    if (this.#blocked) return;
    if (!this.#sink.write(HEARTBEAT_FRAME)) this.#blocked = true;
  }

  /** The transport can take more. */
  drain(): void {
    if (this.#mode === 'closed' || !this.#blocked) return;
    this.#blocked = false;
    if (this.#mode === 'catchup') {
      this.#pump();
      return;
    }
    this.#writeQueued();
  }

  /** Final event and end of the stream (graceful shutdown). */
  shutdown(json: string): void {
    if (this.#mode === 'closed' || !this.#sink) return;
    this.flush();
    this.#sink.write(sseEventFrame(String(this.#cursor), 'server.shutdown', json));
    this.#sink.end();
    this.#closed();
  }

  /** End the stream without a final event. */
  end(): void {
    if (this.#mode === 'closed') return;
    this.flush();
    this.#sink?.end();
    this.#closed();
  }

  /** The transport closed (client gone, or after `end`). */
  onTransportClosed(): void {
    this.#closed();
  }

  #closed(): void {
    if (this.#mode === 'closed') return;
    this.#mode = 'closed';
    this.#batch = [];
    this.#ringSize = 0;
    this.#host.release(this);
  }

  #frameFor(event: OjsEvent): string | undefined {
    const channel = this.channel;
    if (!eventInChannel(channel, event)) return undefined;
    if (channel.kind === 'all') return this.#host.frames.envelope(event);
    const rt = this.#host.frames.realtime(event);
    if (rt === null || !typeMatches(channel.eventTypes, rt.type)) return undefined;
    return rt.frame;
  }

  #enqueue(seq: number): void {
    const size = this.#bufferSize;
    if (this.#ringSize === size) {
      const oldest = this.#ring[this.#ringHead] as number;
      this.#ringHead = (this.#ringHead + 1) % size;
      this.#ringSize--;
      this.#noteDropped(oldest, oldest, 1);
    }
    this.#ring[(this.#ringHead + this.#ringSize) % size] = seq;
    this.#ringSize++;
  }

  #noteDropped(oldest: number, newest: number, count: number): void {
    if (this.#dropped) {
      this.#dropped.count += count;
      this.#dropped.newest = newest;
    } else {
      this.#dropped = { count, oldest, newest };
    }
  }

  #droppedFrames(): string {
    const d = this.#dropped;
    if (!d) return '';
    this.#dropped = undefined;
    this.#cursor = Math.max(this.#cursor, d.newest);
    const data = {
      channel: channelName(this.channel),
      dropped_count: d.count,
      oldest_dropped_id: String(d.oldest),
      newest_dropped_id: String(d.newest),
      timestamp: new Date(this.#host.now()).toISOString(),
    };
    return (
      sseComment(`events-dropped ${d.count}`) +
      sseEventFrame(String(d.newest), 'system.events_dropped', JSON.stringify(data))
    );
  }

  #writeQueued(): void {
    const sink = this.#sink;
    if (!sink) return;
    const log = this.#host.events;
    const size = this.#bufferSize;
    while (!this.#blocked && (this.#ringSize > 0 || this.#dropped)) {
      // Render up to CATCH_UP_BATCH queued events into one chunk; events the log no longer holds count as dropped.
      const parts: string[] = [];
      const rendered: string[] = [];
      let last = this.#cursor;
      for (let n = 0; n < CATCH_UP_BATCH && this.#ringSize > 0; n++) {
        const seq = this.#ring[this.#ringHead] as number;
        this.#ringHead = (this.#ringHead + 1) % size;
        this.#ringSize--;
        const event = log.get(seq);
        const frame = event ? this.#frameFor(event) : undefined;
        if (frame === undefined) {
          this.#noteDropped(seq, seq, 1);
          continue;
        }
        rendered.push(frame);
        last = seq;
      }
      parts.push(this.#droppedFrames(), ...rendered);
      this.#cursor = Math.max(this.#cursor, last);
      if (!sink.write(parts.join(''))) this.#blocked = true;
    }
  }

  /** Replay from the event log until caught up (then live) or the transport is full. */
  #pump(): void {
    const sink = this.#sink;
    if (!sink) return;
    const log = this.#host.events;
    while (this.#mode === 'catchup' && !this.#blocked) {
      if (this.#cursor < log.firstSeq - 1) {
        // The log dropped events this connection had not read yet: say so and continue live.
        const gap = this.#gapFrame(this.#cursor);
        this.#cursor = log.lastSeq;
        this.#mode = 'live';
        if (!sink.write(gap)) this.#blocked = true;
        return;
      }
      const read = log.readAfter(this.#cursor, CATCH_UP_BATCH, undefined, CATCH_UP_BATCH);
      const parts: string[] = [];
      let last = this.#cursor;
      for (const event of read.events) {
        const frame = this.#frameFor(event);
        if (frame === undefined) continue;
        parts.push(frame);
        last = event.seq;
      }
      // Non-matching events are passed over too: a resume from `read.cursor` loses nothing.
      this.#cursor = Math.max(read.cursor, last);
      if (!read.hasMore) this.#mode = 'live';
      if (parts.length > 0 && !sink.write(parts.join(''))) this.#blocked = true;
    }
  }

  /**
   * `system.gap` (ojs-realtime §4.5): events after `afterSeq` cannot be replayed. Its id is the newest
   * sequence number, from which live delivery continues.
   */
  #gapFrame(afterSeq: number | undefined): string {
    const log = this.#host.events;
    const now = new Date(this.#host.now()).toISOString();
    const oldest = log.get(log.firstSeq);
    const data: Record<string, unknown> = {
      channel: channelName(this.channel),
      gap_start: oldest ? oldest.time : now,
      gap_end: now,
    };
    if (afterSeq !== undefined && afterSeq <= log.lastSeq)
      data['estimated_missed_count'] = log.lastSeq - afterSeq;
    return sseEventFrame(String(log.lastSeq), 'system.gap', JSON.stringify(data));
  }
}

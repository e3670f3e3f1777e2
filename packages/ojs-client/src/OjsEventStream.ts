import { isJobState, isTerminalState } from '@lookout/ojs-types';
import { type SseMessage } from './SseParser';
import { SseStream, type SseStreamOptions } from './sse';
import { type StreamState } from './streamState';
import { type Transport } from './transport';

/** Event types that tell the client it missed events and must resync over REST. */
export const GAP_EVENT_TYPES = ['system.gap', 'system.events_dropped'] as const;
export type GapEventType = (typeof GAP_EVENT_TYPES)[number];

interface StreamEventBase {
  /** The SSE id of the event ('' ids are reported as undefined). */
  id: string | undefined;
  /** The SSE event name, or for unnamed events the JSON `type` of the payload, else `message`. */
  type: string;
  /** The payload: parsed JSON, or the raw text when it is not JSON. Validate it per event type. */
  data: unknown;
  /** The raw SSE message. */
  raw: SseMessage;
}

/** A normal event. */
export interface OjsStreamDataEvent extends StreamEventBase {
  kind: 'event';
}

/** `system.gap` / `system.events_dropped`: events were lost; do a full REST resync. */
export interface OjsStreamGapEvent extends StreamEventBase {
  kind: 'gap';
  type: GapEventType;
}

export type OjsStreamEvent = OjsStreamDataEvent | OjsStreamGapEvent;

export interface OjsEventStreamOptions extends SseStreamOptions {
  /** Stop (without reconnecting) right after yielding an event for which this returns true. */
  until?: ((event: OjsStreamEvent) => boolean) | undefined;
}

/** Turns a raw SSE message into a typed stream event. */
export function toStreamEvent(message: SseMessage): OjsStreamEvent {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    data = message.data;
  }
  let type = message.event;
  if (type === 'message' && isRecord(data) && typeof data.type === 'string' && data.type.includes('.')) {
    type = data.type;
  }
  const id = message.id === '' ? undefined : message.id;
  if ((GAP_EVENT_TYPES as readonly string[]).includes(type)) {
    return { kind: 'gap', id, type: type as GapEventType, data, raw: message };
  }
  return { kind: 'event', id, type, data, raw: message };
}

/**
 * True for an event saying a job reached a terminal state: a `job.state_changed` whose `to` (or
 * `state`) is terminal, or `job.completed` / `job.cancelled` / `job.discarded` / `job.expired`.
 */
export function isTerminalJobEvent(event: OjsStreamEvent): boolean {
  if (event.kind !== 'event') return false;
  if (['job.completed', 'job.cancelled', 'job.discarded', 'job.expired'].includes(event.type)) return true;
  if (!isRecord(event.data)) return false;
  const to = event.data.to ?? event.data.state;
  return isJobState(to) && isTerminalState(to);
}

/**
 * A reconnecting SSE subscription to an OJS event stream, yielding typed events (gaps included) as a
 * single-use async iterable. See {@link SseStream} for reconnect, Last-Event-ID and abort behaviour.
 */
export class OjsEventStream implements AsyncIterable<OjsStreamEvent> {
  readonly #sse: SseStream;
  readonly #until: ((event: OjsStreamEvent) => boolean) | undefined;
  #iterator: AsyncGenerator<OjsStreamEvent> | undefined;

  constructor(transport: Transport, path: string, options: OjsEventStreamOptions = {}) {
    const { until, ...sseOptions } = options;
    this.#sse = new SseStream(transport, path, sseOptions);
    this.#until = until;
  }

  get lastEventId(): string | undefined {
    return this.#sse.lastEventId;
  }

  get state(): StreamState {
    return this.#sse.state;
  }

  close(): void {
    this.#sse.close();
  }

  [Symbol.asyncIterator](): AsyncGenerator<OjsStreamEvent> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  async *#run(): AsyncGenerator<OjsStreamEvent> {
    for await (const message of this.#sse) {
      const event = toStreamEvent(message);
      yield event;
      if (this.#until?.(event) === true) return;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

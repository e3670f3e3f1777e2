import type { OjsEvent } from '../events/EventLog';
import { sseEventFrame } from './sseFrame';
import { toRealtimeEvent } from './streamChannel';

/** A realtime frame and the event type it carries (for `event_types` filters). */
export interface RealtimeFrame {
  type: string;
  frame: string;
}

/**
 * Serialises an event at most once per shape, however many connections receive it: the hub renders the
 * current event for every subscriber from this cache. Holds only the most recent event.
 */
export class EventFrames {
  #event: OjsEvent | undefined;
  #envelope: string | undefined;
  #realtime: RealtimeFrame | null | undefined;

  #select(event: OjsEvent): void {
    if (this.#event === event) return;
    this.#event = event;
    this.#envelope = undefined;
    this.#realtime = undefined;
  }

  /** The full OJS envelope as an SSE frame (`event:` is the envelope type, `id:` the sequence). */
  envelope(event: OjsEvent): string {
    this.#select(event);
    this.#envelope ??= sseEventFrame(String(event.seq), event.type, JSON.stringify(event));
    return this.#envelope;
  }

  /** The ojs-realtime projection as an SSE frame, or null when the event has none. */
  realtime(event: OjsEvent): RealtimeFrame | null {
    this.#select(event);
    if (this.#realtime === undefined) {
      const rt = toRealtimeEvent(event);
      this.#realtime = rt
        ? { type: rt.type, frame: sseEventFrame(String(event.seq), rt.type, JSON.stringify(rt.data)) }
        : null;
    }
    return this.#realtime;
  }
}

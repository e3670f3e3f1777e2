/**
 * Incremental text/event-stream parser following the WHATWG HTML "server-sent events" interpretation
 * rules: `event`, multi-line `data`, `id` (ignored when it contains NULL), `retry` (digits only),
 * comments, CRLF / LF / CR line endings (a CRLF split across chunks counts once) and a leading BOM.
 * Pure: feed it decoded text, get back what the stream said.
 */

/** One dispatched event. `id` is the stream's last event id at dispatch time ('' when none was seen). */
export interface SseMessage {
  event: string;
  data: string;
  id: string;
}

export type SseItem =
  | { kind: 'message'; message: SseMessage }
  /** An event without data changed the last event id (it must still be sent on reconnect). */
  | { kind: 'id'; id: string }
  | { kind: 'retry'; retryMs: number }
  | { kind: 'comment'; text: string };

export class SseParser {
  #pending = '';
  #skipLeadingLf = false;
  #atStreamStart = true;
  #data = '';
  #hasData = false;
  #eventType = '';
  /**
   * The "last event ID buffer": set by `id:` fields. It carries over to the next connection (as in
   * browsers), so a block without an `id:` on a resumed stream does not clear the resume point.
   */
  #idBuffer: string;
  /** The "last event ID string": the buffer's value at the last dispatch. */
  #lastEventId: string;

  constructor(initialLastEventId = '') {
    this.#idBuffer = initialLastEventId;
    this.#lastEventId = initialLastEventId;
  }

  /** The stream's last event id as of the last dispatched event (or the initial one). */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Feed decoded text; returns the items completed by it, in stream order. */
  feed(chunk: string): SseItem[] {
    let text = chunk;
    if (this.#atStreamStart && text.length > 0) {
      this.#atStreamStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.#skipLeadingLf && text.length > 0) {
      this.#skipLeadingLf = false;
      if (text.charCodeAt(0) === 0x0a) text = text.slice(1);
    }
    const items: SseItem[] = [];
    const buffer = this.#pending + text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== 0x0a && c !== 0x0d) continue;
      this.#processLine(buffer.slice(start, i), items);
      if (c === 0x0d) {
        if (i + 1 < buffer.length) {
          if (buffer.charCodeAt(i + 1) === 0x0a) i++;
        } else {
          this.#skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    this.#pending = buffer.slice(start);
    return items;
  }

  /**
   * Signal the end of the stream. Per the spec an event not terminated by a blank line is discarded,
   * and the next connection starts with empty data and event type buffers; the last event id (what a
   * reconnect sends as `Last-Event-ID`) is kept.
   */
  end(): void {
    this.#pending = '';
    this.#skipLeadingLf = false;
    this.#atStreamStart = true;
    this.#data = '';
    this.#hasData = false;
    this.#eventType = '';
    this.#idBuffer = this.#lastEventId;
  }

  #processLine(line: string, items: SseItem[]): void {
    if (line.length === 0) {
      this.#dispatch(items);
      return;
    }
    if (line.charCodeAt(0) === 0x3a) {
      items.push({ kind: 'comment', text: line.slice(1).replace(/^ /, '') });
      return;
    }
    const colon = line.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    }
    switch (field) {
      case 'event':
        this.#eventType = value;
        break;
      case 'data':
        this.#data += value + '\n';
        this.#hasData = true;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.#idBuffer = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) items.push({ kind: 'retry', retryMs: Number.parseInt(value, 10) });
        break;
      default:
        break;
    }
  }

  #dispatch(items: SseItem[]): void {
    const idChanged = this.#idBuffer !== this.#lastEventId;
    this.#lastEventId = this.#idBuffer;
    if (!this.#hasData) {
      this.#eventType = '';
      if (idChanged) items.push({ kind: 'id', id: this.#lastEventId });
      return;
    }
    const data = this.#data.endsWith('\n') ? this.#data.slice(0, -1) : this.#data;
    items.push({
      kind: 'message',
      message: { event: this.#eventType === '' ? 'message' : this.#eventType, data, id: this.#lastEventId },
    });
    this.#data = '';
    this.#hasData = false;
    this.#eventType = '';
  }
}

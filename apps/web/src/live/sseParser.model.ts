/** One server-sent event frame. */
export interface SseFrame {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * Incremental text/event-stream parser (WHATWG HTML §9.2.6): feed it chunks, it yields complete frames.
 * Comments (`:` lines) are dropped; `retry:` is reported through `onRetry`.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private lastId: string | undefined;
  private sawField = false;

  constructor(private readonly onRetry: (ms: number) => void = () => {}) {}

  /** The id of the last frame that carried one (for Last-Event-ID). */
  get lastEventId(): string | undefined {
    return this.lastId;
  }

  push(chunk: string): SseFrame[] {
    this.buffer += chunk;
    const frames: SseFrame[] = [];
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A lone CR at the buffer end may be the first half of CRLF: wait for more input.
        if (cr === this.buffer.length - 1) break;
        end = cr;
        next = this.buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      const frame = this.line(this.buffer.slice(start, end));
      if (frame) frames.push(frame);
      start = next;
    }
    this.buffer = this.buffer.slice(start);
    return frames;
  }

  private line(line: string): SseFrame | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        this.sawField = true;
        break;
      case 'event':
        this.event = value;
        this.sawField = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        this.sawField = true;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry(Number(value));
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseFrame | undefined {
    const hadData = this.data.length > 0;
    const frame: SseFrame = { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
    if (this.id !== undefined) this.lastId = this.id;
    this.data = [];
    this.event = '';
    this.id = undefined;
    const saw = this.sawField;
    this.sawField = false;
    return saw && hadData ? frame : undefined;
  }
}

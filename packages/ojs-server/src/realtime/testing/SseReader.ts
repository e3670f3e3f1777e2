/** One parsed SSE block: an event (id/event/data/retry) or a comment. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
}

export function parseSseBlock(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      frame.comment = line.slice(1);
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id') frame.id = value;
    else if (field === 'event') frame.event = value;
    else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
    else if (field === 'retry') frame.retry = Number(value);
  }
  return frame;
}

/**
 * Reads an SSE body frame by frame, for tests (of any transport: `app.fetch` bodies and real sockets
 * through `fetch` alike). Every wait has a deadline so a test never hangs.
 */
export class SseReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #text = '';
  #done = false;
  #pending: ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']> | undefined;

  constructor(body: ReadableStream<Uint8Array>) {
    this.#reader = body.getReader();
  }

  get done(): boolean {
    return this.#done && !this.#text.includes('\n\n');
  }

  /** The next frame, or undefined when the stream ended. Rejects after `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<SseFrame | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.#text.indexOf('\n\n');
      if (end !== -1) {
        const block = this.#text.slice(0, end);
        this.#text = this.#text.slice(end + 2);
        return parseSseBlock(block);
      }
      if (this.#done) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE frame within ${timeoutMs} ms`);
      this.#pending ??= this.#reader.read();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), left);
      });
      const result = await Promise.race([this.#pending, timeout]);
      clearTimeout(timer);
      if (result === 'timeout') throw new Error(`no SSE frame within ${timeoutMs} ms`);
      this.#pending = undefined;
      if (result.done) this.#done = true;
      else this.#text += this.#decoder.decode(result.value, { stream: true });
    }
  }

  /** Frames until (and including) the first for which `stop` is true. */
  async until(stop: (frame: SseFrame) => boolean, timeoutMs = 5000): Promise<SseFrame[]> {
    const deadline = Date.now() + timeoutMs;
    const frames: SseFrame[] = [];
    for (;;) {
      const frame = await this.next(Math.max(1, deadline - Date.now()));
      if (frame === undefined)
        throw new Error(`stream ended before the expected frame (${frames.length} frames read)`);
      frames.push(frame);
      if (stop(frame)) return frames;
    }
  }

  /** Every remaining frame until the server ends the stream. */
  async rest(timeoutMs = 5000): Promise<SseFrame[]> {
    const deadline = Date.now() + timeoutMs;
    const frames: SseFrame[] = [];
    for (;;) {
      const frame = await this.next(Math.max(1, deadline - Date.now()));
      if (frame === undefined) return frames;
      frames.push(frame);
    }
  }

  /** Disconnect. */
  async cancel(): Promise<void> {
    this.#done = true;
    await this.#reader.cancel().catch(() => undefined);
  }
}

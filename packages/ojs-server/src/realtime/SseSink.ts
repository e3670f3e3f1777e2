import type { ServerResponse } from 'node:http';

/**
 * Where an SSE connection writes. Two backends: Node's `ServerResponse` (the fast path when served by
 * @hono/node-server) and a web `ReadableStream` (any `fetch` runtime, e.g. `app.fetch` in tests).
 */
export interface SseSink {
  /** Write a chunk. False when the transport's buffer is full: wait for `onDrain` before writing more. */
  write(chunk: string): boolean;
  /** Finish the response (pending data is still delivered). Idempotent. */
  end(): void;
  /** True once the response ended or the client went away. */
  readonly closed: boolean;
}

export interface SseSinkEvents {
  /** The transport can take more data after a `write` returned false. */
  onDrain: () => void;
  /** The client went away or the response ended. Called once. */
  onClose: () => void;
}

/**
 * Headers of every event stream: never cached, never transformed or compressed, never proxy-buffered.
 * (No `Connection` header: HTTP/1.1 keeps the connection open anyway and HTTP/2 forbids it.)
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

/** Writes straight to Node's response: no web-stream hop, no per-chunk encoding in JavaScript. */
export function nodeSseSink(
  res: ServerResponse,
  headers: Record<string, string>,
  events: SseSinkEvents,
): SseSink {
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    res.off('drain', events.onDrain);
    events.onClose();
  };
  res.on('drain', events.onDrain);
  res.once('close', close);
  res.socket?.setNoDelay(true);
  res.writeHead(200, headers);
  return {
    write(chunk) {
      if (closed || res.writableEnded || res.destroyed) return false;
      return res.write(chunk);
    },
    end() {
      if (!res.writableEnded) res.end();
    },
    get closed() {
      return closed || res.writableEnded || res.destroyed;
    },
  };
}

/** Bytes a web stream buffers before `write` reports backpressure. */
const WEB_HIGH_WATER_MARK = 64 * 1024;

/** A web `ReadableStream` sink: the stream is the body of the `Response`. */
export function webSseSink(events: SseSinkEvents): { sink: SseSink; stream: ReadableStream<Uint8Array> } {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    events.onClose();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        if (!closed) events.onDrain();
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: WEB_HIGH_WATER_MARK, size: (chunk) => chunk.byteLength },
  );
  const sink: SseSink = {
    write(chunk) {
      if (closed || !controller) return false;
      controller.enqueue(encoder.encode(chunk));
      return (controller.desiredSize ?? 0) > 0;
    },
    end() {
      if (closed) return;
      try {
        controller?.close();
      } finally {
        close();
      }
    },
    get closed() {
      return closed;
    },
  };
  return { sink, stream };
}

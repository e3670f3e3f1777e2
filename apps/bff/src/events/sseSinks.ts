import type { ServerResponse } from 'node:http';
import type { SseSink } from './EventHub';

/** Headers of every live stream: never cached, never compressed, never buffered by a proxy. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

/** Writes straight to Node's response (the fast path). */
export function nodeResponseSink(res: ServerResponse): SseSink {
  return {
    write: (chunk) => (res.writableEnded || res.destroyed ? false : res.write(chunk)),
    bufferedBytes: () => res.writableLength,
    end: () => {
      if (!res.writableEnded) res.end();
    },
  };
}

/** A web ReadableStream sink, for runtimes without Node's response (e.g. `app.fetch` in tests). */
export function webStreamSink(onCancel: () => void): { sink: SseSink; stream: ReadableStream<Uint8Array> } {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let buffered = 0;
  let ended = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    pull() {
      buffered = 0;
    },
    cancel() {
      ended = true;
      onCancel();
    },
  });
  const sink: SseSink = {
    write(chunk) {
      if (ended || !controller) return false;
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk);
      buffered += bytes.byteLength;
      controller.enqueue(bytes);
      return (controller.desiredSize ?? 0) > 0;
    },
    bufferedBytes: () => buffered,
    end() {
      if (ended) return;
      ended = true;
      controller?.close();
    },
  };
  return { sink, stream };
}

import { request, type IncomingMessage } from 'node:http';
import { parseSseChunk, type SseFrame } from '../events/parseSseFrames';

/** A raw SSE connection over node:http (what a browser's EventSource does), for tests and benchmarks. */
export class SseTestClient {
  readonly frames: SseFrame[] = [];
  private buffer = '';
  private res: IncomingMessage | undefined;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];
  closed = false;
  status = 0;
  headers: Record<string, string | string[] | undefined> = {};

  private constructor(private readonly req: ReturnType<typeof request>) {}

  static connect(url: string, headers: Record<string, string> = {}): Promise<SseTestClient> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { Accept: 'text/event-stream', ...headers } });
      const client = new SseTestClient(req);
      req.once('error', (error) => {
        client.closed = true;
        client.notify();
        reject(error);
      });
      req.once('response', (res) => {
        client.res = res;
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          client.buffer += chunk;
          const { frames, rest } = parseSseChunk(client.buffer);
          client.buffer = rest;
          client.frames.push(...frames);
          client.notify();
        });
        res.once('close', () => {
          client.closed = true;
          client.notify();
        });
        resolve(client);
      });
      req.end();
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.test() || this.closed) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  /** Resolves when `test` holds (or the stream closed); rejects after `timeoutMs`. */
  waitFor(test: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (test() || this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`SSE wait timed out after ${timeoutMs} ms (${this.frames.length} frames)`));
      }, timeoutMs);
      const waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  lastId(): string | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const id = this.frames[i]?.id;
      if (id !== undefined) return id;
    }
    return undefined;
  }

  close(): void {
    this.closed = true;
    this.req.destroy();
    this.res?.destroy();
  }
}

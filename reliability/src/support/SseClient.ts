import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { SseParser } from '@lookout/ojs-client';

export interface ReceivedEvent {
  id: string;
  event: string;
  data: string;
}

export interface SseClientOptions {
  /** Extra headers on every connection. */
  headers?: Record<string, string>;
  /** Reconnect delay until the server sends `retry:` (browsers use about 3 s). */
  retryMs?: number;
  /** Resume from this id on the first connection. */
  lastEventId?: string;
  /** Keep every event in `events` (default); off, only `received` counts them (long runs). */
  keepEvents?: boolean;
}

/**
 * What a browser's EventSource does, over node:http: reads frames, remembers the last event id, and
 * after any drop (stream ended, connection refused or reset, non-200) waits the server's `retry` delay and
 * reconnects with `Last-Event-ID`.
 */
export class SseClient {
  readonly events: ReceivedEvent[] = [];
  /** Events received so far (kept or not). */
  received = 0;
  lastEventId: string;
  /** Successful connections (200 text/event-stream) so far. */
  opens = 0;
  /** When the current connection opened (`Date.now()`), or undefined while disconnected. */
  openSince: number | undefined;
  /** Every successful connection: when, the id it resumed from, the first event id it delivered. */
  readonly connections: { at: number; resumedFrom: string; firstId?: string; endedAt?: number }[] = [];
  /** Connection attempts that failed (refused, reset, non-200). */
  failures = 0;
  private retryMs: number;
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly url: string,
    private readonly options: SseClientOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 3000;
    this.lastEventId = options.lastEventId ?? '';
  }

  get open(): boolean {
    return this.openSince !== undefined;
  }

  /** Connects (and keeps reconnecting until {@link close}). */
  start(): this {
    this.connect();
    return this;
  }

  /** Drops the current connection as a network blip would; the client reconnects after its retry delay. */
  drop(): void {
    this.req?.destroy();
    this.res?.destroy();
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.drop();
  }

  ids(): number[] {
    return this.events.filter((e) => e.id !== '').map((e) => Number(e.id));
  }

  private connect(): void {
    if (this.stopped) return;
    const headers: Record<string, string> = { Accept: 'text/event-stream', ...this.options.headers };
    if (this.lastEventId !== '') headers['Last-Event-ID'] = this.lastEventId;
    let done = false;
    const retry = () => {
      if (done) return;
      done = true;
      this.openSince = undefined;
      this.req = undefined;
      this.res = undefined;
      if (this.stopped) return;
      this.timer = setTimeout(() => this.connect(), this.retryMs);
    };
    const req = request(this.url, { headers, agent: false });
    this.req = req;
    req.once('error', () => {
      this.failures++;
      retry();
    });
    req.once('response', (res) => {
      this.res = res;
      res.once('error', () => retry());
      res.once('close', () => retry());
      if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('text/event-stream')) {
        this.failures++;
        res.resume();
        return;
      }
      this.opens++;
      this.openSince = Date.now();
      const connection: (typeof this.connections)[number] = {
        at: this.openSince,
        resumedFrom: headers['Last-Event-ID'] ?? '',
      };
      this.connections.push(connection);
      res.once('close', () => (connection.endedAt = Date.now()));
      const parser = new SseParser(this.lastEventId);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const item of parser.feed(chunk)) {
          if (item.kind === 'retry') this.retryMs = item.retryMs;
          // The parser carries the last event id across reconnections (as EventSource does), so the
          // BFF's data-less `retry`/comment preamble on a resumed stream leaves the resume point alone.
          else if (item.kind === 'id') this.lastEventId = item.id;
          else if (item.kind === 'message') {
            this.lastEventId = item.message.id;
            connection.firstId ??= item.message.id;
            this.received++;
            if (this.options.keepEvents === false) continue;
            this.events.push({
              id: item.message.id,
              event: item.message.event || 'message',
              data: item.message.data,
            });
          }
        }
      });
    });
    req.end();
  }
}

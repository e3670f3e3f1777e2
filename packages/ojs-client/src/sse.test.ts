import { type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOjsClient } from './createOjsClient';
import { OjsError } from './OjsError';
import { type OjsStreamEvent } from './OjsEventStream';
import { type StreamStateChange } from './streamState';
import { type ServedApp, serveApp } from './testing/serveApp';

const TOTAL = 30;
const PER_CONNECTION = 7;
const ids = Array.from({ length: TOTAL }, (_, i) => `evt_${String(i + 1).padStart(4, '0')}`);
const LINE_ENDINGS = ['\n', '\r\n', '\r'] as const;

function frame(index: number): string {
  const id = ids[index]!;
  const eol = LINE_ENDINGS[index % LINE_ENDINGS.length]!;
  const data = JSON.stringify({
    job_id: `job-${index}`,
    queue: 'default',
    type: 'email.send',
    from: 'a',
    to: 'b',
  });
  // data split over two lines on odd events to exercise multi-line joining (JSON allows the newline)
  const dataLines =
    index % 2 === 1 ? `data: ${data.slice(0, 10)}${eol}data: ${data.slice(10)}` : `data: ${data}`;
  return `id: ${id}${eol}event: job.state_changed${eol}${dataLines}${eol}${eol}`;
}

type Mode = 'clean-close' | 'abrupt';

interface SseServerState {
  mode: Mode;
  /** Last-Event-ID header of every connection to the queue stream, in order. */
  lastEventIds: (string | undefined)[];
  jobStreamConnections: number;
  flakyConnections: number;
  idleConnections: number;
  open: Set<() => void>;
}

function sseApp(state: SseServerState): Hono {
  const app = new Hono();
  const openStream = (c: Context) => {
    const { outgoing } = c.env as HttpBindings;
    outgoing.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    outgoing.flushHeaders();
    const finish = () => outgoing.end();
    state.open.add(finish);
    outgoing.on('close', () => state.open.delete(finish));
    return outgoing;
  };

  app.get('/ojs/v1/queues/:name/events', (c) => {
    if (c.req.param('name') !== 'default') {
      return c.json({ error: { code: 'not_found', message: 'queue not found', retryable: false } }, 404);
    }
    const lastId = c.req.header('last-event-id');
    state.lastEventIds.push(lastId);
    const out = openStream(c);
    // BOM and a comment at the start of every connection
    out.write('\uFEFF: welcome\n\nretry: 15\n\n');
    let start = 0;
    if (lastId !== undefined) {
      const at = ids.indexOf(lastId);
      if (at === -1) {
        out.write(
          `id: gap-1\nevent: system.gap\ndata: {"channel":"queue:default","gap_start":"${lastId}","estimated_missed_count":12}\n\n`,
        );
        start = TOTAL - 2;
      } else {
        start = at + 1;
      }
    }
    const end = Math.min(TOTAL, start + PER_CONNECTION);
    for (let i = start; i < end; i++) {
      out.write(frame(i));
      if (i % 3 === 0) out.write(':heartbeat\n');
    }
    if (end < TOTAL) {
      // half of the next event: the client must drop it and get it again after reconnecting
      out.write(`id: ${ids[end]!}\nevent: job.state_changed\ndata: {"partial":`);
      if (state.mode === 'abrupt') setTimeout(() => out.destroy(), 5);
      else setTimeout(() => out.end(), 5);
    }
    // at the end of the log the connection stays open (heartbeats only) until the client leaves
    return RESPONSE_ALREADY_SENT;
  });

  app.get('/ojs/v1/jobs/:id/events', (c) => {
    state.jobStreamConnections++;
    const out = openStream(c);
    out.write('retry: 10\n\n');
    out.write('id: 1\nevent: job.state_changed\ndata: {"job_id":"j1","from":"available","to":"active"}\n\n');
    out.write('id: 2\nevent: job.state_changed\ndata: {"job_id":"j1","from":"active","to":"completed"}\n\n');
    setTimeout(() => out.end(), 5);
    return RESPONSE_ALREADY_SENT;
  });

  // 503 with Retry-After twice, then a working stream
  app.get('/flaky/events', (c) => {
    state.flakyConnections++;
    if (state.flakyConnections <= 2) {
      return c.json({ error: { code: 'backend_unavailable', message: 'warming up', retryable: true } }, 503, {
        'Retry-After': '0',
      });
    }
    const out = openStream(c);
    out.write('data: {"type":"server.hello","n":1}\n\n');
    return RESPONSE_ALREADY_SENT;
  });

  // always 503
  app.get('/down/events', (c) =>
    c.json({ error: { code: 'backend_unavailable', message: 'down', retryable: true } }, 503),
  );

  // first connection goes silent (no heartbeats), the second one delivers
  app.get('/silent/events', (c) => {
    state.idleConnections++;
    const out = openStream(c);
    out.write('retry: 10\n\n');
    if (state.idleConnections > 1) out.write('id: s1\ndata: awake\n\n');
    return RESPONSE_ALREADY_SENT;
  });

  app.get('/no-content/events', (c) => c.body(null, 204));
  app.get('/not-sse/events', (c) => c.json({ hello: 'world' }));
  return app;
}

describe('SSE reader over a real HTTP server', () => {
  let served: ServedApp;
  const state: SseServerState = {
    mode: 'clean-close',
    lastEventIds: [],
    jobStreamConnections: 0,
    flakyConnections: 0,
    idleConnections: 0,
    open: new Set(),
  };

  beforeAll(async () => {
    served = await serveApp(sseApp(state));
  });
  beforeEach(() => {
    state.lastEventIds = [];
  });
  afterAll(async () => {
    for (const finish of state.open) finish();
    await served.close();
  });

  const client = () => createOjsClient({ baseUrl: served.url, timeoutMs: 2000 });
  const fast = { initialDelayMs: 5, maxDelayMs: 50 };

  async function collect(stream: AsyncIterable<OjsStreamEvent>, count: number): Promise<OjsStreamEvent[]> {
    const events: OjsStreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (events.length === count) break;
    }
    return events;
  }

  for (const mode of ['clean-close', 'abrupt'] as const) {
    it(`resumes with Last-Event-ID after the server ${mode === 'abrupt' ? 'drops the connection' : 'closes the stream'}: 0 lost, 0 duplicated`, async () => {
      state.mode = mode;
      const states: StreamStateChange[] = [];
      const comments: string[] = [];
      const stream = client().queues.events('default', {
        reconnect: fast,
        onState: (change) => states.push(change),
        onComment: (text) => comments.push(text),
      });
      const events = await collect(stream, TOTAL);

      expect(events.map((e) => e.id)).toEqual(ids);
      expect(events.every((e) => e.kind === 'event' && e.type === 'job.state_changed')).toBe(true);
      expect(events.map((e) => (e.data as { job_id: string }).job_id)).toEqual(ids.map((_, i) => `job-${i}`));
      expect(state.lastEventIds).toEqual([undefined, 'evt_0007', 'evt_0014', 'evt_0021', 'evt_0028']);
      expect(stream.lastEventId).toBe('evt_0030');
      expect(comments).toContain('welcome');
      expect(comments).toContain('heartbeat');

      const names = states.map((s) => s.state);
      expect(names[0]).toBe('connecting');
      expect(names.filter((s) => s === 'open')).toHaveLength(5);
      expect(names.filter((s) => s === 'reconnecting')).toHaveLength(4);
      expect(names.at(-1)).toBe('closed');
      const reconnects = states.filter((s) => s.state === 'reconnecting');
      // the server asked for retry: 15 -> base 15 ms, jitter within +-50 %
      for (const r of reconnects) expect(r.delayMs).toBeGreaterThanOrEqual(7);
      for (const r of reconnects) expect(r.delayMs).toBeLessThanOrEqual(23);
      if (mode === 'abrupt')
        expect(reconnects.every((r) => r.error?.code === 'backend_unavailable')).toBe(true);
      else expect(reconnects.every((r) => r.error === undefined)).toBe(true);
    });
  }

  it('sends Last-Event-ID on the first connection when resuming', async () => {
    state.mode = 'clean-close';
    const events = await collect(
      client().queues.events('default', { lastEventId: 'evt_0025', reconnect: fast }),
      TOTAL - 25,
    );
    expect(events.map((e) => e.id)).toEqual(ids.slice(25));
    expect(state.lastEventIds[0]).toBe('evt_0025');
  });

  it('surfaces system.gap when the server cannot replay', async () => {
    const events = await collect(
      client().queues.events('default', { lastEventId: 'evt_gone', reconnect: fast }),
      3,
    );
    expect(events[0]).toMatchObject({
      kind: 'gap',
      type: 'system.gap',
      id: 'gap-1',
      data: { channel: 'queue:default', estimated_missed_count: 12 },
    });
    expect(events.slice(1).map((e) => e.id)).toEqual(['evt_0029', 'evt_0030']);
  });

  it('ends a job stream after the terminal event without reconnecting', async () => {
    const before = state.jobStreamConnections;
    const events: OjsStreamEvent[] = [];
    for await (const event of client().jobs.events('j1', { reconnect: fast })) events.push(event);
    expect(events.map((e) => (e.data as { to: string }).to)).toEqual(['active', 'completed']);
    expect(state.jobStreamConnections - before).toBe(1);
  });

  it('fails without reconnecting on a 404 and reports the closed state with the error', async () => {
    const states: StreamStateChange[] = [];
    const stream = client().queues.events('nope', { reconnect: fast, onState: (s) => states.push(s) });
    const error = await collect(stream, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OjsError);
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
    expect(states.map((s) => s.state)).toEqual(['connecting', 'closed']);
    expect(states.at(-1)?.error?.code).toBe('not_found');
  });

  it('retries a 503 (honouring Retry-After) and then streams', async () => {
    const states: StreamStateChange[] = [];
    const events = await collect(
      client().events.stream('/flaky/events', { reconnect: fast, onState: (s) => states.push(s) }),
      1,
    );
    expect(events[0]).toMatchObject({ kind: 'event', type: 'server.hello', id: undefined, data: { n: 1 } });
    expect(states.filter((s) => s.state === 'reconnecting').map((s) => s.error?.status)).toEqual([503, 503]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    const stream = client().events.stream('/down/events', { reconnect: { ...fast, maxAttempts: 3 } });
    const error = await collect(stream, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'backend_unavailable', status: 503 });
  });

  it('reconnects when a connection goes silent past the idle timeout', async () => {
    const states: StreamStateChange[] = [];
    const events = await collect(
      client().events.stream('/silent/events', {
        idleTimeoutMs: 150,
        reconnect: fast,
        onState: (s) => states.push(s),
      }),
      1,
    );
    expect(events[0]).toMatchObject({ id: 's1', data: 'awake', type: 'message' });
    expect(states.find((s) => s.state === 'reconnecting')?.error?.code).toBe('backend_timeout');
  });

  it('ends quietly when the signal aborts while waiting for events', async () => {
    const controller = new AbortController();
    const states: StreamStateChange[] = [];
    const stream = client().events.stream('/silent/events', {
      signal: controller.signal,
      reconnect: fast,
      onState: (s) => {
        states.push(s);
        if (s.state === 'open') setTimeout(() => controller.abort(), 20);
      },
    });
    const events: OjsStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(stream.state).toBe('closed');
    expect(states.at(-1)).toEqual({ state: 'closed', attempt: 0 });
  });

  it('close() ends the iteration too', async () => {
    const stream = client().events.stream('/silent/events', { reconnect: fast });
    setTimeout(() => stream.close(), 50);
    const events: OjsStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(stream.state).toBe('closed');
  });

  it('stops on 204 No Content and rejects a non-SSE answer', async () => {
    const events: OjsStreamEvent[] = [];
    for await (const event of client().events.stream('/no-content/events', { reconnect: fast }))
      events.push(event);
    expect(events).toEqual([]);
    const error = await collect(client().events.stream('/not-sse/events', { reconnect: fast }), 1).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'bad_upstream_response', status: 200 });
  });

  it('rejects a relative stream path', () => {
    expect(() => client().events.stream('events')).toThrow(TypeError);
  });
});

import { type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type OjsEvent } from '@lookout/ojs-types';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOjsClient } from './createOjsClient';
import { OjsError } from './OjsError';
import { type StreamStateChange } from './streamState';
import { type ServedApp, serveApp } from './testing/serveApp';

function envelope(n: number): OjsEvent {
  return {
    specversion: '1.0',
    id: `evt_${String(n).padStart(4, '0')}`,
    type: n % 2 === 0 ? 'job.completed' : 'job.enqueued',
    source: 'ojs://test/server',
    time: new Date(Date.UTC(2026, 2, 1, 10, 0, n)).toISOString(),
    data: { job_type: 'email.send', queue: n % 3 === 0 ? 'reports' : 'default', n },
  };
}

type Failure = 'unavailable' | 'drop' | 'slow' | 'bad-request';

interface EventsServer {
  log: OjsEvent[];
  /** `after` of each request, in order. */
  afters: (string | undefined)[];
  queries: Record<string, string>[];
  /** Failure to inject on the request with that 1-based number. */
  failures: Map<number, Failure>;
  requests: number;
}

function eventsApp(server: EventsServer): Hono {
  const app = new Hono();
  app.get('/ojs/v1/events', async (c) => {
    server.requests++;
    const failure = server.failures.get(server.requests);
    const query = Object.fromEntries(new URL(c.req.url).searchParams.entries());
    server.queries.push(query);
    if (failure === 'unavailable') {
      return c.json({ error: { code: 'backend_unavailable', message: 'busy', retryable: true } }, 503, {
        'Retry-After': '0',
      });
    }
    if (failure === 'bad-request') {
      return c.json({ error: { code: 'invalid_request', message: 'bad cursor', retryable: false } }, 400);
    }
    if (failure === 'drop') {
      const { outgoing } = c.env as HttpBindings;
      outgoing.destroy();
      return RESPONSE_ALREADY_SENT;
    }
    if (failure === 'slow') await new Promise((resolve) => setTimeout(resolve, 4000).unref());
    server.afters.push(query.after);
    const limit = Number(query.limit ?? '100');
    const start = query.after === undefined ? 0 : server.log.findIndex((e) => e.id === query.after) + 1;
    const page = server.log.slice(start, start + limit);
    const last = page.at(-1);
    return c.json({
      events: page,
      cursor: last?.id ?? query.after ?? null,
      has_more: start + page.length < server.log.length,
    });
  });
  return app;
}

describe('events poller over a real HTTP server', () => {
  let served: ServedApp;
  const server: EventsServer = { log: [], afters: [], queries: [], failures: new Map(), requests: 0 };

  beforeAll(async () => {
    served = await serveApp(eventsApp(server));
  });
  beforeEach(() => {
    server.log = Array.from({ length: 25 }, (_, i) => envelope(i + 1));
    server.afters = [];
    server.queries = [];
    server.failures = new Map();
    server.requests = 0;
  });
  afterAll(async () => {
    await served.close();
  });

  const client = () => createOjsClient({ baseUrl: served.url, timeoutMs: 1000 });
  const fast = { initialDelayMs: 5, maxDelayMs: 40 };

  it('follows the cursor through failures and new events: 0 lost, 0 duplicated', async () => {
    // 1: ok, 2: 503 + Retry-After, 3: ok, 4: connection dropped, 5: slower than the timeout, 6..: ok
    server.failures.set(2, 'unavailable');
    server.failures.set(4, 'drop');
    server.failures.set(5, 'slow');
    const states: StreamStateChange[] = [];
    const poller = client().events.poller({
      limit: 4,
      intervalMs: 10,
      reconnect: fast,
      onState: (change) => states.push(change),
    });
    const seen: string[] = [];
    for await (const event of poller) {
      seen.push(event.id);
      expect(poller.cursor).toBe(event.id);
      // once caught up, the server gets five more events while the poller is live
      if (seen.length === 25) server.log.push(...Array.from({ length: 5 }, (_, i) => envelope(26 + i)));
      if (seen.length === 30) break;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => envelope(i + 1).id));
    expect(poller.state).toBe('closed');

    // every successful poll asked for what followed the last event already delivered
    const delivered = new Set(server.afters.filter((a) => a !== undefined));
    expect(server.afters[0]).toBeUndefined();
    expect([...delivered].every((a) => seen.includes(a))).toBe(true);

    const reconnects = states.filter((s) => s.state === 'reconnecting');
    expect(reconnects.map((s) => s.error?.code)).toEqual([
      'backend_unavailable',
      'backend_unavailable',
      'backend_timeout',
    ]);
    expect(reconnects.map((s) => s.attempt)).toEqual([1, 1, 2]);
    expect(states[0]?.state).toBe('connecting');
    expect(states.filter((s) => s.state === 'open').length).toBe(3);
    expect(states.at(-1)?.state).toBe('closed');
  });

  it('sends the filters in wire form', async () => {
    const poller = client().events.poller({
      types: ['job.completed', 'job.failed'],
      queues: ['default'],
      jobTypes: ['email.send'],
      limit: 2,
      reconnect: fast,
    });
    for await (const _ of poller) break;
    expect(server.queries[0]).toEqual({
      types: 'job.completed,job.failed',
      queues: 'default',
      job_types: 'email.send',
      limit: '2',
    });
  });

  it('resumes from .cursor after stopping mid-page without repeating anything', async () => {
    const first = client().events.poller({ limit: 10, reconnect: fast });
    const seen: string[] = [];
    for await (const event of first) {
      seen.push(event.id);
      if (seen.length === 7) break;
    }
    expect(first.cursor).toBe('evt_0007');
    const second = client().events.poller({ after: first.cursor, limit: 10, reconnect: fast });
    for await (const event of second) {
      seen.push(event.id);
      if (seen.length === 25) break;
    }
    expect(seen).toEqual(server.log.map((e) => e.id));
  });

  it('ends with the error on a non-retryable failure', async () => {
    server.failures.set(1, 'bad-request');
    const states: StreamStateChange[] = [];
    const poller = client().events.poller({
      after: 'evt_x',
      reconnect: fast,
      onState: (s) => states.push(s),
    });
    const error = await (async () => {
      for await (const _ of poller) return undefined;
      return undefined;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OjsError);
    expect(error).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(states.map((s) => s.state)).toEqual(['connecting', 'closed']);
  });

  it('stops quietly when aborted while idle', async () => {
    server.log = [];
    const controller = new AbortController();
    const poller = client().events.poller({ intervalMs: 1000, signal: controller.signal, reconnect: fast });
    setTimeout(() => controller.abort(), 50);
    const seen: OjsEvent[] = [];
    for await (const event of poller) seen.push(event);
    expect(seen).toEqual([]);
    expect(poller.state).toBe('closed');
  });

  it('polls one page with events.poll', async () => {
    const page = await client().events.poll({ after: 'evt_0020', limit: 3 });
    expect(page.events.map((e) => e.id)).toEqual(['evt_0021', 'evt_0022', 'evt_0023']);
    expect(page).toMatchObject({ cursor: 'evt_0023', has_more: true });
  });
});

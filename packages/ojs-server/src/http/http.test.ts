import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createOjsServer, type OjsServer, type OjsServerExtension } from '../createOjsServer';
import { arr, call, obj } from '../testing/httpClient';

const servers: OjsServer[] = [];
function server(options: Parameters<typeof createOjsServer>[0] = {}): OjsServer {
  const s = createOjsServer({
    clock: new ManualClock(Date.UTC(2026, 3, 1)),
    ...options,
    options: { autoStartScheduler: false, ...options.options },
  });
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('response basics', () => {
  it('sends the exact OJS content type, version header and a request id', async () => {
    const s = server();
    const res = await call(s, 'GET', '/ojs/manifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/openjobspec+json');
    expect(res.headers.get('ojs-version')).toBe('1.0');
    expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f-]{36}$/);
    const echoed = await call(s, 'GET', '/ojs/v1/health', undefined, { 'x-request-id': 'abc-123' });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    expect(echoed.headers.get('x-ratelimit-limit')).not.toBeNull();
  });

  it('renders errors with code, type, retryable, request_id, hint and docs_url', async () => {
    const s = server();
    const res = await call(s, 'GET', '/ojs/v1/jobs/019539a4-0000-7000-8000-000000000000', undefined, {
      'x-request-id': 'r1',
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/openjobspec+json');
    expect(res.body['error']).toMatchObject({
      code: 'not_found',
      type: 'not_found',
      retryable: false,
      request_id: 'r1',
      hint: expect.any(String) as string,
      docs_url: 'https://openjobspec.org/errors/not_found',
    });
    const noRoute = await call(s, 'GET', '/nope');
    expect(noRoute.status).toBe(404);
    expect(obj(noRoute.body['error'])['code']).toBe('not_found');
  });

  it('rejects an unsupported OJS-Version with 422 unsupported', async () => {
    const res = await call(server(), 'GET', '/ojs/manifest', undefined, { 'ojs-version': '2.0' });
    expect(res.status).toBe(422);
    expect(obj(res.body['error'])['code']).toBe('unsupported');
  });

  it('declares extensions in the manifest, including mounted ones', async () => {
    const ext: OjsServerExtension = {
      name: 'stream',
      manifest: [
        {
          name: 'events-stream',
          uri: 'urn:lookout:ext:events-stream',
          version: '1.0.0',
          endpoints: { stream: '/ojs/v1/events/stream' },
        },
      ],
      mount: ({ app }) => {
        app.get('/ojs/v1/events/stream', (c) => c.text('ok'));
      },
    };
    const s = server({ extensions: [ext] });
    const m = (await call(s, 'GET', '/ojs/manifest')).body;
    expect(m).toMatchObject({ specversion: '1.0', conformance_level: 4, protocols: ['http'] });
    const names = arr(obj(m['extensions'])['official']).map((e) => obj(e)['name']);
    expect(names).toEqual(
      expect.arrayContaining(['admin-api', 'dead-letter', 'events', 'events-stream', 'progress']),
    );
    expect(obj(m['endpoints'])['events-stream.stream']).toBe('/ojs/v1/events/stream');
    expect((await s.fetch(new Request('http://ojs.test/ojs/v1/events/stream'))).status).toBe(200);
  });

  it('can run core-only: no admin API, no event polling', async () => {
    const s = server({ options: { features: { admin: false, eventsPoll: false, realtime: false } } });
    expect((await call(s, 'GET', '/ojs/v1/admin/stats')).status).toBe(404);
    expect((await call(s, 'GET', '/ojs/v1/events')).status).toBe(404);
    const names = arr(obj((await call(s, 'GET', '/ojs/manifest')).body['extensions'])['official']).map(
      (e) => obj(e)['name'],
    );
    expect(names).not.toContain('admin-api');
    expect(names).not.toContain('events');
    expect((await call(s, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [] })).status).toBe(201);
  });
});

describe('input safety: every malformed input gets the spec error and changes nothing', () => {
  const unchanged = (s: OjsServer, before: { seq: number; total: number }): void => {
    expect(s.events.lastSeq).toBe(before.seq);
    const counts = s.store.totalCounts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(before.total);
  };
  const snapshot = (s: OjsServer): { seq: number; total: number } => ({
    seq: s.events.lastSeq,
    total: Object.values(s.store.totalCounts()).reduce((a, b) => a + b, 0),
  });

  it('413 payload_too_large beyond maxBodyBytes, by Content-Length or by streaming', async () => {
    const s = server({ options: { maxBodyBytes: 2048 } });
    const before = snapshot(s);
    const big = JSON.stringify({ type: 'a.b', args: ['x'.repeat(5000)] });
    const res = await call(s, 'POST', '/ojs/v1/jobs', big);
    expect(res.status).toBe(413);
    expect(obj(res.body['error'])['code']).toBe('payload_too_large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        controller.close();
      },
    });
    const chunked = await s.fetch(
      new Request('http://ojs.test/ojs/v1/jobs', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      }),
    );
    expect(chunked.status).toBe(413);
    unchanged(s, before);
  });

  it('400 for malformed JSON, empty bodies, non-JSON content types and non-object bodies', async () => {
    const s = server();
    const before = snapshot(s);
    const bad = await call(s, 'POST', '/ojs/v1/jobs', '{ invalid json }');
    expect(bad.status).toBe(400);
    expect(obj(bad.body['error'])).toMatchObject({ code: 'invalid_payload', retryable: false });
    const empty = await s.fetch(new Request('http://ojs.test/ojs/v1/jobs', { method: 'POST' }));
    expect(empty.status).toBe(400);
    const text = await call(s, 'POST', '/ojs/v1/jobs', 'type=a', { 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
    const array = await call(s, 'POST', '/ojs/v1/jobs', [1, 2]);
    expect(array.status).toBe(400);
    const alias = await call(
      s,
      'POST',
      '/ojs/v1/jobs',
      { type: 'a.b', args: [] },
      { 'content-type': 'application/json; charset=utf-8' },
    );
    expect(alias.status).toBe(201);
    unchanged(s, { seq: before.seq + 1, total: before.total + 1 });
  });

  it('validation errors name the field; retry policy problems are 422 validation_error', async () => {
    const s = server();
    const before = snapshot(s);
    const cases: Array<[unknown, number]> = [
      [{ args: [] }, 400],
      [{ type: 'Bad.Type', args: [] }, 400],
      [{ type: 'a.b', args: {} }, 400],
      [{ type: 'a.b', args: [], options: { queue: 'Bad Queue' } }, 400],
      [{ type: 'a.b', args: [], options: { priority: 101 } }, 400],
      [{ type: 'a.b', args: [], id: 'not-a-uuid' }, 400],
      [{ type: 'a.b', args: [], options: { scheduled_at: '2026-01-01T00:00:00' } }, 400],
      [{ type: 'a.b', args: [], options: { retry: { backoff_coefficient: 0.5 } } }, 422],
      [{ type: 'a.b', args: [], options: { rate_limit: { concurrency: -1 } } }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await call(s, 'POST', '/ojs/v1/jobs', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const err = obj(res.body['error']);
      expect(err['retryable']).toBe(false);
      expect(String(err['message']).length).toBeGreaterThan(0);
    }
    const coef = await call(s, 'POST', '/ojs/v1/jobs', {
      type: 'a.b',
      args: [],
      options: { retry: { backoff_coefficient: 0.5 } },
    });
    expect(obj(coef.body['error'])).toMatchObject({ type: 'validation_error' });
    expect(String(obj(coef.body['error'])['message'])).toContain('backoff_coefficient');
    unchanged(s, before);
  });

  it('an atomic batch with one bad job creates nothing; bulk partial creates the good ones', async () => {
    const s = server();
    const before = snapshot(s);
    const batch = await call(s, 'POST', '/ojs/v1/jobs/batch', {
      jobs: [
        { type: 'a.b', args: [] },
        { type: 'a.b', args: 'x' },
      ],
    });
    expect(batch.status).toBe(400);
    expect(String(obj(batch.body['error'])['message'])).toContain('jobs[1]');
    unchanged(s, before);
    const bulk = await call(s, 'POST', '/ojs/v1/jobs/bulk', {
      jobs: [
        { type: 'a.b', args: [] },
        { type: 'a.b', args: 'x' },
        { type: 'c.d', args: [1] },
      ],
    });
    expect(bulk.status).toBe(207);
    expect(bulk.body).toMatchObject({ total: 3, succeeded: 2, failed: 1 });
    expect(arr(bulk.body['items']).map((i) => obj(i)['status'])).toEqual(['created', 'failed', 'created']);
  });

  it('worker operations validate their bodies and state', async () => {
    const s = server();
    expect((await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: [] })).status).toBe(400);
    expect((await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['BAD'] })).status).toBe(400);
    expect((await call(s, 'POST', '/ojs/v1/workers/ack', {})).status).toBe(400);
    expect((await call(s, 'POST', '/ojs/v1/workers/heartbeat', { active_jobs: [] })).status).toBe(400);
    const missing = await call(s, 'POST', '/ojs/v1/workers/ack', {
      job_id: '019539a4-0000-7000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
    const job = obj((await call(s, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [] })).body['job']);
    const early = await call(s, 'POST', '/ojs/v1/workers/ack', { job_id: job['id'] });
    expect(early.status).toBe(409);
    expect(obj(early.body['error'])).toMatchObject({
      code: 'conflict',
      details: { current_state: 'available' },
    });
  });
});

describe('authentication', () => {
  it('requires the bearer key everywhere but health', async () => {
    const s = server({ options: { apiKey: 'sekret' } });
    expect((await call(s, 'GET', '/ojs/v1/health')).status).toBe(200);
    const none = await call(s, 'GET', '/ojs/manifest');
    expect(none.status).toBe(401);
    expect(obj(none.body['error'])['code']).toBe('unauthenticated');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await call(s, 'GET', '/ojs/manifest', undefined, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(403);
    const ok = await call(
      s,
      'POST',
      '/ojs/v1/jobs',
      { type: 'a.b', args: [] },
      { authorization: 'Bearer sekret' },
    );
    expect(ok.status).toBe(201);
  });
});

describe('request rate limit', () => {
  it('answers 429 with Retry-After when the bucket is empty', async () => {
    const s = server({ options: { requestRateLimit: { burst: 2, perSecond: 1 } } });
    expect((await call(s, 'GET', '/ojs/v1/health')).headers.get('x-ratelimit-remaining')).toBe('1');
    await call(s, 'GET', '/ojs/v1/health');
    const limited = await call(s, 'GET', '/ojs/v1/health');
    expect(limited.status).toBe(429);
    expect(obj(limited.body['error'])).toMatchObject({ code: 'rate_limited', retryable: true });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('health', () => {
  it('turns 503 while shutting down', async () => {
    const s = server();
    expect((await call(s, 'GET', '/ojs/v1/health')).body).toMatchObject({
      status: 'ok',
      backend: { type: 'memory', status: 'connected' },
    });
    await s.beginShutdown();
    const res = await call(s, 'GET', '/ojs/v1/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', shutting_down: true });
  });
});

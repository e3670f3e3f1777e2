import { type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOjsClient } from './createOjsClient';
import { OjsError } from './OjsError';
import { type ServedApp, serveApp } from './testing/serveApp';

const JOB = {
  id: '019539a4-b68c-7def-8000-000000000001',
  type: 'email.send',
  state: 'available',
  queue: 'default',
  args: ['a@example.com'],
  attempt: 0,
  x_custom_field: { kept: true },
};

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

function misbehavingApp(seen: Seen[]): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    seen.push({
      method: c.req.method,
      path: c.req.path,
      headers: Object.fromEntries(c.req.raw.headers.entries()),
      body: await c.req.raw.clone().text(),
    });
    await next();
  });
  app.post('/ojs/v1/jobs', (c) =>
    c.body(JSON.stringify({ job: JOB }), 201, { 'Content-Type': 'application/openjobspec+json' }),
  );
  app.get('/ojs/v1/health', (c) =>
    c.json({ error: { code: 'backend_unavailable', message: 'store offline', retryable: true } }, 503),
  );
  app.get('/ojs/v1/jobs/:id', async (c) => {
    const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
      c.body(JSON.stringify(body), status as 200, {
        'Content-Type': 'application/openjobspec+json',
        ...headers,
      });
    switch (c.req.param('id')) {
      case 'ok':
        return json({ job: JOB }, 200, { 'X-Request-Id': 'req_ok' });
      case 'missing':
        return json(
          {
            error: {
              code: 'not_found',
              type: 'not_found',
              message: 'job missing not found',
              retryable: false,
              details: { job_id: 'missing' },
              request_id: 'req_body',
              hint: 'check the id',
              docs_url: 'https://openjobspec.org/errors/not_found',
            },
          },
          404,
          { 'X-Request-Id': 'req_header' },
        );
      case 'flat':
        return json(
          {
            code: 'INVALID_STATE_TRANSITION',
            message: 'cannot cancel a completed job',
            details: { current_state: 'completed' },
            retryable: false,
            doc_url: 'https://openjobspec.org/errors/invalid-state-transition',
          },
          409,
        );
      case 'html':
        return c.html('<html><body><h1>502 Bad Gateway</h1></body></html>', 502);
      case 'empty-404':
        return c.body(null, 404);
      case 'json-not-error':
        return json({ hello: 'world' }, 500);
      case 'truncated':
        return c.body('{"job": {"id": "019539a4-b68c-7def-8000-000000000001", "ty', 200, {
          'Content-Type': 'application/openjobspec+json',
        });
      case 'wrong-shape':
        return json({ job: { id: 5, state: 'flying' } }, 200);
      case 'rate-limited':
        return json({ error: { code: 'rate_limited', message: 'slow down', retryable: true } }, 429, {
          'Retry-After': '7',
        });
      case 'unavailable':
        return json({ code: 'BACKEND_UNAVAILABLE', message: 'redis down' }, 503, {
          'Retry-After': new Date(Date.now() + 60_000).toUTCString(),
        });
      case 'endless': {
        // an endless body: reading it all would never finish
        const chunk = new Uint8Array(64 * 1024).fill(0x20);
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(chunk);
          },
        });
        return new Response(stream, { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      case 'declared-large':
        return new Response(new Uint8Array(3 * 1024 * 1024).fill(0x20), {
          status: 200,
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(3 * 1024 * 1024) },
        });
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, 3000).unref());
        return json({ job: JOB }, 200);
      case 'broken-body': {
        // headers and half a body, then the connection dies
        const { outgoing } = c.env as HttpBindings;
        outgoing.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
        outgoing.write('{"job": {"id": "x", ');
        setTimeout(() => outgoing.destroy(), 20);
        return RESPONSE_ALREADY_SENT;
      }
      default:
        return c.text('unexpected', 500);
    }
  });
  return app;
}

describe('transport against a real HTTP server', () => {
  let served: ServedApp;
  const seen: Seen[] = [];
  beforeAll(async () => {
    served = await serveApp(misbehavingApp(seen));
  });
  afterAll(async () => {
    await served.close();
  });

  const client = (extra: Partial<Parameters<typeof createOjsClient>[0]> = {}) =>
    createOjsClient({ baseUrl: served.url, ...extra });

  async function failure(promise: Promise<unknown>): Promise<OjsError> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(OjsError);
      return error as OjsError;
    }
    throw new Error('expected the call to fail');
  }

  it('sends auth, accept, content-type, user agent and custom headers', async () => {
    const c = client({ token: 's3cret', userAgent: 'lookout-test/1', headers: { 'X-Cluster': 'eu' } });
    const { job } = await c.jobs.enqueue(
      { type: 'email.send', args: [] },
      { headers: { 'X-Request-Id': 'req_me' } },
    );
    expect(job.id).toBe(JOB.id);
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer s3cret',
      accept: 'application/openjobspec+json, application/json',
      'content-type': 'application/json',
      'user-agent': 'lookout-test/1',
      'x-cluster': 'eu',
      'x-request-id': 'req_me',
    });
    expect(JSON.parse(request?.body ?? '')).toEqual({ type: 'email.send', args: [] });
  });

  it('sends no body and no content type on GET, and keeps unknown response fields', async () => {
    const job = await client().jobs.get('ok');
    const request = seen.at(-1);
    expect(request?.headers['content-type']).toBeUndefined();
    expect(request?.body).toBe('');
    expect(job.x_custom_field).toEqual({ kept: true });
    expect(job.state).toBe('available');
  });

  it('returns status, headers and request id with requestWithMeta', async () => {
    const res = await client().transport.requestWithMeta({
      method: 'GET',
      path: '/ojs/v1/jobs/ok',
      schema: z.looseObject({ job: z.looseObject({ id: z.string() }) }),
    });
    expect(res.status).toBe(200);
    expect(res.requestId).toBe('req_ok');
    expect(res.data.job.id).toBe(JOB.id);
  });

  it('maps a 404 wrapper body', async () => {
    const err = await failure(client().jobs.get('missing'));
    expect(err).toMatchObject({
      code: 'not_found',
      status: 404,
      message: 'job missing not found',
      retryable: false,
      details: { job_id: 'missing' },
      requestId: 'req_body',
    });
    expect(err.toJSON()).toEqual({
      error: {
        code: 'not_found',
        message: 'job missing not found',
        retryable: false,
        details: { job_id: 'missing' },
        request_id: 'req_body',
      },
    });
  });

  it('maps a flat SCREAMING_SNAKE body to the canonical lowercase code', async () => {
    const err = await failure(client().jobs.get('flat'));
    expect(err).toMatchObject({
      code: 'conflict',
      status: 409,
      message: 'cannot cancel a completed job',
      retryable: false,
      details: { current_state: 'completed' },
    });
  });

  it('maps an HTML error page to bad_upstream_response (retryable for 502)', async () => {
    const err = await failure(client().jobs.get('html'));
    expect(err).toMatchObject({ code: 'bad_upstream_response', status: 502, retryable: true });
    expect(err.details?.body_preview).toContain('502 Bad Gateway');
  });

  it('maps an empty 404 and a non-error JSON 500 to bad_upstream_response', async () => {
    expect(await failure(client().jobs.get('empty-404'))).toMatchObject({
      code: 'bad_upstream_response',
      status: 404,
      retryable: false,
    });
    expect(await failure(client().jobs.get('json-not-error'))).toMatchObject({
      code: 'bad_upstream_response',
      status: 500,
      retryable: true,
    });
  });

  it('maps truncated JSON and a schema-invalid body to bad_upstream_response', async () => {
    const truncated = await failure(client().jobs.get('truncated'));
    expect(truncated).toMatchObject({ code: 'bad_upstream_response', status: 200, retryable: false });
    const wrong = await failure(client().jobs.get('wrong-shape'));
    expect(wrong).toMatchObject({ code: 'bad_upstream_response', status: 200 });
    const issues = wrong.details?.issues as { path: string }[];
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['job.id', 'job.state']));
  });

  it('rejects an endless body past maxResponseBytes without buffering it', async () => {
    const err = await failure(client({ maxResponseBytes: 1024 * 1024 }).jobs.get('endless'));
    expect(err).toMatchObject({ code: 'bad_upstream_response', status: 200, retryable: false });
    expect(err.details).toMatchObject({ limit_bytes: 1024 * 1024 });
    expect(err.details?.received_bytes).toBeLessThanOrEqual(1024 * 1024 + 64 * 1024);
  });

  it('rejects a body whose Content-Length already exceeds the limit', async () => {
    const err = await failure(client({ maxResponseBytes: 1024 * 1024 }).jobs.get('declared-large'));
    expect(err).toMatchObject({ code: 'bad_upstream_response' });
    expect(err.details).toMatchObject({ limit_bytes: 1024 * 1024, received_bytes: 3 * 1024 * 1024 });
  });

  it('honours Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const limited = await failure(client().jobs.get('rate-limited'));
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429, retryable: true, retryAfterMs: 7000 });
    const unavailable = await failure(client().jobs.get('unavailable'));
    expect(unavailable).toMatchObject({ code: 'backend_unavailable', status: 503, retryable: true });
    expect(unavailable.retryAfterMs).toBeGreaterThan(30_000);
    expect(unavailable.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('maps a 503 health answer that is an error body, not a health body, to the error', async () => {
    const err = await failure(client().health());
    expect(err).toMatchObject({ code: 'backend_unavailable', status: 503, message: 'store offline' });
  });

  it('times out a slow route with backend_timeout', async () => {
    const err = await failure(client({ timeoutMs: 150 }).jobs.get('slow'));
    expect(err).toMatchObject({ code: 'backend_timeout', status: 0, retryable: true });
    expect(err.details).toMatchObject({ timeout_ms: 150 });
  });

  it('lets a per-call timeout override the client timeout', async () => {
    const err = await failure(client({ timeoutMs: 60_000 }).jobs.get('slow', { timeoutMs: 100 }));
    expect(err.code).toBe('backend_timeout');
  });

  it("reports the caller's abort as aborted, not as a timeout", async () => {
    const controller = new AbortController();
    const pending = client({ timeoutMs: 60_000 }).jobs.get('slow', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const err = await failure(pending);
    expect(err).toMatchObject({ code: 'aborted', status: 0, retryable: false });
  });

  it('fails fast with aborted when the signal is already aborted', async () => {
    const err = await failure(client().jobs.get('ok', { signal: AbortSignal.abort() }));
    expect(err.code).toBe('aborted');
  });

  it('maps a body that breaks mid-way to backend_unavailable', async () => {
    const err = await failure(client().jobs.get('broken-body'));
    expect(err).toMatchObject({ code: 'backend_unavailable', status: 0, retryable: true });
    expect(err.details).toMatchObject({ phase: 'body' });
  });

  it('maps connection refused to backend_unavailable', async () => {
    const closed = await serveApp(new Hono());
    await closed.close();
    const err = await failure(createOjsClient({ baseUrl: closed.url }).jobs.get('ok'));
    expect(err).toMatchObject({ code: 'backend_unavailable', status: 0, retryable: true });
    expect(String(err.details?.reason)).toContain('ECONNREFUSED');
  });
});

describe('client options', () => {
  it('rejects a relative or non-http baseUrl and nonsense limits', () => {
    expect(() => createOjsClient({ baseUrl: '/ojs' })).toThrow(TypeError);
    expect(() => createOjsClient({ baseUrl: 'ftp://example.com' })).toThrow(TypeError);
    expect(() => createOjsClient({ baseUrl: 'http://x', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createOjsClient({ baseUrl: 'http://x', maxResponseBytes: -1 })).toThrow(/maxResponseBytes/);
    expect(() =>
      createOjsClient({ baseUrl: 'http://x', headers: { 'X-A': 1 as unknown as string } }),
    ).toThrow(TypeError);
  });

  it('keeps a path prefix of baseUrl and drops trailing slashes', () => {
    const c = createOjsClient({ baseUrl: 'http://example.com/upstream/' });
    expect(c.transport.url('/ojs/v1/jobs', { queues: ['a', 'b'], limit: 5, skip: undefined })).toBe(
      'http://example.com/upstream/ojs/v1/jobs?queues=a%2Cb&limit=5',
    );
  });
});

/**
 * The DSL forms, one by one, on small inline cases against a real HTTP server that echoes what it receives.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveFetchHandler, type ServedApp } from '../serveFetchHandler';
import { type ConformanceCase, normalizeCase } from './conformanceCase';
import { groupParallelSteps, runConformanceCase, type RunConformanceCaseOptions } from './runConformanceCase';

interface Seen {
  method: string;
  path: string;
  contentType: string | null;
  body: string;
  at: number;
}

const seen: Seen[] = [];
let waiting: (() => void)[] = [];

function echoApp(): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    seen.push({
      method: c.req.method,
      path: c.req.path,
      contentType: c.req.header('content-type') ?? null,
      body: await c.req.text(),
      at: performance.now(),
    });
    await next();
  });
  app.all('/echo', (c) => {
    const last = seen.at(-1);
    c.header('X-Count', String(seen.length));
    return c.json(
      {
        method: c.req.method,
        content_type: last?.contentType ?? null,
        body: last?.body ?? '',
        count: seen.length,
      },
      200,
    );
  });
  app.post('/jobs', async (c) => {
    const body = await c.req.json<Record<string, unknown>>();
    return c.json({ job: { id: 'job-1', state: 'available', echo: body } }, 201);
  });
  app.get('/jobs/:id', (c) => c.json({ job: { id: c.req.param('id'), state: 'available' } }, 200));
  app.post('/fetch-empty', (c) => c.body(null, 204));
  app.get('/text', (c) => c.text('plain "state":"completed" text', 200));
  // Answers only once two requests are waiting (or after 3 s, saying so): proves requests overlap.
  app.post('/barrier', async (c) => {
    const together = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3_000);
      waiting.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      if (waiting.length >= 2) {
        const release = waiting;
        waiting = [];
        release.forEach((r) => r());
      }
    });
    return c.json({ together }, 200);
  });
  app.get('/hang', () => new Promise<Response>(() => undefined));
  return app;
}

let server: ServedApp;
beforeAll(async () => {
  server = await serveFetchHandler(echoApp().fetch);
});
afterAll(async () => {
  await server.close();
});

function makeCase(steps: unknown[], extra: Record<string, unknown> = {}): ConformanceCase {
  return normalizeCase(
    { test_id: 'T-001', level: 0, category: 'dsl', name: 'inline', steps, ...extra },
    { suite: 'inline', file: 'inline/t.json' },
  );
}

function run(c: ConformanceCase, options: Partial<RunConformanceCaseOptions> = {}) {
  return runConformanceCase(c, { baseUrl: server.baseUrl, ...options });
}

describe('requests', () => {
  test('a JSON body gets the OJS media type unless the step sets a Content-Type; raw_body goes verbatim', async () => {
    const r = await run(
      makeCase([
        {
          id: 'a',
          action: 'POST',
          path: '/echo',
          body: { x: 1 },
          assertions: { body: { '$.content_type': 'application/openjobspec+json', '$.body': '{"x":1}' } },
        },
        {
          id: 'b',
          action: 'post',
          path: '/echo',
          headers: { 'Content-Type': 'application/json' },
          body: [1],
          assertions: { body: { '$.content_type': 'application/json' } },
        },
        {
          id: 'c',
          action: 'POST',
          path: '/echo',
          raw_body: '{ invalid json }',
          assertions: { body: { '$.body': '{ invalid json }' } },
        },
        {
          id: 'd',
          action: 'GET',
          path: '/echo',
          assertions: { body: { '$.content_type': null, '$.body': '' } },
        },
      ]),
    );
    expect(r.failures).toEqual([]);
    expect(r.status).toBe('passed');
  });

  test('repeat sends the request N times and checks every response', async () => {
    const before = seen.length;
    const r = await run(
      makeCase([
        {
          id: 'r',
          action: 'GET',
          path: '/echo',
          repeat: 3,
          assertions: { status: 200, body: { '$.count': { $lte: before + 2 } } },
        },
      ]),
    );
    expect(seen.length - before).toBe(3);
    expect(r.failures.map((f) => [f.repetition, f.path, f.actual])).toEqual([[3, '$.count', before + 3]]);
  });

  test('delay_ms and WAIT sleep before the next request', async () => {
    const c = makeCase([
      { id: 'first', action: 'GET', path: '/echo' },
      { id: 'pause', action: 'WAIT', duration_ms: 40 },
      { id: 'second', action: 'GET', path: '/echo', delay_ms: 30 },
    ]);
    expect(c.declaredWaitMs).toBe(70);
    const before = seen.length;
    const r = await run(c);
    expect(r.status).toBe('passed');
    const [a, b] = seen.slice(before);
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(65);
  });

  test('parallel_with steps are in flight at the same time', async () => {
    const c = makeCase([
      {
        id: 'x',
        action: 'POST',
        path: '/barrier',
        body: {},
        parallel_with: 'y',
        assertions: { body: { '$.together': true } },
      },
      {
        id: 'y',
        action: 'POST',
        path: '/barrier',
        body: {},
        parallel_with: 'x',
        assertions: { body: { '$.together': true } },
      },
      { id: 'after', action: 'GET', path: '/echo' },
    ]);
    expect(groupParallelSteps(c.steps).map((g) => g.map((s) => s.id))).toEqual([['x', 'y'], ['after']]);
    const r = await run(c);
    expect(r.failures).toEqual([]);
  });

  test('an unreachable server is a request failure, not a crash', async () => {
    const gone = await serveFetchHandler(echoApp().fetch);
    await gone.close();
    const r = await runConformanceCase(
      makeCase([{ id: 'a', action: 'GET', path: '/echo', assertions: { status: 200 } }]),
      {
        baseUrl: gone.baseUrl,
      },
    );
    expect(r.failures).toEqual([
      expect.objectContaining({
        stepId: 'a',
        kind: 'request',
        message: expect.stringMatching(/^request failed: /) as unknown,
      }),
    ]);
  });
});

describe('deadlines', () => {
  test('a request that never answers fails after requestTimeoutMs', async () => {
    const r = await run(makeCase([{ id: 'h', action: 'GET', path: '/hang', assertions: { status: 200 } }]), {
      requestTimeoutMs: 100,
    });
    expect(r.failures).toEqual([
      expect.objectContaining({
        stepId: 'h',
        kind: 'request',
        message: 'request failed: no response within 100 ms',
      }),
    ]);
  });

  test('a case past its deadline is aborted with a timeout failure', async () => {
    const r = await run(
      makeCase([
        { id: 'ok', action: 'GET', path: '/echo' },
        { id: 'h', action: 'GET', path: '/hang' },
        { id: 'never', action: 'GET', path: '/echo' },
      ]),
      { timeoutMs: 1_000 },
    );
    expect(r.status).toBe('failed');
    expect(r.failures).toEqual([
      expect.objectContaining({
        kind: 'timeout',
        message: expect.stringContaining('case deadline of 1000 ms exceeded') as unknown,
      }),
    ]);
    expect(r.steps.map((s) => s.stepId)).toEqual(['ok']);
  });
});

describe('assertion forms', () => {
  test('status forms', async () => {
    const steps = [
      { status: 200 },
      { status: '200' },
      { status: 'one_of:200,201' },
      { status: 'number:range(200,299)' },
      { status: { $in: [200, 204] } },
      { status_in: [200, 204] },
      { status_one_of: [200] },
    ].map((assertions, i) => ({ id: `s${i}`, action: 'GET', path: '/echo', assertions }));
    expect((await run(makeCase(steps))).failures).toEqual([]);
    const r = await run(
      makeCase([
        {
          id: 'bad',
          action: 'GET',
          path: '/echo',
          assertions: { status: 'one_of:201,204', status_in: [500] },
        },
      ]),
    );
    expect(r.failures.map((f) => f.message)).toEqual([
      'expected status one of 201, 204, got 200',
      'expected status in [500], got 200',
    ]);
  });

  test('headers: exact, $exists, $match, case-insensitive names', async () => {
    const ok = await run(
      makeCase([
        {
          id: 'h',
          action: 'GET',
          path: '/echo',
          assertions: {
            headers: {
              'content-type': { $match: 'application/(openjobspec\\+)?json' },
              'X-COUNT': { $exists: true },
              'Retry-After': { $exists: false },
            },
          },
        },
      ]),
    );
    expect(ok.failures).toEqual([]);
    const bad = await run(
      makeCase([
        {
          id: 'h',
          action: 'GET',
          path: '/echo',
          assertions: { headers: { 'Retry-After': { $exists: true }, 'X-Count': '0' } },
        },
      ]),
    );
    expect(bad.failures.map((f) => [f.kind, f.path, f.actual])).toEqual([
      ['header', 'Retry-After', undefined],
      ['header', 'X-Count', expect.stringMatching(/^\d+$/)],
    ]);
  });

  test('body $or, $empty, body_absent, body_contains', async () => {
    const r = await run(
      makeCase([
        {
          id: 'e',
          action: 'POST',
          path: '/fetch-empty',
          assertions: {
            status: { $in: [200, 204] },
            body: { $or: [{ '$.jobs': { $size: 0 } }, { $empty: true }] },
          },
        },
        {
          id: 'j',
          action: 'POST',
          path: '/jobs',
          body: { type: 't' },
          assertions: {
            body_absent: ['$.job.result', '$.job.error'],
            body_contains: ['"state":"available"'],
          },
        },
        {
          id: 't',
          action: 'GET',
          path: '/text',
          assertions: { body_contains: ['"state":"completed"'], body: { '$.anything': 'absent' } },
        },
      ]),
    );
    expect(r.failures).toEqual([]);
    const bad = await run(
      makeCase([
        {
          id: 'e',
          action: 'POST',
          path: '/jobs',
          body: {},
          assertions: {
            body: { $or: [{ '$.jobs': { $size: 0 } }, { $empty: true }] },
            body_absent: ['$.job.state'],
            body_contains: ['nope'],
          },
        },
      ]),
    );
    expect(bad.failures.map((f) => [f.kind, f.path])).toEqual([
      ['body', '$or'],
      ['body_absent', '$.job.state'],
      ['body_contains', 'body_contains'],
    ]);
    expect(bad.failures[0]?.message).toBe(
      'no $or alternative matched (#1: $.jobs expected an array for $size, got missing (missing); #2: $empty expected an empty body)',
    );
  });

  test('timing_ms bounds', async () => {
    const r = await run(
      makeCase([
        {
          id: 't',
          action: 'GET',
          path: '/echo',
          assertions: { timing_ms: { less_than: 60_000, greater_than: 60_000 } },
        },
      ]),
    );
    expect(r.failures.map((f) => f.path)).toEqual(['timing_ms.greater_than']);
  });

  test('templates and captures across steps, in both dialects', async () => {
    const r = await run(
      makeCase([
        {
          id: 'enq',
          action: 'POST',
          path: '/jobs',
          body: { type: 't' },
          expect: { status: 201, 'body.job.state': 'available' },
          capture: { job_id: '$.job.id' },
        },
        {
          id: 'get1',
          action: 'GET',
          path: '/jobs/{{steps.enq.response.body.job.id}}',
          assertions: { body: { '$.job.id': '{{job_id}}' } },
        },
        {
          id: 'get2',
          action: 'GET',
          path: '/jobs/${job_id}',
          store: { again: 'job.id' },
          expect: { 'body.job.id': '${job_id}' },
        },
        {
          id: 'post',
          action: 'POST',
          path: '/jobs',
          body: { ref: '{{again}}', status: '{{steps.get2.response.status}}' },
          assertions: { body: { '$.job.echo': { ref: 'job-1', status: 200 } } },
        },
      ]),
    );
    expect(r.failures).toEqual([]);
    expect(r.steps.map((s) => s.url?.replace(server.baseUrl, ''))).toEqual([
      '/jobs',
      '/jobs/job-1',
      '/jobs/job-1',
      '/jobs',
    ]);
  });
});

describe('what cannot be checked is reported, not passed silently', () => {
  test('ASSERT without a known form, WAIT with assertions, unknown assertion keys', async () => {
    const r = await run(
      makeCase([
        {
          id: 'a',
          action: 'GET',
          path: '/echo',
          assertions: { status: 200, body_raw: 'x', body_comment: 'at most 1 job' },
        },
        { id: 'w', action: 'WAIT', duration_ms: 1, assertions: { status: 200 } },
        { id: 'x', action: 'ASSERT', assertions: { ordering: { before: 'a', after: 'w' } } },
      ]),
    );
    expect(r.status).toBe('passed');
    expect(r.unchecked).toEqual([
      {
        stepId: 'a',
        what: 'body_comment',
        reason: 'prose expectation, not machine-checkable: at most 1 job',
      },
      { stepId: 'a', what: 'body_raw', reason: 'assertion form not known to the harness' },
      {
        stepId: 'w',
        what: 'assertions',
        reason: 'WAIT steps make no request; their assertions are not evaluated',
      },
      {
        stepId: 'x',
        what: 'ordering',
        reason: 'an ASSERT step makes no request, so there is no response to check',
      },
    ]);
  });

  test('an exclusive_claim without the fields it needs is not checkable', async () => {
    const r = await run(
      makeCase([{ id: 'x', action: 'ASSERT', assertions: { exclusive_claim: { fetches: [] } } }]),
    );
    expect(r.unchecked).toEqual([
      {
        stepId: 'x',
        what: 'exclusive_claim',
        reason: expect.stringMatching(/^unrecognised shape/) as unknown,
      },
    ]);
  });

  test('the SDK-style dialect (lowercase verbs with a request object) is skipped with the reason', async () => {
    const r = await run(
      makeCase([
        {
          action: 'push',
          request: { type: 'ml.generate', args: [] },
          expect: { status: 201 },
          store: { job_id: 'id' },
        },
        { action: 'get', request: { id: '$ref.job_id' }, expect: { status: 200 } },
      ]),
    );
    expect(r.status).toBe('skipped');
    expect(r.skipReason).toBe(
      'not runnable by this harness: step step-1: action "push" without a path has no defined HTTP mapping; step step-2: action "get" without a path has no defined HTTP mapping',
    );
  });
});

describe('phases', () => {
  test('a failing setup step fails the case before its steps; teardown still runs', async () => {
    const before = seen.length;
    const r = await run(
      makeCase([{ id: 'main', action: 'GET', path: '/echo' }], {
        setup: { steps: [{ id: 'prep', action: 'GET', path: '/echo', assertions: { status: 201 } }] },
        teardown: { steps: [{ id: 'clean', action: 'DELETE', path: '/echo' }] },
      }),
    );
    expect(r.failures.map((f) => [f.phase, f.stepId])).toEqual([['setup', 'prep']]);
    expect(seen.slice(before).map((s) => s.method)).toEqual(['GET', 'DELETE']);
    expect(r.steps.map((s) => [s.phase, s.stepId, s.passed])).toEqual([
      ['setup', 'prep', false],
      ['teardown', 'clean', true],
    ]);
  });
});

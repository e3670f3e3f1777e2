import { createOjsServer, ManualClock, MemoryStore, type OjsServer } from '@lookout/ojs-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyFor, contentType, count, newTally, pathFor, queryFor, routesOf } from './support/fuzzInput';
import { trackProcessErrors } from './support/rejections';
import { countStoreWrites } from './support/storeWrites';

/** Cases against the server (the BFF's fuzz test runs the rest of the 10,000). */
const RUNS = Number(process.env.RELIABILITY_SERVER_FUZZ_RUNS ?? 6000);
/** Streams never end: they are covered by the realtime tests. */
const STREAMS = /\/events\/stream$|\/jobs\/:id\/events$|\/queues\/:name\/events$/;
const WIRE_KEYS = [
  'type',
  'args',
  'options',
  'queue',
  'queues',
  'priority',
  'retry',
  'unique',
  'jobs',
  'job_id',
  'error',
  'result',
  'worker_id',
  'count',
  'visibility_timeout_ms',
  'filter',
  'states',
  'confirm',
  'name',
  'expression',
  'timezone',
  'job_template',
  'steps',
  'depends_on',
  'enabled',
  'progress',
  'message',
  'concurrency',
  'limit',
  'window',
  'paused',
  'max_attempts',
  'scheduled_at',
  'delay',
  'tags',
  'meta',
  'active_jobs',
  'state',
  'mode',
  'reason',
];
const QUERY_KEYS = [
  'state',
  'queue',
  'type',
  'limit',
  'offset',
  'per_page',
  'page',
  'cursor',
  'sort',
  'order',
  'since',
  'until',
  'after',
  'period',
];

let server: OjsServer;
let writes: () => number;
const params: Record<string, string[]> = {};
const tracker = trackProcessErrors();

async function call(method: string, path: string, body?: string, type?: string) {
  const res = await server.fetch(
    new Request(`http://ojs.test${path}`, {
      method,
      headers: type === undefined ? {} : { 'Content-Type': type },
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
    }),
  );
  const text = await res.text();
  return { status: res.status, text };
}

beforeAll(async () => {
  const counted = countStoreWrites(new MemoryStore());
  writes = counted.writes;
  server = createOjsServer({
    store: counted.store,
    clock: new ManualClock(),
    options: { autoStartScheduler: false },
  });
  // Something of everything, so that real ids and names show up among the junk.
  const post = async (path: string, body: unknown) => {
    const res = await call('POST', path, JSON.stringify(body), 'application/json');
    expect(res.status, `${path}: ${res.text}`).toBeLessThan(300);
    return JSON.parse(res.text) as Record<string, unknown>;
  };
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const { job } = (await post('/ojs/v1/jobs', {
      type: 'email.send',
      args: [i],
      options: { queue: i % 2 === 0 ? 'emails' : 'reports', retry: { max_attempts: 1 } },
    })) as { job: { id: string } };
    ids.push(job.id);
  }
  const { jobs } = (await post('/ojs/v1/workers/fetch', {
    queues: ['emails'],
    count: 3,
    worker_id: 'w-1',
  })) as { jobs: { id: string }[] };
  await post('/ojs/v1/workers/nack', {
    job_id: jobs[0]?.id,
    error: { code: 'boom', message: 'failed', retryable: false },
  });
  await post('/ojs/v1/workers/ack', { job_id: jobs[1]?.id, result: {} });
  await post('/ojs/v1/cron', {
    name: 'nightly',
    expression: '0 3 * * *',
    job_template: { type: 'report.build', args: [] },
  });
  const wf = (await post('/ojs/v1/workflows', {
    type: 'chain',
    name: 'wf',
    steps: [
      { type: 'a.step', args: [] },
      { type: 'b.step', args: [] },
    ],
  })) as { workflow: { id: string } };
  params.id = [...ids, wf.workflow.id, 'w-1'];
  params.name = ['emails', 'reports', 'nightly'];
  params.key = ['emails'];
});

afterAll(async () => {
  tracker.stop();
  await server.close();
});

describe('property-based fuzzing of the OJS server', () => {
  it(`${RUNS} malformed requests: never 5xx, always the error envelope, a rejected request changes nothing`, async () => {
    const routes = routesOf(server.app.routes, '/ojs/', STREAMS);
    expect(routes.length).toBeGreaterThan(60);
    const tally = newTally();
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        method: fc.constant(route.method),
        path: pathFor(route.path, params),
        query: queryFor(QUERY_KEYS),
        body: bodyFor(WIRE_KEYS),
        type: contentType,
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, query, body, type }) => {
        const writesBefore = writes();
        const seqBefore = server.events.lastSeq;
        const res = await call(method, path + query, body, type);
        count(tally, res.status);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          // One error envelope; a bulk request where every item failed answers its per-item report instead.
          const answer = JSON.parse(res.text) as {
            error?: { code?: unknown; message?: unknown };
            items?: { error?: { code?: unknown } }[];
          };
          const error = answer.error ?? answer.items?.[0]?.error;
          expect(typeof error?.code, res.text).toBe('string');
          if (answer.items) expect(answer.items.every((item) => item.error !== undefined)).toBe(true);
          else expect(typeof answer.error?.message).toBe('string');
          expect(writes(), 'a rejected request wrote to the store').toBe(writesBefore);
          expect(server.events.lastSeq, 'a rejected request emitted an event').toBe(seqBefore);
        }
      }),
      { numRuns: RUNS, seed: 20261123, endOnFailure: true },
    );
    console.log(JSON.stringify({ serverFuzz: { routes: routes.length, ...tally } }));
    expect(tally.cases).toBe(RUNS);
    expect(tracker.errors).toEqual([]);
  });
});

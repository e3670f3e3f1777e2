import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBff, loadConfig, type Bff } from '@lookout/bff';
import { createOjsServer, ManualClock, MemoryStore, type OjsServer } from '@lookout/ojs-server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyFor, contentType, count, newTally, pathFor, queryFor, routesOf } from './support/fuzzInput';
import { trackProcessErrors } from './support/rejections';
import { countStoreWrites } from './support/storeWrites';

/** Cases against the BFF (the server's fuzz test runs the rest of the 10,000). */
const RUNS = Number(process.env.RELIABILITY_BFF_FUZZ_RUNS ?? 4000);
/** The live stream never ends (the stream tests cover it); OIDC is not configured here. */
const SKIP = /^\/api\/events$|^\/api\/auth\/oidc\//;
const BODY_KEYS = [
  'action',
  'filter',
  'confirm',
  'confirmation_phrase',
  'cluster',
  'clusters',
  'queue',
  'queues',
  'state',
  'states',
  'type',
  'job_ids',
  'ids',
  'reason',
  'q',
  'limit',
  'expected_count',
  'username',
  'password',
  'dry_run',
  'tag',
  'before',
  'since',
  'priority',
  'sort',
  'order',
];
const QUERY_KEYS = [
  'cluster',
  'queue',
  'state',
  'type',
  'q',
  'tag',
  'priority',
  'page',
  'per_page',
  'sort',
  'order',
  'window',
  'since',
  'until',
  'before',
  'limit',
  'cursor',
  'format',
  'types',
  'error',
  'worker',
  'workflow',
  'args',
  'meta',
  'range',
  'step_seconds',
  'last_event_id',
];

let server: OjsServer;
let bff: Bff;
let storeWrites: () => number;
let csrf = '';
let dataDir = '';
const params: Record<string, string[]> = {};
const tracker = trackProcessErrors();

beforeAll(async () => {
  const counted = countStoreWrites(new MemoryStore());
  storeWrites = counted.writes;
  server = createOjsServer({
    store: counted.store,
    clock: new ManualClock(),
    options: { autoStartScheduler: false },
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-fuzz-'));
  const config = loadConfig({
    env: {
      OJS_URL: 'http://ojs.test',
      LOOKOUT_DATA_DIR: dataDir,
      LOOKOUT_WEB_DIR: 'none',
      LOOKOUT_CACHE_MS: '0',
    },
    cwd: dataDir,
  });
  bff = createBff(config, {
    defaultMetrics: false,
    log: () => undefined,
    fetchFor: () => (input, init) => server.fetch(new Request(input, init)),
  });
  await bff.start();

  const post = async (p: string, body: unknown) => {
    const res = await server.fetch(
      new Request(`http://ojs.test${p}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const ids: string[] = [];
  for (let i = 0; i < 40; i++) {
    const { job } = (await post('/ojs/v1/jobs', {
      type: i % 3 === 0 ? 'payment.charge' : 'email.send',
      args: [{ n: i }],
      options: { queue: i % 2 === 0 ? 'emails' : 'payments', retry: { max_attempts: 1 } },
    })) as { job: { id: string } };
    ids.push(job.id);
  }
  const { jobs } = (await post('/ojs/v1/workers/fetch', {
    queues: ['emails'],
    count: 4,
    worker_id: 'w-1',
  })) as {
    jobs: { id: string }[];
  };
  for (const job of jobs.slice(0, 2)) {
    await post('/ojs/v1/workers/nack', {
      job_id: job.id,
      error: { code: 'smtp_down', message: 'SMTP 451', retryable: false },
    });
  }
  const me = (await (await bff.app.request('/api/me')).json()) as { csrf_token: string };
  csrf = me.csrf_token;
  const dead = (await (await bff.app.request('/api/dead-letter')).json()) as {
    groups?: { fingerprint: string }[];
  };
  params.cluster = [config.clusters[0]?.id ?? 'default'];
  params.id = [...ids, 'w-1'];
  params.name = ['emails', 'payments'];
  params.fingerprint = (dead.groups ?? []).map((g) => g.fingerprint);
});

afterAll(async () => {
  tracker.stop();
  await bff.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('property-based fuzzing of every BFF route', () => {
  it(`${RUNS} malformed requests: never 5xx, always the error envelope, a rejected request changes nothing`, async () => {
    const routes = routesOf(bff.app.routes, '/api/', SKIP);
    expect(routes.length).toBeGreaterThanOrEqual(35);
    const tally = newTally();
    const request = fc.constantFrom(...routes).chain((route) =>
      fc.record({
        method: fc.constant(route.method),
        path: pathFor(route.path, params),
        query: queryFor(QUERY_KEYS),
        body: bodyFor(BODY_KEYS),
        type: contentType,
        // Mostly a same-origin browser with its CSRF token, so that requests get past the gate to validation.
        token: fc.oneof({ arbitrary: fc.constant(true), weight: 9 }, fc.constant(false)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path: p, query, body, type, token }) => {
        const before = { store: storeWrites(), seq: server.events.lastSeq };
        const headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' };
        if (token) headers['X-CSRF-Token'] = csrf;
        if (type !== undefined) headers['Content-Type'] = type;
        const res = await bff.app.request(p + query, {
          method,
          headers,
          body: method === 'GET' ? undefined : body,
        });
        const text = await res.text();
        count(tally, res.status);
        expect(res.status, text).toBeLessThan(500);
        if (res.status >= 400) {
          const answer = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof answer.error?.code, text).toBe('string');
          expect(typeof answer.error?.message, text).toBe('string');
          expect(storeWrites(), 'a rejected request changed the server').toBe(before.store);
          // The only event a rejected request may leave is the server's report of a bulk call that changed
          // nothing (the BFF acts on single jobs through the bulk endpoints).
          const events = server.events.readAfter(before.seq, 100).events as unknown as {
            type: string;
            data: { succeeded?: number };
          }[];
          expect(events.filter((e) => !(e.type.startsWith('bulk.') && e.data.succeeded === 0))).toEqual([]);
        } else {
          // Accepted bulk operations run in the background: let them finish before the next case.
          await bff.deps.operations.drain();
        }
      }),
      { numRuns: RUNS, seed: 20261124, endOnFailure: true },
    );
    console.log(JSON.stringify({ bffFuzz: { routes: routes.length, ...tally } }));
    expect(tally.cases).toBe(RUNS);
    expect(tracker.errors).toEqual([]);
  });
});

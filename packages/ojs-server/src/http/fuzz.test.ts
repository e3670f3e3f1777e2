import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createOjsServer, type OjsServer } from '../createOjsServer';
import { call } from '../testing/httpClient';

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROUTES: Array<[string, string]> = [
  ['POST', '/ojs/v1/jobs'],
  ['POST', '/ojs/v1/jobs/batch'],
  ['POST', '/ojs/v1/jobs/bulk'],
  ['PUT', '/ojs/v1/jobs/019539a4-0000-7000-8000-000000000000/progress'],
  ['POST', '/ojs/v1/workers/fetch'],
  ['POST', '/ojs/v1/workers/ack'],
  ['POST', '/ojs/v1/workers/nack'],
  ['POST', '/ojs/v1/workers/heartbeat'],
  ['POST', '/ojs/v1/workers/beat'],
  ['POST', '/ojs/v1/cron'],
  ['PATCH', '/ojs/v1/cron/some-cron'],
  ['POST', '/ojs/v1/workflows'],
  ['POST', '/ojs/v1/dead-letter/019539a4-0000-7000-8000-000000000000/retry'],
  ['PUT', '/ojs/v1/rate-limits/key-1'],
  ['PUT', '/ojs/v1/admin/queues/default/config'],
  ['PUT', '/ojs/v1/admin/queues/default/rate-limit'],
  ['DELETE', '/ojs/v1/admin/queues/default/jobs'],
  ['POST', '/ojs/v1/admin/jobs/bulk/retry'],
  ['POST', '/ojs/v1/admin/jobs/bulk/cancel'],
  ['POST', '/ojs/v1/admin/jobs/bulk/delete'],
  ['POST', '/ojs/v1/admin/dead-letter/retry'],
  ['DELETE', '/ojs/v1/admin/dead-letter'],
  ['POST', '/ojs/v1/admin/system/maintenance'],
];

const GETS = [
  '/ojs/v1/admin/jobs?state=%00&per_page=-1',
  '/ojs/v1/admin/jobs?since=yesterday',
  '/ojs/v1/admin/jobs?sort=id',
  '/ojs/v1/admin/jobs?cursor=%7B%7D',
  '/ojs/v1/admin/stats/history?period=2m',
  '/ojs/v1/admin/stats/history?since=2030-01-01T00:00:00Z&until=2020-01-01T00:00:00Z',
  '/ojs/v1/events?limit=abc',
  '/ojs/v1/events?after=1e99',
  '/ojs/v1/queues?limit=0',
  '/ojs/v1/queues/BAD%20NAME/stats',
  '/ojs/v1/dead-letter?offset=-1',
  '/ojs/v1/jobs/%E0%A4%A',
  '/ojs/v1/workflows/nope',
];

function junk(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 9);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() * 1e6 - 5e5;
    case 2:
      return ['', 'x', 'email.send', 'Bad Type', '-1', '+PT1S', 'PT1S', '2026-01-01T00:00:00Z', '\u0000'][
        Math.floor(r() * 9)
      ];
    case 3:
      return r() > 0.5;
    case 4:
      return depth > 2 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => junk(r, depth + 1));
    default: {
      if (depth > 3) return {};
      const keys = [
        'type',
        'args',
        'options',
        'queues',
        'job_id',
        'error',
        'jobs',
        'filter',
        'confirm',
        'states',
        'name',
        'expression',
        'job_template',
        'steps',
        'retry',
        'unique',
        'rate_limit',
        'enabled',
        'progress',
        'backpressure',
        'worker_id',
        'active_jobs',
        'count',
        'queue',
        'priority',
      ];
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 5);
      for (let i = 0; i < n; i++) o[keys[Math.floor(r() * keys.length)] as string] = junk(r, depth + 1);
      return o;
    }
  }
}

describe('fuzzing every write route with malformed bodies', () => {
  let server: OjsServer;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };

  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
    server = createOjsServer({ clock: new ManualClock(), options: { autoStartScheduler: false } });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await server.close();
  });

  it(
    'never answers 5xx, always with a JSON error envelope, and no rejection escapes',
    { timeout: 120_000 },
    async () => {
      const r = rng(20260101);
      const statuses = new Map<number, number>();
      for (let i = 0; i < 1500; i++) {
        const [method, path] = ROUTES[i % ROUTES.length] as [string, string];
        const body = i % 17 === 0 ? '{"broken": ' : i % 23 === 0 ? 'null' : JSON.stringify(junk(r));
        const res = await call(server, method, path, body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, `${method} ${path} ${body}`).toBeLessThan(500);
        if (res.status >= 400) {
          const err = res.body['error'] as Record<string, unknown> | undefined;
          expect(err, `${method} ${path} ${body} -> ${res.text}`).toBeDefined();
          expect(typeof err?.['code']).toBe('string');
          expect(typeof err?.['message']).toBe('string');
        }
      }
      for (const path of GETS) {
        const res = await call(server, 'GET', path);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
      // most junk is rejected; what was accepted is consistent with the counters
      expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
      const counts = server.store.totalCounts();
      const listed = server.store.listJobs({
        sort: 'created_at',
        order: 'asc',
        offset: 0,
        limit: 10_000,
      }).total;
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(listed);
    },
  );
});

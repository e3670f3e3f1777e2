import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createOjsServer, type OjsServer } from '../createOjsServer';
import { MemoryStore } from '../store/MemoryStore';
import type { OjsStore } from '../store/OjsStore';
import { SqliteStore } from '../store/SqliteStore';
import { arr, call, obj } from '../testing/httpClient';

const stores: Array<[string, () => OjsStore]> = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore({ path: ':memory:' })],
];

describe.each(stores)('admin API (%s store)', (_name, makeStore) => {
  let clock: ManualClock;
  let s: OjsServer;
  const A = '/ojs/v1/admin';

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 4, 1, 9, 0, 0));
    s = createOjsServer({
      store: makeStore(),
      clock,
      options: { autoStartScheduler: false, workers: { staleAfterMs: 30_000, forgetAfterMs: 3_600_000 } },
    });
  });
  afterEach(() => s.close());

  const enqueue = async (
    type: string,
    queue: string,
    extra: Record<string, unknown> = {},
  ): Promise<string> => {
    const res = await call(s, 'POST', '/ojs/v1/jobs', { type, args: [], options: { queue, ...extra } });
    expect(res.status).toBe(201);
    return String(obj(res.body['job'])['id']);
  };
  const fail = async (queue: string, worker = 'w1'): Promise<void> => {
    const f = await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: [queue], worker_id: worker });
    const job = obj(arr(f.body['jobs'])[0]);
    await call(s, 'POST', '/ojs/v1/workers/nack', {
      job_id: job['id'],
      error: { code: 'x', type: 'SmtpError', message: 'down' },
    });
  };

  it('lists queues with per-state counts, and shows detail with configuration', async () => {
    await enqueue('email.send', 'mail');
    await enqueue('email.send', 'mail');
    await enqueue('report.daily', 'reports', { scheduled_at: '+PT1H' });
    const list = await call(s, 'GET', `${A}/queues`);
    expect(list.status).toBe(200);
    const items = arr(list.body['items']).map(obj);
    expect(items.map((q) => q['name'])).toEqual(['mail', 'reports']);
    expect(items[0]).toMatchObject({ state: 'active', counts: { available: 2, active: 0 }, paused: false });
    expect(items[0]?.['oldest_available_at']).toEqual(expect.any(String));
    expect(items[1]).toMatchObject({ counts: { scheduled: 1 }, oldest_available_at: null });
    expect(list.body['pagination']).toMatchObject({ total: 2, page: 1, per_page: 20 });
    const put = await call(s, 'PUT', `${A}/queues/mail/config`, {
      concurrency: 3,
      rate_limit: { limit: 100, period: 'PT1M' },
      retention: { completed: 'P7D' },
    });
    expect(put.status).toBe(200);
    const detail = await call(s, 'GET', `${A}/queues/mail`);
    expect(detail.body).toMatchObject({
      name: 'mail',
      configuration: {
        concurrency: 3,
        rate_limit: { limit: 100, period: 'PT1M' },
        retention: { completed: 'P7D' },
      },
      oldest_available_at: expect.any(String) as string,
    });
    expect((await call(s, 'GET', `${A}/queues/nope`)).status).toBe(404);
    const bad = await call(s, 'PUT', `${A}/queues/mail/config`, { rate_limit: { limit: 0, period: 'PT1M' } });
    expect(bad.status).toBe(400);
  });

  it('queue concurrency from the config limits FETCH', async () => {
    for (let i = 0; i < 3; i++) await enqueue('a.b', 'limited');
    await call(s, 'PUT', `${A}/queues/limited/config`, { concurrency: 1 });
    const first = await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['limited'], count: 3 });
    expect(arr(first.body['jobs'])).toHaveLength(1);
    const job = obj(arr(first.body['jobs'])[0]);
    expect(
      arr((await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['limited'] })).body['jobs']),
    ).toHaveLength(0);
    await call(s, 'POST', '/ojs/v1/workers/ack', { job_id: job['id'] });
    expect(
      arr((await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['limited'] })).body['jobs']),
    ).toHaveLength(1);
  });

  it("carries each job's args in list rows", async () => {
    const res = await call(s, 'POST', '/ojs/v1/jobs', {
      type: 'invoice.render',
      args: [{ invoice_id: 42 }, 'pdf'],
      options: { queue: 'billing' },
    });
    expect(res.status).toBe(201);
    const list = await call(s, 'GET', `${A}/jobs?queue=billing`);
    expect(arr(list.body['items']).map((j) => obj(j)['args'])).toEqual([[{ invoice_id: 42 }, 'pdf']]);
  });

  it('lists jobs with state/queue/type/time filters, sort, pages and a keyset cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      clock.advance(1000);
      ids.push(
        await enqueue(i % 2 === 0 ? 'email.send' : 'email.digest', i % 3 === 0 ? 'q3' : 'qx', {
          priority: i % 5,
        }),
      );
    }
    const page1 = await call(s, 'GET', `${A}/jobs?per_page=10`);
    expect(page1.body['pagination']).toMatchObject({ total: 30, page: 1, per_page: 10, has_more: true });
    expect(arr(page1.body['items']).map((j) => obj(j)['id'])).toEqual(ids.slice(20).reverse());
    const page3 = await call(s, 'GET', `${A}/jobs?per_page=10&page=3`);
    expect(arr(page3.body['items']).map((j) => obj(j)['id'])).toEqual(ids.slice(0, 10).reverse());

    let cursor = String(obj(page1.body['pagination'])['next_cursor']);
    const walked = arr(page1.body['items']).map((j) => obj(j)['id']);
    for (;;) {
      const next = await call(s, 'GET', `${A}/jobs?per_page=10&cursor=${encodeURIComponent(cursor)}`);
      walked.push(...arr(next.body['items']).map((j) => obj(j)['id']));
      const nc = obj(next.body['pagination'])['next_cursor'];
      if (typeof nc !== 'string') break;
      cursor = nc;
    }
    expect(walked).toEqual([...ids].reverse());

    const typed = await call(s, 'GET', `${A}/jobs?type=email.send&queue=q3&order=asc`);
    const want = ids.filter((_, i) => i % 2 === 0 && i % 3 === 0);
    expect(arr(typed.body['items']).map((j) => obj(j)['id'])).toEqual(want);
    const prefix = await call(s, 'GET', `${A}/jobs?type=email.*&per_page=100`);
    expect(obj(prefix.body['pagination'])['total']).toBe(30);
    const since = new Date(Date.UTC(2026, 4, 1, 9, 0, 11)).toISOString();
    const until = new Date(Date.UTC(2026, 4, 1, 9, 0, 21)).toISOString();
    const ranged = await call(s, 'GET', `${A}/jobs?since=${since}&until=${until}&order=asc&per_page=100`);
    expect(arr(ranged.body['items']).map((j) => obj(j)['id'])).toEqual(ids.slice(10, 20));
    const byPriority = await call(s, 'GET', `${A}/jobs?sort=priority&order=desc&per_page=5`);
    expect(arr(byPriority.body['items']).map((j) => obj(j)['priority'])).toEqual(
      [4, 4, 4, 4, 4, 4].slice(0, 5),
    );
    expect((await call(s, 'GET', `${A}/jobs?state=bogus`)).status).toBe(400);
    expect((await call(s, 'GET', `${A}/jobs?per_page=1000`)).status).toBe(400);
    expect((await call(s, 'GET', `${A}/jobs?cursor=garbage`)).status).toBe(400);
    const detail = await call(s, 'GET', `${A}/jobs/${ids[0]}`);
    expect(detail.body).toMatchObject({ id: ids[0], type: 'email.send', queue: 'q3', state: 'available' });
    expect(obj(detail.body['metadata'])['created_at']).toEqual(expect.any(String));
  });

  it('purges with confirm only, and bulk actions require confirm', async () => {
    await enqueue('a.b', 'p');
    const id = await enqueue('a.b', 'p');
    await call(s, 'DELETE', `/ojs/v1/jobs/${id}`);
    const noConfirm = await call(s, 'DELETE', `${A}/queues/p/jobs`, { states: ['cancelled'] });
    expect(noConfirm.status).toBe(400);
    const purged = await call(s, 'DELETE', `${A}/queues/p/jobs`, { states: ['cancelled'], confirm: true });
    expect(purged.body).toMatchObject({ purged_count: 1, states: ['cancelled'] });
    expect((await call(s, 'GET', `/ojs/v1/jobs/${id}`)).status).toBe(404);
    expect((await call(s, 'POST', `${A}/jobs/bulk/cancel`, { filter: {}, confirm: false })).status).toBe(400);
    expect((await call(s, 'POST', `${A}/jobs/bulk/delete`, { filter: {} })).status).toBe(400);
  });

  it('manages single jobs: retry discarded or cancelled, cancel', async () => {
    const id = await enqueue('a.b', 'r', { retry: { max_attempts: 1 } });
    await fail('r');
    const retried = await call(s, 'POST', `${A}/jobs/${id}/retry`);
    expect(retried.body).toMatchObject({ id, state: 'available', attempt: 0 });
    const cancelled = await call(s, 'POST', `${A}/jobs/${id}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
    expect((await call(s, 'POST', `${A}/jobs/${id}/cancel`)).status).toBe(409);
    expect((await call(s, 'POST', `${A}/jobs/${id}/retry`)).body).toMatchObject({ state: 'available' });
  });

  it('dead letter: list, stats, retry, bulk retry, delete and purge', async () => {
    for (let i = 0; i < 3; i++) {
      await enqueue('mail.send', 'dl', { retry: { max_attempts: 1, on_exhaustion: 'dead_letter' } });
      await fail('dl');
    }
    await enqueue('mail.send', 'dl', { retry: { max_attempts: 1 } });
    await fail('dl');
    const list = await call(s, 'GET', `${A}/dead-letter`);
    expect(obj(list.body['pagination'])['total']).toBe(3);
    const stats = await call(s, 'GET', `${A}/dead-letter/stats`);
    expect(stats.body).toMatchObject({ total: 3, by_queue: { dl: 3 }, by_error_type: { SmtpError: 3 } });
    const [a, b] = arr(list.body['items']).map((j) => String(obj(j)['id']));
    expect((await call(s, 'POST', `${A}/dead-letter/${a}/retry`)).body).toMatchObject({ state: 'available' });
    expect((await call(s, 'DELETE', `${A}/dead-letter/${b}`)).status).toBe(204);
    expect((await call(s, 'DELETE', `${A}/dead-letter/${b}`)).status).toBe(404);
    const bulk = await call(s, 'POST', `${A}/dead-letter/retry`, { filter: { queue: 'dl' }, confirm: true });
    expect(bulk.body).toMatchObject({ matched: 1, succeeded: 1 });
    expect((await call(s, 'GET', `${A}/dead-letter/stats`)).body).toMatchObject({ total: 0 });
    await fail('dl');
    expect((await call(s, 'DELETE', `${A}/dead-letter`, { confirm: true })).status).toBe(200);
  });

  it('workers: list with summary, detail with active jobs, quiet, deregister only when stale', async () => {
    const id = await enqueue('a.b', 'wq');
    await call(s, 'POST', '/ojs/v1/workers/heartbeat', {
      worker_id: 'w1',
      hostname: 'box',
      queues: ['wq'],
      active_jobs: [],
    });
    await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['wq'], worker_id: 'w1' });
    const list = await call(s, 'GET', `${A}/workers`);
    expect(list.body['summary']).toMatchObject({ total: 1, running: 1, stale: 0 });
    expect(obj(arr(list.body['items'])[0])).toMatchObject({
      id: 'w1',
      hostname: 'box',
      state: 'running',
      jobs: [{ id, type: 'a.b', queue: 'wq' }],
    });
    const detail = await call(s, 'GET', `${A}/workers/w1`);
    expect(arr(detail.body['jobs']).map((j) => obj(j)['id'])).toEqual([id]);
    expect((await call(s, 'DELETE', `${A}/workers/w1`)).status).toBe(409);
    expect((await call(s, 'POST', `${A}/workers/w1/quiet`)).body).toMatchObject({
      state: 'quiet',
      directive: 'quiet',
    });
    clock.advance(31_000);
    expect((await call(s, 'GET', `${A}/workers`)).body['summary']).toMatchObject({ stale: 1 });
    const gone = await call(s, 'DELETE', `${A}/workers/w1`);
    expect(gone.body).toMatchObject({ deregistered: true, requeued_jobs: [id] });
    expect(obj((await call(s, 'GET', `/ojs/v1/jobs/${id}`)).body['job'])['state']).toBe('available');
    expect((await call(s, 'GET', `${A}/workers/w1`)).status).toBe(404);
  });

  it('stats and minute history', async () => {
    await enqueue('a.b', 'st');
    await enqueue('a.b', 'st');
    const f = await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['st'], count: 2 });
    const [j1, j2] = arr(f.body['jobs']).map((j) => obj(j)['id']);
    clock.advance(250);
    await call(s, 'POST', '/ojs/v1/workers/ack', { job_id: j1 });
    await call(s, 'POST', '/ojs/v1/workers/nack', { job_id: j2, error: { message: 'x' } });
    const stats = await call(s, 'GET', `${A}/stats`);
    expect(stats.body).toMatchObject({ queues: 1, jobs: { completed: 1, retryable: 1 }, uptime_seconds: 0 });
    expect(obj(stats.body['throughput'])['processed_per_minute']).toBeGreaterThan(0);
    clock.advance(60_000);
    const hist = await call(s, 'GET', `${A}/stats/history?period=1m`);
    expect(hist.body['period']).toBe('1m');
    const points = arr(hist.body['data']).map(obj);
    const busy = points.find((p) => p['processed'] === 1);
    expect(busy).toMatchObject({ enqueued: 2, processed: 1, failed: 1 });
    expect(busy?.['latency_p50_ms']).toBeGreaterThanOrEqual(250);
    expect(Number(busy?.['latency_p95_ms'])).toBeGreaterThanOrEqual(Number(busy?.['latency_p50_ms']));
    expect(Number(busy?.['latency_p99_ms'])).toBeGreaterThanOrEqual(Number(busy?.['latency_p95_ms']));
    expect((await call(s, 'GET', `${A}/stats/history?period=7m`)).status).toBe(400);
    const byQueue = await call(s, 'GET', `${A}/stats/history?period=1h&queue=st`);
    expect(byQueue.body['queue']).toBe('st');
  });

  it('maintenance mode pauses fetch and promotion but accepts enqueues', async () => {
    const on = await call(s, 'POST', `${A}/system/maintenance`, {
      enabled: true,
      reason: 'db migration',
      estimated_duration: 'PT30M',
    });
    expect(on.body).toMatchObject({ maintenance: true, reason: 'db migration' });
    await enqueue('a.b', 'm');
    await enqueue('a.b', 'm', { scheduled_at: '+PT1S' });
    clock.advance(2000);
    s.scheduler.tick();
    expect(
      arr((await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['m'] })).body['jobs']),
    ).toHaveLength(0);
    expect(s.store.queueCounts('m').scheduled).toBe(1);
    expect((await call(s, 'GET', `${A}/system/maintenance`)).body).toMatchObject({ maintenance: true });
    await call(s, 'POST', `${A}/system/maintenance`, { enabled: false });
    s.scheduler.tick();
    expect(s.store.queueCounts('m').available).toBe(2);
    expect(
      arr((await call(s, 'POST', '/ojs/v1/workers/fetch', { queues: ['m'] })).body['jobs']),
    ).toHaveLength(1);
    const cfg = await call(s, 'GET', `${A}/system/config`);
    expect(cfg.body).toMatchObject({ store: expect.any(String) as string, auth: 'none' });
  });

  it('backpressure: 429 QUEUE_FULL with headers, and pressure warnings below the bound', async () => {
    await call(s, 'PUT', `${A}/queues/bp/config`, { backpressure: { max_depth: 2, warning_threshold: 0.5 } });
    const first = await call(s, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [], options: { queue: 'bp' } });
    expect(first.headers.get('x-ojs-queue-pressure')).toBe('0.5');
    await enqueue('a.b', 'bp');
    const full = await call(s, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [], options: { queue: 'bp' } });
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('5');
    expect(full.headers.get('x-ojs-queue-depth')).toBe('2');
    expect(obj(full.body['error'])).toMatchObject({ code: 'QUEUE_FULL', queue: 'bp', depth: 2, bound: 2 });
    expect(s.store.queueCounts('bp').available).toBe(2);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createOjsServer, type OjsServer } from '../createOjsServer';
import { arr, call, obj } from '../testing/httpClient';

describe('engine features (manual clock)', () => {
  let clock: ManualClock;
  let s: OjsServer;

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 5, 1, 0, 0, 0));
    s = createOjsServer({
      clock,
      random: () => 0.5,
      options: {
        autoStartScheduler: false,
        retention: {
          completedMs: 60_000,
          cancelledMs: 60_000,
          discardedMs: 60_000,
          deadLetterMs: 120_000,
          deadLetterMaxCount: 2,
        },
      },
    });
  });
  afterEach(() => s.close());

  const tick = (ms: number): void => {
    clock.advance(ms);
    s.scheduler.tick();
  };
  const post = (path: string, body?: unknown): ReturnType<typeof call> => call(s, 'POST', path, body);
  const enqueue = async (
    body: Record<string, unknown>,
  ): Promise<ReturnType<typeof call> extends Promise<infer R> ? R : never> =>
    post('/ojs/v1/jobs', { type: 'test.job', args: [], ...body });
  const fetchIds = async (queue: string, count = 10, worker = 'w'): Promise<string[]> =>
    arr(
      (await post('/ojs/v1/workers/fetch', { queues: [queue], count, worker_id: worker })).body['jobs'],
    ).map((j) => String(obj(j)['id']));

  describe('unique jobs', () => {
    const unique = (on_conflict: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      options: { queue: 'u', unique: { keys: ['type', 'args'], on_conflict, ...extra } },
      args: [{ order: 1 }],
    });

    it('rejects with 409 duplicate naming the existing job', async () => {
      const first = await enqueue(unique('reject'));
      const second = await enqueue(unique('reject'));
      expect(second.status).toBe(409);
      expect(obj(second.body['error'])).toMatchObject({
        code: 'duplicate',
        details: { existing_job_id: obj(first.body['job'])['id'] },
      });
    });

    it('ignores with 200 and the existing job', async () => {
      const first = await enqueue(unique('ignore'));
      const second = await enqueue(unique('ignore'));
      expect(second.status).toBe(200);
      expect(second.body['deduplicated']).toBe(true);
      expect(obj(second.body['job'])['id']).toBe(obj(first.body['job'])['id']);
    });

    it('replaces by cancelling the existing job', async () => {
      const first = obj((await enqueue(unique('replace'))).body['job']);
      const second = await enqueue(unique('replace'));
      expect(second.status).toBe(201);
      expect(obj((await call(s, 'GET', `/ojs/v1/jobs/${String(first['id'])}`)).body['job'])['state']).toBe(
        'cancelled',
      );
    });

    it('expires the uniqueness after the period and honours the state list', async () => {
      await enqueue(unique('reject', { period: 'PT2S' }));
      expect((await enqueue(unique('reject', { period: 'PT2S' }))).status).toBe(409);
      clock.advance(2000);
      expect((await enqueue(unique('reject', { period: 'PT2S' }))).status).toBe(201);
      const onlyAvailable = unique('reject', { states: ['available'] });
      onlyAvailable['args'] = [{ other: true }];
      await enqueue(onlyAvailable);
      const [claimed] = await fetchIds('u', 1);
      expect(claimed).toBeDefined();
      // the earlier jobs are available; ack everything and the available-only key frees up
      for (const id of [claimed, ...(await fetchIds('u', 10))])
        await post('/ojs/v1/workers/ack', { job_id: id });
      expect((await enqueue(onlyAvailable)).status).toBe(201);
    });
  });

  describe('rate limits', () => {
    it('max_per_second: one start per second per queue', async () => {
      for (let i = 0; i < 3; i++)
        await enqueue({ options: { queue: 'rl', rate_limit: { max_per_second: 1 } } });
      expect(await fetchIds('rl', 3)).toHaveLength(1);
      expect(await fetchIds('rl')).toHaveLength(0);
      clock.advance(1000);
      expect(await fetchIds('rl')).toHaveLength(1);
    });

    it('concurrency per key is released by ACK; different keys are independent', async () => {
      for (let i = 0; i < 2; i++)
        await enqueue({ options: { queue: 'rc', rate_limit: { key: 'api-a', concurrency: 1 } } });
      await enqueue({ options: { queue: 'rc', rate_limit: { key: 'api-b', concurrency: 1 } } });
      const got = await fetchIds('rc', 3);
      expect(got).toHaveLength(2);
      const inspect = await call(s, 'GET', '/ojs/v1/rate-limits/api-a');
      expect(inspect.body).toMatchObject({
        key: 'api-a',
        concurrency: { limit: 1, active: 1, available: 0 },
      });
      await post('/ojs/v1/workers/ack', { job_id: got[0] });
      expect(await fetchIds('rc', 3)).toHaveLength(1);
    });

    it('on_limit drop discards a job that cannot start', async () => {
      await enqueue({ options: { queue: 'rd', rate_limit: { key: 'k', concurrency: 1 } } });
      const dropped = obj(
        (
          await enqueue({
            options: { queue: 'rd', rate_limit: { key: 'k', concurrency: 1, on_limit: 'drop' } },
          })
        ).body['job'],
      );
      expect(await fetchIds('rd', 2)).toHaveLength(1);
      expect(obj((await call(s, 'GET', `/ojs/v1/jobs/${String(dropped['id'])}`)).body['job'])['state']).toBe(
        'discarded',
      );
    });

    it('an override can stop a key, then expire', async () => {
      await enqueue({ options: { queue: 'ro', rate_limit: { key: 'ext', concurrency: 5 } } });
      const override = await call(s, 'PUT', '/ojs/v1/rate-limits/ext', {
        concurrency: 0,
        expires_at: new Date(clock.now() + 5000).toISOString(),
      });
      expect(override.status).toBe(200);
      expect(await fetchIds('ro')).toHaveLength(0);
      clock.advance(5000);
      expect(await fetchIds('ro')).toHaveLength(1);
    });
  });

  describe('progress', () => {
    it('clamps, never decreases, extends the lease and is set to 1 on completion', async () => {
      const job = obj(
        (await enqueue({ options: { queue: 'p', visibility_timeout_ms: 10_000 } })).body['job'],
      );
      const id = String(job['id']);
      const early = await call(s, 'PUT', `/ojs/v1/jobs/${id}/progress`, { progress: 0.5 });
      expect(early.body).toMatchObject({ progress: null });
      await fetchIds('p');
      expect(
        (await call(s, 'PUT', `/ojs/v1/jobs/${id}/progress`, { progress: 0.6, message: 'half' })).body,
      ).toMatchObject({ progress: 0.6 });
      expect((await call(s, 'PUT', `/ojs/v1/jobs/${id}/progress`, { progress: 0.2 })).body).toMatchObject({
        progress: 0.6,
        message: 'half',
      });
      expect((await call(s, 'PUT', `/ojs/v1/jobs/${id}/progress`, { progress: 7 })).body).toMatchObject({
        progress: 1,
      });
      tick(8000);
      await call(s, 'PUT', `/ojs/v1/jobs/${id}/progress`, { data: { rows: 10 } });
      tick(8000);
      expect(obj((await call(s, 'GET', `/ojs/v1/jobs/${id}`)).body['job'])['state']).toBe('active');
      await post('/ojs/v1/workers/ack', { job_id: id });
      const got = await call(s, 'GET', `/ojs/v1/jobs/${id}/progress`);
      expect(got.body).toMatchObject({ state: 'completed', progress: 1, data: { rows: 10 } });
      expect(got.headers.get('x-ojs-progress')).toBe('1');
      expect((await call(s, 'PUT', `/ojs/v1/jobs/${id}/progress`, {})).status).toBe(400);
      expect(s.events.readAfter(0, 100, { types: ['job.progress'] }).events.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('workflows', () => {
    it('batch: callbacks fire once, with the graph showing jobs and callbacks', async () => {
      const res = await post('/ojs/v1/workflows', {
        type: 'batch',
        name: 'import',
        jobs: [
          { type: 'import.part', args: [1], options: { queue: 'b' } },
          { type: 'import.part', args: [2], options: { queue: 'b', retry: { max_attempts: 1 } } },
        ],
        callbacks: {
          on_complete: { type: 'import.done', args: [], options: { queue: 'cb' } },
          on_success: { type: 'import.ok', args: [], options: { queue: 'cb' } },
          on_failure: { type: 'import.failed', args: [], options: { queue: 'cb' } },
        },
      });
      const wfId = String(obj(res.body['workflow'])['id']);
      const [a, b] = await fetchIds('b', 2);
      await post('/ojs/v1/workers/ack', { job_id: a, result: { n: 1 } });
      expect(await fetchIds('cb')).toHaveLength(0);
      await post('/ojs/v1/workers/nack', { job_id: b, error: { message: 'bad' } });
      const cbs = arr((await post('/ojs/v1/workers/fetch', { queues: ['cb'], count: 10 })).body['jobs']).map(
        obj,
      );
      expect(cbs.map((j) => j['type']).sort()).toEqual(['import.done', 'import.failed']);
      expect(cbs[0]?.['parent_results']).toEqual([{ n: 1 }, null]);
      const wf = obj((await call(s, 'GET', `/ojs/v1/workflows/${wfId}`)).body['workflow']);
      expect(wf).toMatchObject({ state: 'failed', jobs_total: 2, jobs_completed: 1, jobs_failed: 1 });
      const nodes = arr(wf['nodes']).map(obj);
      expect(nodes.map((n) => [n['id'], n['state']])).toEqual([
        ['job-0', 'completed'],
        ['job-1', 'discarded'],
        ['callback-on_complete', 'active'],
        ['callback-on_success', 'skipped'],
        ['callback-on_failure', 'active'],
      ]);
      expect(arr(wf['edges'])).toContainEqual({
        from: 'job-1',
        to: 'callback-on_failure',
        kind: 'on_failure',
      });
    });

    it('chain cancel cancels the running step and skips the rest', async () => {
      const res = await post('/ojs/v1/workflows', {
        type: 'chain',
        steps: [
          { type: 's.one', args: [], options: { queue: 'ch' } },
          { type: 's.two', args: [], options: { queue: 'ch' } },
        ],
      });
      const wfId = String(obj(res.body['workflow'])['id']);
      await fetchIds('ch');
      const cancelled = await call(s, 'DELETE', `/ojs/v1/workflows/${wfId}`);
      expect(obj(cancelled.body['workflow'])).toMatchObject({ state: 'cancelled' });
      const nodes = arr(obj(cancelled.body['workflow'])['nodes']).map((n) => obj(n)['state']);
      expect(nodes).toEqual(['cancelled', 'skipped']);
      expect((await call(s, 'DELETE', `/ojs/v1/workflows/${wfId}`)).status).toBe(409);
      expect(
        (
          await post('/ojs/v1/workflows', {
            type: 'chain',
            steps: [{ type: 'ok.step', args: [] }, { args: [] }],
          })
        ).status,
      ).toBe(400);
      expect((await post('/ojs/v1/workflows', { type: 'dag', steps: [] })).status).toBe(400);
    });
  });

  describe('cron', () => {
    it('evaluates expressions in the given time zone and supports @aliases, upsert and delete', async () => {
      const tokyo = await post('/ojs/v1/cron', {
        name: 'tokyo-morning',
        expression: '0 9 * * *',
        timezone: 'Asia/Tokyo',
        job_template: { type: 'report.morning', args: [] },
      });
      expect(tokyo.status).toBe(201);
      // 09:00 in Tokyo is 00:00 UTC
      expect(obj(tokyo.body['cron'])['next_run_at']).toBe('2026-06-02T00:00:00.000Z');
      const upsert = await post('/ojs/v1/cron', {
        name: 'tokyo-morning',
        expression: '@hourly',
        job_template: { type: 'report.morning', args: [] },
      });
      expect(upsert.status).toBe(200);
      expect(obj(upsert.body['cron'])).toMatchObject({
        expression: '@hourly',
        next_run_at: '2026-06-01T01:00:00.000Z',
      });
      expect(
        (
          await post('/ojs/v1/cron', {
            name: 'x',
            expression: '61 * * * *',
            job_template: { type: 'a.b', args: [] },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post('/ojs/v1/cron', {
            name: 'x',
            expression: '* * * * *',
            timezone: 'Mars/Olympus',
            job_template: { type: 'a.b', args: [] },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await post('/ojs/v1/cron', {
            name: 'x',
            expression: '* * * * *',
            job_template: { type: 'Bad', args: [] },
          })
        ).status,
      ).toBe(400);
      expect((await call(s, 'DELETE', '/ojs/v1/cron/tokyo-morning')).status).toBe(200);
      expect((await call(s, 'DELETE', '/ojs/v1/cron/tokyo-morning')).status).toBe(404);
    });

    it('overlap allow fires every time; disabled crons do not fire', async () => {
      await post('/ojs/v1/cron', {
        name: 'often',
        expression: '* * * * *',
        overlap_policy: 'allow',
        job_template: { type: 'a.b', args: [], options: { queue: 'cq' } },
      });
      tick(60_000);
      tick(60_000);
      expect(s.store.queueCounts('cq').available).toBe(2);
      const listed = obj(arr((await call(s, 'GET', '/ojs/v1/cron')).body['crons'])[0]);
      expect(listed['last_job_id']).toEqual(expect.any(String));
      expect(listed['last_job_state']).toBe('available');
      await call(s, 'PATCH', '/ojs/v1/cron/often', { enabled: false });
      tick(60_000);
      expect(s.store.queueCounts('cq').available).toBe(2);
    });
  });

  describe('retention', () => {
    it('deletes finished jobs after their retention and caps the dead letter queue', async () => {
      const done = obj((await enqueue({ options: { queue: 'r' } })).body['job']);
      await fetchIds('r');
      await post('/ojs/v1/workers/ack', { job_id: done['id'] });
      for (let i = 0; i < 3; i++) {
        await enqueue({ options: { queue: 'r', retry: { max_attempts: 1, on_exhaustion: 'dead_letter' } } });
        const [id] = await fetchIds('r', 1);
        await post('/ojs/v1/workers/nack', { job_id: id, error: { message: 'x' } });
      }
      tick(30_001);
      expect(s.store.deadLetterCount()).toBe(2);
      expect(s.store.totalCounts().completed).toBe(1);
      tick(60_000);
      expect(s.store.totalCounts().completed).toBe(0);
      expect(s.store.deadLetterCount()).toBe(2);
      expect(
        s.events.readAfter(0, 1000, { types: ['job.deleted', 'dead_letter.deleted'] }).events.length,
      ).toBe(2);
    });
  });

  describe('events polling', () => {
    it('filters by type prefix, queue and job type, pages with the cursor and reports gaps', async () => {
      for (let i = 0; i < 5; i++)
        await enqueue({ type: i % 2 === 0 ? 'a.even' : 'a.odd', options: { queue: i < 3 ? 'e1' : 'e2' } });
      const all = await call(s, 'GET', '/ojs/v1/events?types=job.*&limit=2');
      expect(arr(all.body['events'])).toHaveLength(2);
      expect(all.body['has_more']).toBe(true);
      const next = await call(
        s,
        'GET',
        `/ojs/v1/events?types=job.*&after=${String(all.body['cursor'])}&limit=100`,
      );
      expect(arr(next.body['events'])).toHaveLength(3);
      const filtered = await call(s, 'GET', '/ojs/v1/events?types=job.enqueued&queues=e1&job_types=a.even');
      expect(arr(filtered.body['events']).map((e) => obj(obj(e)['data'])['job_type'])).toEqual([
        'a.even',
        'a.even',
      ]);
      expect((await call(s, 'GET', '/ojs/v1/events?after=-3')).status).toBe(400);
      const small = createOjsServer({ options: { autoStartScheduler: false, events: { capacity: 100 } } });
      for (let i = 0; i < 150; i++) await call(small, 'POST', '/ojs/v1/jobs', { type: 'a.b', args: [] });
      const gap = await call(small, 'GET', '/ojs/v1/events?after=1');
      expect(gap.body['gap']).toMatchObject({ oldest_available: 51 });
      await small.close();
    });
  });
});

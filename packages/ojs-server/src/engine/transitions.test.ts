import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createOjsServer, type OjsServer } from '../createOjsServer';
import type { OjsEvent } from '../events/EventLog';
import { MemoryStore } from '../store/MemoryStore';
import type { OjsStore } from '../store/OjsStore';
import { SqliteStore } from '../store/SqliteStore';
import { arr, call, obj } from '../testing/httpClient';

const stores: Array<[string, () => OjsStore]> = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore({ path: ':memory:' })],
];

describe.each(stores)('every transition emits its event (%s store)', (_name, makeStore) => {
  let clock: ManualClock;
  let server: OjsServer;
  let seen: OjsEvent[];

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
    server = createOjsServer({
      store: makeStore(),
      clock,
      random: () => 0.5,
      options: { autoStartScheduler: false, testHooks: true },
    });
    seen = [];
    server.events.subscribe((e) => seen.push(e));
  });
  afterEach(() => server.close());

  const tick = (ms: number): void => {
    clock.advance(ms);
    server.scheduler.tick();
  };
  const enqueue = async (body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const res = await call(server, 'POST', '/ojs/v1/jobs', { type: 'test.job', args: [], ...body });
    expect(res.status).toBe(201);
    return obj(res.body['job']);
  };
  const fetchOne = async (
    queue = 'default',
    workerId = 'w1',
  ): Promise<Record<string, unknown> | undefined> => {
    const res = await call(server, 'POST', '/ojs/v1/workers/fetch', { queues: [queue], worker_id: workerId });
    expect(res.status).toBe(200);
    const jobs = arr(res.body['jobs']);
    return jobs[0] === undefined ? undefined : obj(jobs[0]);
  };
  const changes = (jobId: string): string[] =>
    seen
      .filter((e) => e.state_change?.job_id === jobId)
      .map((e) => `${e.type}:${e.state_change?.from ?? '∅'}->${e.state_change?.to ?? '∅'}`);

  it('enqueue, fetch, ack', async () => {
    const job = await enqueue({});
    const id = String(job['id']);
    await fetchOne();
    tick(1500);
    const ack = await call(server, 'POST', '/ojs/v1/workers/ack', { job_id: id, result: { ok: true } });
    expect(ack.status).toBe(200);
    expect(changes(id)).toEqual([
      'job.enqueued:∅->available',
      'job.started:available->active',
      'job.completed:active->completed',
    ]);
    const completed = seen.find((e) => e.type === 'job.completed');
    expect(completed?.data).toMatchObject({
      job_type: 'test.job',
      queue: 'default',
      duration_ms: 1500,
      attempt: 1,
    });
    expect(completed?.state_change).toMatchObject({ job_id: id, queue: 'default', type: 'test.job' });
    // seq is monotonic and ids are unique
    const seqs = seen.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it('scheduled promotion happens on the timer, not only on requests', async () => {
    const job = await enqueue({ options: { scheduled_at: '+PT10S' } });
    const id = String(job['id']);
    expect(job['state']).toBe('scheduled');
    tick(9_000);
    expect(changes(id)).toEqual(['job.scheduled:∅->scheduled']);
    tick(1_000);
    expect(changes(id)).toEqual(['job.scheduled:∅->scheduled', 'job.promoted:scheduled->available']);
    const promoted = seen.find((e) => e.type === 'job.promoted');
    expect(promoted?.source).toContain('/scheduler');
  });

  it('retry backoff: failed + retrying, then the retry promotion on the timer', async () => {
    const job = await enqueue({
      options: {
        retry: { max_attempts: 3, initial_interval: 'PT2S', backoff_coefficient: 2, jitter: false },
      },
    });
    const id = String(job['id']);
    await fetchOne();
    const nack = await call(server, 'POST', '/ojs/v1/workers/nack', {
      job_id: id,
      error: { code: 'handler_error', message: 'boom' },
    });
    expect(nack.body).toMatchObject({ state: 'retryable', retry_delay_ms: 2000, attempt: 1 });
    tick(1_999);
    expect(changes(id).at(-1)).toBe('job.retrying:active->retryable');
    tick(1);
    expect(changes(id).at(-1)).toBe('job.retry_ready:retryable->available');
    expect(seen.filter((e) => e.type === 'job.failed' && e.subject === id)).toHaveLength(1);
    // second failure doubles the delay
    await fetchOne();
    const again = await call(server, 'POST', '/ojs/v1/workers/nack', {
      job_id: id,
      error: { message: 'boom' },
    });
    expect(again.body).toMatchObject({ state: 'retryable', retry_delay_ms: 4000, attempt: 2 });
  });

  it('exhaustion discards into the dead letter queue', async () => {
    const job = await enqueue({ options: { retry: { max_attempts: 1, on_exhaustion: 'dead_letter' } } });
    const id = String(job['id']);
    await fetchOne();
    const nack = await call(server, 'POST', '/ojs/v1/workers/nack', {
      job_id: id,
      error: { message: 'fatal' },
    });
    expect(nack.body).toMatchObject({ state: 'discarded', dead_letter: true });
    expect(changes(id).at(-1)).toBe('job.discarded:active->discarded');
    expect(seen.some((e) => e.type === 'dead_letter.added' && e.subject === id)).toBe(true);
    const retry = await call(server, 'POST', `/ojs/v1/dead-letter/${id}/retry`);
    expect(retry.status).toBe(200);
    expect(changes(id).at(-1)).toBe('job.retried:discarded->available');
    expect(seen.some((e) => e.type === 'dead_letter.retried')).toBe(true);
  });

  it('lease expiry reclaims the job with an error entry', async () => {
    const job = await enqueue({ options: { visibility_timeout_ms: 5000 } });
    const id = String(job['id']);
    await fetchOne();
    tick(4_000);
    const beat = await call(server, 'POST', '/ojs/v1/workers/heartbeat', {
      worker_id: 'w1',
      active_jobs: [id],
    });
    expect(beat.body).toMatchObject({ state: 'running', jobs_extended: [id] });
    tick(4_999);
    expect(changes(id).at(-1)).toBe('job.started:available->active');
    tick(1);
    expect(changes(id).at(-1)).toBe('job.requeued:active->available');
    const got = await call(server, 'GET', `/ojs/v1/jobs/${id}`);
    expect(obj(got.body['job'])).toMatchObject({ state: 'available', attempt: 1 });
    expect(arr(obj(got.body['job'])['errors'])[0]).toMatchObject({ type: 'visibility_timeout', attempt: 1 });
    expect(seen.some((e) => e.type === 'job.heartbeat' && e.subject === id)).toBe(true);
    expect(seen.some((e) => e.type === 'worker.heartbeat' && e.subject === 'w1')).toBe(true);
  });

  it('execution timeout fails the attempt', async () => {
    const job = await enqueue({ options: { timeout_ms: 2000, retry: { max_attempts: 2, jitter: false } } });
    const id = String(job['id']);
    await fetchOne();
    tick(2_000);
    expect(changes(id).at(-1)).toBe('job.retrying:active->retryable');
    const got = await call(server, 'GET', `/ojs/v1/jobs/${id}`);
    expect(obj(obj(got.body['job'])['error'])).toMatchObject({ type: 'timeout', code: 'timeout' });
  });

  it('TTL expiry discards a waiting job without completed_at', async () => {
    const job = await enqueue({ options: { expires_at: '+PT3S' } });
    const id = String(job['id']);
    tick(3_000);
    expect(changes(id).at(-1)).toBe('job.expired:available->discarded');
    const got = obj((await call(server, 'GET', `/ojs/v1/jobs/${id}`)).body['job']);
    expect(got['state']).toBe('discarded');
    expect(got['completed_at']).toBeUndefined();
    expect(await fetchOne()).toBeUndefined();
  });

  it('cancel and activate', async () => {
    const a = await enqueue({ options: { pending: true } });
    const b = await enqueue({});
    await call(server, 'POST', `/ojs/v1/jobs/${String(a['id'])}/activate`);
    await call(server, 'DELETE', `/ojs/v1/jobs/${String(b['id'])}`);
    expect(changes(String(a['id']))).toEqual(['job.enqueued:∅->pending', 'job.activated:pending->available']);
    expect(changes(String(b['id']))).toEqual([
      'job.enqueued:∅->available',
      'job.cancelled:available->cancelled',
    ]);
  });

  it('cron fires on the timer and its job is enqueued with an event', async () => {
    const res = await call(server, 'POST', '/ojs/v1/cron', {
      name: 'every-minute',
      expression: '* * * * *',
      job_template: { type: 'cron.tick', args: [1], options: { queue: 'cron-q' } },
    });
    expect(res.status).toBe(201);
    tick(61_000);
    const triggered = seen.filter((e) => e.type === 'cron.triggered');
    expect(triggered).toHaveLength(1);
    const jobId = String(triggered[0]?.data['job_id']);
    expect(changes(jobId)).toEqual(['job.enqueued:∅->available']);
    expect(seen.find((e) => e.state_change?.job_id === jobId)?.source).toContain('/cron');
    // overlap policy skip: the previous run is still waiting, so the next minute is skipped
    tick(60_000);
    expect(seen.filter((e) => e.type === 'cron.triggered')).toHaveLength(1);
    expect(seen.filter((e) => e.type === 'cron.skipped')).toHaveLength(1);
  });

  it('chain steps are enqueued by the workflow engine with parent results', async () => {
    const res = await call(server, 'POST', '/ojs/v1/workflows', {
      type: 'chain',
      name: 'etl',
      steps: [
        { type: 'etl.extract', args: [] },
        { type: 'etl.load', args: [] },
      ],
    });
    expect(res.status).toBe(201);
    const wf = obj(res.body['workflow']);
    const first = await fetchOne();
    await call(server, 'POST', '/ojs/v1/workers/ack', { job_id: first?.['id'], result: { rows: 3 } });
    const enqueuedSecond = seen.find((e) => e.type === 'job.enqueued' && e.data['job_type'] === 'etl.load');
    expect(enqueuedSecond?.source).toContain('/workflows');
    expect(seen.some((e) => e.type === 'workflow.step_completed')).toBe(true);
    const second = await fetchOne();
    expect(second?.['parent_results']).toEqual([{ rows: 3 }]);
    await call(server, 'POST', '/ojs/v1/workers/ack', { job_id: second?.['id'] });
    const detail = obj((await call(server, 'GET', `/ojs/v1/workflows/${String(wf['id'])}`)).body['workflow']);
    expect(detail).toMatchObject({ state: 'completed', steps_total: 2, steps_completed: 2 });
    expect(arr(detail['nodes']).map((n) => obj(n)['state'])).toEqual(['completed', 'completed']);
    expect(detail['edges']).toEqual([{ from: 'step-0', to: 'step-1', kind: 'sequence' }]);
    expect(seen.some((e) => e.type === 'workflow.completed')).toBe(true);
  });

  it('admin and bulk actions, queue pause/resume and worker directives emit events', async () => {
    await call(server, 'POST', '/ojs/v1/queues/default/pause');
    await call(server, 'POST', '/ojs/v1/queues/default/resume');
    expect(seen.map((e) => e.type)).toEqual(expect.arrayContaining(['queue.paused', 'queue.resumed']));
    const jobs = await Promise.all([1, 2, 3].map(() => enqueue({ options: { retry: { max_attempts: 1 } } })));
    for (let i = 0; i < 3; i++) {
      const j = await fetchOne();
      await call(server, 'POST', '/ojs/v1/workers/nack', { job_id: j?.['id'], error: { message: 'x' } });
    }
    const bulk = await call(server, 'POST', '/ojs/v1/admin/jobs/bulk/retry', {
      filter: { state: 'discarded' },
      confirm: true,
    });
    expect(bulk.body).toMatchObject({ action: 'retry', matched: 3, succeeded: 3, failed: 0 });
    for (const j of jobs) expect(changes(String(j['id'])).at(-1)).toBe('job.retried:discarded->available');
    expect(seen.some((e) => e.type === 'bulk.retry.completed')).toBe(true);
    const cancel = await call(server, 'POST', '/ojs/v1/admin/jobs/bulk/cancel', {
      filter: { queue: 'default' },
      confirm: true,
    });
    expect(cancel.body).toMatchObject({ matched: 3, succeeded: 3 });
    const del = await call(server, 'POST', '/ojs/v1/admin/jobs/bulk/delete', {
      filter: { state: 'cancelled' },
      confirm: true,
    });
    expect(del.body).toMatchObject({ matched: 3, succeeded: 3 });
    for (const j of jobs) expect(changes(String(j['id'])).at(-1)).toBe('job.deleted:cancelled->∅');

    await call(server, 'POST', '/ojs/v1/workers/heartbeat', { worker_id: 'w9', active_jobs: [] });
    await call(server, 'POST', '/ojs/v1/admin/workers/w9/quiet');
    expect(seen.some((e) => e.type === 'worker.quiet' && e.subject === 'w9')).toBe(true);
    const beat = await call(server, 'POST', '/ojs/v1/workers/heartbeat', {
      worker_id: 'w9',
      active_jobs: [],
    });
    expect(beat.body).toMatchObject({ state: 'quiet', directive: 'quiet' });
    await enqueue({});
    expect(await fetchOne('default', 'w9')).toBeUndefined();
    expect(await fetchOne('default', 'w10')).toBeDefined();
  });
});

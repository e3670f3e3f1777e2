import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  DeadLetterResponse,
  HealthResponse,
  JobDetailResponse,
  QueuesResponse,
  StatsHistoryResponse,
} from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';

let h: Harness;
let ojs: ReturnType<typeof ojsDriver>;

beforeEach(async () => {
  h = await createHarness({
    serverOptions: { features: { admin: false, eventsPoll: false, realtime: false } },
    bffOptions: { snapshotIntervalMs: 50 },
  });
  ojs = ojsDriver(h.server);
});
afterEach(async () => {
  await h.close();
});

describe('an upstream with only the core API', () => {
  it('reports what it lacks', async () => {
    const health = await h.json<HealthResponse>('/api/health');
    const cluster = health.clusters[0];
    expect(cluster?.reachable).toBe(true);
    expect(cluster?.capabilities).toMatchObject({
      admin_api: false,
      events_poll: false,
      events_stream: false,
      bulk_actions: false,
      worker_admin: false,
      stats_history: false,
    });
    expect(cluster?.live_source).toBe('snapshots');
  });

  it('still serves queues, job details, cancel and dead letters; degrades the rest with 501', async () => {
    const { job } = await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const queues = await h.json<QueuesResponse>('/api/queues');
    expect(queues.queues.find((q) => q.name === 'emails')?.counts.available).toBe(1);
    const detail = await h.json<JobDetailResponse>(`/api/clusters/local/jobs/${job.id}`);
    expect(detail.job).toMatchObject({ id: job.id, state: 'available' });
    const headers = await h.writeHeaders();
    await h.json(`/api/clusters/local/jobs/${job.id}/cancel`, { method: 'POST', headers });
    await ojs.deadLetter('payment.charge', 'payments', 'declined');
    expect((await h.json<DeadLetterResponse>('/api/dead-letter')).total).toBe(1);

    for (const path of ['/api/jobs?cluster=local', '/api/workers?cluster=local']) {
      const res = await h.request(path);
      expect(res.status).toBe(501);
      expect(await res.json()).toMatchObject({
        error: { code: 'unsupported', details: { capability: expect.any(String) as string } },
      });
    }
    const all = await h.json<{ items: unknown[]; errors: { code: string }[] }>('/api/jobs');
    expect(all.items).toEqual([]);
    expect(all.errors[0]?.code).toBe('unsupported');
  });

  it('charts sampled stats when the upstream keeps no history', async () => {
    await h.bff.sampler.tick();
    await ojs.complete('email.send', 'emails');
    await ojs.complete('email.send', 'emails');
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    await h.bff.sampler.tick();
    const body = await h.json<StatsHistoryResponse>('/api/stats/history?window=15m');
    expect(body).toMatchObject({ window: '15m', source: 'sampled', step_seconds: 5 });
    const totals = body.series.reduce(
      (acc, p) => ({ completed: acc.completed + p.completed, enqueued: acc.enqueued + p.enqueued }),
      { completed: 0, enqueued: 0 },
    );
    expect(totals.completed).toBe(2);
    expect(totals.enqueued).toBeGreaterThanOrEqual(1);
    expect(body.series.at(-1)?.depth).toBe(1);
  });

  it('follows the cluster live through snapshot diffs', async () => {
    const controller = new AbortController();
    const res = await h.request('/api/events?types=queue.*', { signal: controller.signal });
    const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = res.body?.getReader();
    if (!reader) throw new Error('no stream');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'live' } });
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes('event: queue.counts') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('event: queue.counts');
    expect(text).toContain('"queue":"live"');
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });
});

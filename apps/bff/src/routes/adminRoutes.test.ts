import { createOjsServer } from '@lookout/ojs-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BulkPreviewResponse,
  JobsResponse,
  OperationResponse,
  OverviewResponse,
  QueuesResponse,
  StatsHistoryResponse,
  WorkersResponse,
} from '../api/schemas';
import { createBff } from '../createBff';
import { appFetch, createHarness, testSettings, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';

let h: Harness;
let ojs: ReturnType<typeof ojsDriver>;

beforeEach(async () => {
  h = await createHarness();
  ojs = ojsDriver(h.server);
});
afterEach(async () => {
  await h.close();
});

async function finish(id: string): Promise<{ operation: OperationResponse['operation']; seen: number[] }> {
  const seen: number[] = [];
  for (let i = 0; i < 500; i++) {
    const { operation } = await h.json<OperationResponse>(`/api/operations/${id}`);
    seen.push(operation.processed);
    if (operation.state !== 'running') return { operation, seen };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('operation did not finish');
}

describe('job explorer (admin API upstream)', () => {
  beforeEach(async () => {
    for (let i = 0; i < 7; i++) {
      await ojs.jobs.enqueue({
        type: 'email.send',
        args: [{ user_id: i, to: `u${i}@example.com` }],
        options: { queue: 'emails', priority: i },
      });
    }
    await ojs.jobs.enqueue({
      type: 'report.generate',
      args: [{ user_id: 3 }],
      options: { queue: 'reports' },
    });
    await ojs.deadLetter('payment.charge', 'payments', 'gateway timeout after 30s', 'timeout');
  });

  it('lists with filters, sort and pagination, truncating args', async () => {
    const page1 = await h.json<JobsResponse>('/api/jobs?queue=emails&sort=priority&order=desc&per_page=3');
    expect(page1.pagination).toEqual({ total: 7, page: 1, per_page: 3, has_more: true });
    expect(page1.items.map((j) => j.priority)).toEqual([6, 5, 4]);
    expect(page1.items[0]).toMatchObject({
      cluster: 'local',
      type: 'email.send',
      queue: 'emails',
      state: 'available',
    });
    expect(page1.items[0]?.args_preview).toContain('"user_id":6');
    const page3 = await h.json<JobsResponse>(
      '/api/jobs?queue=emails&sort=priority&order=desc&per_page=3&page=3',
    );
    expect(page3.items.map((j) => j.priority)).toEqual([0]);
    expect(page3.pagination.has_more).toBe(false);
    const byType = await h.json<JobsResponse>('/api/jobs?type=report.generate');
    expect(byType.items.map((j) => j.type)).toEqual(['report.generate']);
    const discarded = await h.json<JobsResponse>('/api/jobs?state=discarded');
    expect(discarded.items).toEqual([
      expect.objectContaining({
        type: 'payment.charge',
        error_summary: { code: 'timeout', message: 'gateway timeout after 30s' },
      }),
    ]);
  });

  it('matches the qualifier query (args, error, free text, negation)', async () => {
    const args = await h.json<JobsResponse>('/api/jobs?q=args.user_id:3');
    expect(args.items.map((j) => j.type).sort()).toEqual(['email.send', 'report.generate']);
    expect(args.scan).toEqual({ scanned: 9, truncated: false });
    const typed = await h.json<JobsResponse>(
      `/api/jobs?q=${encodeURIComponent('type:email.* args.user_id:3')}`,
    );
    expect(typed.items).toHaveLength(1);
    const error = await h.json<JobsResponse>('/api/jobs?q=error:gateway');
    expect(error.items.map((j) => j.type)).toEqual(['payment.charge']);
    const text = await h.json<JobsResponse>('/api/jobs?q=u5%40example.com');
    expect(text.items).toHaveLength(1);
    const negated = await h.json<JobsResponse>(`/api/jobs?q=${encodeURIComponent('-queue:emails')}`);
    expect(negated.items.map((j) => j.queue).sort()).toEqual(['payments', 'reports']);
  });

  it('bulk: preview the count, confirm, then follow the operation to its result', async () => {
    const headers = await h.writeHeaders();
    const filter = { queue: 'emails', state: 'available' };
    const preview = await h.json<BulkPreviewResponse>('/api/bulk/preview', {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'cancel', cluster: 'local', filter }),
    });
    expect(preview).toMatchObject({ matched: 7, requires_typed_confirmation: false, truncated: false });
    expect(preview.sample).toHaveLength(7);

    const missingConfirm = await h.request('/api/bulk', {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'cancel', cluster: 'local', filter }),
    });
    expect(missingConfirm.status).toBe(400);

    const started = await h.json<OperationResponse>(
      '/api/bulk',
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: 'cancel', cluster: 'local', filter, confirm: true }),
      },
      202,
    );
    expect(started.operation).toMatchObject({
      action: 'cancel',
      cluster: 'local',
      matched: 7,
      state: 'running',
    });
    const { operation, seen } = await finish(started.operation.id);
    expect(operation).toMatchObject({
      state: 'completed',
      matched: 7,
      processed: 7,
      succeeded: 7,
      failed: 0,
      failures: [],
    });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const after = await h.json<JobsResponse>('/api/jobs?queue=emails&state=cancelled');
    expect(after.pagination.total).toBe(7);

    const retry = await h.json<OperationResponse>(
      '/api/bulk',
      {
        method: 'POST',
        headers,
        body: JSON.stringify({
          action: 'retry',
          cluster: 'local',
          filter: { q: 'queue:emails state:cancelled' },
          confirm: true,
        }),
      },
      202,
    );
    expect((await finish(retry.operation.id)).operation).toMatchObject({ matched: 7, succeeded: 7 });
  });

  it('deletes a terminal job and refuses a live one', async () => {
    const headers = await h.writeHeaders();
    const done = await ojs.complete('cleanup.run', 'maintenance');
    const deleted = await h.json<{ deleted: boolean }>(`/api/clusters/local/jobs/${done}`, {
      method: 'DELETE',
      headers,
    });
    expect(deleted.deleted).toBe(true);
    expect((await h.request(`/api/clusters/local/jobs/${done}`)).status).toBe(404);
    const live = (await h.json<JobsResponse>('/api/jobs?queue=reports')).items[0];
    const refused = await h.request(`/api/clusters/local/jobs/${live?.id}`, { method: 'DELETE', headers });
    expect([404, 409]).toContain(refused.status);
    expect((await h.request(`/api/clusters/local/jobs/${live?.id}`)).status).toBe(200);
  });

  it('purges a queue', async () => {
    const headers = await h.writeHeaders();
    const bad = await h.request('/api/clusters/local/queues/emails/purge', {
      method: 'POST',
      headers,
      body: JSON.stringify({ states: ['available'] }),
    });
    expect(bad.status).toBe(400);
    const purged = await h.json<{ purged: number }>('/api/clusters/local/queues/emails/purge', {
      method: 'POST',
      headers,
      body: JSON.stringify({ states: ['available'], confirm: true }),
    });
    expect(purged.purged).toBe(7);
    const queues = await h.json<QueuesResponse>('/api/queues');
    expect(queues.queues.find((q) => q.name === 'emails')?.counts.available ?? 0).toBe(0);
  });

  it('uses the upstream stats history when it has one, with the depth the BFF sampled', async () => {
    for (let i = 0; i < 3; i++)
      await ojs.jobs.enqueue({ type: 'depth.probe', args: [i], options: { queue: 'deep' } });
    await h.bff.sampler.tick();
    const body = await h.json<StatsHistoryResponse>('/api/stats/history?cluster=local&queue=deep&window=1h');
    expect(body).toMatchObject({ source: 'upstream', step_seconds: 60, window: '1h' });
    expect(body.series.length).toBeGreaterThan(0);
    expect(body.series.at(-1)).toMatchObject({ enqueued: 3, depth: 3 });
  });
});

describe('workers (admin API upstream)', () => {
  it('lists, quiets and deregisters workers', async () => {
    const headers = await h.writeHeaders();
    await ojs.workers.heartbeat({ worker_id: 'w-1', active_jobs: [] });
    const list = await h.json<WorkersResponse>('/api/workers');
    expect(list.workers).toEqual([
      expect.objectContaining({ cluster: 'local', id: 'w-1', state: 'running', stale: false }),
    ]);
    await h.json('/api/clusters/local/workers/w-1/quiet', { method: 'POST', headers });
    const beat = await ojs.workers.heartbeat({ worker_id: 'w-1', active_jobs: [] });
    expect(beat.resolvedDirective).toBe('quiet');
    const res = await h.request('/api/clusters/local/workers/w-1', { method: 'DELETE', headers });
    expect([200, 409]).toContain(res.status);
    if (res.status === 409) {
      // The server only deregisters workers whose heartbeats stopped; the refusal is passed on as is.
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String) as string } });
    }
  });
});

describe('several clusters', () => {
  it('aggregates queues, overview and jobs across clusters, each item tagged', async () => {
    const other = createOjsServer({});
    const fetchA = appFetch((req) => h.server.fetch(req));
    const fetchB = appFetch((req) => other.fetch(req));
    const bff = createBff(
      testSettings([
        { id: 'eu', name: 'EU', url: 'http://eu.test' },
        { id: 'us', name: 'US', url: 'http://us.test' },
      ]),
      { defaultMetrics: false, fetchFor: (cluster) => (cluster.id === 'eu' ? fetchA : fetchB) },
    );
    try {
      await bff.start();
      await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
      const us = ojsDriver(other);
      await us.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
      await us.jobs.enqueue({ type: 'sms.send', args: [], options: { queue: 'sms' } });
      const queues = (await (await bff.app.request('/api/queues')).json()) as QueuesResponse;
      expect(queues.queues.map((q) => `${q.cluster}/${q.name}`).sort()).toEqual([
        'eu/emails',
        'us/emails',
        'us/sms',
      ]);
      const overview = (await (await bff.app.request('/api/overview')).json()) as OverviewResponse;
      expect(overview.totals.available).toBe(3);
      expect(overview.by_cluster.map((c) => [c.cluster, c.counts.available])).toEqual([
        ['eu', 1],
        ['us', 2],
      ]);
      const jobs = (await (await bff.app.request('/api/jobs?queue=emails')).json()) as JobsResponse;
      expect(jobs.items.map((j) => j.cluster).sort()).toEqual(['eu', 'us']);
      expect(jobs.pagination.total).toBe(2);
      const onlyUs = (await (await bff.app.request('/api/jobs?q=cluster:us')).json()) as JobsResponse;
      expect(onlyUs.items.every((j) => j.cluster === 'us')).toBe(true);
      expect(onlyUs.items).toHaveLength(2);
    } finally {
      await bff.close();
      await other.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ClustersResponse,
  CronsResponse,
  DeadLetterGroupResponse,
  DeadLetterResponse,
  HealthResponse,
  JobDetailResponse,
  MeResponse,
  OperationResponse,
  OverviewResponse,
  QueueDetailResponse,
  QueuesResponse,
  SignalsResponse,
  StatsHistoryResponse,
  WhyResponse,
  WorkflowDetailResponse,
  WorkflowsResponse,
} from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';
import { parseSseChunk } from '../events/parseSseFrames';

let h: Harness;
let ojs: ReturnType<typeof ojsDriver>;

beforeEach(async () => {
  h = await createHarness();
  ojs = ojsDriver(h.server);
});
afterEach(async () => {
  await h.close();
});

async function waitForOperation(id: string): Promise<OperationResponse['operation']> {
  const progress: number[] = [];
  for (let i = 0; i < 200; i++) {
    const { operation } = await h.json<OperationResponse>(`/api/operations/${id}`);
    progress.push(operation.processed);
    if (operation.state !== 'running') return operation;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`operation ${id} did not finish (progress ${progress.join(',')})`);
}

describe('read routes', () => {
  it('GET /api/health reports reachability, conformance and capabilities', async () => {
    const body = await h.json<HealthResponse>('/api/health');
    expect(body.status).toBe('ok');
    expect(body.clusters).toHaveLength(1);
    const [cluster] = body.clusters;
    expect(cluster).toMatchObject({ id: 'local', reachable: true, conformance_level: 4 });
    expect(cluster?.implementation?.name).toBe('lookout-ojs-server');
    expect(cluster?.latency_ms).toBeGreaterThanOrEqual(0);
    expect(cluster?.capabilities.dead_letter).toBe(true);
    expect(cluster?.capabilities.cron).toBe(true);
  });

  it('GET /api/clusters never exposes the upstream token or full URL', async () => {
    const body = await h.json<ClustersResponse>('/api/clusters');
    expect(body.clusters).toEqual([
      expect.objectContaining({ id: 'local', name: 'Local', url_host: 'ojs.test' }),
    ]);
    expect(JSON.stringify(body)).not.toContain('token');
  });

  it('GET /api/me gives the user, mode and CSRF token', async () => {
    const body = await h.json<MeResponse>('/api/me');
    expect(body.user).toEqual({ name: 'local', role: 'admin' });
    expect(body.auth_mode).toBe('none');
    expect(body.read_only).toBe(false);
    expect(body.csrf_token.length).toBeGreaterThan(20);
  });

  it('GET /api/queues and /api/overview aggregate counts', async () => {
    await ojs.jobs.enqueue({ type: 'email.send', args: ['a'], options: { queue: 'emails' } });
    await ojs.jobs.enqueue({ type: 'email.send', args: ['b'], options: { queue: 'emails' } });
    await ojs.complete('report.generate', 'reports');
    const queues = await h.json<QueuesResponse>('/api/queues');
    const emails = queues.queues.find((q) => q.name === 'emails');
    expect(emails).toMatchObject({ cluster: 'local', paused: false });
    expect(emails?.counts.available).toBe(2);
    const overview = await h.json<OverviewResponse>('/api/overview');
    expect(overview.totals.available).toBe(2);
    expect(overview.totals.completed).toBe(1);
    expect(overview.by_cluster[0]).toMatchObject({ cluster: 'local', reachable: true });
    expect(Array.isArray(overview.signals)).toBe(true);
  });

  it('GET /api/clusters/:cluster/queues/:name gives the queue', async () => {
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const body = await h.json<QueueDetailResponse>('/api/clusters/local/queues/emails');
    expect(body).toMatchObject({ cluster: 'local', name: 'emails', paused: false });
    expect(body.counts.available).toBe(1);
    expect(Array.isArray(body.workers_list)).toBe(true);
  });

  it('GET /api/signals flags a paused queue with waiting work', async () => {
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    await ojs.queues.pause('emails');
    const body = await h.json<SignalsResponse>('/api/signals');
    expect(body.signals).toContainEqual(
      expect.objectContaining({
        kind: 'queue_paused',
        queue: 'emails',
        severity: 'warning',
        cluster: 'local',
      }),
    );
  });

  it('GET /api/clusters/:cluster/jobs/:id gives the full job and its timeline', async () => {
    const id = await ojs.complete('report.generate', 'reports');
    const body = await h.json<JobDetailResponse>(`/api/clusters/local/jobs/${id}`);
    expect(body.job).toMatchObject({ id, type: 'report.generate', state: 'completed', result: { ok: true } });
    const types = body.events.map((e) => e.type);
    expect(types).toContain('job.created');
    expect(types).toContain('job.started');
    expect(types).toContain('job.completed');
  });

  it('GET /api/clusters/:cluster/jobs/:id/why explains a waiting job', async () => {
    const { job } = await ojs.jobs.enqueue({
      type: 'email.send',
      args: [],
      options: { queue: 'later', scheduled_at: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const scheduled = await h.json<WhyResponse>(`/api/clusters/local/jobs/${job.id}/why`);
    expect(scheduled.waiting).toBe(true);
    expect(scheduled.reasons.map((r) => r.code)).toContain('scheduled_later');

    const { job: queued } = await ojs.jobs.enqueue({
      type: 'email.send',
      args: [],
      options: { queue: 'held' },
    });
    await ojs.queues.pause('held');
    h.bff.deps.snapshots.invalidate('local');
    const paused = await h.json<WhyResponse>(`/api/clusters/local/jobs/${queued.id}/why`);
    expect(paused.reasons.map((r) => r.code)).toContain('queue_paused');
  });

  it('GET /api/crons describes schedules in words with next runs', async () => {
    await ojs.cron.register({
      name: 'nightly-report',
      expression: '0 2 * * *',
      timezone: 'UTC',
      job_template: { type: 'report.generate', args: [] },
    });
    const body = await h.json<CronsResponse>('/api/crons');
    const cron = body.crons.find((c) => c.name === 'nightly-report');
    expect(cron).toMatchObject({ cluster: 'local', expression: '0 2 * * *', timezone: 'UTC', enabled: true });
    expect(cron?.description).toContain('02:00');
    expect(cron?.next_runs).toHaveLength(5);
  });

  it('GET /api/workflows and the workflow graph', async () => {
    const wf = await ojs.workflows.create({
      type: 'chain',
      name: 'etl',
      steps: [
        { type: 'etl.fetch', args: [] },
        { type: 'etl.transform', args: [] },
        { type: 'etl.load', args: [] },
      ],
    });
    const detail = await h.json<WorkflowDetailResponse>(`/api/clusters/local/workflows/${wf.id}`);
    expect(detail.workflow).toMatchObject({ id: wf.id, kind: 'chain', total: 3 });
    expect(detail.graph.nodes).toHaveLength(3);
    expect(detail.graph.edges.map((e) => e.kind)).toEqual(['sequence', 'sequence']);
    const list = await h.json<WorkflowsResponse>('/api/workflows');
    expect(list.workflows).toContainEqual(
      expect.objectContaining({ cluster: 'local', id: wf.id, kind: 'chain', name: 'etl' }),
    );
  });

  it('GET /api/stats/history uses the upstream history when offered', async () => {
    await ojs.complete('email.send', 'emails');
    const body = await h.json<StatsHistoryResponse>('/api/stats/history?window=15m');
    expect(body).toMatchObject({ window: '15m', source: 'upstream', step_seconds: 60 });
    expect(body.series.reduce((n, p) => n + p.completed, 0)).toBeGreaterThanOrEqual(1);
  });

  it('GET /metrics exposes Prometheus metrics', async () => {
    await h.request('/api/queues');
    const res = await h.request('/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('lookout_http_request_duration_seconds');
    expect(text).toContain('lookout_sse_clients');
  });
});

describe('write routes', () => {
  it('pauses and resumes a queue', async () => {
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const headers = await h.writeHeaders();
    const paused = await h.json<{ queue: { paused: boolean } }>('/api/clusters/local/queues/emails/pause', {
      method: 'POST',
      headers,
    });
    expect(paused.queue.paused).toBe(true);
    expect(
      (await h.json<QueuesResponse>('/api/queues')).queues.find((q) => q.name === 'emails')?.paused,
    ).toBe(true);
    const resumed = await h.json<{ queue: { paused: boolean } }>('/api/clusters/local/queues/emails/resume', {
      method: 'POST',
      headers,
    });
    expect(resumed.queue.paused).toBe(false);
  });

  it('cancels a scheduled job and retries a dead-letter job', async () => {
    const headers = await h.writeHeaders();
    const { job } = await ojs.jobs.enqueue({
      type: 'email.send',
      args: [],
      options: { queue: 'later', scheduled_at: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const cancelled = await h.json<{ job: { state: string } }>(`/api/clusters/local/jobs/${job.id}/cancel`, {
      method: 'POST',
      headers,
    });
    expect(cancelled.job.state).toBe('cancelled');
    const res = await h.request(`/api/clusters/local/jobs/${job.id}/cancel`, { method: 'POST', headers });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: expect.any(String) as string, retryable: false },
    });

    const dead = await ojs.deadLetter('payment.charge', 'payments', 'card 4242 declined');
    const retried = await h.json<{ job: { state: string } }>(`/api/clusters/local/jobs/${dead}/retry`, {
      method: 'POST',
      headers,
    });
    expect(retried.job.state).toBe('available');
  });

  it('refuses writes without the CSRF token or from another origin', async () => {
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const noToken = await h.request('/api/clusters/local/queues/emails/pause', { method: 'POST' });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    const headers = await h.writeHeaders();
    const crossSite = await h.request('/api/clusters/local/queues/emails/pause', {
      method: 'POST',
      headers: { ...headers, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const foreignOrigin = await h.request('http://localhost/api/clusters/local/queues/emails/pause', {
      method: 'POST',
      headers: { ...headers, Origin: 'https://evil.example', Host: 'localhost' },
    });
    expect(foreignOrigin.status).toBe(403);
    const queue = (await h.json<QueuesResponse>('/api/queues')).queues.find((q) => q.name === 'emails');
    expect(queue?.paused).toBe(false);
  });

  it('groups dead letters by error fingerprint and retries a group as a tracked operation', async () => {
    await ojs.deadLetter('payment.charge', 'payments', 'card 4242 declined', 'card_declined');
    await ojs.deadLetter('payment.charge', 'payments', 'card 1111 declined', 'card_declined');
    await ojs.deadLetter('payment.charge', 'payments', 'card 9999 declined', 'card_declined');
    await ojs.deadLetter('webhook.deliver', 'webhooks', 'HTTP 410 from https://a.example/hook', 'http_4xx');
    const list = await h.json<DeadLetterResponse>('/api/dead-letter');
    expect(list.total).toBe(4);
    expect(list.groups).toHaveLength(2);
    const [top, second] = list.groups;
    expect(top).toMatchObject({
      cluster: 'local',
      type: 'payment.charge',
      code: 'card_declined',
      message: 'card <n> declined',
      count: 3,
      queues: ['payments'],
    });
    expect(second).toMatchObject({ type: 'webhook.deliver', count: 1, message: 'HTTP <n> from <url>' });

    const group = await h.json<DeadLetterGroupResponse>(
      `/api/dead-letter/groups/${top?.fingerprint}?cluster=local`,
    );
    expect(group.jobs).toHaveLength(3);
    expect(group.jobs.every((j) => j.type === 'payment.charge')).toBe(true);

    const headers = await h.writeHeaders();
    const started = await h.json<OperationResponse>(
      `/api/dead-letter/groups/${top?.fingerprint}/retry?cluster=local`,
      { method: 'POST', headers },
      202,
    );
    expect(started.operation).toMatchObject({ action: 'retry', state: 'running', matched: 3 });
    const done = await waitForOperation(started.operation.id);
    expect(done).toMatchObject({ state: 'completed', matched: 3, processed: 3, succeeded: 3, failed: 0 });
    const after = await h.json<DeadLetterResponse>('/api/dead-letter');
    expect(after.groups.map((g) => g.type)).toEqual(['webhook.deliver']);

    const deleted = await h.json<OperationResponse>(
      `/api/dead-letter/groups/${second?.fingerprint}/delete`,
      { method: 'POST', headers },
      202,
    );
    expect((await waitForOperation(deleted.operation.id)).succeeded).toBe(1);
    expect((await h.json<DeadLetterResponse>('/api/dead-letter')).total).toBe(0);
  });

  it('reports per-job failures in a bulk operation on explicit job ids', async () => {
    const headers = await h.writeHeaders();
    const a = await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const b = await ojs.complete('email.send', 'done');
    const preview = await h.json<{
      matched: number;
      requires_typed_confirmation: boolean;
      confirmation_phrase: string;
    }>('/api/bulk/preview', {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'cancel', cluster: 'local', job_ids: [a.job.id, b] }),
    });
    expect(preview).toMatchObject({
      matched: 2,
      requires_typed_confirmation: false,
      confirmation_phrase: 'cancel 2 jobs',
    });
    const started = await h.json<OperationResponse>(
      '/api/bulk',
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ action: 'cancel', cluster: 'local', job_ids: [a.job.id, b], confirm: true }),
      },
      202,
    );
    const done = await waitForOperation(started.operation.id);
    expect(done).toMatchObject({ state: 'completed', processed: 2, succeeded: 1, failed: 1 });
    expect(done.failures).toEqual([
      expect.objectContaining({ cluster: 'local', job_id: b, code: expect.any(String) as string }),
    ]);
  });

  it('needs the typed phrase for deletes', async () => {
    const headers = await h.writeHeaders();
    const id = await ojs.complete('email.send', 'emails');
    const res = await h.request('/api/bulk', {
      method: 'POST',
      headers,
      body: JSON.stringify({ action: 'delete', cluster: 'local', job_ids: [id], confirm: true }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', message: 'type "delete 1 jobs" to confirm this action' },
    });
  });
});

describe('errors', () => {
  it('answers bad input with 400 and the field', async () => {
    const res = await h.request('/api/jobs?per_page=1000');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.issues[0]?.path).toBe('per_page');
    const q = await h.request('/api/jobs?q=state:running');
    expect(q.status).toBe(400);
    expect(await q.json()).toMatchObject({ error: { code: 'invalid_request', details: { position: 6 } } });
    const body2 = await h.request('/api/bulk/preview', {
      method: 'POST',
      headers: await h.writeHeaders(),
      body: '{"action":"explode"}',
    });
    expect(body2.status).toBe(400);
  });

  it('answers unknown clusters and jobs with 404', async () => {
    expect((await h.request('/api/queues?cluster=nope')).status).toBe(404);
    const res = await h.request('/api/clusters/local/jobs/019a0000-0000-7000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found', retryable: false } });
    expect((await h.request('/api/operations/op_missing')).status).toBe(404);
    expect((await h.request('/api/nowhere')).status).toBe(404);
  });
});

describe('live events', () => {
  it('streams job events with BFF ids (in-process stream)', async () => {
    const controller = new AbortController();
    const res = await h.request('/api/events?types=job.*', { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('content-encoding')).toBeNull();
    const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = res.body?.getReader();
    if (!reader) throw new Error('no body');
    await ojs.jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const decoder = new TextDecoder();
    let text = '';
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
      const { frames } = parseSseChunk(text);
      const hit = frames.find((f) => f.event.startsWith('job.'));
      if (hit) {
        expect(Number(hit.id)).toBeGreaterThan(0);
        expect(JSON.parse(hit.data)).toMatchObject({
          cluster: 'local',
          queue: 'emails',
          job_type: 'email.send',
        });
        break;
      }
    }
    expect(parseSseChunk(text).frames.some((f) => f.event.startsWith('job.'))).toBe(true);
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });
});

describe('signals over time', () => {
  it('flags the oldest waiting job and a queue without live workers', async () => {
    const { ManualClock, createOjsServer } = await import('@lookout/ojs-server');
    const clock = new ManualClock(Date.now());
    const server = createOjsServer({ clock });
    const { createBff } = await import('../createBff');
    const { testSettings } = await import('../testing/bffHarness');
    const bff = createBff(testSettings([{ id: 'c', name: 'C', url: 'http://c.test' }]), {
      defaultMetrics: false,
      now: () => clock.now(),
      fetchFor: () => (input, init) => server.fetch(new Request(input, init)),
    });
    try {
      await bff.start();
      const driver = ojsDriver(server);
      await driver.jobs.enqueue({ type: 'report.generate', args: [], options: { queue: 'reports' } });
      await driver.workers.heartbeat({ worker_id: 'w-other', active_jobs: [] });
      clock.advance(10 * 60_000);
      const res = await bff.app.request('/api/signals?cluster=c');
      const body = (await res.json()) as SignalsResponse;
      const kinds = body.signals.map((s) => `${s.kind}:${s.queue ?? s.worker_id ?? ''}`);
      expect(kinds).toContain('oldest_waiting:reports');
      expect(kinds).toContain('queue_no_workers:reports');
      const oldest = body.signals.find((s) => s.kind === 'oldest_waiting');
      expect(oldest).toMatchObject({
        severity: 'warning',
        value: 600,
        message: 'Oldest job in reports has waited 10 min',
      });
      expect(oldest?.link).toEqual({
        page: 'jobs',
        params: { cluster: 'c', queue: 'reports', state: 'available', sort: 'created_at', order: 'asc' },
      });
    } finally {
      await bff.close();
      await server.close();
    }
  });
});

import { manifestExtensionNames } from '@lookout/ojs-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OjsClient, createOjsClient } from './createOjsClient';
import { OjsError } from './OjsError';
import { type ServedApp, serveApp } from './testing/serveApp';
import { type TestOjsServer, createTestOjsApp } from './testing/testOjsApp';

describe('OJS client endpoints against an in-process OJS app', () => {
  let server: TestOjsServer;
  let served: ServedApp;
  let client: OjsClient;

  beforeAll(async () => {
    server = createTestOjsApp();
    served = await serveApp(server.app);
    client = createOjsClient({ baseUrl: served.url, token: 't0ken' });
  });
  afterAll(async () => {
    await served.close();
  });

  const lastRequest = () => server.requests.at(-1);

  it('reads the manifest and health, including a degraded 503', async () => {
    const manifest = await client.manifest();
    expect(manifest.implementation.name).toBe('test-ojs');
    expect(manifestExtensionNames(manifest)).toEqual(['admin-api']);
    expect((await client.health()).status).toBe('ok');
    server.setHealthy(false);
    try {
      const degraded = await client.health();
      expect(degraded.status).toBe('degraded');
    } finally {
      server.setHealthy(true);
    }
  });

  it('runs a job through enqueue, fetch, heartbeat, ack and get', async () => {
    const { job, deduplicated } = await client.jobs.enqueue({
      type: 'report.build',
      args: [1, 'x'],
      options: { queue: 'reports', priority: 5 },
      x_trace: 'kept',
    });
    expect(deduplicated).toBe(false);
    expect(job).toMatchObject({
      type: 'report.build',
      queue: 'reports',
      state: 'available',
      x_trace: 'kept',
    });
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/ojs/v1/jobs' });

    const fetched = await client.workers.fetch({ queues: ['reports'], count: 5, worker_id: 'w-1' });
    expect(fetched.map((j) => j.id)).toEqual([job.id]);
    expect(fetched[0]?.state).toBe('active');

    const beat = await client.workers.heartbeat({ worker_id: 'w-1', active_jobs: [job.id] });
    expect(beat.resolvedDirective).toBe('running');
    expect(beat.directive).toBe('continue');

    const ack = await client.workers.ack({ job_id: job.id, result: { rows: 3 } });
    expect(ack).toMatchObject({ acknowledged: true, id: job.id, state: 'completed' });
    expect(await client.jobs.get(job.id)).toMatchObject({ state: 'completed', result: { rows: 3 } });
  });

  it('reports a deduplicated enqueue (200) and a duplicate id (409)', async () => {
    const { job } = await client.jobs.enqueue({ type: 'a.b', args: [] });
    const again = await client.jobs.enqueue({
      id: job.id,
      type: 'a.b',
      args: [],
      meta: { on_conflict: 'ignore' },
    });
    expect(again).toMatchObject({ deduplicated: true, job: { id: job.id } });
    await expect(client.jobs.enqueue({ id: job.id, type: 'a.b', args: [] })).rejects.toMatchObject({
      code: 'duplicate',
      status: 409,
      details: { existing_job_id: job.id },
    });
  });

  it('enqueues a batch, cancels, activates, and maps a 409 on a terminal job', async () => {
    const { jobs, count } = await client.jobs.enqueueBatch([
      { type: 'batch.one', args: [] },
      { type: 'batch.two', args: [], options: { pending: true } },
    ]);
    expect(count).toBe(2);
    const [first, second] = jobs;
    if (!first || !second) throw new Error('batch returned too few jobs');
    expect(await client.jobs.cancel(first.id)).toMatchObject({
      state: 'cancelled',
      previous_state: 'available',
    });
    const err = await client.jobs.cancel(first.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OjsError);
    expect(err).toMatchObject({ code: 'conflict', status: 409 });
    expect(await client.jobs.activate(second.id)).toMatchObject({
      state: 'available',
      previous_state: 'pending',
    });
  });

  it('sets and reads progress, accepting the bare and wrapped forms', async () => {
    const { job } = await client.jobs.enqueue({ type: 'p.q', args: [] });
    expect(await client.jobs.setProgress(job.id, { progress: 0.4, message: 'halfway-ish' })).toMatchObject({
      progress: 0.4,
      message: 'halfway-ish',
    });
    expect(await client.jobs.getProgress(job.id)).toMatchObject({ progress: 0.4 });
  });

  it('nacks into the dead letter queue, then lists, counts, retries and deletes there', async () => {
    const { job } = await client.jobs.enqueue({ type: 'dlq.job', args: [], options: { queue: 'dlq' } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [claimed] = await client.workers.fetch({ queues: ['dlq'] });
      expect(claimed?.id).toBe(job.id);
      const nack = await client.workers.nack({ job_id: job.id, error: { code: 'boom', message: 'failed' } });
      expect(nack.state).toBe(attempt < 3 ? 'retryable' : 'discarded');
      if (attempt < 3) server.jobs.get(job.id)!.state = 'available';
    }
    const list = await client.deadLetter.list({ queue: 'dlq', limit: 10 });
    expect(list.jobs.map((j) => j.id)).toContain(job.id);
    expect(lastRequest()?.query).toEqual({ queue: 'dlq', limit: '10' });
    expect((await client.deadLetter.stats()).total).toBeGreaterThanOrEqual(1);
    expect(await client.deadLetter.retry(job.id)).toMatchObject({
      id: job.id,
      state: 'available',
      attempt: 0,
    });
    await expect(client.deadLetter.delete(job.id)).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('lists queues, normalises HB stats, pauses and resumes', async () => {
    await client.jobs.enqueue({ type: 'q.job', args: [], options: { queue: 'mail' } });
    const { queues } = await client.queues.list({ limit: 50 });
    expect(queues.map((q) => q.name)).toContain('mail');
    expect(await client.queues.stats('mail')).toMatchObject({ name: 'mail', available: 1, paused: false });
    expect(await client.queues.pause('mail')).toMatchObject({ name: 'mail', paused: true });
    expect(await client.workers.fetch({ queues: ['mail'] })).toEqual([]);
    expect(await client.queues.resume('mail')).toMatchObject({ name: 'mail', paused: false });
  });

  it('registers, lists and deletes cron jobs across response spellings', async () => {
    const cron = await client.cron.register({
      name: 'nightly',
      expression: '0 3 * * *',
      job_template: { type: 'report.nightly', args: [] },
    });
    expect(cron).toMatchObject({ name: 'nightly', expression: '0 3 * * *', enabled: true });
    expect((await client.cron.list()).map((c) => c.name)).toEqual(['nightly']);
    expect(await client.cron.delete('nightly')).toEqual({ name: 'nightly' });
    await expect(client.cron.delete('nightly')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('creates, reads and cancels a workflow', async () => {
    const wf = await client.workflows.create({
      type: 'chain',
      name: 'etl',
      steps: [
        { type: 'etl.extract', args: [] },
        { type: 'etl.load', args: [] },
      ],
    });
    expect(wf).toMatchObject({ type: 'chain', state: 'running', steps_total: 2 });
    expect((await client.workflows.get(wf.id)).name).toBe('etl');
    expect((await client.workflows.cancel(wf.id)).state).toBe('cancelled');
  });

  it('lists admin jobs with filters, sort and paging sent in wire form', async () => {
    for (const type of ['adm.a', 'adm.b', 'adm.c']) {
      await client.jobs.enqueue({ type, args: [], options: { queue: 'adm' } });
    }
    const page = await client.admin.jobs.list({
      queue: 'adm',
      state: ['available', 'scheduled'],
      type: 'adm.*',
      page: 1,
      perPage: 2,
      sort: 'created_at',
      order: 'asc',
    });
    expect(lastRequest()?.query).toEqual({
      queue: 'adm',
      state: 'available,scheduled',
      type: 'adm.*',
      page: '1',
      per_page: '2',
      sort: 'created_at',
      order: 'asc',
    });
    expect(page.items.map((j) => j.type)).toEqual(['adm.a', 'adm.b']);
    expect(page.pagination).toMatchObject({ total: 3, page: 1, per_page: 2 });

    const first = page.items[0]!;
    expect((await client.admin.jobs.get(first.id)).id).toBe(first.id);
    expect(await client.admin.jobs.cancel(first.id)).toMatchObject({ id: first.id, state: 'cancelled' });
    expect(await client.admin.jobs.retry(first.id)).toMatchObject({ id: first.id, state: 'available' });
  });

  it('runs bulk cancel and delete with confirm, and surfaces the 400 without it', async () => {
    const cancelled = await client.admin.jobs.bulkCancel({ filter: { queue: 'adm' }, confirm: true });
    expect(cancelled).toMatchObject({ action: 'cancel', matched: 3, succeeded: 3, failed: 0 });
    const deleted = await client.admin.jobs.bulkDelete({
      filter: { queue: 'adm', state: 'cancelled' },
      confirm: true,
    });
    expect(deleted).toMatchObject({ action: 'delete', matched: 3, succeeded: 3 });
    const retried = await client.admin.jobs.bulkRetry({ filter: { queue: 'adm' }, confirm: true });
    expect(retried.matched).toBe(0);
    // the type forbids a missing confirm; a caller going around it still gets the server's answer
    const unconfirmed = { filter: {} } as unknown as Parameters<typeof client.admin.jobs.bulkRetry>[0];
    await expect(client.admin.jobs.bulkRetry(unconfirmed)).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
    });
  });

  it('manages admin queues: list (bare array), detail, pause, resume, config, purge', async () => {
    await client.jobs.enqueue({ type: 'purge.me', args: [], options: { queue: 'purgeable' } });
    const { items } = await client.admin.queues.list({ page: 1, perPage: 50 });
    expect(items.find((q) => q.name === 'purgeable')?.counts).toMatchObject({ available: 1 });
    expect((await client.admin.queues.get('purgeable')).configuration).toMatchObject({ concurrency: 5 });
    expect(await client.admin.queues.pause('purgeable')).toMatchObject({ name: 'purgeable', paused: true });
    expect(await client.admin.queues.resume('purgeable')).toMatchObject({ paused: false });
    expect(await client.admin.queues.setConfig('purgeable', { concurrency: 9 })).toMatchObject({
      concurrency: 9,
    });
    const purged = await client.admin.queues.purge('purgeable', { states: ['available'], confirm: true });
    expect(purged).toMatchObject({ purged_count: 1, states: ['available'] });
    expect(lastRequest()).toMatchObject({ method: 'DELETE', body: { states: ['available'], confirm: true } });
  });

  it('manages workers: list, detail, quiet (seen on the next heartbeat), deregister', async () => {
    await client.workers.heartbeat({ worker_id: 'w-9', active_jobs: [] });
    const { items } = await client.admin.workers.list({ perPage: 10 });
    expect(items.map((w) => w.id)).toContain('w-9');
    expect((await client.admin.workers.get('w-9')).jobs).toEqual([]);
    expect(await client.admin.workers.quiet('w-9')).toMatchObject({ id: 'w-9', state: 'quiet' });
    expect((await client.workers.heartbeat({ worker_id: 'w-9' })).resolvedDirective).toBe('quiet');
    await expect(client.admin.workers.deregister('w-9')).resolves.toBeUndefined();
    await expect(client.admin.workers.get('w-9')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reads stats and stats history', async () => {
    const stats = await client.admin.stats.get();
    expect(stats.jobs?.completed).toBeGreaterThanOrEqual(1);
    const history = await client.admin.stats.history({ period: '1h', queue: 'default' });
    expect(lastRequest()?.query).toEqual({ period: '1h', queue: 'default' });
    expect(history).toMatchObject({ period: '1h', data: [{ processed: 3 }] });
  });

  it('manages the admin dead letter queue: list, stats, retry, delete (204), bulk retry, purge', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { job } = await client.jobs.enqueue({ type: 'dead.job', args: [i], options: { queue: 'dead' } });
      const stored = server.jobs.get(job.id)!;
      stored.state = 'active';
      stored.attempt = 3;
      await client.workers.nack({ job_id: job.id, error: { message: 'fatal' } });
      ids.push(job.id);
    }
    const page = await client.admin.deadLetter.list({ queue: 'dead', perPage: 10 });
    expect(page.items.map((j) => j.id).sort()).toEqual([...ids].sort());
    expect(await client.admin.deadLetter.stats()).toMatchObject({ total: 3 });
    expect(await client.admin.deadLetter.retry(ids[0]!)).toMatchObject({ id: ids[0], state: 'available' });
    await expect(client.admin.deadLetter.delete(ids[1]!)).resolves.toBeUndefined();
    const bulk = await client.admin.deadLetter.bulkRetry({ filter: { queue: 'dead' }, confirm: true });
    expect(bulk).toMatchObject({ action: 'retry', matched: 1, succeeded: 1, failed: 0 });
    expect(await client.admin.deadLetter.purge({ confirm: true })).toMatchObject({ purged_count: 0 });
  });

  it('toggles maintenance and reads the system config', async () => {
    expect(await client.admin.system.setMaintenance({ enabled: true, reason: 'db migration' })).toMatchObject(
      {
        maintenance: true,
        reason: 'db migration',
      },
    );
    expect(await client.admin.system.getMaintenance()).toMatchObject({ maintenance: true });
    expect(await client.admin.system.config()).toMatchObject({ backend: 'memory' });
  });

  it('encodes path segments', async () => {
    await expect(client.jobs.get('a/b?c')).rejects.toMatchObject({ code: 'not_found' });
    expect(lastRequest()?.path).toBe('/ojs/v1/jobs/a%2Fb%3Fc');
  });
});

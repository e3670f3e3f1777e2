import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CronsResponse,
  DeadLetterGroupResponse,
  DeadLetterResponse,
  JobDetailResponse,
  JobsResponse,
} from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { headerRoleAuth } from '../testing/headerRoleAuth';
import { ojsDriver } from '../testing/ojsDriver';
import { SseTestClient } from '../testing/sseClient';
import { REDACTED } from './createRedactor';

let h: Harness;
let jobId: string;
let deadId: string;
const viewer = { headers: { 'X-Test-Role': 'viewer' } };
const operator = { headers: { 'X-Test-Role': 'operator' } };

beforeAll(async () => {
  h = await createHarness({ auth: headerRoleAuth() });
  const ojs = ojsDriver(h.server);
  const { job } = await ojs.jobs.enqueue({
    type: 'payment.charge',
    args: [{ customer: 'c-42', card: { number: '4111111111111111', cvv: '123' }, Password: 'hunter2' }],
    meta: { tenant: 'acme', api_key: 'k-secret' },
    options: { queue: 'payments' },
  });
  jobId = job.id;
  const dead = await ojs.jobs.enqueue({
    type: 'email.send',
    args: [{ to: 'a@b.c', smtp_password: 'pw' }],
    options: { queue: 'emails', retry: { max_attempts: 1, on_exhaustion: 'dead_letter' } },
  });
  deadId = dead.job.id;
  await ojs.workers.fetch({ queues: ['emails'], count: 1, worker_id: 'w1' });
  await ojs.workers.nack({
    job_id: deadId,
    error: {
      code: 'smtp_refused',
      message: 'refused',
      retryable: false,
      details: { auth_token: 't-1', host: 'mx' },
    },
  });
});
afterAll(() => h.close());

describe('viewer redaction', () => {
  it('hides secret-looking values in job detail and says so', async () => {
    const seen = await h.json<JobDetailResponse>(`/api/clusters/local/jobs/${jobId}`, viewer);
    expect(seen.redacted).toBe(true);
    expect(seen.job.args).toEqual([{ customer: 'c-42', card: REDACTED, Password: REDACTED }]);
    expect(seen.job.meta).toMatchObject({ tenant: 'acme', api_key: REDACTED });
    const full = await h.json<JobDetailResponse>(`/api/clusters/local/jobs/${jobId}`, operator);
    expect(full.redacted).toBeUndefined();
    expect(full.job.args).toEqual([
      { customer: 'c-42', card: { number: '4111111111111111', cvv: '123' }, Password: 'hunter2' },
    ]);
  });

  it('hides them in job lists and search results, and refuses searching a hidden field', async () => {
    const list = await h.json<JobsResponse>('/api/jobs?queue=payments', viewer);
    const preview = list.items.find((j) => j.id === jobId)?.args_preview ?? '';
    expect(preview).toContain(`"customer":"c-42"`);
    expect(preview).toContain(`"card":"${REDACTED}"`);
    expect(preview).not.toContain('4111');
    expect(preview).not.toContain('hunter2');
    const found = await h.json<JobsResponse>(
      `/api/jobs?q=${encodeURIComponent('args.customer:c-42')}`,
      viewer,
    );
    expect(found.items.map((j) => j.id)).toContain(jobId);
    expect(JSON.stringify(found.items)).not.toContain('hunter2');
    const refused = await h.request(`/api/jobs?q=${encodeURIComponent('args.0.Password:hunter2')}`, viewer);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    const operatorList = await h.json<JobsResponse>('/api/jobs?queue=payments', operator);
    expect(operatorList.items.find((j) => j.id === jobId)?.args_preview).toContain('4111');
  });

  it('hides them in dead-letter samples and group job lists', async () => {
    const list = await h.json<DeadLetterResponse>('/api/dead-letter', viewer);
    const group = list.groups.find((g) => g.sample.job_id === deadId);
    expect(group?.sample.details).toEqual({ auth_token: REDACTED, host: 'mx' });
    const detail = await h.json<DeadLetterGroupResponse>(
      `/api/dead-letter/groups/${group?.fingerprint}?cluster=local`,
      viewer,
    );
    expect(detail.sample.details).toEqual({ auth_token: REDACTED, host: 'mx' });
    expect(detail.jobs[0]?.args_preview).toBe(`[{"to":"a@b.c","smtp_password":"${REDACTED}"}]`);
    const full = await h.json<DeadLetterResponse>('/api/dead-letter', operator);
    expect(full.groups.find((g) => g.sample.job_id === deadId)?.sample.details).toEqual({
      auth_token: 't-1',
      host: 'mx',
    });
  });

  it('hides them in cron job templates', async () => {
    await ojsDriver(h.server).cron.register({
      name: 'nightly-sync',
      expression: '0 3 * * *',
      timezone: 'UTC',
      job_template: { type: 'crm.sync', args: [{ account: 'acme', api_token: 'tok-cron' }] },
    });
    const seen = await h.json<CronsResponse>('/api/crons', viewer);
    const cron = seen.crons.find((c) => c.name === 'nightly-sync');
    expect(cron?.job_template).toMatchObject({ args: [{ account: 'acme', api_token: REDACTED }] });
    const full = await h.json<CronsResponse>('/api/crons', operator);
    expect(JSON.stringify(full.crons)).toContain('tok-cron');
  });

  it('hides them in the live event stream', async () => {
    const server: ServerType = serve({ fetch: h.bff.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events?types=test.*`;
    const asViewer = await SseTestClient.connect(url, { 'X-Test-Role': 'viewer' });
    const asOperator = await SseTestClient.connect(url, { 'X-Test-Role': 'operator' });
    try {
      expect(asViewer.headers['x-content-type-options']).toBe('nosniff');
      h.bff.deps.hub.publish({
        cluster: 'local',
        type: 'test.progress',
        time: new Date().toISOString(),
        data: { step: 2, credentials: { token: 'tok-9' }, result: { secret_url: 's' } },
      });
      const has = (c: SseTestClient) => () =>
        c.frames.some((f) => f.data?.includes('test.progress') === true);
      await asViewer.waitFor(has(asViewer));
      await asOperator.waitFor(has(asOperator));
      const viewerFrame = asViewer.frames.find((f) => f.data?.includes('test.progress'));
      const operatorFrame = asOperator.frames.find((f) => f.data?.includes('test.progress'));
      expect(JSON.parse(viewerFrame?.data ?? '{}')).toMatchObject({
        data: { step: 2, credentials: { token: REDACTED }, result: { secret_url: REDACTED } },
      });
      expect(operatorFrame?.data).toContain('tok-9');
    } finally {
      asViewer.close();
      asOperator.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

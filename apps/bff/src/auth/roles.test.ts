import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/bffHarness';
import { ojsDriver } from '../testing/ojsDriver';
import { headerRoleAuth } from '../testing/headerRoleAuth';
import { hasRole, type Role } from './roles';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    expect(hasRole('admin', 'operator')).toBe(true);
    expect(hasRole('operator', 'operator')).toBe(true);
    expect(hasRole('viewer', 'operator')).toBe(false);
    expect(hasRole('operator', 'admin')).toBe(false);
  });

  it('enforces the role of each write and lets every role read', async () => {
    h = await createHarness({ auth: headerRoleAuth() });
    const harness = h;
    const ojs = ojsDriver(h.server);
    const done = await ojs.complete('email.send', 'emails');
    const headers = await h.writeHeaders();
    const call = async (role: Role | null, method: string, path: string) => {
      const res = await harness.request(path, {
        method,
        headers: { ...headers, ...(role ? { 'X-Test-Role': role } : {}) },
      });
      return res.status;
    };
    expect(await call('viewer', 'GET', '/api/queues')).toBe(200);
    expect(await call('viewer', 'POST', '/api/clusters/local/queues/emails/pause')).toBe(403);
    expect(await call(null, 'POST', '/api/clusters/local/queues/emails/pause')).toBe(401);
    expect(await call('operator', 'POST', '/api/clusters/local/queues/emails/pause')).toBe(200);
    expect(await call('operator', 'DELETE', `/api/clusters/local/jobs/${done}`)).toBe(403);
    expect(await call('admin', 'DELETE', `/api/clusters/local/jobs/${done}`)).toBe(200);
    const bulk = await harness.request('/api/bulk', {
      method: 'POST',
      headers: { ...headers, 'X-Test-Role': 'operator' },
      body: JSON.stringify({
        action: 'delete',
        cluster: 'local',
        job_ids: [done],
        confirm: true,
        confirmation_phrase: 'delete 1 jobs',
      }),
    });
    expect(bulk.status).toBe(403);
    expect(await bulk.json()).toMatchObject({
      error: { code: 'forbidden', details: { required_role: 'admin', role: 'operator' } },
    });
    const me = await harness.request('/api/me', { headers: { 'X-Test-Role': 'viewer' } });
    expect(await me.json()).toMatchObject({
      user: { name: 'viewer-user', role: 'viewer' },
      auth_mode: 'test-header',
    });
  });

  it('turns every write off in read-only mode', async () => {
    h = await createHarness({ settings: { readOnly: true } });
    await ojsDriver(h.server).jobs.enqueue({ type: 'email.send', args: [], options: { queue: 'emails' } });
    const res = await h.request('/api/clusters/local/queues/emails/pause', {
      method: 'POST',
      headers: await h.writeHeaders(),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'read_only' } });
    expect((await h.json<{ read_only: boolean }>('/api/me')).read_only).toBe(true);
  });
});

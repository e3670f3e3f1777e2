import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditResponse } from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { headerRoleAuth } from '../testing/headerRoleAuth';
import { ojsDriver } from '../testing/ojsDriver';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function start(dataDir: string): Promise<Harness> {
  const h = await createHarness({ auth: headerRoleAuth(), settings: { dataDir } });
  cleanup.push(() => h.close());
  return h;
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-audit-routes-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('audit API', () => {
  it('records every write (allowed, denied and failed) and keeps them across a restart', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const ojs = ojsDriver(h.server);
    const done = await ojs.complete('email.send', 'emails');
    const headers = await h.writeHeaders();
    const as = (role: string | null, extra: Record<string, string> = {}) => ({
      ...headers,
      ...(role ? { 'X-Test-Role': role } : {}),
      ...extra,
    });
    const send = (
      method: string,
      url: string,
      role: string | null,
      body?: unknown,
      extra?: Record<string, string>,
    ) =>
      h.request(url, {
        method,
        headers: as(role, extra),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });

    expect((await send('POST', '/api/clusters/local/queues/emails/pause', 'operator')).status).toBe(200);
    expect((await send('POST', '/api/clusters/local/queues/emails/resume', 'viewer')).status).toBe(403);
    expect((await send('POST', '/api/clusters/local/queues/emails/resume', null)).status).toBe(401);
    expect((await send('DELETE', `/api/clusters/local/jobs/${done}`, 'operator')).status).toBe(403);
    expect((await send('POST', '/api/clusters/nowhere/jobs/x/retry', 'operator')).status).toBe(404);
    expect(
      (
        await send('POST', '/api/bulk', 'operator', {
          action: 'delete',
          cluster: 'local',
          job_ids: [done],
          confirm: true,
          confirmation_phrase: 'delete 1 jobs',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send('DELETE', `/api/clusters/local/jobs/${done}`, 'admin', undefined, {
          'X-Test-User': '=HYPERLINK("x")',
        })
      ).status,
    ).toBe(200);
    const bulk = await send('POST', '/api/bulk', 'operator', {
      action: 'retry',
      cluster: 'local',
      filter: { queue: 'emails', state: 'discarded' },
      confirm: true,
    });
    expect(bulk.status).toBe(202);

    const page = await h.json<AuditResponse>('/api/audit', { headers: { 'X-Test-Role': 'admin' } });
    const rows = page.entries.map((e) => [e.action, e.actor, e.result, e.status, e.target]);
    expect(rows).toEqual([
      ['bulk.retry', 'operator-user', 'ok', 202, null],
      ['job.delete', '=HYPERLINK("x")', 'ok', 200, `job:${done}`],
      ['bulk.delete', 'operator-user', 'denied', 403, null],
      ['job.retry', 'operator-user', 'error', 404, 'job:x'],
      ['job.delete', 'operator-user', 'denied', 403, `job:${done}`],
      ['queue.resume', 'anonymous', 'denied', 401, 'queue:emails'],
      ['queue.resume', 'viewer-user', 'denied', 403, 'queue:emails'],
      ['queue.pause', 'operator-user', 'ok', 200, 'queue:emails'],
    ]);
    const first = page.entries[0] as AuditEntry;
    expect(first).toMatchObject({
      role: 'operator',
      auth_mode: 'test-header',
      cluster: 'local',
      filter: { queue: 'emails', state: ['discarded'] },
      count: 0,
      error_code: null,
    });
    expect(first.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.entries[2]).toMatchObject({
      error_code: 'forbidden',
      filter: { job_ids: [done] },
      cluster: 'local',
    });
    expect(page.entries[3]).toMatchObject({ cluster: 'nowhere', error_code: 'not_found' });

    // Reads are not audited; the log is read-only through the API.
    expect((await h.request('/api/audit', { method: 'DELETE', headers: as('admin') })).status).toBe(404);
    expect((await h.request('/api/audit/1', { method: 'POST', headers: as('admin') })).status).toBe(404);
    expect((await h.request('/api/audit', { headers: { 'X-Test-Role': 'operator' } })).status).toBe(403);

    await h.close();
    cleanup.pop();
    const again = await start(dir);
    const after = await again.json<AuditResponse>('/api/audit', { headers: { 'X-Test-Role': 'admin' } });
    expect(after.entries.map((e) => e.id)).toEqual(page.entries.map((e) => e.id));
  });

  it('filters, pages and exports CSV (formula-safe) and JSON', async () => {
    let now = Date.parse('2026-04-01T12:00:00Z');
    const h = await createHarness({ auth: headerRoleAuth(), bffOptions: { now: () => now } });
    cleanup.push(() => h.close());
    await ojsDriver(h.server).jobs.enqueue({ type: 't', args: [], options: { queue: 'emails' } });
    const headers = await h.writeHeaders();
    for (const [role, user] of [
      ['operator', 'olga'],
      ['viewer', 'vic'],
      ['admin', '@admin'],
    ] as const) {
      await h.request('/api/clusters/local/queues/emails/pause', {
        method: 'POST',
        headers: { ...headers, 'X-Test-Role': role, 'X-Test-User': user },
      });
      now += 3_600_000;
    }
    const get = (query: string) =>
      h.json<AuditResponse>(`/api/audit${query}`, { headers: { 'X-Test-Role': 'admin' } });
    expect((await get('?actor=olga')).entries.map((e) => e.actor)).toEqual(['olga']);
    expect((await get('?result=denied')).entries.map((e) => e.actor)).toEqual(['vic']);
    expect((await get('?action=queue.pause&result=ok')).entries.map((e) => e.actor)).toEqual([
      '@admin',
      'olga',
    ]);
    expect(
      (await get('?from=2026-04-01T12:30:00Z&to=2026-04-01T13:30:00Z')).entries.map((e) => e.actor),
    ).toEqual(['vic']);
    expect((await get('?q=VI')).entries.map((e) => e.actor)).toEqual(['vic']);
    const paged = await get('?limit=2');
    expect(paged.entries).toHaveLength(2);
    const rest = await get(`?limit=2&before=${paged.next_before}`);
    expect(rest.entries.map((e) => e.actor)).toEqual(['olga']);
    expect(rest.next_before).toBeNull();
    expect((await h.request('/api/audit?limit=501', { headers: { 'X-Test-Role': 'admin' } })).status).toBe(
      400,
    );
    expect((await h.request('/api/audit?result=maybe', { headers: { 'X-Test-Role': 'admin' } })).status).toBe(
      400,
    );

    const csv = await h.request('/api/audit/export?format=csv&result=ok', {
      headers: { 'X-Test-Role': 'admin' },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="lookout-audit-2026-04-01.csv"',
    );
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,time,actor,role,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(",'@admin,admin,");
    expect(lines[2]).toContain(',olga,operator,');

    const json = await h.request('/api/audit/export?format=json', { headers: { 'X-Test-Role': 'admin' } });
    expect(json.headers.get('content-disposition')).toBe(
      'attachment; filename="lookout-audit-2026-04-01.json"',
    );
    const entries = (await json.json()) as AuditEntry[];
    expect(entries.map((e) => e.actor)).toEqual(['@admin', 'vic', 'olga']);
    expect((await h.request('/api/audit/export', { headers: { 'X-Test-Role': 'viewer' } })).status).toBe(403);
  });
});

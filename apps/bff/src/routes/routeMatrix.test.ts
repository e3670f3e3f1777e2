import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../app';
import { hasRole, ROLES, type Role } from '../auth/roles';
import { createHarness, type Harness } from '../testing/bffHarness';
import { headerRoleAuth } from '../testing/headerRoleAuth';
import type { RouteSpec } from './routeTable';

/** Sample values for path parameters. */
const PARAMS: Record<string, string> = {
  cluster: 'local',
  name: 'emails',
  id: 'no-such-id',
  fingerprint: '0123456789abcdef',
};

/** Bodies that pass validation where a route needs one (so an allowed call is not a 400 about the body). */
const BODIES: Record<string, unknown> = {
  'POST /api/bulk': { action: 'retry', cluster: 'local', job_ids: ['no-such-id'], confirm: true },
  'POST /api/bulk/preview': { action: 'retry', cluster: 'local', job_ids: ['no-such-id'] },
  'POST /api/clusters/:cluster/queues/:name/purge': { states: ['completed'], confirm: true },
  'POST /api/clusters/:cluster/maintenance': { enabled: false },
};

function concretePath(path: string): string {
  return path.replace(/:([a-z_]+)/g, (_, name: string) => {
    const value = PARAMS[name];
    if (value === undefined) throw new Error(`no sample value for :${name} (add one to PARAMS)`);
    return value;
  });
}

let h: Harness;
let readOnly: Harness;
let table: RouteSpec[];
beforeAll(async () => {
  h = await createHarness({ auth: headerRoleAuth() });
  readOnly = await createHarness({ auth: headerRoleAuth(), settings: { readOnly: true } });
  table = routeTable(h.bff.deps);
});
afterAll(async () => {
  await h.close();
  await readOnly.close();
});

async function call(
  harness: Harness,
  spec: RouteSpec,
  role: Role | null,
): Promise<{ status: number; code?: string }> {
  const key = `${spec.method} ${spec.path}`;
  const body = BODIES[key];
  const controller = new AbortController();
  const res = await harness.request(concretePath(spec.path), {
    method: spec.method,
    headers: {
      ...(spec.method === 'GET' ? {} : await harness.writeHeaders()),
      ...(role ? { 'X-Test-Role': role } : {}),
    },
    ...(spec.method !== 'GET' && body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: controller.signal,
  });
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    controller.abort();
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status };
  }
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, ...(code ? { code } : {}) };
}

describe('route table', () => {
  it('is the only source of routes: every registered route is in it, once', () => {
    const registered = new Set(
      h.bff.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    );
    const declared = table.map((s) => `${s.method} ${s.path}`);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...registered].sort()).toEqual([...declared].sort());
  });

  it('needs a role for everything but sign-in, me, health and metrics', () => {
    expect(
      table
        .filter((s) => s.access === 'public')
        .map((s) => `${s.method} ${s.path}`)
        .sort(),
    ).toEqual([
      'GET /api/auth/oidc/callback',
      'GET /api/auth/oidc/login',
      'GET /api/health',
      'GET /api/me',
      'GET /metrics',
      'POST /api/auth/login',
      'POST /api/auth/logout',
    ]);
    for (const spec of table) {
      if (spec.method !== 'GET' && spec.access !== 'public' && spec.write)
        expect(spec.audit, `${spec.method} ${spec.path}`).toBeDefined();
      if (spec.method === 'GET') expect(spec.write, `${spec.method} ${spec.path}`).toBe(false);
    }
  });

  it('gives every role (and no session) the expected answer on every route', async () => {
    const failures: string[] = [];
    for (const spec of table) {
      for (const role of [null, ...ROLES] as const) {
        const got = await call(h, spec, role);
        const label = `${spec.method} ${spec.path} as ${role ?? 'anonymous'}: ${got.status} ${got.code ?? ''}`;
        if (spec.access === 'public') {
          if (got.status === 401 || got.status === 403) failures.push(`${label} (public route refused)`);
        } else if (role === null) {
          if (got.status !== 401 || got.code !== 'unauthorized') failures.push(`${label} (expected 401)`);
        } else if (!hasRole(role, spec.access)) {
          if (got.status !== 403 || got.code !== 'forbidden') failures.push(`${label} (expected 403)`);
        } else if (got.status === 401 || got.status === 403) {
          failures.push(`${label} (expected to be allowed)`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every write in read-only mode, even to admins', async () => {
    const failures: string[] = [];
    for (const spec of routeTable(readOnly.bff.deps).filter((s) => s.write)) {
      const got = await call(readOnly, spec, 'admin');
      if (got.status !== 403 || got.code !== 'read_only')
        failures.push(`${spec.method} ${spec.path}: ${got.status} ${got.code ?? ''}`);
    }
    expect(failures).toEqual([]);
    expect(routeTable(readOnly.bff.deps).filter((s) => s.write).length).toBeGreaterThanOrEqual(10);
  });
});

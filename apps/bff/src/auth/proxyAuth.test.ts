import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpMatcher } from '../security/createIpMatcher';
import { createHarness, type Harness } from '../testing/bffHarness';
import { parseRoleMap } from './mapRoles';
import { proxyAuth } from './proxyAuth';

let h: Harness | undefined;
let server: ServerType | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  await h?.close();
  h = undefined;
});

/** The BFF on a real socket (the peer address is what the proxy check looks at). */
async function start(trusted: string): Promise<string> {
  h = await createHarness({
    auth: proxyAuth({
      userHeader: 'x-forwarded-user',
      roleHeader: 'x-forwarded-groups',
      roleMap: parseRoleMap('lookout-admins=admin,ops=operator,staff=viewer'),
      trustedProxies: createIpMatcher(trusted),
    }),
  });
  const app = h.bff.app;
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  server = s;
  await new Promise<void>((resolve) => s.once('listening', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const asUser = (user: string, groups: string) => ({ 'X-Forwarded-User': user, 'X-Forwarded-Groups': groups });

describe('proxy sign-in', () => {
  it('trusts the user and group headers from a trusted proxy address', async () => {
    const base = await start('10.0.0.0/8, 127.0.0.1');
    const me = (await (await fetch(`${base}/api/me`, { headers: asUser('olga', 'staff,ops') })).json()) as {
      user: unknown;
      auth_mode: string;
      login: unknown;
      csrf_token: string;
    };
    expect(me).toMatchObject({ user: { name: 'olga', role: 'operator' }, auth_mode: 'proxy', login: null });
    expect((await fetch(`${base}/api/queues`, { headers: asUser('olga', 'ops') })).status).toBe(200);
    expect((await fetch(`${base}/api/queues`)).status).toBe(401);
    expect((await fetch(`${base}/api/queues`, { headers: asUser('nobody', 'guests') })).status).toBe(401);
    const write = await fetch(`${base}/api/clusters/local/queues/emails/pause`, {
      method: 'POST',
      headers: { ...asUser('olga', 'ops'), Origin: base, 'X-CSRF-Token': me.csrf_token },
    });
    expect(write.status).not.toBe(401);
    expect(write.status).not.toBe(403);
    // The token is bound to the user: another user cannot reuse it.
    const other = await fetch(`${base}/api/clusters/local/queues/emails/resume`, {
      method: 'POST',
      headers: { ...asUser('mallory', 'ops'), Origin: base, 'X-CSRF-Token': me.csrf_token },
    });
    expect(other.status).toBe(403);
  });

  it('ignores the headers from an untrusted peer address', async () => {
    const base = await start('10.0.0.0/8');
    const me = (await (
      await fetch(`${base}/api/me`, { headers: asUser('eve', 'lookout-admins') })
    ).json()) as {
      user: unknown;
    };
    expect(me.user).toBeNull();
    const res = await fetch(`${base}/api/queues`, { headers: asUser('eve', 'lookout-admins') });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

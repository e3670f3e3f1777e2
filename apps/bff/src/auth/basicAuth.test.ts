import { afterEach, describe, expect, it } from 'vitest';
import type { AuditResponse, MeResponse } from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { CookieJar } from '../testing/cookieJar';
import { basicAuth, parseUsersFile } from './basicAuth';
import { hashPassword } from './passwordHash';
import { SESSION_COOKIE, SessionManager } from './SessionManager';

const FAST = { N: 1024, r: 8, p: 1 };
const TTL = 12 * 3_600_000;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function setup(options: { secure?: boolean } = {}) {
  let now = Date.parse('2026-05-01T08:00:00Z');
  const users = parseUsersFile(
    JSON.stringify({
      users: [
        { name: 'ann', role: 'admin', password_hash: await hashPassword('ann-pass', FAST) },
        { name: 'vic', role: 'viewer', password_hash: await hashPassword('vic-pass', FAST) },
      ],
    }),
  );
  const sessions = new SessionManager({
    secret: 'x'.repeat(40),
    file: null,
    ttlMs: TTL,
    secure: options.secure ?? false,
    now: () => now,
  });
  h = await createHarness({ auth: basicAuth(users, sessions), bffOptions: { now: () => now } });
  const harness = h;
  const jar = new CookieJar();
  const call = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.header() !== '') headers.set('Cookie', jar.header());
    const res = await harness.request(path, { ...init, headers });
    jar.store(res);
    return res;
  };
  const me = async () => (await (await call('/api/me')).json()) as MeResponse;
  const login = async (username: string, password: string, token?: string) =>
    call('/api/auth/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: 'http://localhost',
        'X-CSRF-Token': token ?? (await me()).csrf_token,
      },
      body: JSON.stringify({ username, password }),
    });
  return {
    jar,
    call,
    me,
    login,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('basic sign-in', () => {
  it('signs in with a good password and sets a signed HttpOnly SameSite=Lax cookie', async () => {
    const t = await setup();
    const anonymous = await t.me();
    expect(anonymous).toMatchObject({ user: null, auth_mode: 'basic', login: { kind: 'password' } });
    expect(t.jar.get('lookout_pre')).toBeDefined();
    expect((await t.call('/api/queues')).status).toBe(401);
    const res = await t.login('ann', 'ann-pass', anonymous.csrf_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { name: 'ann', role: 'admin' } });
    const cookie = t.jar.lastSetCookie(SESSION_COOKIE) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect((await t.call('/api/queues')).status).toBe(200);
    const signedIn = await t.me();
    expect(signedIn).toMatchObject({ user: { name: 'ann', role: 'admin' }, login: { kind: 'password' } });
    expect(signedIn.csrf_token).not.toBe(anonymous.csrf_token);
  });

  it('marks the cookie Secure behind an https public URL', async () => {
    const t = await setup({ secure: true });
    expect((await t.login('ann', 'ann-pass')).status).toBe(200);
    expect(t.jar.lastSetCookie(SESSION_COOKIE)).toMatch(/Secure/);
  });

  it('answers a bad password and an unknown user the same way', async () => {
    const t = await setup();
    const bad = await t.login('ann', 'wrong');
    const unknown = await t.login('nobody', 'wrong');
    expect(bad.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a: unknown = await bad.json();
    const b: unknown = await unknown.json();
    expect(a).toEqual(b);
    expect(a).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(t.jar.get(SESSION_COOKIE)).toBeUndefined();
  });

  it('needs the CSRF token for the sign-in itself', async () => {
    const t = await setup();
    await t.me();
    expect((await t.login('ann', 'ann-pass', 'forged')).status).toBe(403);
  });

  it('rate-limits after 5 failures, even with the right password then', async () => {
    const t = await setup();
    for (let i = 0; i < 5; i++) expect((await t.login('ann', `bad-${i}`)).status).toBe(401);
    const limited = await t.login('ann', 'ann-pass');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    t.advance(15 * 60_000 + 1000);
    expect((await t.login('ann', 'ann-pass')).status).toBe(200);
  });

  it('ignores a tampered cookie', async () => {
    const t = await setup();
    await t.login('vic', 'vic-pass');
    const value = t.jar.get(SESSION_COOKIE) ?? '';
    const [id = '', mac = ''] = value.split('.');
    t.jar.set(SESSION_COOKIE, `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}.${mac}`);
    expect((await t.call('/api/queues')).status).toBe(401);
    t.jar.set(SESSION_COOKIE, `${id}.${mac.slice(0, -2)}`);
    expect((await t.call('/api/queues')).status).toBe(401);
    t.jar.set(SESSION_COOKIE, value);
    expect((await t.call('/api/queues')).status).toBe(200);
  });

  it('expires sessions after the TTL', async () => {
    const t = await setup();
    await t.login('vic', 'vic-pass');
    t.advance(TTL - 1000);
    expect((await t.call('/api/queues')).status).toBe(200);
    t.advance(2000);
    expect((await t.call('/api/queues')).status).toBe(401);
  });

  it('revokes the session on logout (a copied cookie stops working) and audits sign-ins', async () => {
    const t = await setup();
    await t.login('ann', 'wrong');
    await t.login('ann', 'ann-pass');
    const copied = t.jar.get(SESSION_COOKIE) ?? '';
    const { csrf_token } = await t.me();
    const out = await t.call('/api/auth/logout', {
      method: 'POST',
      headers: { Origin: 'http://localhost', 'X-CSRF-Token': csrf_token },
    });
    expect(out.status).toBe(204);
    expect(t.jar.get(SESSION_COOKIE)).toBeUndefined();
    expect((await t.call('/api/queues')).status).toBe(401);
    const replay = await h!.request('/api/queues', { headers: { Cookie: `${SESSION_COOKIE}=${copied}` } });
    expect(replay.status).toBe(401);
    const log = h!.bff.deps.audit.query({ limit: 10 });
    expect(log.entries.map((e) => [e.action, e.actor, e.result])).toEqual([
      ['auth.logout', 'ann', 'ok'],
      ['auth.login', 'ann', 'ok'],
      ['auth.login_failed', 'anonymous', 'error'],
    ]);
    expect(log.entries[2]).toMatchObject({
      target: 'user:ann',
      status: 401,
      error_code: 'invalid_credentials',
    });
  });

  it('lets a signed-in admin read the audit log, and refuses a viewer', async () => {
    const t = await setup();
    await t.login('vic', 'vic-pass');
    const denied = await t.call('/api/audit');
    expect(denied.status).toBe(403);
    await t.login('ann', 'ann-pass');
    const page = (await (await t.call('/api/audit?action=auth.login')).json()) as AuditResponse;
    expect(page.entries.map((e) => e.actor)).toEqual(['ann', 'vic']);
  });
});

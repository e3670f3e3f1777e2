import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../api/schemas';
import { createHarness, type Harness } from '../testing/bffHarness';
import { CookieJar } from '../testing/cookieJar';
import { parseRoleMap } from './mapRoles';
import { oidcAuth, safeReturnTo, type OidcAuthOptions } from './oidcAuth';
import type { Role } from './roles';
import { SESSION_COOKIE, SessionManager } from './SessionManager';

const REDIRECT = 'http://localhost/api/auth/oidc/callback';
const CLIENT_SECRET = 'a-client-secret-that-is-long-enough-0123456789';

/** Accounts of the test identity provider. */
const ACCOUNTS: Record<string, { groups: string[]; realm_access?: { roles: string[] } }> = {
  alice: { groups: ['staff', 'lookout-admins'] },
  oscar: { groups: ['ops'], realm_access: { roles: ['operator'] } },
  nina: { groups: ['guests'] },
};

let issuer: string;
let idp: Server;

beforeAll(async () => {
  idp = createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'lookout',
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
      {
        client_id: 'lookout-public',
        redirect_uris: [REDIRECT],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'none',
      },
    ],
    findAccount: (_ctx, id) => {
      const account = ACCOUNTS[id];
      return account
        ? { accountId: id, claims: () => ({ sub: id, preferred_username: id, ...account }) }
        : undefined;
    },
    claims: { openid: ['sub'], profile: ['preferred_username'], groups: ['groups'], roles: ['realm_access'] },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    pkce: { required: () => true },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    features: { devInteractions: { enabled: true } },
  });
  idp.on('request', provider.callback());
});
afterAll(async () => {
  idp.closeAllConnections();
  await new Promise<void>((resolve) => idp.close(() => resolve()));
});

interface Flow {
  h: Harness;
  bffJar: CookieJar;
  bff(path: string, init?: RequestInit): Promise<Response>;
}

async function bffWith(
  options: Partial<OidcAuthOptions> & { roleMap?: Map<string, Role> | null },
): Promise<Flow> {
  const sessions = new SessionManager({
    secret: 's'.repeat(40),
    file: null,
    ttlMs: 3_600_000,
    secure: false,
  });
  const h = await createHarness({
    auth: oidcAuth({
      issuer,
      clientId: 'lookout',
      clientSecret: CLIENT_SECRET,
      redirectUrl: REDIRECT,
      scopes: 'openid profile groups',
      roleClaim: 'groups',
      roleMap: parseRoleMap('lookout-admins=admin,ops=operator,staff=viewer'),
      defaultRole: null,
      sessions,
      ...options,
    }),
  });
  const bffJar = new CookieJar();
  return {
    h,
    bffJar,
    async bff(path, init = {}) {
      const headers = new Headers(init.headers);
      if (bffJar.header() !== '') headers.set('Cookie', bffJar.header());
      const res = await h.request(path, { ...init, headers });
      bffJar.store(res);
      return res;
    },
  };
}

/**
 * Drives the browser side: from the BFF's login redirect through the provider's login and consent pages
 * (devInteractions) back to the BFF callback. Returns the callback response.
 */
async function signIn(flow: Flow, login: string, returnTo = '/'): Promise<Response> {
  const start = await flow.bff(`/api/auth/oidc/login?return_to=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  let location = start.headers.get('location') ?? '';
  const authUrl = new URL(location);
  expect(authUrl.origin).toBe(issuer);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('state')).toBeTruthy();
  expect(authUrl.searchParams.get('nonce')).toBeTruthy();
  const idpJar = new CookieJar();
  for (let hop = 0; hop < 20; hop++) {
    if (location.startsWith(REDIRECT)) {
      const url = new URL(location);
      return flow.bff(`${url.pathname}${url.search}`);
    }
    const target = new URL(location, issuer);
    let res = await fetch(target, { redirect: 'manual', headers: { Cookie: idpJar.header() } });
    idpJar.store(res);
    if (res.status === 200 && target.pathname.startsWith('/interaction/')) {
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const form = new URLSearchParams(
        prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt ?? '' },
      );
      res = await fetch(target, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: idpJar.header(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      idpJar.store(res);
    } else {
      await res.body?.cancel();
    }
    const next = res.headers.get('location');
    if (!next) throw new Error(`provider stopped at ${target.pathname} with ${res.status}`);
    location = new URL(next, target).href;
  }
  throw new Error('too many redirects');
}

describe('oidc sign-in (against a real oidc-provider)', () => {
  it('runs the code flow with PKCE, maps the groups claim to a role, and returns to the page asked for', async () => {
    const flow = await bffWith({});
    try {
      const anonymous = (await (await flow.bff('/api/me')).json()) as MeResponse;
      expect(anonymous).toMatchObject({
        user: null,
        auth_mode: 'oidc',
        login: { kind: 'redirect', url: '/api/auth/oidc/login' },
      });
      const done = await signIn(flow, 'alice', '/jobs?state=failed');
      expect(done.status).toBe(302);
      expect(done.headers.get('location')).toBe('/jobs?state=failed');
      expect(flow.bffJar.lastSetCookie(SESSION_COOKIE)).toMatch(/HttpOnly/);
      const me = (await (await flow.bff('/api/me')).json()) as MeResponse;
      expect(me.user).toEqual({ name: 'alice', role: 'admin' });
      expect((await flow.bff('/api/audit')).status).toBe(200);
      const entry = flow.h.bff.deps.audit.query({ limit: 1 }).entries[0];
      expect(entry).toMatchObject({ action: 'auth.login', actor: 'alice', role: 'admin', auth_mode: 'oidc' });
    } finally {
      await flow.h.close();
    }
  });

  it('reads a dotted role claim with role names as values (public client, PKCE only)', async () => {
    const flow = await bffWith({
      clientId: 'lookout-public',
      clientSecret: undefined,
      scopes: 'openid profile roles',
      roleClaim: 'realm_access.roles',
      roleMap: null,
    });
    try {
      const done = await signIn(flow, 'oscar');
      expect(done.headers.get('location')).toBe('/');
      const me = (await (await flow.bff('/api/me')).json()) as MeResponse;
      expect(me.user).toEqual({ name: 'oscar', role: 'operator' });
    } finally {
      await flow.h.close();
    }
  });

  it('refuses a user without a role, unless a default role is configured', async () => {
    const strict = await bffWith({});
    try {
      const done = await signIn(strict, 'nina');
      expect(done.headers.get('location')).toBe('/login?error=no_role');
      expect(strict.bffJar.get(SESSION_COOKIE)).toBeUndefined();
      expect(strict.h.bff.deps.audit.query({ limit: 1 }).entries[0]).toMatchObject({
        action: 'auth.login_failed',
        error_code: 'no_role',
      });
    } finally {
      await strict.h.close();
    }
    const lenient = await bffWith({ defaultRole: 'viewer' });
    try {
      await signIn(lenient, 'nina');
      const me = (await (await lenient.bff('/api/me')).json()) as MeResponse;
      expect(me.user).toEqual({ name: 'nina', role: 'viewer' });
    } finally {
      await lenient.h.close();
    }
  });

  it('refuses a callback without the login state cookie or with a forged state', async () => {
    const flow = await bffWith({});
    try {
      const noCookie = await flow.bff('/api/auth/oidc/callback?code=abc&state=xyz');
      expect(noCookie.headers.get('location')).toBe('/login?error=state_missing');
      await flow.bff('/api/auth/oidc/login');
      const forged = await flow.bff(
        `/api/auth/oidc/callback?code=abc&state=forged&iss=${encodeURIComponent(issuer)}`,
      );
      expect(forged.headers.get('location')).toBe('/login?error=token_exchange_failed');
      expect(flow.bffJar.get(SESSION_COOKIE)).toBeUndefined();
    } finally {
      await flow.h.close();
    }
  });

  it('sends the browser back to the sign-in page when the provider cannot be reached', async () => {
    const flow = await bffWith({ issuer: 'http://127.0.0.1:1' });
    try {
      const res = await flow.bff('/api/auth/oidc/login');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/login?error=backend_unavailable');
    } finally {
      await flow.h.close();
    }
  });

  it('only returns to same-origin relative paths', () => {
    expect(safeReturnTo('/jobs?state=failed#x')).toBe('/jobs?state=failed#x');
    expect(safeReturnTo('//evil.example/x')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('https://evil.example')).toBe('/');
    expect(safeReturnTo('jobs')).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
  });
});

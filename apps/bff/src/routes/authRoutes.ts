import type { Context } from 'hono';
import type { LoginResponse } from '../api/schemas';
import { loginBodySchema, oidcCallbackQuerySchema, oidcLoginQuerySchema } from '../api/schemas';
import { OidcLoginError } from '../auth/oidcAuth';
import type { AuthUser } from '../auth/roles';
import { ApiError } from '../errors/ApiError';
import type { BffDeps } from '../http/BffDeps';
import type { BffEnv } from '../http/BffEnv';
import { parseBody, parseQuery } from '../http/validate';
import { auditRecord, route, type RouteSpec } from './routeTable';

function notOffered(what: string, mode: string): ApiError {
  return new ApiError({
    status: 404,
    code: 'not_found',
    message: `${what} is not offered in the "${mode}" sign-in mode`,
  });
}

/** Sign-in and sign-out: password login (basic), OIDC redirect and callback, logout. All public. */
export function authRoutes(deps: BffDeps): RouteSpec[] {
  const { auth, audit } = deps;
  const record = (
    c: Context<BffEnv>,
    action: string,
    status: number,
    errorCode: string | null,
    user?: AuthUser | null,
  ) => {
    if (user !== undefined) c.set('user', user);
    audit.append(auditRecord(c, deps, { action, target: null }, { status, errorCode }));
  };

  return [
    route('POST', '/auth/login', 'public', async (c) => {
      if (!auth.passwordLogin) throw notOffered('password sign-in', auth.mode);
      const body = await parseBody(c, loginBodySchema);
      const address = deps.clientAddress(c) ?? 'local';
      const verdict = deps.loginLimiter.check(body.username, address);
      const who = { name: body.username.slice(0, 200), role: null };
      if (!verdict.allowed) {
        c.set('auditNote', { target: `user:${who.name}` });
        record(c, 'auth.login_failed', 429, 'rate_limited');
        throw new ApiError({
          status: 429,
          code: 'rate_limited',
          message: `too many failed sign-ins; try again in ${verdict.retryAfterSeconds} s`,
          retryable: true,
          details: { retry_after_seconds: verdict.retryAfterSeconds },
          headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
        });
      }
      const user = await auth.passwordLogin(c, body.username, body.password);
      if (!user) {
        deps.loginLimiter.recordFailure(body.username, address);
        c.set('auditNote', { target: `user:${who.name}` });
        record(c, 'auth.login_failed', 401, 'invalid_credentials');
        throw new ApiError({
          status: 401,
          code: 'invalid_credentials',
          message: 'wrong user name or password',
        });
      }
      deps.loginLimiter.recordSuccess(body.username, address);
      record(c, 'auth.login', 200, null, user);
      const response: LoginResponse = { user };
      return c.json(response, 200);
    }),
    route('POST', '/auth/logout', 'public', (c) => {
      const user = auth.logout ? auth.logout(c) : null;
      if (user) record(c, 'auth.logout', 204, null, user);
      return c.body(null, 204);
    }),
    route('GET', '/auth/oidc/login', 'public', async (c) => {
      if (!auth.oidcStart) throw notOffered('OIDC sign-in', auth.mode);
      const { return_to } = parseQuery(c, oidcLoginQuerySchema);
      let url: string;
      try {
        url = await auth.oidcStart(c, return_to ?? '/');
      } catch (error) {
        // A browser navigation: send it to the sign-in page with a reason rather than a JSON error.
        const code = error instanceof ApiError ? error.code : 'login_failed';
        return c.redirect(`/login?error=${encodeURIComponent(code)}`, 302);
      }
      return c.redirect(url, 302);
    }),
    route('GET', '/auth/oidc/callback', 'public', async (c) => {
      if (!auth.oidcCallback) throw notOffered('OIDC sign-in', auth.mode);
      parseQuery(c, oidcCallbackQuerySchema);
      try {
        const { user, returnTo } = await auth.oidcCallback(c);
        record(c, 'auth.login', 302, null, user);
        return c.redirect(returnTo, 302);
      } catch (error) {
        const code =
          error instanceof OidcLoginError
            ? error.code
            : error instanceof ApiError
              ? error.code
              : 'login_failed';
        record(c, 'auth.login_failed', 302, code);
        return c.redirect(`/login?error=${encodeURIComponent(code)}`, 302);
      }
    }),
  ];
}

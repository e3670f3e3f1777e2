import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors/ApiError';
import type { BffEnv } from '../http/BffEnv';
import type { AuthProvider } from './AuthProvider';
import { hasRole, type Role } from './roles';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the caller once per request (`c.get('user')`). */
export function authenticate(provider: AuthProvider): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    c.set('user', await provider.authenticate(c));
    await next();
  };
}

/**
 * Guards every state-changing request: same-origin check (Origin / Sec-Fetch-Site) and the CSRF token
 * in `X-CSRF-Token`. GET/HEAD/OPTIONS never change state and pass.
 */
export function csrfProtection(provider: AuthProvider): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new ApiError({ status: 403, code: 'forbidden', message: `cross-site request refused (${site})` });
    }
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const host = c.req.header('host');
      let originHost: string | null;
      try {
        originHost = origin === 'null' ? null : new URL(origin).host;
      } catch {
        originHost = null;
      }
      if (originHost === null || (host !== undefined && originHost !== host)) {
        throw new ApiError({
          status: 403,
          code: 'forbidden',
          message: `cross-origin request refused (${origin})`,
        });
      }
    }
    const token = c.req.header('x-csrf-token');
    if (token === undefined || !provider.verifyCsrf(c, c.get('user'), token)) {
      throw new ApiError({
        status: 403,
        code: 'csrf_failed',
        message: 'missing or invalid X-CSRF-Token header (get one from GET /api/me)',
      });
    }
    return next();
  };
}

export interface RoleGuardOptions {
  readOnly: boolean;
}

/** Requires a signed-in caller with at least `role`; writes are refused in read-only mode. */
export function requireRole(role: Role, options: RoleGuardOptions): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new ApiError({ status: 401, code: 'unauthorized', message: 'sign in first' });
    if (!hasRole(user.role, role)) {
      throw new ApiError({
        status: 403,
        code: 'forbidden',
        message: `this action needs the ${role} role (you are ${user.role})`,
        details: { required_role: role, role: user.role },
      });
    }
    if (options.readOnly && !SAFE_METHODS.has(c.req.method)) {
      throw new ApiError({ status: 403, code: 'read_only', message: 'Lookout is in read-only mode' });
    }
    await next();
  };
}

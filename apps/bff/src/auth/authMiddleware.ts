import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors/ApiError';
import type { BffEnv } from '../http/BffEnv';
import type { AuthProvider } from './AuthProvider';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Body types an HTML form (or a "simple" cross-site request) can send: never accepted on a write. */
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;

/** Resolves the caller once per request (`c.get('user')`). */
export function authenticate(provider: AuthProvider): MiddlewareHandler<BffEnv> {
  return async (c, next) => {
    c.set('user', await provider.authenticate(c));
    await next();
  };
}

export interface CsrfOptions {
  /** Origin the console is served from (LOOKOUT_PUBLIC_URL); otherwise the request's Host must match. */
  publicOrigin?: string | null;
}

function refuse(message: string, code = 'csrf_failed'): never {
  throw new ApiError({ status: 403, code, message });
}

/**
 * Guards every state-changing request (anything but GET/HEAD/OPTIONS):
 * - `Sec-Fetch-Site`, when sent, must be `same-origin`;
 * - `Origin` must be present (unless `Sec-Fetch-Site: same-origin` vouches for the request) and name this
 *   origin (`null` and foreign origins are refused);
 * - form and text bodies (what a cross-site form can post) are refused whatever the headers say;
 * - `X-CSRF-Token` must match the caller's token (session-bound, from GET /api/me).
 */
export function csrfProtection(provider: AuthProvider, options: CsrfOptions = {}): MiddlewareHandler<BffEnv> {
  const publicOrigin = options.publicOrigin ? new URL(options.publicOrigin).origin : null;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin')
      refuse(`cross-site request refused (Sec-Fetch-Site: ${site})`);
    const origin = c.req.header('origin');
    if (origin === undefined) {
      if (site !== 'same-origin') refuse('a write needs an Origin or Sec-Fetch-Site: same-origin header');
    } else {
      let given: URL | null;
      try {
        given = origin === 'null' ? null : new URL(origin);
      } catch {
        given = null;
      }
      // Behind node-server the request URL is built from the Host header.
      const matches =
        given !== null &&
        (publicOrigin !== null ? given.origin === publicOrigin : given.origin === new URL(c.req.url).origin);
      if (!matches) refuse(`cross-origin request refused (Origin: ${origin})`);
    }
    const type = c.req.header('content-type');
    if (type !== undefined && FORM_TYPES.test(type)) {
      throw new ApiError({
        status: 415,
        code: 'unsupported_media_type',
        message: 'writes take JSON bodies only (Content-Type: application/json)',
      });
    }
    const token = c.req.header('x-csrf-token');
    if (token === undefined || token === '' || !provider.verifyCsrf(c, c.get('user'), token)) {
      refuse('missing or invalid X-CSRF-Token header (get one from GET /api/me)');
    }
    return next();
  };
}

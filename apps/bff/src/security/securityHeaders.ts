import type { MiddlewareHandler } from 'hono';

export interface SecurityHeadersOptions {
  /** https public URL: adds HSTS. */
  publicUrl: string | null;
  /** Extra CSP form-action sources (the OIDC issuer). */
  formActions?: readonly string[];
}

/** The Content-Security-Policy of every response: no inline script, nothing from other origins. */
export function contentSecurityPolicy(formActions: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${["'self'", ...formActions].join(' ')}`,
    "frame-ancestors 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Sets CSP and the other security headers on every response. */
export function securityHeaders(options: SecurityHeadersOptions): MiddlewareHandler {
  const csp = contentSecurityPolicy(options.formActions);
  const https = options.publicUrl?.startsWith('https://') === true;
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    const set = (name: string, value: string) => {
      try {
        headers.set(name, value);
      } catch {
        // Immutable headers (a response already sent by the node adapter): nothing to set.
      }
    };
    set('Content-Security-Policy', csp);
    set('X-Content-Type-Options', 'nosniff');
    set('Referrer-Policy', 'no-referrer');
    set('X-Frame-Options', 'DENY');
    set('Cross-Origin-Opener-Policy', 'same-origin');
    set('Cross-Origin-Resource-Policy', 'same-origin');
    set(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    );
    if (https) set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}

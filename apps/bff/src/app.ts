import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, csrfProtection } from './auth/authMiddleware';
import { ApiError, isApiError } from './errors/ApiError';
import { toApiError } from './errors/toApiError';
import type { BffDeps } from './http/BffDeps';
import type { BffEnv } from './http/BffEnv';
import { serveSpa } from './http/serveSpa';
import { auditRoutes } from './routes/auditRoutes';
import { authRoutes } from './routes/authRoutes';
import { bulkRoutes } from './routes/bulkRoutes';
import { eventRoutes } from './routes/eventRoutes';
import { jobRoutes } from './routes/jobRoutes';
import { queueRoutes } from './routes/queueRoutes';
import { resourceRoutes } from './routes/resourceRoutes';
import { mount, registerRoutes, route, type RouteSpec } from './routes/routeTable';
import { systemRoutes } from './routes/systemRoutes';
import { securityHeaders } from './security/securityHeaders';

/** Longest query string accepted on /api, in characters. */
export const MAX_QUERY_LENGTH = 4096;

/**
 * Every route of the BFF with the role it needs: the app registers routes only from this table (a test
 * walks it with every role).
 */
export function routeTable(deps: BffDeps): RouteSpec[] {
  return [
    ...mount('/api', [
      ...systemRoutes(deps),
      ...authRoutes(deps),
      ...queueRoutes(deps),
      ...jobRoutes(deps),
      ...bulkRoutes(deps),
      ...resourceRoutes(deps),
      ...eventRoutes(deps),
      ...auditRoutes(deps),
    ]),
    // Prometheus scrapes without a session: counters and latencies only, no payloads.
    route('GET', '/metrics', 'public', async (c) => {
      const text = await deps.metrics.registry.metrics();
      return c.body(text, 200, { 'Content-Type': deps.metrics.registry.contentType });
    }),
  ];
}

/** The BFF routes without the app-wide middleware. */
export function apiRoutes(deps: BffDeps): Hono<BffEnv> {
  const app = new Hono<BffEnv>();
  registerRoutes(app, routeTable(deps), deps, { csrf: csrfProtection(deps.auth) });
  return app;
}

export type AppType = Hono<BffEnv>;

export interface BffAppOptions {
  /** Directory of the SPA build to serve at `/`, or null. */
  webDir: string | null;
  /** Largest request body accepted on /api, in bytes (writes are further held to 64 KiB). */
  maxBodyBytes?: number;
  /** LOOKOUT_PUBLIC_URL: the origin writes must come from (else the Host header) and HSTS when https. */
  publicUrl?: string | null;
  log?: (message: string, error?: unknown) => void;
}

/** The whole HTTP app: `/api/*`, `/metrics`, and the SPA. */
export function createBffApp(deps: BffDeps, options: BffAppOptions): Hono<BffEnv> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const app = new Hono<BffEnv>();

  app.onError((error, c) => {
    const apiError = isApiError(error) ? error : toApiError(error);
    // Never log request bodies or headers (they may hold passwords and tokens): the route and the error.
    if (apiError.status >= 500 && !isApiError(error))
      log(`[lookout] ${c.req.method} ${c.req.path} failed (request ${c.get('requestId')}):`, error);
    c.header('Cache-Control', 'no-store');
    for (const [name, value] of Object.entries(apiError.headers)) c.header(name, value);
    return c.json(apiError.toBody(), apiError.status);
  });
  app.notFound((c) => {
    const error = ApiError.notFound(`no route for ${c.req.method} ${c.req.path}`);
    return c.json(error.toBody(), 404);
  });

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    c.set('auditNote', {});
    c.set('user', null);
    await next();
    try {
      c.res.headers.set('X-Request-Id', id);
    } catch {
      // response already sent by the node adapter
    }
  });
  app.use('*', securityHeaders({ publicUrl: options.publicUrl ?? null, formActions: deps.auth.formActions }));
  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    if (c.req.path === '/api/events') return;
    const route = c.req.routePath || 'unmatched';
    deps.metrics.httpDuration.observe(
      { method: c.req.method, route, status: String(c.res.status) },
      (performance.now() - start) / 1000,
    );
  });
  app.use('/api/*', async (c, next) => {
    const url = c.req.url;
    const q = url.indexOf('?');
    if (q >= 0 && url.length - q - 1 > MAX_QUERY_LENGTH) {
      throw new ApiError({
        status: 414,
        code: 'query_too_long',
        message: `the query string is over ${MAX_QUERY_LENGTH} characters`,
      });
    }
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) =>
        c.json(
          new ApiError({
            status: 413,
            code: 'payload_too_large',
            message: 'request body too large',
          }).toBody(),
          413,
        ),
    }),
  );
  app.use('/api/*', authenticate(deps.auth));
  app.use('/api/*', async (c, next) => {
    await next();
    // The live stream writes Node's response itself: its headers are already sent.
    if (c.req.path === '/api/events') return;
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  registerRoutes(app, routeTable(deps), deps, {
    csrf: csrfProtection(deps.auth, { publicOrigin: options.publicUrl ?? null }),
  });

  if (options.webDir) app.use('*', serveSpa(options.webDir));
  return app;
}

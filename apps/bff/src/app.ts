import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { authenticate, csrfProtection } from './auth/authMiddleware';
import { ApiError, isApiError } from './errors/ApiError';
import { toApiError } from './errors/toApiError';
import type { BffDeps } from './http/BffDeps';
import type { BffEnv } from './http/BffEnv';
import { serveSpa } from './http/serveSpa';
import { bulkRoutes } from './routes/bulkRoutes';
import { eventRoutes } from './routes/eventRoutes';
import { jobRoutes } from './routes/jobRoutes';
import { queueRoutes } from './routes/queueRoutes';
import { resourceRoutes } from './routes/resourceRoutes';
import { systemRoutes } from './routes/systemRoutes';

/** The typed `/api` routes (what the SPA's client is typed against). */
export function apiRoutes(deps: BffDeps) {
  return new Hono<BffEnv>()
    .basePath('/api')
    .route('/', systemRoutes(deps))
    .route('/', queueRoutes(deps))
    .route('/', jobRoutes(deps))
    .route('/', bulkRoutes(deps))
    .route('/', resourceRoutes(deps))
    .route('/', eventRoutes(deps));
}

export type AppType = ReturnType<typeof apiRoutes>;

export interface BffAppOptions {
  /** Directory of the SPA build to serve at `/`, or null. */
  webDir: string | null;
  /** Largest request body accepted on /api, in bytes. */
  maxBodyBytes?: number;
  log?: (message: string, error?: unknown) => void;
}

/** The whole HTTP app: `/api/*`, `/metrics`, and the SPA. */
export function createBffApp(deps: BffDeps, options: BffAppOptions): Hono<BffEnv> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const app = new Hono<BffEnv>();

  app.onError((error, c) => {
    const apiError = isApiError(error) ? error : toApiError(error);
    if (apiError.status >= 500 && !isApiError(error))
      log(`[lookout] ${c.req.method} ${c.req.path} failed:`, error);
    c.header('Cache-Control', 'no-store');
    return c.json(apiError.toBody(), apiError.status);
  });
  app.notFound((c) => {
    const error = ApiError.notFound(`no route for ${c.req.method} ${c.req.path}`);
    return c.json(error.toBody(), 404);
  });

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
  app.use('/api/*', csrfProtection(deps.auth));
  app.use('/api/*', async (c, next) => {
    await next();
    // The live stream writes Node's response itself: its headers are already sent.
    if (c.req.path === '/api/events') return;
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.route('/', apiRoutes(deps));

  app.get('/metrics', async (c) => {
    const text = await deps.metrics.registry.metrics();
    return c.body(text, 200, { 'Content-Type': deps.metrics.registry.contentType });
  });

  if (options.webDir) app.use('*', serveSpa(options.webDir));
  return app;
}

import { Hono } from 'hono';
import { systemClock, type Clock } from './clock';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from './engine/config';
import { CronScheduler } from './engine/CronScheduler';
import { OjsEngine } from './engine/OjsEngine';
import { Scheduler } from './engine/Scheduler';
import { WorkflowManager } from './engine/WorkflowManager';
import { isOjsServerError, OjsServerError } from './errors';
import { EventLog, type OjsEvent } from './events/EventLog';
import { EventPersister } from './events/EventPersister';
import type { AppEnv, HttpDeps, OjsApp } from './http/AppEnv';
import { adminRoutes } from './http/adminRoutes';
import { cronRoutes } from './http/cronRoutes';
import { deadLetterRoutes } from './http/deadLetterRoutes';
import { eventRoutes } from './http/eventRoutes';
import { jobRoutes } from './http/jobRoutes';
import { ojsMiddleware } from './http/middleware';
import { queueRoutes } from './http/queueRoutes';
import { rateLimitRoutes } from './http/rateLimitRoutes';
import { errorResponse } from './http/response';
import { systemRoutes, type ManifestExtension } from './http/systemRoutes';
import { workerRoutes } from './http/workerRoutes';
import { workflowRoutes } from './http/workflowRoutes';
import { resolveServerOptions, type ServerOptions, type ServerOptionsInput } from './options';
import { realtimeExtension } from './realtime/realtimeExtension';
import { hasEventPersistence, type OjsStore } from './store/OjsStore';
import { MemoryStore } from './store/MemoryStore';

export const IMPLEMENTATION = { name: 'lookout-ojs-server', version: '0.1.0' } as const;

/** What an extension (e.g. the realtime SSE module) gets to mount itself. */
export interface OjsServerContext {
  app: OjsApp;
  engine: OjsEngine;
  events: EventLog;
  workflows: WorkflowManager;
  crons: CronScheduler;
  options: ServerOptions;
  clock: Clock;
  /** True once {@link OjsServer.beginShutdown} was called. */
  isShuttingDown(): boolean;
}

/** A pluggable part of the server: adds routes and manifest entries, and is closed with the server. */
export interface OjsServerExtension {
  name: string;
  /** Manifest entries (`extensions.official`). */
  manifest?: ManifestExtension[];
  /** Mount routes on the app (full paths, e.g. `/ojs/v1/events/stream`). Called before the 404 handler. */
  mount(ctx: OjsServerContext): void;
  /** Called by {@link OjsServer.beginShutdown} (e.g. send `server.shutdown` to streams). */
  onShutdown?(): void | Promise<void>;
  close?(): void | Promise<void>;
}

export interface CreateOjsServerInput {
  /** Defaults to a fresh {@link MemoryStore}. */
  store?: OjsStore;
  clock?: Clock;
  options?: ServerOptionsInput;
  extensions?: OjsServerExtension[];
  /** Randomness for retry jitter (tests inject a fixed value). */
  random?: () => number;
}

export interface OjsServer {
  app: OjsApp;
  /**
   * `app.fetch`: serve it with @hono/node-server (`serve({ fetch: server.fetch })`, which passes the Node
   * request as `env.incoming` so bodies are read straight from the socket) or call it in tests as `fetch`.
   */
  fetch: (req: Request, env?: unknown) => Promise<Response>;
  engine: OjsEngine;
  events: EventLog;
  workflows: WorkflowManager;
  crons: CronScheduler;
  scheduler: Scheduler;
  store: OjsStore;
  options: ServerOptions;
  /** Health turns 503 and extensions are told; the server keeps serving. */
  beginShutdown(): Promise<void>;
  /** Stop timers, close extensions and flush/close the store. Idempotent. */
  close(): Promise<void>;
}

function engineConfig(options: ServerOptions): EngineConfig {
  return {
    ...DEFAULT_ENGINE_CONFIG,
    visibilityTimeoutMs: options.defaults.visibilityTimeoutMs,
    maxFetchCount: options.defaults.maxFetchCount,
    workerStaleAfterMs: options.workers.staleAfterMs,
    workerForgetAfterMs: options.workers.forgetAfterMs,
    testHooks: options.testHooks,
    retention: { ...options.retention },
  };
}

/**
 * Build an embedded OJS server: engine + store + event log + scheduler behind a Hono app.
 * Serve `server.fetch` with @hono/node-server or call it directly.
 */
export function createOjsServer(input: CreateOjsServerInput = {}): OjsServer {
  const options = resolveServerOptions(input.options);
  const clock = input.clock ?? systemClock;
  const store = input.store ?? new MemoryStore();
  // SQLite keeps the event log too, so seq numbers and replay survive a restart
  const persister = hasEventPersistence(store)
    ? new EventPersister(store, { keep: options.events.capacity })
    : undefined;
  const restored = hasEventPersistence(store)
    ? (store.loadEvents(options.events.capacity) as OjsEvent[])
    : [];
  const eventLogOptions: ConstructorParameters<typeof EventLog>[0] = {
    clock,
    capacity: options.events.capacity,
    service: options.serviceName,
    startSeq: restored.length > 0 ? (restored[restored.length - 1] as OjsEvent).seq : 0,
  };
  if (persister) eventLogOptions.onAppend = (e) => persister.add(e);
  const events = new EventLog(eventLogOptions);
  events.restore(restored);
  const engineOptions: ConstructorParameters<typeof OjsEngine>[0] = {
    store,
    events,
    clock,
    config: engineConfig(options),
  };
  if (input.random) engineOptions.random = input.random;
  const engine = new OjsEngine(engineOptions);
  const workflows = new WorkflowManager(engine);
  const crons = new CronScheduler(engine);
  const scheduler = new Scheduler(engine, crons, { intervalMs: options.schedulerIntervalMs });
  const extensions = [...(input.extensions ?? [])];
  // SSE streams (realtime + events-stream extensions) unless turned off or supplied with custom settings.
  if (options.features.realtime && !extensions.some((e) => e.name === 'realtime'))
    extensions.unshift(realtimeExtension());
  let shuttingDown = false;
  let closed = false;

  const deps: HttpDeps = {
    engine,
    workflows,
    crons,
    scheduler,
    events,
    options,
    implementation: IMPLEMENTATION,
  };
  const app: OjsApp = new Hono<AppEnv>();

  app.onError((err, c) => {
    const requestId = c.get('requestId');
    if (isOjsServerError(err)) return errorResponse(err, requestId, c);
    console.error('[ojs-server] unhandled error', err);
    return errorResponse(
      new OjsServerError(500, 'internal_error', 'internal server error', { retryable: true }),
      requestId,
      c,
    );
  });
  app.notFound((c) =>
    errorResponse(
      new OjsServerError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`, {
        hint: 'See GET /ojs/manifest for the endpoints this server offers.',
      }),
      c.get('requestId'),
      c,
    ),
  );

  app.use('*', ojsMiddleware(options, clock));
  const manifestExtras = (): ManifestExtension[] => extensions.flatMap((e) => e.manifest ?? []);
  app.route(
    '/',
    systemRoutes(deps, manifestExtras, () => shuttingDown),
  );
  if (options.testHooks) {
    app.post('/ojs/v1/admin/reset', (c) => {
      persister?.flush();
      engine.reset();
      crons.clear();
      return c.body(null, 204);
    });
  }
  app.route('/ojs/v1', jobRoutes(deps));
  app.route('/ojs/v1', workerRoutes(deps));
  app.route('/ojs/v1', queueRoutes(deps));
  app.route('/ojs/v1', deadLetterRoutes(deps));
  app.route('/ojs/v1', cronRoutes(deps));
  app.route('/ojs/v1', workflowRoutes(deps));
  app.route('/ojs/v1', rateLimitRoutes(deps));
  if (options.features.eventsPoll) app.route('/ojs/v1', eventRoutes(deps));
  if (options.features.admin) app.route('/ojs/v1/admin', adminRoutes(deps));

  const ctx: OjsServerContext = {
    app,
    engine,
    events,
    workflows,
    crons,
    options,
    clock,
    isShuttingDown: () => shuttingDown,
  };
  for (const ext of extensions) ext.mount(ctx);

  if (options.autoStartScheduler) scheduler.start();

  const fetch = async (req: Request, env?: unknown): Promise<Response> =>
    app.fetch(req, env === undefined ? undefined : env);

  return {
    app,
    fetch,
    engine,
    events,
    workflows,
    crons,
    scheduler,
    store,
    options,
    async beginShutdown() {
      if (shuttingDown) return;
      shuttingDown = true;
      for (const ext of extensions) {
        try {
          await ext.onShutdown?.();
        } catch (e) {
          console.error(`[ojs-server] extension ${ext.name} failed on shutdown:`, e);
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      shuttingDown = true;
      scheduler.stop();
      for (const ext of extensions) {
        try {
          await ext.close?.();
        } catch (e) {
          console.error(`[ojs-server] extension ${ext.name} failed to close:`, e);
        }
      }
      persister?.close();
      store.close();
    },
  };
}

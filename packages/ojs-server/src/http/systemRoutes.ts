import { Hono } from 'hono';
import type { AppEnv, HttpDeps } from './AppEnv';
import { ojsJson } from './response';

export interface ManifestExtension {
  name: string;
  uri: string;
  version: string;
  /** Where the extension is served, when it adds endpoints. */
  endpoints?: Record<string, string>;
  description?: string;
}

/** Extensions the core serves; mounted extensions (realtime, ...) add theirs. */
export function coreExtensions(deps: HttpDeps): ManifestExtension[] {
  const ext: ManifestExtension[] = [];
  if (deps.options.features.admin) {
    ext.push({
      name: 'admin-api',
      uri: 'urn:ojs:ext:admin-api',
      version: '1.0.0',
      endpoints: { base: '/ojs/v1/admin' },
    });
  }
  ext.push(
    {
      name: 'dead-letter',
      uri: 'urn:ojs:ext:dead-letter',
      version: '1.0.0',
      endpoints: { list: '/ojs/v1/dead-letter' },
    },
    {
      name: 'progress',
      uri: 'urn:ojs:ext:progress',
      version: '1.0.0',
      endpoints: { report: '/ojs/v1/jobs/{id}/progress' },
    },
    {
      name: 'rate-limiting',
      uri: 'urn:ojs:ext:rate-limiting',
      version: '1.0.0',
      endpoints: { inspect: '/ojs/v1/rate-limits/{key}' },
    },
    { name: 'backpressure', uri: 'urn:ojs:ext:backpressure', version: '1.0.0' },
    {
      name: 'graceful-shutdown',
      uri: 'urn:ojs:ext:graceful-shutdown',
      version: '1.0.0',
      endpoints: { beat: '/ojs/v1/workers/beat' },
    },
    {
      name: 'bulk-operations',
      uri: 'urn:ojs:ext:bulk-operations',
      version: '1.0.0',
      endpoints: { enqueue: '/ojs/v1/jobs/bulk' },
    },
    {
      name: 'workflow-graph',
      uri: 'urn:lookout:ext:workflow-graph',
      version: '1.0.0',
      description:
        'GET /ojs/v1/workflows/{id} returns nodes (job id, type, state) and edges besides the counters',
      endpoints: { detail: '/ojs/v1/workflows/{id}' },
    },
  );
  if (deps.options.features.eventsPoll) {
    ext.push({
      name: 'events',
      uri: 'urn:ojs:ext:events',
      version: '1.0.0',
      endpoints: { poll: '/ojs/v1/events' },
    });
  }
  return ext;
}

export function systemRoutes(
  deps: HttpDeps,
  extraExtensions: () => ManifestExtension[],
  shuttingDown: () => boolean,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine, implementation } = deps;

  app.get('/ojs/manifest', (c) => {
    const official = [...coreExtensions(deps), ...extraExtensions()];
    const body = {
      specversion: '1.0',
      ojs_version: '1.0',
      implementation: {
        name: implementation.name,
        version: implementation.version,
        language: 'typescript',
        backend: engine.store.kind,
      },
      conformance_level: 4,
      conformance_tier: 'runtime',
      protocols: ['http'],
      backend: engine.store.kind,
      capabilities: {
        batch_enqueue: true,
        cron_jobs: true,
        dead_letter: true,
        delayed_jobs: true,
        job_ttl: true,
        priority_queues: true,
        rate_limiting: true,
        schema_validation: false,
        unique_jobs: true,
        workflows: true,
        pause_resume: true,
        progress: true,
        backpressure: true,
        admin_api: deps.options.features.admin,
        events_poll: deps.options.features.eventsPoll,
        realtime: official.some((e) => e.name === 'realtime'),
        workflow_graph: true,
      },
      extensions: { official },
      extension_names: official.map((e) => e.name),
      unique_job_strength: 'strong',
      delivery: 'at-least-once',
      limits: {
        max_body_bytes: deps.options.maxBodyBytes,
        max_batch_size: deps.options.defaults.maxBatchSize,
        max_fetch_count: deps.options.defaults.maxFetchCount,
      },
      defaults: { visibility_timeout_ms: deps.options.defaults.visibilityTimeoutMs },
      endpoints: {
        manifest: '/ojs/manifest',
        health: '/ojs/v1/health',
        base: '/ojs/v1',
        ...(deps.options.features.eventsPoll ? { events: '/ojs/v1/events' } : {}),
        ...Object.fromEntries(
          official.flatMap((e) => Object.entries(e.endpoints ?? {}).map(([k, v]) => [`${e.name}.${k}`, v])),
        ),
      },
    };
    return ojsJson(c, body);
  });

  app.get('/ojs/v1/health', (c) => {
    const started = performance.now();
    let backendStatus: 'connected' | 'error' = 'connected';
    let backendError: string | undefined;
    try {
      engine.store.totalCounts();
    } catch (e) {
      backendStatus = 'error';
      backendError = e instanceof Error ? e.message : String(e);
    }
    const latency = Math.round((performance.now() - started) * 1000) / 1000;
    const down = shuttingDown();
    const ok = backendStatus === 'connected' && !down;
    const body: Record<string, unknown> = {
      status: ok ? 'ok' : 'degraded',
      version: '1.0',
      uptime_seconds: Math.floor((engine.clock.now() - engine.startedAt) / 1000),
      backend: {
        type: engine.store.kind,
        status: backendStatus,
        latency_ms: latency,
        ...(backendError !== undefined ? { error: backendError } : {}),
      },
    };
    if (down) body['shutting_down'] = true;
    if (engine.maintenance.enabled) body['maintenance'] = true;
    return ojsJson(c, body, ok ? 200 : 503);
  });

  return app;
}

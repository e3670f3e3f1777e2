import {
  bulkActionRequestSchema,
  deadLetterPurgeRequestSchema,
  maintenanceRequestSchema,
  parseIsoDuration,
  purgeRequestSchema,
  statsHistoryQuerySchema,
} from '@lookout/ojs-types';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { runBulkAction, type BulkActionName } from '../engine/bulkActions';
import { jobToAdminDetail, jobToSummary, jobToWire } from '../engine/jobWire';
import { depthOf } from '../engine/OjsEngine';
import { periodMs } from '../engine/parseEnqueue';
import { HISTORY_PERIODS, type HistoryPeriod } from '../engine/StatsRecorder';
import type { WorkerInfo } from '../engine/WorkerRegistry';
import { invalidRequest, notFound } from '../errors';
import type { QueueConfig, QueueRecord } from '../store/records';
import { adminJobsQuery, adminPage, bulkFilter, paginationBlock } from './adminQuery';
import type { AppEnv, HttpDeps } from './AppEnv';
import { readJsonObject } from './body';
import { deleteDeadLetter } from './deadLetterRoutes';
import { checkQueueName } from './queueRoutes';
import { ojsJson } from './response';
import { parseOr400, queryObject } from './validate';

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

const queueConfigInput = z.looseObject({
  concurrency: z.int().min(0).nullable().optional(),
  rate_limit: z
    .looseObject({
      limit: z.int().min(1, { error: 'must be >= 1' }),
      period: z.string().min(1),
    })
    .nullable()
    .optional(),
  retention: z
    .looseObject({ completed: z.string().optional(), discarded: z.string().optional() })
    .nullable()
    .optional(),
  backpressure: z
    .looseObject({
      max_depth: z.int().min(0, { error: 'must be >= 0 (0 = unbounded)' }),
      strategy: z.enum(['reject', 'block', 'drop_oldest']).optional(),
      warning_threshold: z.number().min(0).max(1).optional(),
    })
    .nullable()
    .optional(),
});

const rateLimitInput = z.looseObject({
  concurrency: z.int().min(0).nullable().optional(),
  rate: z
    .looseObject({ limit: z.int().min(1), period: z.string().min(1) })
    .nullable()
    .optional(),
});

/** The admin API (admin-api extension, spec/ojs-admin-api.md). */
export function adminRoutes(deps: HttpDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { engine, options } = deps;
  const limit = options.maxBodyBytes;
  const body = (c: Context<AppEnv>, required = true): Promise<Record<string, unknown> | undefined> =>
    readJsonObject(c, { required, limit });

  // ── queues (§6) ────────────────────────────────────────────────────────────────────────────────

  /** When the longest-waiting available job of a queue was enqueued (one index read). */
  const oldestAvailableAt = (queue: string): string | null => {
    const oldest = engine.store.listJobs({
      queue,
      state: 'available',
      sort: 'created_at',
      order: 'asc',
      offset: 0,
      limit: 1,
    });
    return iso(oldest.items[0]?.enqueuedAt ?? oldest.items[0]?.createdAt);
  };

  /** A queue as listed; `oldest_available_at` is beyond the spec's summary (a console's "waiting since"). */
  const queueSummary = (q: QueueRecord): Record<string, unknown> => {
    const now = engine.clock.now();
    const counts = engine.store.queueCounts(q.name);
    const workers = engine.workers
      .list()
      .filter((w) => w.queues.includes(q.name) && engine.workers.stateOf(w, now) !== 'stale');
    return {
      name: q.name,
      state: q.paused ? 'paused' : 'active',
      counts,
      depth: depthOf(counts),
      dead_letter: engine.store.deadLetterCount(q.name),
      throughput: engine.stats.throughput(now, q.name),
      latency_ms: engine.stats.latency(now, q.name),
      paused: q.paused,
      paused_at: iso(q.pausedAt),
      workers: workers.length,
      created_at: iso(q.createdAt),
      oldest_available_at: counts.available > 0 ? oldestAvailableAt(q.name) : null,
    };
  };

  const configWire = (cfg: QueueConfig): Record<string, unknown> => ({
    concurrency: cfg.concurrency ?? null,
    rate_limit: cfg.rateLimit ? { limit: cfg.rateLimit.limit, period: cfg.rateLimit.period } : null,
    retention: cfg.retention ?? null,
    backpressure: cfg.backpressure
      ? {
          max_depth: cfg.backpressure.maxDepth,
          strategy: cfg.backpressure.strategy,
          warning_threshold: cfg.backpressure.warningThreshold,
        }
      : null,
  });

  const queueDetail = (q: QueueRecord): Record<string, unknown> => ({
    ...queueSummary(q),
    configuration: configWire(q.config),
  });

  app.get('/queues', (c) => {
    const page = adminPage(queryObject(c.req.url));
    const all = engine.store.listQueues();
    const items = all.slice(page.offset, page.offset + page.perPage).map(queueSummary);
    return ojsJson(c, { items, pagination: paginationBlock(page, all.length, items.length) });
  });

  app.get('/queues/:name', (c) =>
    ojsJson(c, queueDetail(engine.getQueueOrThrow(checkQueueName(c.req.param('name'))))),
  );

  const pause = (paused: boolean) => (c: Context<AppEnv>) => {
    const q = engine.setPaused(checkQueueName(c.req.param('name') ?? ''), paused, 'admin');
    return ojsJson(c, {
      name: q.name,
      paused: q.paused,
      paused_at: iso(q.pausedAt),
      queue: { name: q.name, paused: q.paused },
    });
  };
  app.post('/queues/:name/pause', pause(true));
  app.post('/queues/:name/resume', pause(false));

  app.delete('/queues/:name/jobs', async (c) => {
    const name = checkQueueName(c.req.param('name'));
    const input = parseOr400(purgeRequestSchema, (await body(c, false)) ?? {}, 'purge');
    const purged = engine.purgeQueue(
      name,
      input.states,
      input.older_than !== undefined ? Date.parse(input.older_than) : undefined,
    );
    return ojsJson(c, { purged_count: purged, states: input.states, queue: name });
  });

  const applyConfig = (name: string, input: z.output<typeof queueConfigInput>): QueueRecord => {
    const current = engine.ensureQueue(name).config;
    const next: QueueConfig = { ...current };
    if (input.concurrency !== undefined) {
      if (input.concurrency === null) delete next.concurrency;
      else next.concurrency = input.concurrency;
    }
    if (input.rate_limit !== undefined) {
      if (input.rate_limit === null) delete next.rateLimit;
      else {
        let ms: number;
        try {
          ms = periodMs(input.rate_limit.period);
        } catch {
          throw invalidRequest('rate_limit.period: must be an ISO 8601 duration such as "PT1M"');
        }
        next.rateLimit = { limit: input.rate_limit.limit, periodMs: ms, period: input.rate_limit.period };
      }
    }
    if (input.retention !== undefined) {
      if (input.retention === null) delete next.retention;
      else {
        for (const [k, v] of Object.entries(input.retention)) {
          if (typeof v === 'string') {
            try {
              parseIsoDuration(v);
            } catch {
              throw invalidRequest(`retention.${k}: must be an ISO 8601 duration such as "P7D"`);
            }
          }
        }
        const retention: NonNullable<QueueConfig['retention']> = {};
        if (input.retention.completed !== undefined) retention.completed = input.retention.completed;
        if (input.retention.discarded !== undefined) retention.discarded = input.retention.discarded;
        next.retention = retention;
      }
    }
    if (input.backpressure !== undefined) {
      if (input.backpressure === null || input.backpressure.max_depth === 0) delete next.backpressure;
      else {
        next.backpressure = {
          maxDepth: input.backpressure.max_depth,
          strategy: input.backpressure.strategy ?? 'reject',
          warningThreshold: input.backpressure.warning_threshold ?? 0.8,
        };
      }
    }
    return engine.replaceQueueConfig(name, next);
  };

  app.put('/queues/:name/config', async (c) => {
    const name = checkQueueName(c.req.param('name'));
    const input = parseOr400(queueConfigInput, await body(c), 'config');
    return ojsJson(c, queueDetail(applyConfig(name, input)));
  });

  app.put('/queues/:name/rate-limit', async (c) => {
    const name = checkQueueName(c.req.param('name'));
    const input = parseOr400(rateLimitInput, await body(c), 'rate limit');
    const cfg: z.output<typeof queueConfigInput> = {};
    if (input.concurrency !== undefined) cfg.concurrency = input.concurrency;
    if (input.rate !== undefined) cfg.rate_limit = input.rate;
    return ojsJson(c, queueDetail(applyConfig(name, cfg)));
  });

  // ── jobs (§7) and bulk actions (§8) ────────────────────────────────────────────────────────────

  const bulk = (action: BulkActionName) => async (c: Context<AppEnv>) => {
    const input = parseOr400(bulkActionRequestSchema, (await body(c, false)) ?? {}, `bulk ${action}`);
    const result = await runBulkAction(engine, action, bulkFilter(input.filter), {
      allowCancelled: true,
      component: 'admin',
    });
    return ojsJson(c, result);
  };
  app.post('/jobs/bulk/retry', bulk('retry'));
  app.post('/jobs/bulk/cancel', bulk('cancel'));
  app.post('/jobs/bulk/delete', bulk('delete'));

  app.get('/jobs', (c) => {
    const { query, page } = adminJobsQuery(queryObject(c.req.url));
    const result = engine.store.listJobs(query);
    return ojsJson(c, {
      items: result.items.map(jobToSummary),
      pagination: paginationBlock(page, result.total, result.items.length, result.nextCursor),
    });
  });

  app.get('/jobs/:id', (c) => ojsJson(c, jobToAdminDetail(engine.getJob(c.req.param('id')))));

  app.post('/jobs/:id/cancel', (c) => {
    const job = engine.cancel(c.req.param('id'), { component: 'admin', reason: 'admin_cancel' });
    return ojsJson(c, { ...jobToAdminDetail(job), job: jobToWire(job) });
  });

  app.post('/jobs/:id/retry', (c) => {
    const job = engine.retryJob(c.req.param('id'), { allowCancelled: true, component: 'admin' });
    return ojsJson(c, { ...jobToAdminDetail(job), job: jobToWire(job) });
  });

  // ── workers (§9) ───────────────────────────────────────────────────────────────────────────────

  const workerWire = (w: WorkerInfo): Record<string, unknown> => ({
    id: w.id,
    hostname: w.hostname ?? null,
    state: engine.workers.stateOf(w),
    reported_state: w.reportedState ?? null,
    queues: w.queues,
    concurrency: w.concurrency ?? null,
    active_jobs: w.activeJobCount,
    active_job_ids: w.activeJobIds,
    started_at: iso(w.startedAt),
    last_heartbeat_at: iso(w.lastHeartbeatAt),
    last_seen_at: iso(w.lastSeenAt),
    last_fetch_at: iso(w.lastFetchAt),
    version: w.version ?? null,
    metadata: w.metadata ?? {},
    directive: w.directive ?? null,
  });

  app.get('/workers', (c) => {
    const page = adminPage(queryObject(c.req.url));
    const all = engine.workers.list();
    const summary: Record<string, number> = {
      total: all.length,
      running: 0,
      quiet: 0,
      draining: 0,
      terminating: 0,
      stale: 0,
    };
    for (const w of all) {
      const s = engine.workers.stateOf(w);
      summary[s] = (summary[s] ?? 0) + 1;
    }
    // The jobs each worker holds, from the store (fresher than the ids of its last heartbeat).
    const held = new Map<string, { id: string; type: string; queue: string }[]>();
    for (const j of engine.store.activeJobs()) {
      if (j.workerId === undefined) continue;
      const list = held.get(j.workerId) ?? [];
      list.push({ id: j.id, type: j.type, queue: j.queue });
      held.set(j.workerId, list);
    }
    const items = all
      .slice(page.offset, page.offset + page.perPage)
      .map((w) => ({ ...workerWire(w), jobs: held.get(w.id) ?? [] }));
    return ojsJson(c, { items, summary, pagination: paginationBlock(page, all.length, items.length) });
  });

  const worker = (id: string): WorkerInfo => {
    const w = engine.workers.get(id);
    if (!w) throw notFound('Worker', id);
    return w;
  };

  app.get('/workers/:id', (c) => {
    const w = worker(c.req.param('id'));
    const jobs = [...engine.store.activeJobs()].filter((j) => j.workerId === w.id).map(jobToSummary);
    return ojsJson(c, { ...workerWire(w), jobs });
  });

  app.post('/workers/:id/quiet', (c) =>
    ojsJson(c, workerWire(engine.quietWorker(c.req.param('id'), 'quiet'))),
  );
  app.post('/workers/:id/terminate', (c) =>
    ojsJson(c, workerWire(engine.quietWorker(c.req.param('id'), 'terminate'))),
  );

  app.delete('/workers/:id', (c) => {
    const id = c.req.param('id');
    const force = queryObject(c.req.url)['force'] === 'true';
    const { requeued } = engine.deregisterWorker(id, force);
    return ojsJson(c, { id, deregistered: true, requeued_jobs: requeued });
  });

  // ── statistics (§10) ───────────────────────────────────────────────────────────────────────────

  app.get('/stats', (c) => {
    const now = engine.clock.now();
    const workers = engine.workers.list();
    return ojsJson(c, {
      queues: engine.store.listQueues().length,
      workers: workers.filter((w) => engine.workers.stateOf(w, now) !== 'stale').length,
      workers_total: workers.length,
      jobs: engine.store.totalCounts(),
      dead_letter: engine.store.deadLetterCount(),
      throughput: engine.stats.throughput(now),
      latency_ms: engine.stats.latency(now),
      uptime_seconds: Math.floor((now - engine.startedAt) / 1000),
      maintenance: engine.maintenance.enabled,
    });
  });

  app.get('/stats/history', (c) => {
    const q = parseOr400(statsHistoryQuerySchema, queryObject(c.req.url), 'query');
    const period: HistoryPeriod = q.period ?? '5m';
    const now = engine.clock.now();
    const until = q.until !== undefined ? Date.parse(q.until) : now + 1;
    const width = HISTORY_PERIODS[period];
    const since =
      q.since !== undefined ? Date.parse(q.since) : Math.max(until - 3_600_000, until - width * 12);
    if (since >= until) throw invalidRequest('since: must be before until');
    if ((until - since) / width > 2000)
      throw invalidRequest('too many points: narrow since/until or use a longer period');
    const queue = q.queue;
    return ojsJson(c, {
      period,
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
      ...(queue !== undefined ? { queue } : {}),
      data: engine.stats.history(period, since, until, queue ?? '*'),
    });
  });

  // ── dead letter (§11) ──────────────────────────────────────────────────────────────────────────

  app.get('/dead-letter', (c) => {
    const { query, page } = adminJobsQuery(queryObject(c.req.url));
    const result = engine.store.listJobs({ ...query, deadLetter: true });
    return ojsJson(c, {
      items: result.items.map((j) => ({
        ...jobToSummary(j),
        errors: j.errors,
        dead_lettered_at: iso(j.deadLetterAt),
      })),
      pagination: paginationBlock(page, result.total, result.items.length, result.nextCursor),
    });
  });

  app.get('/dead-letter/stats', (c) => {
    const byQueue: Record<string, number> = {};
    const byError: Record<string, number> = {};
    let oldest: number | undefined;
    let newest: number | undefined;
    let cursor: string | undefined;
    for (;;) {
      const page = engine.store.listJobs({
        deadLetter: true,
        sort: 'created_at',
        order: 'asc',
        offset: 0,
        limit: 1000,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      for (const j of page.items) {
        byQueue[j.queue] = (byQueue[j.queue] ?? 0) + 1;
        const t = j.error?.type ?? 'unknown';
        byError[t] = (byError[t] ?? 0) + 1;
        const at = j.deadLetterAt ?? j.createdAt;
        oldest = oldest === undefined ? at : Math.min(oldest, at);
        newest = newest === undefined ? at : Math.max(newest, at);
      }
      if (page.nextCursor === undefined) break;
      cursor = page.nextCursor;
    }
    return ojsJson(c, {
      total: engine.store.deadLetterCount(),
      by_queue: byQueue,
      by_error_type: byError,
      oldest_at: iso(oldest),
      newest_at: iso(newest),
    });
  });

  app.post('/dead-letter/retry', async (c) => {
    const input = parseOr400(bulkActionRequestSchema, (await body(c, false)) ?? {}, 'dead letter retry');
    const result = await runBulkAction(
      engine,
      'retry',
      { ...bulkFilter(input.filter), deadLetter: true },
      { component: 'admin' },
    );
    return ojsJson(c, result);
  });

  app.post('/dead-letter/:id/retry', (c) => {
    const job = engine.retryJob(c.req.param('id'), { requireDeadLetter: true, component: 'admin' });
    return ojsJson(c, { ...jobToAdminDetail(job), job: jobToWire(job) });
  });

  app.delete('/dead-letter/:id', (c) => deleteDeadLetter(deps, c.req.param('id')));

  app.delete('/dead-letter', async (c) => {
    const input = parseOr400(deadLetterPurgeRequestSchema, (await body(c, false)) ?? {}, 'dead letter purge');
    const filter: Parameters<typeof runBulkAction>[2] = { deadLetter: true };
    if (input.queue !== undefined) filter.queue = checkQueueName(input.queue);
    if (input.older_than !== undefined) filter.until = Date.parse(input.older_than);
    const result = await runBulkAction(engine, 'delete', filter, { component: 'admin' });
    return ojsJson(c, { purged_count: result.succeeded, ...result });
  });

  // ── system (§12) ───────────────────────────────────────────────────────────────────────────────

  const maintenanceWire = (): Record<string, unknown> => {
    const m = engine.maintenance;
    return {
      maintenance: m.enabled,
      enabled: m.enabled,
      reason: m.reason ?? null,
      enabled_at: iso(m.enabledAt),
      estimated_end: iso(m.estimatedEnd),
    };
  };

  app.get('/system/maintenance', (c) => ojsJson(c, maintenanceWire()));

  app.post('/system/maintenance', async (c) => {
    const input = parseOr400(maintenanceRequestSchema, await body(c), 'maintenance');
    const now = engine.clock.now();
    if (input.enabled) {
      const state: Parameters<typeof engine.setMaintenance>[0] = { enabled: true, enabledAt: now };
      if (input.reason !== undefined) state.reason = input.reason;
      if (input.estimated_duration !== undefined)
        state.estimatedEnd = now + parseIsoDuration(input.estimated_duration);
      engine.setMaintenance(state);
    } else {
      engine.setMaintenance({ enabled: false });
    }
    return ojsJson(c, maintenanceWire());
  });

  app.get('/system/config', (c) =>
    ojsJson(c, {
      implementation: deps.implementation,
      store: engine.store.kind,
      max_body_bytes: options.maxBodyBytes,
      auth: options.apiKey !== undefined ? 'bearer' : 'none',
      test_hooks: options.testHooks,
      features: options.features,
      scheduler_interval_ms: options.schedulerIntervalMs,
      defaults: {
        visibility_timeout_ms: options.defaults.visibilityTimeoutMs,
        max_fetch_count: options.defaults.maxFetchCount,
        max_batch_size: options.defaults.maxBatchSize,
      },
      workers: {
        stale_after_ms: options.workers.staleAfterMs,
        forget_after_ms: options.workers.forgetAfterMs,
      },
      retention: {
        completed_ms: options.retention.completedMs,
        cancelled_ms: options.retention.cancelledMs,
        discarded_ms: options.retention.discardedMs,
        dead_letter_ms: options.retention.deadLetterMs,
        dead_letter_max_count: options.retention.deadLetterMaxCount,
      },
      events: {
        capacity: options.events.capacity,
        first_seq: deps.events.firstSeq,
        last_seq: deps.events.lastSeq,
      },
      maintenance: engine.maintenance.enabled,
    }),
  );

  // workflows and crons are data-plane resources; listing them here too keeps the admin surface complete
  app.get('/workflows', (c) => {
    const page = adminPage(queryObject(c.req.url));
    const result = deps.workflows.list(page.offset, page.perPage);
    return ojsJson(c, {
      items: result.items.map((w) => deps.workflows.toWire(w)),
      pagination: paginationBlock(page, result.total, result.items.length),
    });
  });

  return app;
}

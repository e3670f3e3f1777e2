import { z } from 'zod';
import { jobSchema, jobSummarySchema } from './job';
import { paginationSchema } from './pagination';
import { queueCountsSchema } from './queues';
import { jobStateSchema, JOB_STATES } from './states';
import { isoDurationSchema, rfc3339Schema } from './time';

/** Admin pagination `{total, page, per_page}` (admin §4); the tolerant schema also reads limit/offset. */
export const adminPaginationSchema = paginationSchema;
export const ADMIN_PAGE_DEFAULTS = { page: 1, perPage: 20, maxPerPage: 100 } as const;

const throughputSchema = z.looseObject({
  processed_per_minute: z.number().optional(),
  failed_per_minute: z.number().optional(),
});
const latencySchema = z.looseObject({
  p50: z.number().optional(),
  p95: z.number().optional(),
  p99: z.number().optional(),
});

/** One entry of GET /admin/queues (admin §6.1); MUST have name, state and counts. */
export const adminQueueSchema = z.looseObject({
  name: z.string().min(1),
  state: z.string().optional(),
  counts: queueCountsSchema.optional(),
  throughput: throughputSchema.nullish(),
  latency_ms: latencySchema.nullish(),
  paused: z.boolean().optional(),
  paused_at: z.string().nullish(),
  created_at: z.string().nullish(),
  oldest_available_at: z.string().nullish(),
  workers: z.number().int().optional(),
});
export type AdminQueue = z.infer<typeof adminQueueSchema>;

export const adminQueuesResponseSchema = z.looseObject({
  items: z.array(adminQueueSchema),
  pagination: adminPaginationSchema.optional(),
});
export type AdminQueuesResponse = z.infer<typeof adminQueuesResponseSchema>;

/** Queue configuration (admin §6.2 / §6.6): concurrency, rate limit, retention as ISO durations. */
export const queueConfigSchema = z.looseObject({
  concurrency: z.int().min(0).nullish(),
  rate_limit: z.looseObject({ limit: z.int().min(1), period: isoDurationSchema }).nullish(),
  retention: z
    .looseObject({ completed: isoDurationSchema.optional(), discarded: isoDurationSchema.optional() })
    .nullish(),
});
export type QueueConfig = z.infer<typeof queueConfigSchema>;

/** GET /admin/queues/{name}. */
export const adminQueueDetailSchema = adminQueueSchema.extend({
  configuration: queueConfigSchema.nullish(),
});
export type AdminQueueDetail = z.infer<typeof adminQueueDetailSchema>;

/** POST /admin/queues/{name}/pause|resume: `{name, paused, paused_at}` (CT checks `$.paused`). */
export const adminQueuePauseResponseSchema = z.looseObject({
  name: z.string(),
  paused: z.boolean(),
  paused_at: z.string().nullish(),
});

/** GET /admin/jobs (admin §7.1): `{items: JobSummary[], pagination}`. */
export const adminJobsPageSchema = z.looseObject({
  items: z.array(jobSummarySchema),
  pagination: adminPaginationSchema.optional(),
});
export type AdminJobsPage = z.infer<typeof adminJobsPageSchema>;

/** GET /admin/jobs/{id}: a bare job, with optional `metadata{created_at, …}` timestamps (admin §7.2). */
export const adminJobDetailSchema = jobSchema;
export type AdminJobDetail = z.infer<typeof adminJobDetailSchema>;

export const ADMIN_JOB_SORT_FIELDS = ['created_at', 'scheduled_at', 'priority'] as const;

/**
 * Query of GET /admin/jobs and /admin/dead-letter (admin §7.1). `state` may be a comma list; `type` is exact or
 * a `prefix*`; `since`/`until` bound created_at; `limit`/`offset` are accepted as openapi/Lite aliases.
 */
export const adminJobsQuerySchema = z.looseObject({
  queue: z.string().min(1).optional(),
  state: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    )
    .pipe(z.array(jobStateSchema))
    .optional(),
  type: z.string().min(1).optional(),
  since: rfc3339Schema.optional(),
  until: rfc3339Schema.optional(),
  page: z.coerce.number().int().min(1).optional(),
  per_page: z.coerce.number().int().min(1).max(ADMIN_PAGE_DEFAULTS.maxPerPage).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  sort: z.enum(ADMIN_JOB_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});
export type AdminJobsQuery = z.output<typeof adminJobsQuerySchema>;

/** Whether a job type matches an admin `type` filter: exact, or prefix when it ends with `*`. */
export function matchesTypeFilter(type: string, filter: string): boolean {
  return filter.endsWith('*') ? type.startsWith(filter.slice(0, -1)) : type === filter;
}

/** Filter of bulk actions (admin §8): `state` may be one state or a list. */
export const bulkFilterSchema = z.looseObject({
  queue: z.string().min(1).optional(),
  state: z.union([jobStateSchema, z.array(jobStateSchema)]).optional(),
  type: z.string().min(1).optional(),
  since: rfc3339Schema.optional(),
  until: rfc3339Schema.optional(),
  job_ids: z.array(z.string().min(1)).optional(),
});
export type BulkFilter = z.output<typeof bulkFilterSchema>;

const confirmTrue = z.literal(true, { error: 'must be true to confirm a destructive operation' });

/** POST /admin/jobs/bulk/{retry|cancel|delete}: `confirm:true` is mandatory (400 otherwise, CT EXT-ADM-006). */
export const bulkActionRequestSchema = z.looseObject({
  filter: bulkFilterSchema.default({}),
  confirm: confirmTrue,
});
export type BulkActionRequest = z.input<typeof bulkActionRequestSchema>;

export const BULK_ACTIONS = ['retry', 'cancel', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** `{action, matched, succeeded, failed, errors:[{job_id, error}]}`. */
export const bulkActionResponseSchema = z.looseObject({
  action: z.string(),
  matched: z.number().int().min(0),
  succeeded: z.number().int().min(0),
  failed: z.number().int().min(0),
  errors: z
    .array(
      z.looseObject({ job_id: z.string(), error: z.union([z.string(), z.record(z.string(), z.unknown())]) }),
    )
    .optional(),
});
export type BulkActionResponse = z.infer<typeof bulkActionResponseSchema>;

/** Worker states in admin listings (admin §9.1). */
export const WORKER_STATES = ['running', 'quiet', 'terminating', 'stale', 'stopped'] as const;

/** One worker of GET /admin/workers. `active_jobs` is a count (admin) or a list of ids (some servers). */
export const adminWorkerSchema = z.looseObject({
  id: z.string().min(1),
  hostname: z.string().nullish(),
  state: z.string().optional(),
  queues: z.array(z.string()).optional(),
  concurrency: z.number().int().nullish(),
  active_jobs: z.union([z.number().int(), z.array(z.string())]).optional(),
  active_job_ids: z.array(z.string()).optional(),
  started_at: z.string().nullish(),
  last_heartbeat_at: z.string().nullish(),
  version: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  directive: z.string().nullish(),
});
export type AdminWorker = z.infer<typeof adminWorkerSchema>;

export const adminWorkersResponseSchema = z.looseObject({
  items: z.array(adminWorkerSchema),
  summary: z
    .looseObject({
      total: z.number().int().optional(),
      running: z.number().int().optional(),
      quiet: z.number().int().optional(),
      stale: z.number().int().optional(),
    })
    .optional(),
  pagination: adminPaginationSchema.optional(),
});
export type AdminWorkersResponse = z.infer<typeof adminWorkersResponseSchema>;

/** GET /admin/workers/{id}: a worker plus its active jobs (admin §9.2). */
export const adminWorkerDetailSchema = adminWorkerSchema.extend({
  jobs: z.array(jobSummarySchema).optional(),
});

/** GET /admin/stats (admin §10.1). `queues`/`workers` are counts. */
export const adminStatsSchema = z.looseObject({
  queues: z.number().int().optional(),
  workers: z.number().int().optional(),
  jobs: z.record(z.string(), z.number()).optional(),
  throughput: throughputSchema.optional(),
  uptime_seconds: z.number().optional(),
});
export type AdminStats = z.infer<typeof adminStatsSchema>;

export const STATS_PERIODS = ['1m', '5m', '1h', '1d'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];
export const STATS_PERIOD_MS: Record<StatsPeriod, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

export const statsHistoryQuerySchema = z.looseObject({
  period: z.enum(STATS_PERIODS).optional(),
  since: rfc3339Schema.optional(),
  until: rfc3339Schema.optional(),
  queue: z.string().min(1).optional(),
});

export const statsHistoryPointSchema = z.looseObject({
  timestamp: z.string(),
  processed: z.number().optional(),
  failed: z.number().optional(),
  enqueued: z.number().optional(),
  latency_p50_ms: z.number().nullish(),
  latency_p95_ms: z.number().nullish(),
  latency_p99_ms: z.number().nullish(),
});
export type StatsHistoryPoint = z.infer<typeof statsHistoryPointSchema>;

/** GET /admin/stats/history (admin §10.2): `{period, data:[...]}`. */
export const statsHistorySchema = z.looseObject({
  period: z.string(),
  data: z.array(statsHistoryPointSchema),
});
export type StatsHistory = z.infer<typeof statsHistorySchema>;

/** DELETE /admin/queues/{name}/jobs (admin §6.5): states required, confirm:true mandatory. */
export const purgeRequestSchema = z.looseObject({
  states: z.array(z.enum(JOB_STATES)).min(1, { error: 'name at least one state' }),
  older_than: rfc3339Schema.optional(),
  confirm: confirmTrue,
});
export type PurgeRequest = z.input<typeof purgeRequestSchema>;

export const purgeResponseSchema = z.looseObject({
  purged_count: z.number().int().min(0),
  states: z.array(z.string()).optional(),
});
export type PurgeResponse = z.infer<typeof purgeResponseSchema>;

/** DELETE /admin/dead-letter (admin §11.3). */
export const deadLetterPurgeRequestSchema = z.looseObject({
  older_than: rfc3339Schema.optional(),
  queue: z.string().optional(),
  confirm: confirmTrue,
});

/** POST /admin/system/maintenance request (admin §12.1). */
export const maintenanceRequestSchema = z.looseObject({
  enabled: z.boolean(),
  reason: z.string().optional(),
  estimated_duration: isoDurationSchema.optional(),
});

/** Maintenance state as returned (admin §12.1). */
export const maintenanceSchema = z.looseObject({
  maintenance: z.boolean(),
  reason: z.string().nullish(),
  enabled_at: z.string().nullish(),
  estimated_end: z.string().nullish(),
});
export type Maintenance = z.infer<typeof maintenanceSchema>;

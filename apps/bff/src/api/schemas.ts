/**
 * The BFF HTTP API (`/api/*`) as zod schemas: request inputs (validated on every route) and response
 * bodies (the types the SPA imports from `@lookout/bff/api`). Wire names are snake_case.
 */
import { JOB_STATES } from '@lookout/ojs-types';
import { z } from 'zod';

// ---------------------------------------------------------------- shared pieces

export const countsSchema = z.object({
  scheduled: z.number(),
  available: z.number(),
  pending: z.number(),
  active: z.number(),
  retryable: z.number(),
  completed: z.number(),
  cancelled: z.number(),
  discarded: z.number(),
});
export type Counts = z.infer<typeof countsSchema>;

export const throughputSchema = z.object({ completed_per_min: z.number(), failed_per_min: z.number() });
export type Throughput = z.infer<typeof throughputSchema>;

export const capabilitiesSchema = z.object({
  admin_api: z.boolean(),
  realtime_sse: z.boolean(),
  events_stream: z.boolean(),
  events_poll: z.boolean(),
  workflows: z.boolean(),
  workflow_graph: z.boolean(),
  cron: z.boolean(),
  dead_letter: z.boolean(),
  bulk_actions: z.boolean(),
  stats_history: z.boolean(),
  purge: z.boolean(),
  maintenance: z.boolean(),
  worker_admin: z.boolean(),
  pause_resume: z.boolean(),
  progress: z.boolean(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;
export type Capability = keyof Capabilities;

export const linkSchema = z.object({
  page: z.enum(['queue', 'worker', 'jobs', 'job', 'workflow', 'cluster']),
  params: z.record(z.string(), z.string()),
});

export const signalSchema = z.object({
  id: z.string(),
  kind: z.enum([
    'queue_no_workers',
    'oldest_waiting',
    'stale_worker',
    'failure_spike',
    'queue_paused',
    'cluster_unreachable',
  ]),
  severity: z.enum(['info', 'warning', 'critical']),
  cluster: z.string(),
  queue: z.string().optional(),
  worker_id: z.string().optional(),
  message: z.string(),
  value: z.number().optional(),
  since: z.string().optional(),
  link: linkSchema,
});
export type Signal = z.infer<typeof signalSchema>;

// ---------------------------------------------------------------- health, clusters, me

/** How the BFF follows a cluster live. */
export const LIVE_SOURCES = ['events_stream', 'queue_streams', 'events_poll', 'snapshots'] as const;
export type LiveSource = (typeof LIVE_SOURCES)[number];

export const clusterHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  reachable: z.boolean(),
  latency_ms: z.number().nullable(),
  conformance_level: z.number().nullable(),
  implementation: z.object({ name: z.string(), version: z.string().optional() }).optional(),
  capabilities: capabilitiesSchema,
  live_source: z.enum(LIVE_SOURCES).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  checked_at: z.string().nullable(),
});
export type ClusterHealth = z.infer<typeof clusterHealthSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  clusters: z.array(clusterHealthSchema),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const clusterInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  url_host: z.string(),
  capabilities: capabilitiesSchema,
});
export const clustersResponseSchema = z.object({ clusters: z.array(clusterInfoSchema) });
export type ClustersResponse = z.infer<typeof clustersResponseSchema>;

export const roleSchema = z.enum(['viewer', 'operator', 'admin']);
export const AUTH_MODES = ['none', 'basic', 'oidc', 'proxy'] as const;
export const meResponseSchema = z.object({
  user: z.object({ name: z.string(), role: roleSchema }).nullable(),
  /** none | basic | oidc | proxy (tests may plug in other providers). */
  auth_mode: z.string(),
  read_only: z.boolean(),
  /** Echo in `X-CSRF-Token` on every POST/DELETE; changes after sign-in and sign-out. */
  csrf_token: z.string(),
  /** How this mode signs in: a password form, a redirect to the identity provider, or null (none, proxy). */
  login: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('password') }),
      z.object({ kind: z.literal('redirect'), url: z.string(), label: z.string().optional() }),
    ])
    .nullable(),
  /** The role whose payloads are redacted. */
  redact_for_role: roleSchema,
});
export type MeResponse = z.infer<typeof meResponseSchema>;

// ---------------------------------------------------------------- overview, queues, stats

export const queueSchema = z.object({
  cluster: z.string(),
  name: z.string(),
  paused: z.boolean(),
  counts: countsSchema,
  throughput: throughputSchema,
  workers: z.number().nullable(),
  oldest_available_at: z.string().optional(),
});
export type Queue = z.infer<typeof queueSchema>;
export const queuesResponseSchema = z.object({
  queues: z.array(queueSchema),
  /** Clusters that could not be read (their queues are missing). */
  errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })),
});
export type QueuesResponse = z.infer<typeof queuesResponseSchema>;

export const overviewClusterSchema = z.object({
  cluster: z.string(),
  reachable: z.boolean(),
  counts: countsSchema,
  queues: z.number(),
  workers: z.number().nullable(),
  throughput: throughputSchema,
  failure_rate: z.number(),
});
export const overviewResponseSchema = z.object({
  generated_at: z.string(),
  totals: countsSchema,
  by_cluster: z.array(overviewClusterSchema),
  signals: z.array(signalSchema),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

export const signalsResponseSchema = z.object({ signals: z.array(signalSchema) });
export type SignalsResponse = z.infer<typeof signalsResponseSchema>;

export const STATS_WINDOW_VALUES = ['15m', '1h', '24h', '7d'] as const;
export const statsPointSchema = z.object({
  timestamp: z.string(),
  completed: z.number(),
  failed: z.number(),
  enqueued: z.number(),
  depth: z.number().optional(),
  wait_p50_ms: z.number().optional(),
  wait_p95_ms: z.number().optional(),
  run_p50_ms: z.number().optional(),
  run_p95_ms: z.number().optional(),
});
export const statsHistoryResponseSchema = z.object({
  window: z.enum(STATS_WINDOW_VALUES),
  step_seconds: z.number(),
  source: z.enum(['upstream', 'sampled']),
  series: z.array(statsPointSchema),
});
export type StatsHistoryResponse = z.infer<typeof statsHistoryResponseSchema>;

// ---------------------------------------------------------------- workers

export const workerSchema = z.object({
  cluster: z.string(),
  id: z.string(),
  hostname: z.string().optional(),
  state: z.enum(['running', 'quiet', 'stale', 'terminating']),
  queues: z.array(z.string()),
  concurrency: z.number().nullable(),
  active_jobs: z.array(
    z.object({ id: z.string(), type: z.string().optional(), queue: z.string().optional() }),
  ),
  active_job_count: z.number(),
  last_heartbeat_at: z.string().nullable(),
  started_at: z.string().optional(),
  stale: z.boolean(),
  labels: z.record(z.string(), z.unknown()).optional(),
});
export type Worker = z.infer<typeof workerSchema>;
export const workersResponseSchema = z.object({
  workers: z.array(workerSchema),
  errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })),
});
export type WorkersResponse = z.infer<typeof workersResponseSchema>;

export const queueDetailResponseSchema = queueSchema.extend({
  configuration: z.record(z.string(), z.unknown()).optional(),
  workers_list: z.array(workerSchema),
});
export type QueueDetailResponse = z.infer<typeof queueDetailResponseSchema>;

// ---------------------------------------------------------------- jobs

export const jobSummarySchema = z.object({
  cluster: z.string(),
  id: z.string(),
  type: z.string(),
  queue: z.string(),
  state: z.enum(JOB_STATES),
  priority: z.number(),
  attempt: z.number(),
  max_attempts: z.number().nullable(),
  created_at: z.string().nullable(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  scheduled_at: z.string().optional(),
  error_summary: z.object({ code: z.string(), message: z.string() }).optional(),
  args_preview: z.string(),
  workflow_id: z.string().optional(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const paginationSchema = z.object({
  total: z.number(),
  page: z.number(),
  per_page: z.number(),
  has_more: z.boolean(),
});

export const jobsResponseSchema = z.object({
  items: z.array(jobSummarySchema),
  pagination: paginationSchema,
  /**
   * Present when the query had filters the upstream cannot apply: the BFF scanned this many jobs; when
   * `truncated`, more exist beyond the scan limit and `total` counts only the scanned ones.
   */
  scan: z.object({ scanned: z.number(), truncated: z.boolean() }).optional(),
  errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })),
});
export type JobsResponse = z.infer<typeof jobsResponseSchema>;

export const timelineEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  time: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  attempt: z.number().optional(),
  worker_id: z.string().optional(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const jobDetailResponseSchema = z.object({
  cluster: z.string(),
  /** The full OJS job as the upstream returned it (snake_case, unknown fields kept). */
  job: z.record(z.string(), z.unknown()),
  events: z.array(timelineEventSchema),
  /** Present (true) when values were hidden for the viewer role. */
  redacted: z.boolean().optional(),
});
export type JobDetailResponse = z.infer<typeof jobDetailResponseSchema>;

export const waitReasonSchema = z.object({
  code: z.enum([
    'queue_paused',
    'no_live_worker',
    'scheduled_later',
    'retry_backoff',
    'rate_limited',
    'waiting_on_parents',
    'unique_conflict',
    'lease_held_by_dead_worker',
    'pending_activation',
    'maintenance',
  ]),
  message: z.string(),
  detail: z.record(z.string(), z.unknown()).optional(),
  link: linkSchema.optional(),
});
export const whyResponseSchema = z.object({
  state: z.string(),
  waiting: z.boolean(),
  reasons: z.array(waitReasonSchema),
});
export type WhyResponse = z.infer<typeof whyResponseSchema>;

// ---------------------------------------------------------------- dead letter

export const deadLetterGroupSchema = z.object({
  fingerprint: z.string(),
  cluster: z.string(),
  type: z.string(),
  code: z.string(),
  message: z.string(),
  count: z.number(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
  queues: z.array(z.string()),
  sample: z.object({ job_id: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type DeadLetterGroup = z.infer<typeof deadLetterGroupSchema>;
export const deadLetterResponseSchema = z.object({
  groups: z.array(deadLetterGroupSchema),
  total: z.number(),
  /** True when a cluster holds more dead-letter jobs than the BFF scanned. */
  truncated: z.boolean(),
  errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })),
});
export type DeadLetterResponse = z.infer<typeof deadLetterResponseSchema>;
export const deadLetterGroupResponseSchema = deadLetterGroupSchema.extend({
  jobs: z.array(jobSummarySchema),
});
export type DeadLetterGroupResponse = z.infer<typeof deadLetterGroupResponseSchema>;

// ---------------------------------------------------------------- crons, workflows

export const cronSchema = z.object({
  cluster: z.string(),
  name: z.string(),
  expression: z.string(),
  description: z.string(),
  timezone: z.string(),
  overlap_policy: z.string().nullable(),
  enabled: z.boolean(),
  next_runs: z.array(z.string()),
  last_run_at: z.string().optional(),
  last_job: z.object({ id: z.string(), state: z.string() }).optional(),
  job_template: z.record(z.string(), z.unknown()),
});
export type Cron = z.infer<typeof cronSchema>;
export const cronsResponseSchema = z.object({
  crons: z.array(cronSchema),
  errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })),
});
export type CronsResponse = z.infer<typeof cronsResponseSchema>;

export const workflowSummarySchema = z.object({
  cluster: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  kind: z.enum(['chain', 'group', 'batch']),
  state: z.string(),
  total: z.number(),
  completed: z.number(),
  failed: z.number(),
  created_at: z.string().nullable(),
  completed_at: z.string().optional(),
});
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;
export const workflowsResponseSchema = z.object({
  workflows: z.array(workflowSummarySchema),
  errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })),
});
export type WorkflowsResponse = z.infer<typeof workflowsResponseSchema>;

export const graphNodeSchema = z.object({
  id: z.string(),
  job_id: z.string().optional(),
  type: z.string(),
  state: z.string(),
  label: z.string(),
  role: z.enum(['step', 'job', 'callback']),
  index: z.number().optional(),
});
export const graphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.enum(['sequence', 'fanout', 'callback']),
});
export const workflowDetailResponseSchema = z.object({
  workflow: workflowSummarySchema,
  graph: z.object({ nodes: z.array(graphNodeSchema), edges: z.array(graphEdgeSchema), rebuilt: z.boolean() }),
});
export type WorkflowDetailResponse = z.infer<typeof workflowDetailResponseSchema>;

// ---------------------------------------------------------------- operations (bulk)

export const BULK_ACTION_VALUES = ['retry', 'cancel', 'delete'] as const;
export type BulkActionName = (typeof BULK_ACTION_VALUES)[number];

export const operationSchema = z.object({
  id: z.string(),
  action: z.enum(BULK_ACTION_VALUES),
  cluster: z.string().nullable(),
  filter: z.record(z.string(), z.unknown()),
  state: z.enum(['running', 'completed', 'failed']),
  matched: z.number(),
  processed: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  failures: z.array(
    z.object({ cluster: z.string(), job_id: z.string(), code: z.string(), message: z.string() }),
  ),
  /** Failures beyond the first 1,000 are counted in `failed` but not listed. */
  failures_truncated: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  started_at: z.string(),
  finished_at: z.string().optional(),
});
export type Operation = z.infer<typeof operationSchema>;
export const operationResponseSchema = z.object({ operation: operationSchema });
export type OperationResponse = z.infer<typeof operationResponseSchema>;

export const bulkPreviewResponseSchema = z.object({
  matched: z.number(),
  sample: z.array(jobSummarySchema),
  requires_typed_confirmation: z.boolean(),
  confirmation_phrase: z.string(),
  /** True when the count stopped at the BFF's scan limit. */
  truncated: z.boolean(),
});
export type BulkPreviewResponse = z.infer<typeof bulkPreviewResponseSchema>;

// ---------------------------------------------------------------- inputs

const csv = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  )
  .pipe(z.array(z.string().min(1).max(200)).max(50));

const rfc3339 = z.iso.datetime({ offset: true });

export const clusterQuerySchema = z.object({ cluster: z.string().min(1).max(63).optional() });

export const jobFilterSchema = z.object({
  cluster: z.string().min(1).max(63).optional(),
  state: csv.pipe(z.array(z.enum(JOB_STATES))).optional(),
  queue: z.string().min(1).max(200).optional(),
  type: z.string().min(1).max(255).optional(),
  since: rfc3339.optional(),
  until: rfc3339.optional(),
  q: z.string().max(2000).optional(),
});
export type JobFilterInput = z.input<typeof jobFilterSchema>;
export type JobFilter = z.output<typeof jobFilterSchema>;

export const jobsQuerySchema = jobFilterSchema.extend({
  sort: z.enum(['created_at', 'priority', 'scheduled_at']).default('created_at'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
});
export type JobsQuery = z.output<typeof jobsQuerySchema>;

export const statsHistoryQuerySchema = z.object({
  cluster: z.string().min(1).max(63).optional(),
  queue: z.string().min(1).max(200).optional(),
  window: z.enum(STATS_WINDOW_VALUES).default('1h'),
});

export const workflowsQuerySchema = z.object({
  cluster: z.string().min(1).max(63).optional(),
  state: z.string().min(1).max(32).optional(),
});

export const deadLetterQuerySchema = z.object({
  cluster: z.string().min(1).max(63).optional(),
  queue: z.string().min(1).max(200).optional(),
});

export const eventsQuerySchema = z.object({
  cluster: csv.optional(),
  queue: csv.optional(),
  job: csv.optional(),
  types: csv.optional(),
});

export const purgeBodySchema = z.object({
  states: z.array(z.enum(JOB_STATES)).min(1, 'name at least one state'),
  confirm: z.literal(true, { error: 'must be true' }),
  older_than: rfc3339.optional(),
});

/** Filter of a bulk action: the /api/jobs filter (without paging) or explicit job ids. */
const bulkTargetSchema = z
  .object({
    action: z.enum(BULK_ACTION_VALUES),
    cluster: z.string().min(1).max(63).optional(),
    filter: jobFilterSchema.omit({ cluster: true }).optional(),
    job_ids: z.array(z.string().min(1).max(200)).min(1).max(10_000).optional(),
  })
  .refine((v) => (v.filter === undefined) !== (v.job_ids === undefined), {
    message: 'give either filter or job_ids',
    path: ['filter'],
  })
  .refine((v) => v.job_ids === undefined || v.cluster !== undefined, {
    message: 'job_ids need a cluster',
    path: ['cluster'],
  });

export const bulkPreviewBodySchema = bulkTargetSchema;
export type BulkPreviewBody = z.output<typeof bulkPreviewBodySchema>;

export const bulkBodySchema = z.intersection(
  bulkTargetSchema,
  z.object({
    confirm: z.literal(true, { error: 'must be true' }),
    confirmation_phrase: z.string().max(200).optional(),
  }),
);
export type BulkBody = z.output<typeof bulkBodySchema>;

// ---------------------------------------------------------------- write responses

export const queueActionResponseSchema = z.object({
  queue: z.object({ cluster: z.string(), name: z.string(), paused: z.boolean() }),
});
export type QueueActionResponse = z.infer<typeof queueActionResponseSchema>;

export const purgeResponseSchema = z.object({
  cluster: z.string(),
  queue: z.string(),
  purged: z.number(),
  states: z.array(z.enum(JOB_STATES)),
});
export type PurgeResponse = z.infer<typeof purgeResponseSchema>;

/** Retry / cancel: the job as it is after the action (or just its id if it could not be read back). */
export const jobActionResponseSchema = z.object({
  cluster: z.string(),
  job: z.record(z.string(), z.unknown()),
});
export type JobActionResponse = z.infer<typeof jobActionResponseSchema>;

export const jobDeleteResponseSchema = z.object({
  cluster: z.string(),
  deleted: z.literal(true),
  job_id: z.string(),
});
export type JobDeleteResponse = z.infer<typeof jobDeleteResponseSchema>;

export const workerQuietResponseSchema = z.object({
  cluster: z.string(),
  worker_id: z.string(),
  directive: z.literal('quiet'),
});
export type WorkerQuietResponse = z.infer<typeof workerQuietResponseSchema>;

export const workerDeregisterResponseSchema = z.object({
  cluster: z.string(),
  worker_id: z.string(),
  deregistered: z.literal(true),
});
export type WorkerDeregisterResponse = z.infer<typeof workerDeregisterResponseSchema>;

// ---------------------------------------------------------------- security: sign-in, audit

export const loginBodySchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;
export const loginResponseSchema = z.object({ user: z.object({ name: z.string(), role: roleSchema }) });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const oidcLoginQuerySchema = z.object({ return_to: z.string().max(2000).optional() });
export const oidcCallbackQuerySchema = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  session_state: z.string().max(512).optional(),
});

export const AUDIT_RESULTS = ['ok', 'error', 'denied'] as const;
export const auditEntrySchema = z.object({
  id: z.number(),
  time: z.string(),
  actor: z.string(),
  role: roleSchema.nullable(),
  auth_mode: z.string(),
  ip: z.string().nullable(),
  cluster: z.string().nullable(),
  /** e.g. queue.pause, job.retry, bulk.delete, dead_letter.retry, worker.deregister, auth.login. */
  action: z.string(),
  /** e.g. `queue:emails`, `job:<id>`, `worker:<id>`, `dead_letter_group:<fingerprint>`. */
  target: z.string().nullable(),
  filter: z.record(z.string(), z.unknown()).nullable(),
  /** Jobs affected (bulk actions: jobs matched when the operation started). */
  count: z.number().nullable(),
  result: z.enum(AUDIT_RESULTS),
  status: z.number(),
  error_code: z.string().nullable(),
  request_id: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const isoTime = z.iso.datetime({ offset: true });
export const auditQuerySchema = z.object({
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  cluster: z.string().min(1).max(63).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;
export const auditExportQuerySchema = auditQuerySchema.omit({ limit: true, before: true }).extend({
  format: z.enum(['csv', 'json']).default('csv'),
});
export const auditResponseSchema = z.object({
  entries: z.array(auditEntrySchema),
  next_before: z.number().nullable(),
});
export type AuditResponse = z.infer<typeof auditResponseSchema>;

export const maintenanceBodySchema = z.strictObject({
  enabled: z.boolean(),
  reason: z.string().max(500).optional(),
});
export const maintenanceResponseSchema = z.object({
  cluster: z.string(),
  maintenance: z.boolean(),
  reason: z.string().nullable(),
});
export type MaintenanceResponse = z.infer<typeof maintenanceResponseSchema>;

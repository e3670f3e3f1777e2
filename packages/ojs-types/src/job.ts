import { z } from 'zod';
import { jobErrorRecordSchema, jobErrorSchema } from './errors';
import { DEFAULT_QUEUE, jobIdSchema, jobTypeSchema, PRIORITY, prioritySchema, queueNameSchema } from './ids';
import { jsonObjectSchema, jsonValueSchema, type JsonObject, type JsonValue } from './json';
import { resolveRetryPolicy, retryPolicyInputSchema, type RetryPolicy } from './retry';
import { jobStateSchema } from './states';
import { isoDurationSchema, parseIsoDuration, resolveTimeInput, timeInputSchema } from './time';
import { resolveUniquePolicy, uniquePolicyInputSchema, type UniquePolicy } from './unique';

/** Execution timeout when none is given: 1800 s (core §5.7; digest §5.4 explains why not 30 s). */
export const DEFAULT_TIMEOUT_MS = 1_800_000;
/** Visibility (reservation) timeout when none is given: 1800 s (worker-protocol; digest §5.4). */
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 1_800_000;
/** Envelope size every server must accept (JF §7). */
export const MIN_SUPPORTED_ENVELOPE_BYTES = 1024 * 1024;

const nonNegativeIntMs = z
  .int({ error: 'must be an integer number of milliseconds' })
  .min(0, { error: 'must be >= 0' });
/** core §5.7: `timeout` in whole seconds. */
const timeoutSeconds = z
  .int({ error: 'must be an integer number of seconds' })
  .min(1, { error: 'must be >= 1' });
/** JF: `visibility_timeout` in seconds; openapi: an ISO 8601 duration string. */
const visibilityTimeoutAlias = z.union([
  isoDurationSchema,
  z.number().min(0, { error: 'must be >= 0 seconds' }),
]);

export const rateLimitPolicySchema = z.looseObject({
  max_per_second: z.int().min(1, { error: 'must be >= 1' }),
});

/**
 * Enqueue options (HB §9, openapi EnqueueOptions). Aliases: `delay_until` = `scheduled_at`,
 * `retry_policy` = `retry`, `metadata` merged into `meta`, `timeout` (seconds) and `visibility_timeout`
 * (seconds or ISO) next to their `_ms` forms. Times accept RFC 3339 or relative `+PT2S`.
 */
export const enqueueOptionsSchema = z.looseObject({
  queue: queueNameSchema.optional(),
  priority: prioritySchema.optional(),
  timeout_ms: nonNegativeIntMs.optional(),
  timeout: timeoutSeconds.optional(),
  scheduled_at: timeInputSchema.optional(),
  delay_until: timeInputSchema.optional(),
  expires_at: timeInputSchema.optional(),
  retry: retryPolicyInputSchema.optional(),
  retry_policy: retryPolicyInputSchema.optional(),
  unique: uniquePolicyInputSchema.optional(),
  tags: z.array(z.string()).optional(),
  visibility_timeout_ms: nonNegativeIntMs.optional(),
  visibility_timeout: visibilityTimeoutAlias.optional(),
  metadata: jsonObjectSchema.optional(),
  pending: z.boolean().optional(),
  rate_limit: rateLimitPolicySchema.optional(),
});
export type EnqueueOptionsInput = z.input<typeof enqueueOptionsSchema>;

/**
 * POST /ojs/v1/jobs body (HB §9.1, openapi EnqueueRequest). Unknown top-level fields are kept and must
 * round-trip (CT L0-ENV-014). Core/JF's top-level `queue`, `priority`, `timeout`, `scheduled_at`, … are
 * accepted too; `options` wins when both are given (digest §8).
 */
export const enqueueRequestSchema = z.looseObject({
  id: jobIdSchema.optional(),
  type: jobTypeSchema,
  args: z.array(jsonValueSchema, { error: 'must be a JSON array' }),
  meta: jsonObjectSchema.optional(),
  schema: z.string().min(1).optional(),
  options: enqueueOptionsSchema.optional(),
  // core/JF top-level spellings
  queue: queueNameSchema.optional(),
  priority: prioritySchema.optional(),
  timeout: timeoutSeconds.optional(),
  timeout_ms: nonNegativeIntMs.optional(),
  scheduled_at: timeInputSchema.optional(),
  delay_until: timeInputSchema.optional(),
  expires_at: timeInputSchema.optional(),
  retry: retryPolicyInputSchema.optional(),
  unique: uniquePolicyInputSchema.optional(),
  tags: z.array(z.string()).optional(),
  visibility_timeout_ms: nonNegativeIntMs.optional(),
  visibility_timeout: visibilityTimeoutAlias.optional(),
  pending: z.boolean().optional(),
  rate_limit: rateLimitPolicySchema.optional(),
});
export type EnqueueRequest = z.input<typeof enqueueRequestSchema>;
export type ParsedEnqueueRequest = z.output<typeof enqueueRequestSchema>;

/** Fields the request schema understands; everything else is an extension field kept on the job. */
const KNOWN_REQUEST_FIELDS = new Set([
  'id',
  'type',
  'args',
  'meta',
  'schema',
  'options',
  'queue',
  'priority',
  'timeout',
  'timeout_ms',
  'scheduled_at',
  'delay_until',
  'expires_at',
  'retry',
  'unique',
  'tags',
  'visibility_timeout_ms',
  'visibility_timeout',
  'pending',
  'rate_limit',
]);

/** System-managed job fields: client values are ignored, never copied (digest §1.1). */
export const SYSTEM_MANAGED_FIELDS: ReadonlySet<string> = new Set([
  'specversion',
  'state',
  'attempt',
  'max_attempts',
  'created_at',
  'enqueued_at',
  'started_at',
  'completed_at',
  'cancelled_at',
  'discarded_at',
  'activated_at',
  'next_attempt_at',
  'error',
  'errors',
  'result',
  'retry_delay_ms',
  'parent_results',
  'worker_id',
  'workflow_id',
  'previous_state',
]);

/** An enqueue request with aliases resolved, defaults applied and times as epoch milliseconds. */
export interface NormalizedEnqueue {
  id?: string;
  type: string;
  args: JsonValue[];
  /** `meta` with `options.metadata` merged in (explicit `meta` keys win). */
  meta: JsonObject;
  schema?: string;
  queue: string;
  priority: number;
  /** Execution timeout; undefined when the client set none (enforce only when set, digest §5.4). */
  timeoutMs?: number;
  scheduledAtMs?: number;
  expiresAtMs?: number;
  retry: RetryPolicy;
  unique?: UniquePolicy;
  tags: string[];
  visibilityTimeoutMs?: number;
  pending: boolean;
  rateLimit?: { maxPerSecond: number };
  /** Unknown top-level fields, to be kept on the job (CT L0-ENV-014). */
  extra: Record<string, unknown>;
}

function visibilityAliasMs(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'string' ? parseIsoDuration(v) : Math.round(v * 1000);
}

/** Resolve aliases and defaults of a request parsed by {@link enqueueRequestSchema}. */
export function normalizeEnqueueRequest(req: ParsedEnqueueRequest, nowMs: number): NormalizedEnqueue {
  const o = req.options ?? {};
  const timeoutMs =
    o.timeout_ms ??
    (o.timeout !== undefined ? o.timeout * 1000 : undefined) ??
    req.timeout_ms ??
    (req.timeout !== undefined ? req.timeout * 1000 : undefined);
  const scheduledAt = o.scheduled_at ?? o.delay_until ?? req.scheduled_at ?? req.delay_until;
  const expiresAt = o.expires_at ?? req.expires_at;
  const unique = o.unique ?? req.unique;
  const visibilityTimeoutMs =
    o.visibility_timeout_ms ??
    visibilityAliasMs(o.visibility_timeout) ??
    req.visibility_timeout_ms ??
    visibilityAliasMs(req.visibility_timeout);
  const rateLimit = o.rate_limit ?? req.rate_limit;

  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req)) {
    if (!KNOWN_REQUEST_FIELDS.has(k) && !SYSTEM_MANAGED_FIELDS.has(k)) extra[k] = v;
  }

  const out: NormalizedEnqueue = {
    type: req.type,
    args: req.args,
    meta: { ...(o.metadata ?? {}), ...(req.meta ?? {}) },
    queue: o.queue ?? req.queue ?? DEFAULT_QUEUE,
    priority: o.priority ?? req.priority ?? PRIORITY.NORMAL,
    retry: resolveRetryPolicy(o.retry ?? o.retry_policy ?? req.retry),
    tags: [...(o.tags ?? req.tags ?? [])],
    pending: o.pending ?? req.pending ?? false,
    extra,
  };
  if (req.id !== undefined) out.id = req.id;
  if (req.schema !== undefined) out.schema = req.schema;
  if (timeoutMs !== undefined) out.timeoutMs = timeoutMs;
  if (scheduledAt !== undefined) out.scheduledAtMs = resolveTimeInput(scheduledAt, nowMs);
  if (expiresAt !== undefined) out.expiresAtMs = resolveTimeInput(expiresAt, nowMs);
  if (unique !== undefined) out.unique = resolveUniquePolicy(unique);
  if (visibilityTimeoutMs !== undefined) out.visibilityTimeoutMs = visibilityTimeoutMs;
  if (rateLimit !== undefined) out.rateLimit = { maxPerSecond: rateLimit.max_per_second };
  return out;
}

/** POST /ojs/v1/jobs/batch body (HB §9.2; atomic, at least 1000 jobs per request must work, JF §8). */
export const batchEnqueueRequestSchema = z.looseObject({
  jobs: z.array(enqueueRequestSchema).min(1, { error: 'must contain at least one job' }),
});
export type BatchEnqueueRequest = z.input<typeof batchEnqueueRequestSchema>;

/**
 * A job as servers return it (openapi Job + JF §3). Tolerant: timestamps are plain strings, unknown fields are
 * kept, and everything beyond id/type/state/queue/args/attempt is optional, so any conforming server parses.
 */
export const jobSchema = z.looseObject({
  specversion: z.string().optional(),
  id: z.string().min(1),
  type: z.string().min(1),
  state: jobStateSchema,
  queue: z.string().min(1),
  args: z.array(z.unknown()),
  meta: z.record(z.string(), z.unknown()).nullish(),
  priority: z.number().int().optional(),
  attempt: z.number().int(),
  max_attempts: z.number().int().optional(),
  timeout_ms: z.number().optional(),
  visibility_timeout_ms: z.number().optional(),
  worker_id: z.string().nullish(),
  schema: z.string().optional(),
  created_at: z.string().optional(),
  enqueued_at: z.string().nullish(),
  scheduled_at: z.string().nullish(),
  expires_at: z.string().nullish(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  cancelled_at: z.string().nullish(),
  discarded_at: z.string().nullish(),
  activated_at: z.string().nullish(),
  next_attempt_at: z.string().nullish(),
  result: z.unknown().optional(),
  error: jobErrorSchema.nullish(),
  errors: z.array(jobErrorRecordSchema).nullish(),
  tags: z.array(z.string()).nullish(),
  retry: z.record(z.string(), z.unknown()).nullish(),
  /** admin job detail spells the policy `retry_policy` */
  retry_policy: z.record(z.string(), z.unknown()).nullish(),
  unique: z.record(z.string(), z.unknown()).nullish(),
  retry_delay_ms: z.number().nullish(),
  /** array of upstream results in chains (CT/openapi; workflows.md's keyed object is the outlier) */
  parent_results: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
  workflow_id: z.string().nullish(),
  previous_state: jobStateSchema.optional(),
  progress: z.number().nullish(),
});
export type Job = z.infer<typeof jobSchema>;

/** `{job}` wrapper of data-plane responses; `deduplicated: true` marks a unique `ignore` hit. */
export const jobResponseSchema = z.looseObject({
  job: jobSchema,
  deduplicated: z.boolean().optional(),
});
export type JobResponse = z.infer<typeof jobResponseSchema>;

/**
 * DELETE /jobs/:id and POST /jobs/:id/activate answer `{job:{id, state, previous_state, cancelled_at|activated_at}}`
 * (HB §10.6); some servers send only those fields, so this wrapper needs only id and state.
 */
export const jobStateChangeResponseSchema = z.looseObject({
  job: z.looseObject({
    id: z.string().min(1),
    state: jobStateSchema,
    previous_state: jobStateSchema.optional(),
    cancelled_at: z.string().nullish(),
    activated_at: z.string().nullish(),
  }),
});
export type JobStateChangeResponse = z.infer<typeof jobStateChangeResponseSchema>;

/** 201 body of POST /jobs/batch. */
export const batchEnqueueResponseSchema = z.looseObject({
  jobs: z.array(jobSchema),
  count: z.number().int().optional(),
});

/** JobSummary of admin job lists (admin §7.1): the list columns only. */
export const jobSummarySchema = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  queue: z.string(),
  state: jobStateSchema,
  priority: z.number().int().optional(),
  attempt: z.number().int().optional(),
  max_attempts: z.number().int().optional(),
  created_at: z.string().optional(),
  enqueued_at: z.string().nullish(),
  scheduled_at: z.string().nullish(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  error: jobErrorSchema.nullish(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

import {
  BACKOFF_STRATEGIES,
  type EnqueueRequest,
  enqueueRequestSchema,
  formatIsoDuration,
  formatZodIssues,
  jobStateSchema,
  ON_EXHAUSTION_ACTIONS,
  UNIQUE_CONFLICT_ACTIONS,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { ValidationError } from './typedErrors';

const ms = z.int({ error: 'must be an integer number of milliseconds' }).min(0, { error: 'must be >= 0' });
const positiveMs = z
  .int({ error: 'must be an integer number of milliseconds' })
  .min(1, { error: 'must be >= 1' });
const instant = z.union([z.date(), z.string().min(1)]);

/** Retry policy in camelCase (durations in ms); merged with the server's defaults. */
export const retryOptionsSchema = z.strictObject({
  /** Total attempts including the first (default 3). */
  maxAttempts: z.int().min(0).optional(),
  initialIntervalMs: positiveMs.optional(),
  /** >= 1 (default 2). */
  backoffCoefficient: z.number().min(1, { error: 'must be >= 1' }).optional(),
  maxIntervalMs: positiveMs.optional(),
  jitter: z.boolean().optional(),
  /** Error types (exact or `prefix.*`) that end the job at once. */
  nonRetryableErrors: z.array(z.string().min(1)).optional(),
  /** What happens after the last attempt (default `discard`). */
  onExhaustion: z.enum(ON_EXHAUSTION_ACTIONS).optional(),
  backoffStrategy: z.enum(BACKOFF_STRATEGIES).optional(),
});
export type RetryOptions = z.input<typeof retryOptionsSchema>;

/** Unique (deduplication) policy in camelCase. */
export const uniqueOptionsSchema = z.strictObject({
  /** Dimensions of the uniqueness key: `type` (always), `queue`, `args`, `meta`. */
  keys: z.array(z.enum(['type', 'queue', 'args', 'meta'])).optional(),
  argsKeys: z.array(z.string().min(1)).optional(),
  metaKeys: z.array(z.string().min(1)).optional(),
  /** Uniqueness window from the original job's creation; absent = as long as it exists in `states`. */
  periodMs: positiveMs.optional(),
  states: z.array(jobStateSchema).optional(),
  /** `reject` (default, throws DuplicateJobError), `ignore` (returns the existing job), `replace`... */
  onConflict: z.enum(UNIQUE_CONFLICT_ACTIONS).optional(),
});
export type UniqueOptions = z.input<typeof uniqueOptionsSchema>;

/** Options of `client.enqueue` (camelCase; sent as the OJS wire request). */
export const enqueueOptionsSchema = z
  .strictObject({
    /** Client-chosen job id (lowercase UUIDv7). */
    id: z.string().optional(),
    queue: z.string().optional(),
    /** -100..100, higher first (default 0). */
    priority: z.int().optional(),
    /** Execution timeout. */
    timeoutMs: positiveMs.optional(),
    /** Run no earlier than this many ms from now. */
    delayMs: ms.optional(),
    /** Run no earlier than this instant (Date, RFC 3339, or relative `+PT5M`). */
    scheduledAt: instant.optional(),
    /** Discard the job if it has not started by then. */
    expiresAt: instant.optional(),
    retry: retryOptionsSchema.optional(),
    unique: uniqueOptionsSchema.optional(),
    tags: z.array(z.string()).optional(),
    meta: z.record(z.string(), z.json()).optional(),
    /** Lease length of a fetched job before it returns to the queue without heartbeats. */
    visibilityTimeoutMs: positiveMs.optional(),
    /** Create the job in `pending` (activated later). */
    pending: z.boolean().optional(),
    /** URI of the args schema, e.g. `urn:ojs:schema:email.send:v1`. */
    schema: z.string().min(1).optional(),
  })
  .check((ctx) => {
    if (ctx.value.delayMs !== undefined && ctx.value.scheduledAt !== undefined) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['delayMs'],
        message: 'give either delayMs or scheduledAt, not both',
      });
    }
  });
export type EnqueueOptions = z.input<typeof enqueueOptionsSchema>;

/** The wire form of a retry policy (ISO 8601 durations). */
export function toWireRetry(retry: z.output<typeof retryOptionsSchema>): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  if (retry.maxAttempts !== undefined) wire.max_attempts = retry.maxAttempts;
  if (retry.initialIntervalMs !== undefined)
    wire.initial_interval = formatIsoDuration(retry.initialIntervalMs);
  if (retry.backoffCoefficient !== undefined) wire.backoff_coefficient = retry.backoffCoefficient;
  if (retry.maxIntervalMs !== undefined) wire.max_interval = formatIsoDuration(retry.maxIntervalMs);
  if (retry.jitter !== undefined) wire.jitter = retry.jitter;
  if (retry.nonRetryableErrors !== undefined) wire.non_retryable_errors = [...retry.nonRetryableErrors];
  if (retry.onExhaustion !== undefined) wire.on_exhaustion = retry.onExhaustion;
  if (retry.backoffStrategy !== undefined) wire.backoff_strategy = retry.backoffStrategy;
  return wire;
}

function toWireUnique(unique: z.output<typeof uniqueOptionsSchema>): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  if (unique.keys !== undefined) wire.keys = [...unique.keys];
  if (unique.argsKeys !== undefined) wire.args_keys = [...unique.argsKeys];
  if (unique.metaKeys !== undefined) wire.meta_keys = [...unique.metaKeys];
  if (unique.periodMs !== undefined) wire.period = formatIsoDuration(unique.periodMs);
  if (unique.states !== undefined) wire.states = [...unique.states];
  if (unique.onConflict !== undefined) wire.on_conflict = unique.onConflict;
  return wire;
}

function toInstant(value: Date | string): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value.getTime())) throw new ValidationError('invalid Date', { field: 'date' });
  return value.toISOString();
}

/**
 * Builds and validates the `POST /ojs/v1/jobs` body for `type`, `args` and camelCase options. Throws a
 * {@link ValidationError} naming the field when the input is not a valid OJS job (nothing is sent).
 */
export function toEnqueueRequest(
  type: string,
  args: readonly unknown[],
  options: EnqueueOptions = {},
  now: () => number = Date.now,
): EnqueueRequest {
  const parsedOptions = enqueueOptionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw new ValidationError(`invalid enqueue options: ${formatZodIssues(parsedOptions.error)}`, {
      issues: parsedOptions.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      })),
    });
  }
  const o = parsedOptions.data;
  const wireOptions: Record<string, unknown> = {};
  if (o.queue !== undefined) wireOptions.queue = o.queue;
  if (o.priority !== undefined) wireOptions.priority = o.priority;
  if (o.timeoutMs !== undefined) wireOptions.timeout_ms = o.timeoutMs;
  if (o.delayMs !== undefined) wireOptions.scheduled_at = new Date(now() + o.delayMs).toISOString();
  if (o.scheduledAt !== undefined) wireOptions.scheduled_at = toInstant(o.scheduledAt);
  if (o.expiresAt !== undefined) wireOptions.expires_at = toInstant(o.expiresAt);
  if (o.retry !== undefined) wireOptions.retry = toWireRetry(o.retry);
  if (o.unique !== undefined) wireOptions.unique = toWireUnique(o.unique);
  if (o.tags !== undefined) wireOptions.tags = [...o.tags];
  if (o.visibilityTimeoutMs !== undefined) wireOptions.visibility_timeout_ms = o.visibilityTimeoutMs;
  if (o.pending !== undefined) wireOptions.pending = o.pending;

  const body: Record<string, unknown> = { type, args: [...args] };
  if (o.id !== undefined) body.id = o.id;
  if (o.meta !== undefined) body.meta = { ...o.meta };
  if (o.schema !== undefined) body.schema = o.schema;
  if (Object.keys(wireOptions).length > 0) body.options = wireOptions;

  const parsed = enqueueRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(`invalid job ${JSON.stringify(type)}: ${formatZodIssues(parsed.error)}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  // `body` passed the request schema above; it is sent as built (the parsed form may rename aliases)
  return body as EnqueueRequest;
}

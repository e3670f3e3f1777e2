import {
  enqueueRequestSchema,
  formatZodIssues,
  isoDurationSchema,
  normalizeEnqueueRequest,
  parseIsoDuration,
  type NormalizedEnqueue,
} from '@lookout/ojs-types';
import { z } from 'zod';
import { invalidRequest, type OjsServerError, validationError } from '../errors';
import type { RateLimitSpec } from '../store/records';
import { SHARED_DEFAULT_RETRY } from '../store/sharedDefaults';

/**
 * Job types: dot-separated lowercase segments. openapi's pattern (which allows `-`) is used: the conformance
 * suite enqueues types such as `dlq.test.list-first` and `worker.test.graceful-shutdown`.
 */
export const JOB_TYPE_PATTERN_LENIENT = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/;

const requestSchema = enqueueRequestSchema.extend({
  type: z
    .string({ error: 'is required' })
    .min(1, { error: 'must not be empty' })
    .max(255, { error: 'must be at most 255 characters' })
    .regex(JOB_TYPE_PATTERN_LENIENT, {
      error: 'must be dot-namespaced lowercase segments like "email.send"',
    }),
});

// frozen: an accidental mutation throws instead of leaking into other jobs
const EMPTY_OBJECT = Object.freeze({}) as Record<string, never>;
const EMPTY_TAGS = Object.freeze([]) as unknown as string[];
const NAMED_PERIODS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

const periodSchema = z.union([z.enum(['second', 'minute', 'hour', 'day']), isoDurationSchema]);
const windowSchema = z.object({
  limit: z.int().min(1, { error: 'must be >= 1' }),
  period: periodSchema,
});

/**
 * Job rate limit policy (rate-limiting §6 plus openapi's `max_per_second` and the `rate: N, period: "second"`
 * spelling of the conformance suite). Without a key the limit applies to the job's queue.
 */
export const rateLimitInputSchema = z.looseObject({
  key: z
    .string()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._:-]*$/, { error: 'must match ^[a-zA-Z0-9][a-zA-Z0-9._:-]*$' })
    .optional(),
  max_per_second: z.number().positive({ error: 'must be > 0' }).optional(),
  concurrency: z.int().min(0, { error: 'must be >= 0' }).optional(),
  rate: z.union([z.int().min(1, { error: 'must be >= 1' }), windowSchema]).optional(),
  period: periodSchema.optional(),
  throttle: windowSchema.optional(),
  on_limit: z.enum(['wait', 'reschedule', 'drop']).optional(),
});

export function periodMs(period: string): number {
  return NAMED_PERIODS[period] ?? parseIsoDuration(period);
}

export function normalizeRateLimit(
  input: z.output<typeof rateLimitInputSchema>,
  queue: string,
): RateLimitSpec {
  const spec: RateLimitSpec = {
    key: input.key ?? `queue:${queue}`,
    onLimit: input.on_limit ?? 'wait',
    wire: { ...input },
  };
  if (input.concurrency !== undefined) spec.concurrency = input.concurrency;
  if (typeof input.rate === 'number')
    spec.rate = { limit: input.rate, periodMs: periodMs(input.period ?? 'second') };
  else if (input.rate) spec.rate = { limit: input.rate.limit, periodMs: periodMs(input.rate.period) };
  else if (input.max_per_second !== undefined) {
    const mps = input.max_per_second;
    spec.rate =
      mps >= 1 ? { limit: Math.floor(mps), periodMs: 1000 } : { limit: 1, periodMs: Math.round(1000 / mps) };
  }
  if (input.throttle)
    spec.throttle = { limit: input.throttle.limit, periodMs: periodMs(input.throttle.period) };
  return spec;
}

export interface ParsedEnqueue {
  job: NormalizedEnqueue;
  rateLimit?: RateLimitSpec;
  /** Absolute `scheduled_at` / `expires_at` exactly as sent (echoed back verbatim). */
  scheduledAtText?: string;
  expiresAtText?: string;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** zod issues to the spec's error: retry policy problems are 422 validation_error (CT L1-RTR-011/012). */
function toError(error: z.ZodError, prefix = ''): OjsServerError {
  const message = (prefix ? `${prefix}: ` : '') + formatZodIssues(error);
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const retryProblem = error.issues.some((i) => i.path.some((p) => p === 'retry' || p === 'retry_policy'));
  return retryProblem ? validationError(message, { issues }) : invalidRequest(message, { issues });
}

/**
 * Validate and normalise one enqueue request body (HB §9.1 with every alias of digest §1). Throws the
 * spec's 400/422 error; `nowMs` resolves relative times such as `+PT2S`.
 */
export function parseEnqueueRequest(body: unknown, nowMs: number, prefix = ''): ParsedEnqueue {
  const raw = asObject(body);
  if (!raw) throw invalidRequest(`${prefix ? `${prefix}: ` : ''}a job must be a JSON object`);
  const options = asObject(raw['options']);
  const rateLimitRaw = options?.['rate_limit'] ?? raw['rate_limit'];
  const stripped: Record<string, unknown> = { ...raw };
  delete stripped['rate_limit'];
  if (options) {
    const o = { ...options };
    delete o['rate_limit'];
    stripped['options'] = o;
  }
  const parsed = requestSchema.safeParse(stripped);
  if (!parsed.success) throw toError(parsed.error, prefix);
  let job: NormalizedEnqueue;
  try {
    job = normalizeEnqueueRequest(parsed.data, nowMs);
  } catch (e) {
    throw invalidRequest(`${prefix ? `${prefix}: ` : ''}${e instanceof Error ? e.message : String(e)}`);
  }
  // normalizeEnqueueRequest keeps every unknown field as an extension; the server consumes rate_limit itself
  delete job.extra['rate_limit'];
  // records are immutable: jobs without a retry policy, meta, tags or extensions share one frozen value
  // (a memory store with a million jobs saves hundreds of bytes per job)
  const o0 = parsed.data.options;
  if (o0?.retry === undefined && o0?.retry_policy === undefined && parsed.data.retry === undefined) {
    job.retry = SHARED_DEFAULT_RETRY;
  }
  if (Object.keys(job.meta).length === 0) job.meta = EMPTY_OBJECT;
  if (job.tags.length === 0) job.tags = EMPTY_TAGS;
  if (Object.keys(job.extra).length === 0) job.extra = EMPTY_OBJECT;
  const out: ParsedEnqueue = { job };
  if (rateLimitRaw !== undefined) {
    const rl = rateLimitInputSchema.safeParse(rateLimitRaw);
    if (!rl.success) throw toError(rl.error, `${prefix ? `${prefix}: ` : ''}options.rate_limit`);
    out.rateLimit = normalizeRateLimit(rl.data, job.queue);
  }
  const o = parsed.data.options;
  const scheduledText =
    o?.scheduled_at ?? o?.delay_until ?? parsed.data.scheduled_at ?? parsed.data.delay_until;
  if (scheduledText !== undefined && !scheduledText.startsWith('+')) out.scheduledAtText = scheduledText;
  const expiresText = o?.expires_at ?? parsed.data.expires_at;
  if (expiresText !== undefined && !expiresText.startsWith('+')) out.expiresAtText = expiresText;
  return out;
}

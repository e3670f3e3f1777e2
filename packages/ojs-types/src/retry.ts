import { z } from 'zod';
import { formatIsoDuration, ISO_DURATION_PATTERN, isoDurationSchema, parseIsoDuration } from './time';

/**
 * Backoff strategies (retry.md §3). `none` (retry.md) and `constant` (openapi) are the same strategy;
 * the resolved policy spells it `constant`.
 */
export const BACKOFF_STRATEGIES = ['exponential', 'linear', 'constant', 'polynomial'] as const;
export type BackoffStrategy = (typeof BACKOFF_STRATEGIES)[number];
const backoffStrategyInputSchema = z
  .enum(['exponential', 'linear', 'constant', 'polynomial', 'none'])
  .transform((s): BackoffStrategy => (s === 'none' ? 'constant' : s));

export const ON_EXHAUSTION_ACTIONS = ['discard', 'dead_letter'] as const;
export type OnExhaustion = (typeof ON_EXHAUSTION_ACTIONS)[number];

const nonNegativeMs = z
  .int({ error: 'must be an integer number of milliseconds' })
  .min(0, { error: 'must be >= 0' });

/**
 * A retry policy as clients send it (retry.md §2, openapi RetryPolicy). Every field is optional and merged
 * with {@link DEFAULT_RETRY_POLICY} (RET-10). Aliases accepted: `backoff_type` / `backoff_strategy`
 * (openapi; CT sends `backoff_strategy`), `initial_interval_ms` / `max_interval_ms` (HB examples).
 * Unknown fields are kept so policies round-trip.
 */
export const retryPolicyInputSchema = z
  .looseObject({
    max_attempts: z.int({ error: 'must be an integer' }).min(0, { error: 'must be >= 0' }).optional(),
    initial_interval: isoDurationSchema.optional(),
    initial_interval_ms: nonNegativeMs.optional(),
    // RET-03: coefficients below 1 are rejected
    backoff_coefficient: z.number().min(1, { error: 'must be >= 1.0' }).optional(),
    max_interval: isoDurationSchema.optional(),
    max_interval_ms: nonNegativeMs.optional(),
    jitter: z.boolean().optional(),
    non_retryable_errors: z.array(z.string().min(1)).optional(),
    on_exhaustion: z.enum(ON_EXHAUSTION_ACTIONS).optional(),
    backoff_type: backoffStrategyInputSchema.optional(),
    backoff_strategy: backoffStrategyInputSchema.optional(),
  })
  .check((ctx) => {
    const p = ctx.value;
    // field errors do not abort object checks, so read durations defensively here
    const initial = safeIntervalMs(p.initial_interval, p.initial_interval_ms);
    const max = safeIntervalMs(p.max_interval, p.max_interval_ms);
    // retry.md §11.1: initial_interval > 0, max_interval >= initial_interval (checked when both are given)
    if (initial !== undefined && initial <= 0) {
      ctx.issues.push({
        code: 'custom',
        input: p,
        path: [p.initial_interval !== undefined ? 'initial_interval' : 'initial_interval_ms'],
        message: 'must be greater than zero',
      });
    }
    if (initial !== undefined && max !== undefined && max < initial) {
      ctx.issues.push({
        code: 'custom',
        input: p,
        path: [p.max_interval !== undefined ? 'max_interval' : 'max_interval_ms'],
        message: 'must be >= initial_interval',
      });
    }
  });
export type RetryPolicyInput = z.input<typeof retryPolicyInputSchema>;
export type ParsedRetryPolicyInput = z.output<typeof retryPolicyInputSchema>;

function safeIntervalMs(iso: unknown, ms: unknown): number | undefined {
  if (typeof iso === 'string') return ISO_DURATION_PATTERN.test(iso) ? parseIsoDuration(iso) : undefined;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

function intervalMs(iso: string | undefined, ms: number | undefined): number | undefined {
  if (iso !== undefined) return parseIsoDuration(iso);
  return ms;
}

/** The retry policy as servers echo it on a job (`job.retry`). */
export interface RetryPolicyWire {
  max_attempts: number;
  initial_interval: string;
  backoff_coefficient: number;
  max_interval: string;
  jitter: boolean;
  non_retryable_errors: string[];
  on_exhaustion: OnExhaustion;
  backoff_strategy?: BackoffStrategy;
  backoff_type?: BackoffStrategy;
}

/** A complete retry policy after defaults are applied. */
export interface RetryPolicy {
  maxAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  maxIntervalMs: number;
  jitter: boolean;
  nonRetryableErrors: string[];
  onExhaustion: OnExhaustion;
  backoffStrategy: BackoffStrategy;
  /** The snake_case form to put on the wire (durations as ISO 8601). */
  wire: RetryPolicyWire;
}

/** retry.md §8: the default policy. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  initialIntervalMs: 1000,
  backoffCoefficient: 2,
  maxIntervalMs: 300_000,
  jitter: true,
  nonRetryableErrors: [],
  onExhaustion: 'discard',
  backoffStrategy: 'exponential',
  wire: {
    max_attempts: 3,
    initial_interval: 'PT1S',
    backoff_coefficient: 2,
    max_interval: 'PT5M',
    jitter: true,
    non_retryable_errors: [],
    on_exhaustion: 'discard',
  },
}) as RetryPolicy;

/**
 * Merge a (validated) partial policy with the defaults (RET-09, RET-10). ISO strings are kept as sent on the
 * wire form; `*_ms` inputs are echoed as ISO durations.
 */
export function resolveRetryPolicy(input?: ParsedRetryPolicyInput | null): RetryPolicy {
  const d = DEFAULT_RETRY_POLICY;
  if (!input) {
    return { ...d, nonRetryableErrors: [], wire: { ...d.wire, non_retryable_errors: [] } };
  }
  const initialIntervalMs =
    intervalMs(input.initial_interval, input.initial_interval_ms) ?? d.initialIntervalMs;
  const maxIntervalMs = intervalMs(input.max_interval, input.max_interval_ms) ?? d.maxIntervalMs;
  const strategy = input.backoff_strategy ?? input.backoff_type;
  const policy: RetryPolicy = {
    maxAttempts: input.max_attempts ?? d.maxAttempts,
    initialIntervalMs,
    backoffCoefficient: input.backoff_coefficient ?? d.backoffCoefficient,
    maxIntervalMs,
    jitter: input.jitter ?? d.jitter,
    nonRetryableErrors: [...(input.non_retryable_errors ?? [])],
    onExhaustion: input.on_exhaustion ?? d.onExhaustion,
    backoffStrategy: strategy ?? 'exponential',
    wire: {
      max_attempts: input.max_attempts ?? d.maxAttempts,
      initial_interval: input.initial_interval ?? formatIsoDuration(initialIntervalMs),
      backoff_coefficient: input.backoff_coefficient ?? d.backoffCoefficient,
      max_interval: input.max_interval ?? formatIsoDuration(maxIntervalMs),
      jitter: input.jitter ?? d.jitter,
      non_retryable_errors: [...(input.non_retryable_errors ?? [])],
      on_exhaustion: input.on_exhaustion ?? d.onExhaustion,
    },
  };
  if (strategy !== undefined) {
    // echo both spellings (digest §0: superset on output)
    policy.wire.backoff_strategy = strategy;
    policy.wire.backoff_type = strategy;
  }
  return policy;
}

export type BackoffParams = Pick<
  RetryPolicy,
  'initialIntervalMs' | 'backoffCoefficient' | 'maxIntervalMs' | 'jitter' | 'backoffStrategy'
>;

/**
 * Delay in ms before retry number `retryNumber` (1-based: retry 1 follows the first failed attempt).
 * retry.md App. A: raw delay by strategy, cap at max_interval, jitter `× U[0.5, 1.5)`, cap again (RET-06).
 * `random` must return a value in [0, 1) and is injectable for deterministic tests.
 */
export function computeBackoffMs(
  policy: BackoffParams,
  retryNumber: number,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(retryNumber));
  const i = policy.initialIntervalMs;
  const c = policy.backoffCoefficient;
  let raw: number;
  switch (policy.backoffStrategy) {
    case 'constant':
      raw = i;
      break;
    case 'linear':
      raw = i * n;
      break;
    case 'polynomial':
      raw = i * n ** c;
      break;
    case 'exponential':
      raw = i * c ** (n - 1);
      break;
  }
  const max = policy.maxIntervalMs;
  let delay = Math.min(Number.isFinite(raw) ? raw : max, max);
  if (policy.jitter) {
    delay = Math.min(delay * (0.5 + random()), max);
  }
  return Math.max(0, Math.round(delay));
}

/** The parts of a job error that may name its type (digest §2.4: type, details.error_class or code). */
export interface ErrorTypeCandidates {
  type?: string | undefined;
  code?: string | undefined;
  details?: Readonly<Record<string, unknown>> | undefined;
}

/** Whether an error type matches one `non_retryable_errors` entry: exact, or `prefix.*` (retry.md §6.2). */
export function matchesErrorPattern(pattern: string, errorType: string): boolean {
  if (pattern.endsWith('.*')) return errorType.startsWith(pattern.slice(0, -1));
  return pattern === errorType;
}

/** True when the error matches the policy's `non_retryable_errors` by type, `details.error_class` or code. */
export function matchesNonRetryable(
  policy: Pick<RetryPolicy, 'nonRetryableErrors'>,
  err: ErrorTypeCandidates | null | undefined,
): boolean {
  if (!err || policy.nonRetryableErrors.length === 0) return false;
  const errorClass = err.details?.['error_class'];
  const candidates = [err.type, typeof errorClass === 'string' ? errorClass : undefined, err.code].filter(
    (c): c is string => typeof c === 'string' && c.length > 0,
  );
  return policy.nonRetryableErrors.some((p) => candidates.some((c) => matchesErrorPattern(p, c)));
}

export type FailureOutcome =
  | { state: 'available'; reason: 'requeue' }
  | { state: 'retryable'; reason: 'retry'; delayMs: number }
  | { state: 'discarded'; reason: 'non_retryable' | 'exhausted'; deadLetter: boolean };

/**
 * What a failed attempt leads to (digest §2.4 decision order): requeue wins, then a non-retryable error,
 * then exhaustion (`attempt >= max_attempts`; 0 and 1 both mean no retry), else retry with backoff.
 * `attempt` is the attempt that just failed (1-based), which is also the retry number of the next try.
 */
export function decideFailureOutcome(params: {
  policy: RetryPolicy;
  attempt: number;
  error?: (ErrorTypeCandidates & { retryable?: boolean | undefined }) | null | undefined;
  requeue?: boolean | undefined;
  random?: () => number;
}): FailureOutcome {
  const { policy, attempt, error, requeue } = params;
  const deadLetter = policy.onExhaustion === 'dead_letter';
  if (requeue) return { state: 'available', reason: 'requeue' };
  if (error?.retryable === false || matchesNonRetryable(policy, error)) {
    return { state: 'discarded', reason: 'non_retryable', deadLetter };
  }
  if (attempt >= policy.maxAttempts) return { state: 'discarded', reason: 'exhausted', deadLetter };
  return { state: 'retryable', reason: 'retry', delayMs: computeBackoffMs(policy, attempt, params.random) };
}

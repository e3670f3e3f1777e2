import type { JobState, JsonObject, JsonValue, RetryPolicy, UniquePolicy } from '@lookout/ojs-types';

/** The error of the latest failed attempt, as stored on `job.error` (core + HB shapes merged). */
export interface JobErrorValue {
  code: string;
  type: string;
  message: string;
  retryable?: boolean;
  details?: Record<string, unknown>;
  backtrace?: string[] | string;
}

/** One `errors[]` entry (errors.md §6; CT asserts `code`, `message`, `attempt`, `occurred_at`). */
export interface JobErrorEntry extends JobErrorValue {
  attempt: number;
  occurred_at: string;
}

/** Per-job rate limit policy (rate-limiting §6; openapi `max_per_second`; keyless = per queue). */
export interface RateLimitSpec {
  key: string;
  concurrency?: number;
  /** Window limit: at most `limit` starts per `periodMs` (sliding window). */
  rate?: { limit: number; periodMs: number };
  /** Even spacing: one start every `periodMs / limit`. */
  throttle?: { limit: number; periodMs: number };
  onLimit: 'wait' | 'reschedule' | 'drop';
  /** Echoed on the job as sent. */
  wire: Record<string, unknown>;
}

export interface ProgressValue {
  /** 0..1, or null when only structured data was reported. */
  value: number | null;
  message?: string;
  data?: JsonValue;
  updatedAt: number;
}

/**
 * A job as the store keeps it. Times are epoch ms; the HTTP layer renders the wire envelope. Records are
 * treated as immutable: the engine builds a new record for every change and hands both to the store.
 */
export interface JobRecord {
  id: string;
  /** Creation sequence: listing order ("created_at"), unique and increasing. */
  cseq: number;
  /** Availability sequence: FIFO order among equal priorities; renewed each time the job becomes available. */
  aseq: number;
  type: string;
  queue: string;
  args: JsonValue[];
  meta: JsonObject;
  priority: number;
  state: JobState;
  attempt: number;
  retry: RetryPolicy;
  unique?: UniquePolicy;
  uniqueKey?: string;
  timeoutMs?: number;
  visibilityTimeoutMs?: number;
  tags: string[];
  schema?: string;
  /** Unknown top-level request fields, round-tripped (CT L0-ENV-014). */
  extra: Record<string, unknown>;
  createdAt: number;
  enqueuedAt?: number;
  scheduledAt?: number;
  /** The client's absolute `scheduled_at`, echoed verbatim. */
  scheduledAtText?: string;
  expiresAt?: number;
  expiresAtText?: string;
  startedAt?: number;
  completedAt?: number;
  cancelledAt?: number;
  discardedAt?: number;
  activatedAt?: number;
  nextAttemptAt?: number;
  retryDelayMs?: number;
  /** Lease (visibility) deadline while active. */
  leaseUntil?: number;
  /** Execution-timeout deadline while active (only when `timeoutMs` is set). */
  timeoutAt?: number;
  workerId?: string;
  error?: JobErrorValue;
  errors: JobErrorEntry[];
  hasResult: boolean;
  result?: JsonValue;
  previousState?: JobState;
  /** Set while the job sits in the dead letter queue. */
  deadLetterAt?: number;
  workflowId?: string;
  /** Index of the step (chain) or job (group/batch) inside its workflow; -1 for callbacks. */
  workflowIndex?: number;
  workflowRole?: 'step' | 'job' | 'callback';
  parentResults?: JsonValue[];
  rateLimit?: RateLimitSpec;
  progress?: ProgressValue;
  /** Next time the scheduler must promote this job (scheduled / retryable). */
  promoteAt?: number;
  /** Next deadline: lease or execution timeout (active) or `expires_at` (waiting states). */
  deadlineAt?: number;
}

export interface QueueConfig {
  concurrency?: number;
  rateLimit?: { limit: number; periodMs: number; period: string };
  retention?: { completed?: string; discarded?: string };
  backpressure?: {
    maxDepth: number;
    strategy: 'reject' | 'block' | 'drop_oldest';
    warningThreshold: number;
  };
}

export interface QueueRecord {
  name: string;
  createdAt: number;
  paused: boolean;
  pausedAt?: number;
  config: QueueConfig;
}

export interface CronRecord {
  name: string;
  expression: string;
  timezone: string;
  overlapPolicy: 'skip' | 'allow' | 'cancel_previous';
  enabled: boolean;
  description?: string;
  /** The job template as registered (type, args, meta, options). */
  template: { type: string; args: JsonValue[]; meta?: JsonObject; options?: Record<string, unknown> };
  createdAt: number;
  updatedAt: number;
  nextRunAt?: number;
  lastRunAt?: number;
  lastJobId?: string;
  runCount: number;
}

export type WorkflowType = 'chain' | 'group' | 'batch';
export type WorkflowStateValue = 'running' | 'completed' | 'failed' | 'cancelled';
export type CallbackKind = 'on_complete' | 'on_success' | 'on_failure';

export interface WorkflowStepRecord {
  index: number;
  name?: string;
  type: string;
  /** The request used to enqueue this step (kept until it is enqueued, for chains). */
  request: Record<string, unknown>;
  jobId?: string;
  /** Terminal state once known (mirrors the job, also kept after the job is deleted). */
  outcome?: 'completed' | 'discarded' | 'cancelled';
  /** Never enqueued because the workflow stopped. */
  skipped?: boolean;
}

export interface WorkflowRecord {
  id: string;
  type: WorkflowType;
  name?: string;
  state: WorkflowStateValue;
  createdAt: number;
  completedAt?: number;
  steps: WorkflowStepRecord[];
  callbacks: Partial<Record<CallbackKind, Record<string, unknown>>>;
  callbackJobIds: Partial<Record<CallbackKind, string>>;
  /** Results of completed steps, by index (chains pass them on as parent_results). */
  results: Record<number, JsonValue | null>;
  metadata?: JsonObject;
}

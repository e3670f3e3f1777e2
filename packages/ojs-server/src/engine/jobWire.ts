import type { JobRecord } from '../store/records';

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The OJS job envelope of a record (openapi Job + JF §3): unknown request fields first (they round-trip),
 * then the system fields, which always win. Absent values are omitted, never null (CT L0-ENV-019 wants
 * started_at/completed_at/error/result absent on a fresh job).
 */
export function jobToWire(job: JobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { ...job.extra };
  out['specversion'] = '1.0';
  out['id'] = job.id;
  out['type'] = job.type;
  out['queue'] = job.queue;
  out['args'] = job.args;
  out['meta'] = job.meta;
  out['priority'] = job.priority;
  out['state'] = job.state;
  out['attempt'] = job.attempt;
  out['max_attempts'] = job.retry.maxAttempts;
  if (job.timeoutMs !== undefined) out['timeout_ms'] = job.timeoutMs;
  if (job.visibilityTimeoutMs !== undefined) out['visibility_timeout_ms'] = job.visibilityTimeoutMs;
  out['tags'] = job.tags;
  if (job.schema !== undefined) out['schema'] = job.schema;
  out['retry'] = job.retry.wire;
  if (job.unique) out['unique'] = job.unique.wire;
  if (job.rateLimit) out['rate_limit'] = job.rateLimit.wire;
  out['created_at'] = iso(job.createdAt);
  if (job.enqueuedAt !== undefined) out['enqueued_at'] = iso(job.enqueuedAt);
  if (job.scheduledAt !== undefined) out['scheduled_at'] = job.scheduledAtText ?? iso(job.scheduledAt);
  if (job.expiresAt !== undefined) out['expires_at'] = job.expiresAtText ?? iso(job.expiresAt);
  if (job.startedAt !== undefined) out['started_at'] = iso(job.startedAt);
  if (job.completedAt !== undefined) out['completed_at'] = iso(job.completedAt);
  if (job.cancelledAt !== undefined) out['cancelled_at'] = iso(job.cancelledAt);
  if (job.discardedAt !== undefined) out['discarded_at'] = iso(job.discardedAt);
  if (job.activatedAt !== undefined) out['activated_at'] = iso(job.activatedAt);
  if (job.nextAttemptAt !== undefined && job.state === 'retryable')
    out['next_attempt_at'] = iso(job.nextAttemptAt);
  if (job.retryDelayMs !== undefined) out['retry_delay_ms'] = job.retryDelayMs;
  if (job.state === 'active' && job.leaseUntil !== undefined) out['visible_until'] = iso(job.leaseUntil);
  if (job.workerId !== undefined) out['worker_id'] = job.workerId;
  if (job.error) out['error'] = job.error;
  if (job.errors.length > 0) out['errors'] = job.errors;
  if (job.hasResult) out['result'] = job.result ?? null;
  if (job.previousState !== undefined) out['previous_state'] = job.previousState;
  if (job.workflowId !== undefined) {
    out['workflow_id'] = job.workflowId;
    if (job.workflowIndex !== undefined && job.workflowIndex >= 0) out['workflow_step'] = job.workflowIndex;
  }
  if (job.parentResults !== undefined) out['parent_results'] = job.parentResults;
  if (job.deadLetterAt !== undefined) {
    out['dead_letter'] = true;
    out['dead_lettered_at'] = iso(job.deadLetterAt);
  }
  if (job.progress) {
    out['progress'] = job.progress.value;
    if (job.progress.message !== undefined) out['progress_message'] = job.progress.message;
  }
  return out;
}

/**
 * JobSummary of admin listings (admin §7.1), plus the job's `args` (an extension: a console can show what
 * each row is about without fetching every job's detail).
 */
export function jobToSummary(job: JobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: job.id,
    type: job.type,
    queue: job.queue,
    state: job.state,
    args: job.args,
    priority: job.priority,
    attempt: job.attempt,
    max_attempts: job.retry.maxAttempts,
    created_at: iso(job.createdAt),
    tags: job.tags,
  };
  if (job.enqueuedAt !== undefined) out['enqueued_at'] = iso(job.enqueuedAt);
  if (job.scheduledAt !== undefined) out['scheduled_at'] = iso(job.scheduledAt);
  if (job.startedAt !== undefined) out['started_at'] = iso(job.startedAt);
  if (job.completedAt !== undefined) out['completed_at'] = iso(job.completedAt);
  if (job.cancelledAt !== undefined) out['cancelled_at'] = iso(job.cancelledAt);
  if (job.discardedAt !== undefined) out['discarded_at'] = iso(job.discardedAt);
  if (job.error) out['error'] = { code: job.error.code, type: job.error.type, message: job.error.message };
  if (job.workerId !== undefined) out['worker_id'] = job.workerId;
  if (job.workflowId !== undefined) out['workflow_id'] = job.workflowId;
  if (job.deadLetterAt !== undefined) out['dead_letter'] = true;
  return out;
}

/** Admin job detail (admin §7.2): the bare envelope plus `retry_policy` and the `metadata` timestamps block. */
export function jobToAdminDetail(job: JobRecord): Record<string, unknown> {
  const wire = jobToWire(job);
  const t = (ms: number | undefined): string | null => (ms === undefined ? null : iso(ms));
  wire['retry_policy'] = job.retry.wire;
  wire['errors'] = job.errors;
  if (!job.hasResult) wire['result'] = null;
  wire['metadata'] = {
    created_at: t(job.createdAt),
    enqueued_at: t(job.enqueuedAt),
    started_at: t(job.startedAt),
    scheduled_at: t(job.scheduledAt),
    completed_at: t(job.completedAt),
    cancelled_at: t(job.cancelledAt),
    discarded_at: t(job.discardedAt),
  };
  return wire;
}

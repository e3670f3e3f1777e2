import { z } from 'zod';
import { isJobState, isoSchema, jobStateSchema, optionalIso } from '../../api/wireCommon';

const jobErrorSchema = z
  .object({
    code: z.string().nullish(),
    type: z.string().nullish(),
    message: z.string().nullish(),
    retryable: z.boolean().nullish(),
    details: z.unknown().optional(),
    stack_trace: z.unknown().optional(),
    backtrace: z.unknown().optional(),
    attempt: z.number().int().nullish(),
    occurred_at: z.string().nullish(),
    timestamp: z.string().nullish(),
  })
  .loose()
  .transform((e) => ({
    code: e.code ?? e.type ?? 'error',
    message: e.message ?? '',
    retryable: e.retryable ?? undefined,
    details: e.details,
    stack: stackText(e.stack_trace ?? e.backtrace),
    attempt: e.attempt ?? undefined,
    at: e.occurred_at ?? e.timestamp ?? undefined,
  }));
export type JobError = z.output<typeof jobErrorSchema>;

function stackText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((line) => String(line)).join('\n');
  return undefined;
}

export const timelineEventSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    type: z.string(),
    time: isoSchema,
    from: z.string().nullish(),
    to: z.string().nullish(),
    attempt: z.number().int().nullish(),
    worker_id: z.string().nullish(),
    error: z.unknown().optional(),
    data: z.unknown().optional(),
  })
  .transform((e) => ({
    id: e.id,
    type: e.type,
    time: e.time,
    from: isJobState(e.from) ? e.from : undefined,
    to: isJobState(e.to) ? e.to : undefined,
    attempt: e.attempt ?? undefined,
    workerId: e.worker_id ?? undefined,
    error: e.error,
    data: e.data,
  }));
export type TimelineEvent = z.output<typeof timelineEventSchema>;

export const jobSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    queue: z.string(),
    state: jobStateSchema,
    priority: z.number().nullish(),
    attempt: z.number().int().nullish(),
    max_attempts: z.number().int().nullish(),
    args: z.unknown().optional(),
    meta: z.unknown().optional(),
    result: z.unknown().optional(),
    error: jobErrorSchema.nullish(),
    errors: z.array(jobErrorSchema).nullish(),
    created_at: optionalIso,
    enqueued_at: optionalIso,
    scheduled_at: optionalIso,
    started_at: optionalIso,
    completed_at: optionalIso,
    cancelled_at: optionalIso,
    discarded_at: optionalIso,
    expires_at: optionalIso,
    progress: z.unknown().optional(),
    worker_id: z.string().nullish(),
    workflow_id: z.string().nullish(),
    tags: z.array(z.string()).nullish(),
    truncated: z.array(z.string()).nullish(),
  })
  .loose()
  .transform((j) => ({
    id: j.id,
    type: j.type,
    queue: j.queue,
    state: j.state,
    priority: j.priority ?? 0,
    attempt: j.attempt ?? 0,
    maxAttempts: j.max_attempts ?? undefined,
    args: j.args,
    meta: j.meta,
    result: j.result,
    error: j.error ?? undefined,
    errors: j.errors ?? [],
    createdAt: j.created_at,
    enqueuedAt: j.enqueued_at,
    scheduledAt: j.scheduled_at,
    startedAt: j.started_at,
    completedAt: j.completed_at,
    cancelledAt: j.cancelled_at,
    discardedAt: j.discarded_at,
    expiresAt: j.expires_at,
    progress: progressFraction(j.progress),
    workerId: j.worker_id ?? undefined,
    workflowId: j.workflow_id ?? undefined,
    tags: j.tags ?? [],
  }));
export type Job = z.output<typeof jobSchema>;

/** Progress may arrive as 0..1, 0..100 or `{ percent }`; the SPA keeps a 0..1 fraction. */
export function progressFraction(value: unknown): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const candidate = o['percent'] ?? o['progress_percent'] ?? o['value'] ?? o['fraction'];
    if (typeof candidate === 'number') n = candidate;
  }
  if (n === undefined || !Number.isFinite(n)) return undefined;
  const fraction = n > 1 ? n / 100 : n;
  return Math.min(1, Math.max(0, fraction));
}

export const jobDetailSchema = z
  .object({
    job: jobSchema,
    events: z.array(timelineEventSchema).default([]),
    /** The BFF hid secrets in this job for the viewer role. */
    redacted: z.boolean().nullish(),
  })
  .transform((d): { job: Job; events: TimelineEvent[]; redacted?: boolean } => ({
    job: d.job,
    events: d.events,
    redacted: d.redacted === true,
  }));
export type JobDetail = z.output<typeof jobDetailSchema>;

const whyReasonSchema = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.unknown().optional(),
  link: z.unknown().optional(),
});

/** A reason's detail as a short line of text: `key: value` pairs for an object. */
export function detailText(detail: unknown): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  if (typeof detail === 'string') return detail;
  if (typeof detail === 'number' || typeof detail === 'boolean') return String(detail);
  if (typeof detail === 'object' && !Array.isArray(detail)) {
    const parts = Object.entries(detail as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(
        ([k, v]) =>
          `${k.replaceAll('_', ' ')}: ${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`,
      );
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  return JSON.stringify(detail);
}

export const whySchema = z
  .object({ state: z.string(), waiting: z.boolean(), reasons: z.array(whyReasonSchema) })
  .transform((w) => ({
    state: w.state,
    waiting: w.waiting,
    reasons: w.reasons.map((r) => ({ code: r.code, message: r.message, detail: detailText(r.detail) })),
  }));
export type WhyNotRunning = z.output<typeof whySchema>;

import { z } from 'zod';
import { jobStateSchema } from './states';

/**
 * Event envelope (events §2, CloudEvents-like). `id` is `evt_<uuidv7>` by recommendation only; `time` is
 * RFC 3339. Read tolerantly: unknown context attributes are kept and `data` is any object.
 */
export const eventEnvelopeSchema = z.looseObject({
  specversion: z.string(),
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string(),
  time: z.string(),
  subject: z.string().optional(),
  datacontenttype: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});
export type OjsEvent = z.infer<typeof eventEnvelopeSchema>;

const errorSummary = z.looseObject({
  code: z.string().optional(),
  type: z.string().optional(),
  message: z.string().optional(),
  retryable: z.boolean().optional(),
  stack_trace: z.string().optional(),
});

/** Fields every job event data may carry; events §4.1 plus `job_id` (L0-EVT-002 flat fields). */
const jobEventBase = {
  job_id: z.string().optional(),
  job_type: z.string().optional(),
  queue: z.string().optional(),
  state: jobStateSchema.optional(),
};

// events §4.1: core job events (MUST at level 0)
export const jobEnqueuedDataSchema = z.looseObject({
  ...jobEventBase,
  priority: z.number().optional(),
  scheduled_at: z.string().optional(),
  unique_key: z.string().optional(),
});
export const jobStartedDataSchema = z.looseObject({
  ...jobEventBase,
  worker_id: z.string().optional(),
  attempt: z.number().int().optional(),
});
export const jobCompletedDataSchema = z.looseObject({
  ...jobEventBase,
  duration_ms: z.number().optional(),
  attempt: z.number().int().optional(),
  result: z.unknown().optional(),
});
export const jobFailedDataSchema = z.looseObject({
  ...jobEventBase,
  attempt: z.number().int().optional(),
  error: errorSummary.optional(),
  duration_ms: z.number().optional(),
});
export const jobDiscardedDataSchema = z.looseObject({
  ...jobEventBase,
  total_attempts: z.number().int().optional(),
  last_error: errorSummary.optional(),
  dead_letter: z.boolean().optional(),
});
// events §4.1: extended job events
export const jobRetryingDataSchema = z.looseObject({
  ...jobEventBase,
  attempt: z.number().int().optional(),
  max_attempts: z.number().int().optional(),
  next_retry_at: z.string().optional(),
  retry_delay_ms: z.number().optional(),
  error: errorSummary.optional(),
});
export const jobCancelledDataSchema = z.looseObject({
  ...jobEventBase,
  cancelled_by: z.string().optional(),
  reason: z.string().optional(),
  previous_state: jobStateSchema.optional(),
});
export const jobHeartbeatDataSchema = z.looseObject({
  ...jobEventBase,
  worker_id: z.string().optional(),
  attempt: z.number().int().optional(),
  visible_until: z.string().optional(),
  timestamp: z.string().optional(),
});
export const jobScheduledDataSchema = z.looseObject({ ...jobEventBase, scheduled_at: z.string().optional() });
export const jobExpiredDataSchema = z.looseObject({
  ...jobEventBase,
  created_at: z.string().optional(),
  expired_at: z.string().optional(),
  ttl_ms: z.number().optional(),
});
/**
 * `job.progress`: events §4.1 uses `progress_percent` 0–100, realtime §5 `progress` 0–100 int,
 * progress.md 0–1. Read all; Lookout stores 0–1 (digest §8).
 */
export const jobProgressDataSchema = z.looseObject({
  ...jobEventBase,
  worker_id: z.string().optional(),
  attempt: z.number().int().optional(),
  progress_percent: z.number().optional(),
  progress_message: z.string().optional(),
  progress: z.number().optional(),
  message: z.string().optional(),
  timestamp: z.string().optional(),
});
/** realtime §5: `job.state_changed` `{job_id, queue, type, from, to, timestamp}` (Go servers add `event`). */
export const jobStateChangedDataSchema = z.looseObject({
  job_id: z.string().min(1),
  queue: z.string().optional(),
  type: z.string().optional(),
  from: z.union([jobStateSchema, z.literal('')]).nullish(),
  to: jobStateSchema,
  timestamp: z.string().optional(),
});
export type JobStateChangedData = z.infer<typeof jobStateChangedDataSchema>;

// events §4.2
export const queuePausedDataSchema = z.looseObject({ queue: z.string(), paused_by: z.string().optional() });
export const queueResumedDataSchema = z.looseObject({ queue: z.string(), resumed_by: z.string().optional() });

// events §4.3
const workerBase = { worker_id: z.string() };
export const workerStartedDataSchema = z.looseObject({
  ...workerBase,
  queues: z.array(z.string()).optional(),
  concurrency: z.number().int().optional(),
});
export const workerStoppedDataSchema = z.looseObject({
  ...workerBase,
  reason: z.string().optional(),
  jobs_completed: z.number().int().optional(),
  uptime_ms: z.number().optional(),
});
export const workerQuietDataSchema = z.looseObject({
  ...workerBase,
  active_jobs: z.number().int().optional(),
});
export const workerHeartbeatDataSchema = z.looseObject({
  ...workerBase,
  active_jobs: z.number().int().optional(),
  queues: z.array(z.string()).optional(),
  memory_mb: z.number().optional(),
  cpu_percent: z.number().optional(),
});

// events §4.4
const workflowBase = { workflow_id: z.string(), workflow_name: z.string().optional() };
export const workflowStartedDataSchema = z.looseObject({
  ...workflowBase,
  total_steps: z.number().int().optional(),
});
export const workflowStepCompletedDataSchema = z.looseObject({
  ...workflowBase,
  step_id: z.string().optional(),
  step_type: z.string().optional(),
  job_id: z.string().optional(),
  duration_ms: z.number().optional(),
  steps_remaining: z.number().int().optional(),
});
export const workflowCompletedDataSchema = z.looseObject({
  ...workflowBase,
  total_steps: z.number().int().optional(),
  duration_ms: z.number().optional(),
});
export const workflowFailedDataSchema = z.looseObject({
  ...workflowBase,
  failed_step_id: z.string().optional(),
  failed_step_type: z.string().optional(),
  error: errorSummary.optional(),
});
export const workflowCancelledDataSchema = z.looseObject({ ...workflowBase });

// events §4.5
export const cronTriggeredDataSchema = z.looseObject({
  cron_name: z.string(),
  cron_expr: z.string().optional(),
  job_type: z.string().optional(),
  job_id: z.string().optional(),
  scheduled_at: z.string().optional(),
});
export const cronSkippedDataSchema = z.looseObject({
  cron_name: z.string(),
  cron_expr: z.string().optional(),
  job_type: z.string().optional(),
  reason: z.string().optional(),
  existing_job_id: z.string().optional(),
});

// dead-letter.md §9
export const deadLetterDataSchema = z.looseObject({
  job_id: z.string().optional(),
  job_type: z.string().optional(),
  queue: z.string().optional(),
  reason: z.string().optional(),
  count: z.number().int().optional(),
});

/** realtime §4.3: sent when events were missed and cannot be replayed; the client should resync. */
export const systemGapDataSchema = z.looseObject({
  channel: z.string().optional(),
  gap_start: z.string().optional(),
  gap_end: z.string().optional(),
  estimated_missed_count: z.number().int().optional(),
});
export type SystemGapData = z.infer<typeof systemGapDataSchema>;
/** realtime §6: the per-connection buffer overflowed. */
export const systemEventsDroppedDataSchema = z.looseObject({
  channel: z.string().optional(),
  dropped_count: z.number().int(),
  oldest_dropped_id: z.string().optional(),
  newest_dropped_id: z.string().optional(),
});
/** realtime §5: graceful shutdown notice. */
export const serverShutdownDataSchema = z.looseObject({
  reason: z.string().optional(),
  grace_period_ms: z.number().optional(),
});

/** The event catalogue: every type Lookout understands, with its data schema. */
export const EVENT_DATA_SCHEMAS = {
  'job.enqueued': jobEnqueuedDataSchema,
  'job.started': jobStartedDataSchema,
  'job.completed': jobCompletedDataSchema,
  'job.failed': jobFailedDataSchema,
  'job.discarded': jobDiscardedDataSchema,
  'job.retrying': jobRetryingDataSchema,
  'job.cancelled': jobCancelledDataSchema,
  'job.heartbeat': jobHeartbeatDataSchema,
  'job.scheduled': jobScheduledDataSchema,
  'job.expired': jobExpiredDataSchema,
  'job.progress': jobProgressDataSchema,
  'job.state_changed': jobStateChangedDataSchema,
  'queue.paused': queuePausedDataSchema,
  'queue.resumed': queueResumedDataSchema,
  'worker.started': workerStartedDataSchema,
  'worker.stopped': workerStoppedDataSchema,
  'worker.quiet': workerQuietDataSchema,
  'worker.heartbeat': workerHeartbeatDataSchema,
  'workflow.started': workflowStartedDataSchema,
  'workflow.step_completed': workflowStepCompletedDataSchema,
  'workflow.completed': workflowCompletedDataSchema,
  'workflow.failed': workflowFailedDataSchema,
  'workflow.cancelled': workflowCancelledDataSchema,
  'cron.triggered': cronTriggeredDataSchema,
  'cron.skipped': cronSkippedDataSchema,
  'dead_letter.added': deadLetterDataSchema,
  'dead_letter.retried': deadLetterDataSchema,
  'dead_letter.deleted': deadLetterDataSchema,
  'dead_letter.pruned': deadLetterDataSchema,
  'system.gap': systemGapDataSchema,
  'system.events_dropped': systemEventsDroppedDataSchema,
  'server.shutdown': serverShutdownDataSchema,
} as const;

export type EventType = keyof typeof EVENT_DATA_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA_SCHEMAS)[T]>;

/** Event types a level-0 server MUST emit (events §5.1). */
export const CORE_EVENT_TYPES = [
  'job.enqueued',
  'job.started',
  'job.completed',
  'job.failed',
  'job.discarded',
] as const satisfies readonly EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_DATA_SCHEMAS, type);
}

/** A catalogue event with its data checked against the schema of its type. */
export type TypedOjsEvent = {
  [T in EventType]: Omit<OjsEvent, 'type' | 'data'> & { type: T; data: EventData<T> };
}[EventType];

/** Validate an envelope and, for catalogue types, its data. Unknown types pass with data unchecked. */
export function parseOjsEvent(
  input: unknown,
): { success: true; event: OjsEvent; typed: TypedOjsEvent | null } | { success: false; error: z.ZodError } {
  const env = eventEnvelopeSchema.safeParse(input);
  if (!env.success) return { success: false, error: env.error };
  const type = env.data.type;
  if (!isEventType(type)) return { success: true, event: env.data, typed: null };
  const data = EVENT_DATA_SCHEMAS[type].safeParse(env.data.data);
  if (!data.success) return { success: false, error: data.error };
  return { success: true, event: env.data, typed: { ...env.data, type, data: data.data } as TypedOjsEvent };
}

/**
 * `event_types` filter matching with `job.*` prefixes (events §6.1). An empty or absent filter matches all.
 */
export function matchesEventTypeFilter(type: string, filter: readonly string[] | undefined): boolean {
  if (!filter || filter.length === 0) return true;
  return filter.some((f) => (f.endsWith('.*') ? type.startsWith(f.slice(0, -1)) : f === '*' || f === type));
}

/** GET /ojs/v1/events (events §6.4): `{events, cursor, has_more}`. */
export const eventsPollResponseSchema = z.looseObject({
  events: z.array(eventEnvelopeSchema),
  cursor: z.string().nullish(),
  has_more: z.boolean().optional(),
});
export type EventsPollResponse = z.infer<typeof eventsPollResponseSchema>;

/** Query of GET /ojs/v1/events; comma-separated lists (events §6.4; default limit 100, max 1000). */
export const eventsPollQuerySchema = z.looseObject({
  after: z.string().optional(),
  types: z.string().optional(),
  queues: z.string().optional(),
  job_types: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** WebSocket client messages (realtime §7). */
export const wsClientMessageSchema = z.discriminatedUnion('action', [
  z.looseObject({
    action: z.literal('subscribe'),
    channel: z.string().min(1),
    event_types: z.array(z.string()).optional(),
  }),
  z.looseObject({ action: z.literal('unsubscribe'), channel: z.string().min(1) }),
  z.looseObject({ action: z.literal('resume'), last_event_id: z.string().min(1) }),
]);
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

/** WebSocket server messages (realtime §7). */
export const wsServerMessageSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('subscribed'), channel: z.string() }),
  z.looseObject({ type: z.literal('unsubscribed'), channel: z.string() }),
  z.looseObject({
    type: z.literal('event'),
    channel: z.string(),
    event: z.string(),
    data: z.record(z.string(), z.unknown()),
    id: z.string().optional(),
    timestamp: z.string().optional(),
  }),
  z.looseObject({ type: z.literal('error'), code: z.string(), message: z.string().optional() }),
  z.looseObject({ type: z.literal('warning'), code: z.string() }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

import { liveEventSchema, type LiveEvent } from './liveEvent';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A realtime `job.state_changed` edge expressed as the catalogue's job event type. */
const STATE_EVENT: Record<string, string> = {
  available: 'job.enqueued',
  scheduled: 'job.scheduled',
  active: 'job.started',
  completed: 'job.completed',
  retryable: 'job.retrying',
  discarded: 'job.discarded',
  cancelled: 'job.cancelled',
};

/**
 * Converts an upstream event of any known shape to the browser's LiveEvent, or null when it is not an
 * event (or is malformed). Shapes: the OJS event envelope (`{specversion, type, time, subject, data}`),
 * the realtime payload (`{job_id, queue, type, from, to, timestamp}` under an SSE event name), and the
 * Go servers' flat form (`{event, job_id, ...}`).
 */
export function normalizeUpstreamEvent(
  cluster: string,
  sseType: string | undefined,
  payload: unknown,
  now: () => number = Date.now,
): LiveEvent | null {
  if (!isRecord(payload)) return null;
  const isEnvelope = typeof payload.specversion === 'string' && isRecord(payload.data);
  const data: Record<string, unknown> = isEnvelope ? (payload.data as Record<string, unknown>) : payload;
  const type =
    (isEnvelope ? str(payload.type) : undefined) ??
    (sseType && sseType !== 'message' ? sseType : undefined) ??
    str(payload.event) ??
    (str(payload.type)?.includes('.') && payload.job_id === undefined ? str(payload.type) : undefined);
  if (type === undefined || !/^[a-z_]+(\.[a-z_]+)+$/.test(type)) return null;

  const subject = isEnvelope ? str(payload.subject) : undefined;
  const jobId = str(data.job_id) ?? (type.startsWith('job.') ? subject : undefined);
  // In realtime payloads `type` is the job type; in envelopes the job type is `job_type`.
  const jobType = str(data.job_type) ?? (isEnvelope ? undefined : str(data.type));
  const time =
    (isEnvelope ? str(payload.time) : undefined) ??
    str(data.timestamp) ??
    str(data.time) ??
    new Date(now()).toISOString();
  const errorSource = isRecord(data.error)
    ? data.error
    : isRecord(data.last_error)
      ? data.last_error
      : undefined;
  const progressPercent = num(data.progress_percent);
  const progressFraction = num(data.progress);
  const event: LiveEvent = {
    cluster,
    type,
    time,
    data,
  };
  if (jobId) event.job_id = jobId;
  const queue = str(data.queue) ?? (type.startsWith('queue.') ? subject : undefined);
  if (queue) event.queue = queue;
  if (jobType) event.job_type = jobType;
  const from = str(data.from);
  const to = str(data.to) ?? str(data.state);
  if (from) event.from = from;
  if (to && (type === 'job.state_changed' || data.to !== undefined)) event.to = to;
  const attempt = num(data.attempt);
  if (attempt !== undefined) event.attempt = attempt;
  const workerId = str(data.worker_id) ?? (type.startsWith('worker.') ? subject : undefined);
  if (workerId) event.worker_id = workerId;
  const workflowId = str(data.workflow_id) ?? (type.startsWith('workflow.') ? subject : undefined);
  if (workflowId) event.workflow_id = workflowId;
  if (errorSource) {
    const error: NonNullable<LiveEvent['error']> = {};
    const code = str(errorSource.code);
    const message = str(errorSource.message);
    const errType = str(errorSource.type);
    if (code) error.code = code;
    if (message) error.message = message;
    if (errType) error.type = errType;
    event.error = error;
  }
  if (progressPercent !== undefined) event.progress = progressPercent;
  else if (progressFraction !== undefined && type.includes('progress')) {
    event.progress = progressFraction <= 1 ? Math.round(progressFraction * 100) : progressFraction;
  }
  const parsed = liveEventSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}

/** The job event type a state change corresponds to (used for stats tallies). */
export function stateChangeEventType(to: string | undefined): string | undefined {
  return to === undefined ? undefined : STATE_EVENT[to];
}

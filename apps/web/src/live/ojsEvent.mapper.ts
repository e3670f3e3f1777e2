import { z } from 'zod';
import { isJobState, type JobState } from '../api/wireCommon';
import { progressFraction } from '../features/job/jobDetail.mapper';

const optionalString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** Event data on `/api/events` (snake_case on the wire). */
export const ojsEventSchema = z
  .object({
    cluster: z.string().default(''),
    type: z.string(),
    time: z.string().nullish(),
    job_id: optionalString,
    queue: optionalString,
    job_type: optionalString,
    from: optionalString,
    to: optionalString,
    attempt: z.number().int().nullish(),
    worker_id: optionalString,
    workflow_id: optionalString,
    error: z.unknown().optional(),
    progress: z.unknown().optional(),
    data: z.unknown().optional(),
  })
  .loose();

export interface OjsEvent {
  /** BFF sequence id of the frame (monotonic), when the frame had one. */
  seq: string | undefined;
  cluster: string;
  type: string;
  time: string;
  jobId: string | undefined;
  queue: string | undefined;
  jobType: string | undefined;
  from: JobState | undefined;
  to: JobState | undefined;
  attempt: number | undefined;
  workerId: string | undefined;
  workflowId: string | undefined;
  error: unknown;
  progress: number | undefined;
  data: unknown;
}

/** The state a job event implies when the event does not carry `to`. */
const STATE_BY_EVENT: Record<string, JobState> = {
  'job.enqueued': 'available',
  'job.scheduled': 'scheduled',
  'job.started': 'active',
  'job.completed': 'completed',
  'job.retrying': 'retryable',
  'job.discarded': 'discarded',
  'job.cancelled': 'cancelled',
  'job.expired': 'discarded',
};

/** Maps one SSE frame to an event; undefined for frames that are not JSON events. */
export function toOjsEvent(
  frame: { id: string | undefined; event: string; data: string },
  now: () => Date,
): OjsEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(frame.data) as unknown;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const withType = 'type' in raw ? raw : { ...raw, type: frame.event };
  const parsed = ojsEventSchema.safeParse(withType);
  if (!parsed.success) return undefined;
  const e = parsed.data;
  const to = isJobState(e.to) ? e.to : STATE_BY_EVENT[e.type];
  return {
    seq: frame.id,
    cluster: e.cluster,
    type: e.type,
    time: e.time ?? now().toISOString(),
    jobId: e.job_id,
    queue: e.queue,
    jobType: e.job_type,
    from: isJobState(e.from) ? e.from : undefined,
    to,
    attempt: e.attempt ?? undefined,
    workerId: e.worker_id,
    workflowId: e.workflow_id,
    error: e.error,
    progress: progressFraction(e.progress),
    data: e.data,
  };
}

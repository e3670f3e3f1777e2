/**
 * Upstream (OJS wire) -> BFF API shapes. One mapper per resource; nothing else converts.
 */
import type { AdminWorker, Job, JobSummary as OjsJobSummary, QueueCounts } from '@lookout/ojs-types';
import type { Counts, JobSummary, Worker } from '../api/schemas';

export const ARGS_PREVIEW_LENGTH = 200;

export function emptyCounts(): Counts {
  return {
    scheduled: 0,
    available: 0,
    pending: 0,
    active: 0,
    retryable: 0,
    completed: 0,
    cancelled: 0,
    discarded: 0,
  };
}

export function toCounts(counts: QueueCounts | undefined): Counts {
  const c = counts ?? {};
  return {
    scheduled: c.scheduled ?? 0,
    available: c.available ?? 0,
    pending: c.pending ?? 0,
    active: c.active ?? 0,
    retryable: c.retryable ?? 0,
    completed: c.completed ?? 0,
    cancelled: c.cancelled ?? 0,
    discarded: c.discarded ?? 0,
  };
}

export function addCounts(target: Counts, source: Counts): Counts {
  for (const key of Object.keys(target) as (keyof Counts)[]) target[key] += source[key];
  return target;
}

/** A JSON preview of args, cut at {@link ARGS_PREVIEW_LENGTH} characters. */
export function argsPreview(args: unknown): string {
  if (args === undefined) return '';
  let text: string;
  try {
    text = JSON.stringify(args) ?? '';
  } catch {
    text = '';
  }
  return text.length > ARGS_PREVIEW_LENGTH ? `${text.slice(0, ARGS_PREVIEW_LENGTH)}…` : text;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function errorSummary(error: unknown): { code: string; message: string } | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as Record<string, unknown>;
  const code = str(e.code) ?? str(e.type);
  const message = str(e.message);
  if (code === undefined && message === undefined) return undefined;
  return { code: code ?? 'error', message: message ?? '' };
}

/** Latest error of a job: `error`, else the last `errors[]` entry. */
export function lastError(job: { error?: unknown; errors?: readonly unknown[] | null | undefined }): unknown {
  if (job.error !== null && job.error !== undefined) return job.error;
  const errors = job.errors ?? [];
  return errors.length > 0 ? errors[errors.length - 1] : undefined;
}

type AnyJob = (Job | OjsJobSummary) & Record<string, unknown>;

/** A job (full or admin summary) as a list row. */
export function toJobSummary(cluster: string, job: AnyJob): JobSummary {
  const meta = (job.meta ?? undefined) as Record<string, unknown> | undefined;
  const workflowId = str(job.workflow_id) ?? str(meta?.workflow_id);
  const error = errorSummary(lastError(job));
  const createdAt =
    str(job.created_at) ?? str((job.metadata as Record<string, unknown> | undefined)?.created_at) ?? null;
  const out: JobSummary = {
    cluster,
    id: job.id,
    type: job.type,
    queue: job.queue,
    state: job.state,
    priority: typeof job.priority === 'number' ? job.priority : 0,
    attempt: typeof job.attempt === 'number' ? job.attempt : 0,
    max_attempts: typeof job.max_attempts === 'number' ? job.max_attempts : null,
    created_at: createdAt,
    args_preview: argsPreview(job.args),
  };
  const startedAt = str(job.started_at);
  const completedAt = str(job.completed_at);
  const scheduledAt = str(job.scheduled_at);
  if (startedAt) out.started_at = startedAt;
  if (completedAt) out.completed_at = completedAt;
  if (scheduledAt) out.scheduled_at = scheduledAt;
  if (error) out.error_summary = error;
  if (workflowId) out.workflow_id = workflowId;
  return out;
}

export const STALE_WORKER_MS = 60_000;

export function toWorker(cluster: string, worker: AdminWorker, now: number): Worker {
  const beat = worker.last_heartbeat_at ? Date.parse(worker.last_heartbeat_at) : Number.NaN;
  const staleByBeat = !Number.isNaN(beat) && now - beat > STALE_WORKER_MS;
  const stale = worker.state === 'stale' || staleByBeat;
  const state: Worker['state'] = stale
    ? 'stale'
    : worker.state === 'quiet'
      ? 'quiet'
      : worker.state === 'terminating' || worker.state === 'stopped'
        ? 'terminating'
        : 'running';
  const ids = Array.isArray(worker.active_jobs) ? worker.active_jobs : (worker.active_job_ids ?? []);
  const jobs = (worker as Record<string, unknown>).jobs;
  const detailed = Array.isArray(jobs)
    ? jobs
        .filter((j): j is Record<string, unknown> => j !== null && typeof j === 'object')
        .map((j) => ({ id: String(j.id), type: str(j.type), queue: str(j.queue) }))
    : ids.map((id) => ({ id, type: undefined, queue: undefined }));
  const activeJobs = detailed.map((j) => ({
    id: j.id,
    ...(j.type ? { type: j.type } : {}),
    ...(j.queue ? { queue: j.queue } : {}),
  }));
  const out: Worker = {
    cluster,
    id: worker.id,
    state,
    queues: worker.queues ?? [],
    concurrency: worker.concurrency ?? null,
    active_jobs: activeJobs,
    active_job_count: typeof worker.active_jobs === 'number' ? worker.active_jobs : activeJobs.length,
    last_heartbeat_at: worker.last_heartbeat_at ?? null,
    stale,
  };
  if (worker.hostname) out.hostname = worker.hostname;
  if (worker.started_at) out.started_at = worker.started_at;
  if (worker.metadata) out.labels = worker.metadata;
  return out;
}

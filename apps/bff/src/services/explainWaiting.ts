/**
 * "Why is this job not running?": the reasons a job waits, from facts gathered about it. Pure.
 */

export type WaitReasonCode =
  | 'queue_paused'
  | 'no_live_worker'
  | 'scheduled_later'
  | 'retry_backoff'
  | 'rate_limited'
  | 'waiting_on_parents'
  | 'unique_conflict'
  | 'lease_held_by_dead_worker'
  | 'pending_activation'
  | 'maintenance';

export interface WaitReason {
  code: WaitReasonCode;
  message: string;
  detail?: Record<string, unknown>;
  link?: {
    page: 'queue' | 'worker' | 'jobs' | 'job' | 'workflow' | 'cluster';
    params: Record<string, string>;
  };
}

export interface WaitFacts {
  cluster: string;
  job: {
    id: string;
    type: string;
    state: string;
    queue: string;
    scheduled_at?: string | null | undefined;
    next_attempt_at?: string | null | undefined;
    worker_id?: string | null | undefined;
    workflow_id?: string | null | undefined;
    attempt?: number | undefined;
    max_attempts?: number | undefined;
    unique?: Record<string, unknown> | null | undefined;
  };
  queue?: { paused: boolean; rateLimit?: { limit: number; period: string } | null | undefined } | undefined;
  /** Live workers serving the job's queue; undefined when the upstream cannot list workers. */
  liveWorkersOnQueue?: string[] | undefined;
  /** For an active job: whether its worker is known and stale. */
  workerStale?: { id: string; lastHeartbeatAt?: string | undefined } | undefined;
  /** Workflow nodes the job depends on that are not completed yet. */
  unfinishedParents?: { job_id?: string | null | undefined; type: string; state: string }[] | undefined;
  /** Other jobs holding the same unique key. */
  uniqueHolders?: { id: string; state: string }[] | undefined;
  maintenance?: { enabled: boolean; reason?: string | null | undefined } | undefined;
}

export interface WaitExplanation {
  state: string;
  waiting: boolean;
  reasons: WaitReason[];
}

function inFuture(value: string | null | undefined, now: number): value is string {
  if (!value) return false;
  const t = Date.parse(value);
  return !Number.isNaN(t) && t > now;
}

function relative(value: string, now: number): string {
  const ms = Date.parse(value) - now;
  const s = Math.round(ms / 1000);
  if (s < 90) return `in ${s}s`;
  const m = Math.round(s / 60);
  if (m < 90) return `in ${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `in ${h} h`;
  return `in ${Math.round(h / 24)} days`;
}

const WAITING_STATES = new Set(['scheduled', 'available', 'pending', 'retryable']);

export function explainWaiting(facts: WaitFacts, now: number): WaitExplanation {
  const { job, cluster } = facts;
  const reasons: WaitReason[] = [];
  const queueLink = { page: 'queue' as const, params: { cluster, queue: job.queue } };

  if (job.state === 'active') {
    if (facts.workerStale) {
      reasons.push({
        code: 'lease_held_by_dead_worker',
        message: `Worker ${facts.workerStale.id} holds this job but stopped sending heartbeats; the job returns to the queue when its lease expires (or deregister the worker)`,
        detail: { worker_id: facts.workerStale.id, last_heartbeat_at: facts.workerStale.lastHeartbeatAt },
        link: { page: 'worker', params: { cluster, worker: facts.workerStale.id } },
      });
    }
    return { state: job.state, waiting: reasons.length > 0, reasons };
  }
  if (!WAITING_STATES.has(job.state)) return { state: job.state, waiting: false, reasons };

  if (facts.maintenance?.enabled) {
    reasons.push({
      code: 'maintenance',
      message: `The OJS server is in maintenance mode${facts.maintenance.reason ? ` (${facts.maintenance.reason})` : ''}: nothing is fetched`,
      link: { page: 'cluster', params: { cluster } },
    });
  }
  if (job.state === 'pending') {
    reasons.push({
      code: 'pending_activation',
      message: 'The job was enqueued as pending and waits for an explicit activation',
    });
  }
  if (job.state === 'scheduled' && inFuture(job.scheduled_at, now)) {
    reasons.push({
      code: 'scheduled_later',
      message: `Scheduled to run ${relative(job.scheduled_at, now)}`,
      detail: { scheduled_at: job.scheduled_at },
    });
  }
  if (job.state === 'retryable') {
    const next = job.next_attempt_at ?? job.scheduled_at;
    reasons.push({
      code: 'retry_backoff',
      message: inFuture(next, now)
        ? `Attempt ${job.attempt ?? '?'} failed; the next attempt runs ${relative(next, now)}`
        : `Attempt ${job.attempt ?? '?'} failed; the retry is due and waits to be made available`,
      detail: { next_attempt_at: next ?? null, attempt: job.attempt, max_attempts: job.max_attempts },
    });
  }
  if (facts.unfinishedParents && facts.unfinishedParents.length > 0) {
    reasons.push({
      code: 'waiting_on_parents',
      message: `Waiting for ${facts.unfinishedParents.length} earlier workflow job(s) to finish`,
      detail: { parents: facts.unfinishedParents },
      ...(job.workflow_id
        ? { link: { page: 'workflow' as const, params: { cluster, workflow: job.workflow_id } } }
        : {}),
    });
  }
  const runnableSoon =
    job.state === 'available' || (job.state === 'scheduled' && !inFuture(job.scheduled_at, now));
  if (facts.queue?.paused) {
    reasons.push({
      code: 'queue_paused',
      message: `Queue ${job.queue} is paused: workers fetch nothing from it until it is resumed`,
      link: queueLink,
    });
  }
  if (facts.liveWorkersOnQueue !== undefined && facts.liveWorkersOnQueue.length === 0) {
    reasons.push({
      code: 'no_live_worker',
      message: `No live worker is fetching from queue ${job.queue}`,
      link: queueLink,
    });
  }
  if (runnableSoon && facts.queue?.rateLimit) {
    reasons.push({
      code: 'rate_limited',
      message: `Queue ${job.queue} is rate limited to ${facts.queue.rateLimit.limit} per ${facts.queue.rateLimit.period}; the job may wait for its turn`,
      detail: { rate_limit: facts.queue.rateLimit },
      link: queueLink,
    });
  }
  if (facts.uniqueHolders && facts.uniqueHolders.length > 0) {
    reasons.push({
      code: 'unique_conflict',
      message: `Job ${facts.uniqueHolders[0]?.id ?? '?'} holds the same unique key and is ${facts.uniqueHolders[0]?.state ?? 'running'}${facts.uniqueHolders.length > 1 ? ` (with ${facts.uniqueHolders.length - 1} more)` : ''}; servers that run unique jobs one at a time hold this one until it finishes`,
      detail: { holders: facts.uniqueHolders },
      link: { page: 'job', params: { cluster, job: facts.uniqueHolders[0]?.id ?? '' } },
    });
  }
  return { state: job.state, waiting: true, reasons };
}

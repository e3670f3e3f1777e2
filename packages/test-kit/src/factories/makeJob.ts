import { type Rng } from './createRng';
import { makeUuidV7 } from './makeUuidV7';
import { makeJobType } from './names';

export type WireJobState =
  'scheduled' | 'available' | 'pending' | 'active' | 'retryable' | 'completed' | 'cancelled' | 'discarded';

/** A job envelope as an OJS server returns it (snake_case wire form). Unknown keys are allowed. */
export interface WireJob {
  specversion: string;
  id: string;
  type: string;
  queue: string;
  args: unknown[];
  meta: Record<string, unknown>;
  priority: number;
  state: WireJobState;
  attempt: number;
  max_attempts: number;
  tags: string[];
  created_at: string;
  enqueued_at?: string;
  scheduled_at?: string;
  started_at?: string;
  completed_at?: string;
  cancelled_at?: string;
  worker_id?: string;
  result?: unknown;
  error?: Record<string, unknown>;
  errors?: Record<string, unknown>[];
  [key: string]: unknown;
}

export interface MakeJobOptions {
  rng?: Rng;
  /** "Now" for the timestamps, in Unix ms. Default Date.now(). */
  nowMs?: number;
}

/**
 * A server-shaped job whose fields agree with its state: attempt and started_at once fetched, completed_at and
 * result for completed jobs, error and errors[] for retryable or discarded ones. `overrides` win.
 */
export function makeJob(overrides: Partial<WireJob> = {}, options: MakeJobOptions = {}): WireJob {
  const nowMs = options.nowMs ?? Date.now();
  const at = (offsetMs: number) => new Date(nowMs + offsetMs).toISOString();
  const state = overrides.state ?? 'available';
  const job: WireJob = {
    specversion: '1.0',
    id: makeUuidV7({ rng: options.rng, nowMs: nowMs - 60_000 }),
    type: makeJobType(options.rng),
    queue: 'default',
    args: [],
    meta: {},
    priority: 0,
    state,
    attempt: 0,
    max_attempts: 3,
    tags: [],
    created_at: at(-60_000),
  };
  if (state !== 'scheduled' && state !== 'pending') job.enqueued_at = at(-60_000);
  if (state === 'scheduled') job.scheduled_at = at(3_600_000);
  const fetched =
    state === 'active' || state === 'retryable' || state === 'completed' || state === 'discarded';
  if (fetched) {
    job.attempt = 1;
    job.started_at = at(-30_000);
    job.worker_id = 'worker-1';
  }
  if (state === 'completed') {
    job.completed_at = at(-10_000);
    job.result = { ok: true };
  }
  if (state === 'cancelled') job.cancelled_at = at(-10_000);
  if (state === 'retryable' || state === 'discarded') {
    const error = {
      code: 'handler_error',
      type: 'handler_error',
      message: 'simulated failure',
      retryable: state === 'retryable',
    };
    job.error = error;
    job.errors = [{ ...error, attempt: 1, occurred_at: at(-20_000) }];
    if (state === 'discarded') job.completed_at = at(-10_000);
  }
  return { ...job, ...overrides };
}

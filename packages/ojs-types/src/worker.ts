import { z } from 'zod';
import { jobErrorInputSchema } from './errors';
import { jobSchema } from './job';

/**
 * Heartbeat directives (HB §10.5): keep going, stop fetching, or shut down. openapi also sends
 * `directive: ""` and Lite `state:"active"` / `directive:"continue"`; {@link heartbeatDirective} maps those.
 */
export const WORKER_DIRECTIVES = ['running', 'quiet', 'terminate'] as const;
export type WorkerDirective = (typeof WORKER_DIRECTIVES)[number];

const nonNegativeIntMs = z.int().min(0, { error: 'must be >= 0' });

/** POST /ojs/v1/workers/fetch (HB §10.1): queues are checked in order. */
export const fetchRequestSchema = z.looseObject({
  queues: z.array(z.string().min(1)).min(1, { error: 'must name at least one queue' }),
  count: z.int().min(1, { error: 'must be >= 1' }).optional(),
  worker_id: z.string().min(1).optional(),
  visibility_timeout_ms: nonNegativeIntMs.optional(),
});
export type FetchRequest = z.input<typeof fetchRequestSchema>;

/** 200 `{jobs:[...]}` (never 204); openapi adds `job` = the first job. */
export const fetchResponseSchema = z.looseObject({
  jobs: z.array(jobSchema),
  job: jobSchema.nullish(),
});
export type FetchResponse = z.infer<typeof fetchResponseSchema>;

/** POST /ojs/v1/workers/ack. */
export const ackRequestSchema = z.looseObject({
  job_id: z.string().min(1, { error: 'is required' }),
  result: z.unknown().optional(),
  worker_id: z.string().min(1).optional(),
});
export type AckRequest = z.input<typeof ackRequestSchema>;

/** ACK response: CT asserts `id`, HB/openapi show `job_id`; servers send both (digest §2.2). */
export const ackResponseSchema = z.looseObject({
  acknowledged: z.boolean().optional(),
  id: z.string().optional(),
  job_id: z.string().optional(),
  state: z.string().optional(),
  completed_at: z.string().nullish(),
  job: jobSchema.nullish(),
});
export type AckResponse = z.infer<typeof ackResponseSchema>;

/** POST /ojs/v1/workers/nack: `requeue:true` puts the job straight back to available (openapi). */
export const nackRequestSchema = z.looseObject({
  job_id: z.string().min(1, { error: 'is required' }),
  error: jobErrorInputSchema.optional(),
  requeue: z.boolean().optional(),
  worker_id: z.string().min(1).optional(),
});
export type NackRequest = z.input<typeof nackRequestSchema>;

/** NACK response (CT asserts id, retry_delay_ms, next_attempt_at, discarded_at, completed_at). */
export const nackResponseSchema = z.looseObject({
  id: z.string().optional(),
  job_id: z.string().optional(),
  state: z.string(),
  attempt: z.number().int().optional(),
  max_attempts: z.number().int().optional(),
  next_attempt_at: z.string().nullish(),
  retry_delay_ms: z.number().nullish(),
  discarded_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  job: jobSchema.nullish(),
});
export type NackResponse = z.infer<typeof nackResponseSchema>;

/**
 * POST /ojs/v1/workers/heartbeat. HB/CT: `active_jobs` is an array of ids; worker-protocol §4.2:
 * `active_jobs` is a count with ids in `active_job_ids`; openapi: single `job_id`. All are accepted.
 */
export const heartbeatRequestSchema = z.looseObject({
  worker_id: z.string().min(1, { error: 'is required' }),
  active_jobs: z.union([z.array(z.string()), z.int().min(0)]).optional(),
  active_job_ids: z.array(z.string()).optional(),
  job_id: z.string().min(1).optional(),
  visibility_timeout_ms: nonNegativeIntMs.optional(),
  state: z.string().optional(),
  hostname: z.string().optional(),
  queues: z.array(z.string()).optional(),
  concurrency: z.int().min(0).optional(),
  version: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type HeartbeatRequest = z.input<typeof heartbeatRequestSchema>;

export interface NormalizedHeartbeat {
  workerId: string;
  /** Union of `active_jobs` (ids), `active_job_ids` and `job_id`, deduplicated, in order. */
  jobIds: string[];
  activeJobCount: number;
  visibilityTimeoutMs?: number;
  /** Worker-reported state (worker-protocol §4.2), e.g. `running`, `quiet`, `drain`. */
  state?: string;
}

export function normalizeHeartbeatRequest(req: z.output<typeof heartbeatRequestSchema>): NormalizedHeartbeat {
  const ids = [
    ...(Array.isArray(req.active_jobs) ? req.active_jobs : []),
    ...(req.active_job_ids ?? []),
    ...(req.job_id !== undefined ? [req.job_id] : []),
  ];
  const jobIds = [...new Set(ids)];
  const out: NormalizedHeartbeat = {
    workerId: req.worker_id,
    jobIds,
    activeJobCount: typeof req.active_jobs === 'number' ? req.active_jobs : jobIds.length,
  };
  if (req.visibility_timeout_ms !== undefined) out.visibilityTimeoutMs = req.visibility_timeout_ms;
  if (req.state !== undefined) out.state = req.state;
  return out;
}

/** Heartbeat response: `state` plus `directive` (digest §8: send both). */
export const heartbeatResponseSchema = z.looseObject({
  state: z.string().optional(),
  directive: z.string().optional(),
  jobs_extended: z.array(z.string()).optional(),
  server_time: z.string().optional(),
  acknowledged: z.boolean().optional(),
});
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;

/** The directive a heartbeat response carries, whichever spelling the server used. */
export function heartbeatDirective(res: HeartbeatResponse): WorkerDirective {
  for (const v of [res.directive, res.state]) {
    if (v === 'quiet' || v === 'terminate') return v;
  }
  return 'running';
}

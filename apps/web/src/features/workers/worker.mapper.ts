import { z } from 'zod';
import { clusterErrorsSchema, optionalIso } from '../../api/wireCommon';

export const workerSchema = z
  .object({
    cluster: z.string(),
    id: z.string(),
    hostname: z.string().nullish(),
    state: z.string().default('running'),
    queues: z.array(z.string()).default([]),
    concurrency: z.number().int().nullish(),
    active_jobs: z
      .array(z.object({ id: z.string(), type: z.string().nullish(), queue: z.string().nullish() }))
      .default([]),
    last_heartbeat_at: optionalIso,
    started_at: optionalIso,
    stale: z.boolean().default(false),
    labels: z.unknown().optional(),
  })
  .transform((w) => ({
    cluster: w.cluster,
    id: w.id,
    hostname: w.hostname ?? undefined,
    state: w.state,
    queues: w.queues,
    concurrency: w.concurrency ?? undefined,
    activeJobs: w.active_jobs.map((j) => ({ id: j.id, type: j.type ?? '', queue: j.queue ?? '' })),
    lastHeartbeatAt: w.last_heartbeat_at,
    startedAt: w.started_at,
    stale: w.stale,
  }));
export type Worker = z.output<typeof workerSchema>;

export const workerListSchema = z
  .object({ workers: z.array(workerSchema), errors: clusterErrorsSchema })
  .transform((b) => ({ items: b.workers, clusterErrors: b.errors }));

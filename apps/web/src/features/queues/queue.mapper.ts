import { z } from 'zod';
import { clusterErrorsSchema, countsSchema, optionalIso, throughputSchema } from '../../api/wireCommon';
import { workerSchema } from '../workers/worker.mapper';

export const queueSchema = z
  .object({
    cluster: z.string(),
    name: z.string(),
    paused: z.boolean().default(false),
    counts: countsSchema,
    throughput: throughputSchema.default({ completedPerMin: 0, failedPerMin: 0 }),
    workers: z.number().int().nullish(),
    oldest_available_at: optionalIso,
  })
  .transform((q) => ({
    cluster: q.cluster,
    name: q.name,
    paused: q.paused,
    counts: q.counts,
    throughput: q.throughput,
    workers: q.workers ?? 0,
    oldestAvailableAt: q.oldest_available_at,
  }));
export type Queue = z.output<typeof queueSchema>;

export const queueListSchema = z
  .object({ queues: z.array(queueSchema), errors: clusterErrorsSchema })
  .transform((b) => ({ items: b.queues, clusterErrors: b.errors }));

/** The queue page: the queue's own fields, its configuration and the workers listening on it. */
export const queueDetailSchema = z
  .object({
    configuration: z.record(z.string(), z.unknown()).nullish(),
    workers_list: z.array(workerSchema).default([]),
  })
  .loose()
  .transform((b, ctx) => {
    const queue = queueSchema.safeParse(b);
    if (!queue.success) {
      ctx.issues.push({
        code: 'custom',
        message: queue.error.issues[0]?.message ?? 'invalid queue',
        input: b,
      });
      return z.NEVER;
    }
    return { queue: queue.data, configuration: b.configuration ?? undefined, workers: b.workers_list };
  });
export type QueueDetail = z.output<typeof queueDetailSchema>;

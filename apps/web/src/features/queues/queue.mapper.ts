import { z } from 'zod';
import { countsSchema, optionalIso, throughputSchema } from '../../api/wireCommon';
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

export const queueListSchema = z.object({ queues: z.array(queueSchema) }).transform((b) => b.queues);

export const queueDetailSchema = z
  .object({
    queue: z.unknown().optional(),
    configuration: z.unknown().optional(),
    workers: z.array(workerSchema).default([]),
  })
  .loose()
  .transform((b, ctx) => {
    // The queue may arrive flat (queue fields at the top level) or nested under `queue`.
    const source: unknown = b.queue && typeof b.queue === 'object' ? b.queue : b;
    const queue = queueSchema.safeParse(source);
    if (!queue.success) {
      ctx.issues.push({
        code: 'custom',
        message: queue.error.issues[0]?.message ?? 'invalid queue',
        input: b,
      });
      return z.NEVER;
    }
    return { queue: queue.data, configuration: b.configuration, workers: b.workers };
  });
export type QueueDetail = z.output<typeof queueDetailSchema>;

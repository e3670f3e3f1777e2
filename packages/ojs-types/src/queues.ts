import { z } from 'zod';
import { paginationSchema } from './pagination';

/** A queue of GET /ojs/v1/queues (openapi QueueInfo). */
export const queueInfoSchema = z.looseObject({
  name: z.string().min(1),
  status: z.string().optional(),
  paused: z.boolean().optional(),
  created_at: z.string().nullish(),
});
export type QueueInfo = z.infer<typeof queueInfoSchema>;

/** GET /ojs/v1/queues: `{queues, pagination}`. Some servers list bare names; those are lifted to objects. */
export const queueListResponseSchema = z.looseObject({
  queues: z.array(z.union([queueInfoSchema, z.string().transform((name) => ({ name }))])),
  pagination: paginationSchema.optional(),
});
export type QueueListResponse = z.infer<typeof queueListResponseSchema>;

const count = z.number().int().min(0);

/** Queue counters: openapi/CT flat keys, also HB's `stats` block. */
export const queueCountsSchema = z.looseObject({
  available: count.optional(),
  active: count.optional(),
  scheduled: count.optional(),
  pending: count.optional(),
  retryable: count.optional(),
  completed: count.optional(),
  discarded: count.optional(),
  cancelled: count.optional(),
  dead: count.optional(),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/** The normalised result of either queue stats shape. */
export const queueStatsSchema = queueCountsSchema.extend({
  name: z.string().min(1),
  paused: z.boolean().optional(),
  status: z.string().optional(),
  completed_last_hour: z.number().optional(),
  failed_last_hour: z.number().optional(),
  avg_duration_ms: z.number().optional(),
  avg_wait_ms: z.number().optional(),
  throughput_per_second: z.number().optional(),
  computed_at: z.string().optional(),
});
export type QueueStats = z.infer<typeof queueStatsSchema>;

/**
 * GET /ojs/v1/queues/:name/stats. openapi/CT: `{queue:{name, available, active, completed, paused}}`.
 * HB §11.2: `{queue:"name", status, stats:{...}, computed_at}`. Both become `{queue: QueueStats}`.
 */
export const queueStatsResponseSchema = z.union([
  z.looseObject({ queue: queueStatsSchema }),
  z
    .looseObject({
      queue: z.string().min(1),
      status: z.string().optional(),
      stats: z.record(z.string(), z.unknown()).optional(),
      computed_at: z.string().optional(),
    })
    .transform(({ queue, status, stats, computed_at, ...rest }) => ({
      ...rest,
      queue: queueStatsSchema.parse({
        ...(stats ?? {}),
        name: queue,
        ...(status !== undefined ? { status, paused: status === 'paused' } : {}),
        ...(computed_at !== undefined ? { computed_at } : {}),
      }),
    })),
]);
export type QueueStatsResponse = z.infer<typeof queueStatsResponseSchema>;

/**
 * POST /ojs/v1/queues/:name/pause|resume. openapi/CT `{queue:{name, paused}}`, HB `{queue, status, paused_at}`,
 * admin `{name, paused, paused_at}`; all normalised to `{queue:{name, paused, paused_at?}}`.
 */
export const queuePauseResponseSchema = z.union([
  z.looseObject({
    queue: z.looseObject({ name: z.string(), paused: z.boolean(), paused_at: z.string().nullish() }),
  }),
  z
    .looseObject({ queue: z.string(), status: z.string(), paused_at: z.string().nullish() })
    .transform(({ queue, status, paused_at, ...rest }) => ({
      ...rest,
      queue: { name: queue, paused: status === 'paused', paused_at },
    })),
  z
    .looseObject({ name: z.string(), paused: z.boolean(), paused_at: z.string().nullish() })
    .transform(({ name, paused, paused_at, ...rest }) => ({ ...rest, queue: { name, paused, paused_at } })),
]);
export type QueuePauseResponse = z.infer<typeof queuePauseResponseSchema>;

import { z } from 'zod';
import { jobSchema } from './job';
import { paginationSchema } from './pagination';

/** GET /ojs/v1/dead-letter (HB §12): `{jobs, pagination}`; admin lists send `{items, pagination}`. */
export const deadLetterListResponseSchema = z.union([
  z.looseObject({ jobs: z.array(jobSchema), pagination: paginationSchema.optional() }),
  z
    .looseObject({ items: z.array(jobSchema), pagination: paginationSchema.optional() })
    .transform(({ items, ...rest }) => ({ ...rest, jobs: items })),
]);
export type DeadLetterListResponse = z.infer<typeof deadLetterListResponseSchema>;

/** GET /admin/dead-letter/stats (Lite/CT): `{total, by_queue, by_error_type, oldest_at, newest_at}`. */
export const deadLetterStatsSchema = z.looseObject({
  total: z.number().int().min(0),
  by_queue: z.record(z.string(), z.number()).optional(),
  by_error_type: z.record(z.string(), z.number()).optional(),
  oldest_at: z.string().nullish(),
  newest_at: z.string().nullish(),
});
export type DeadLetterStats = z.infer<typeof deadLetterStatsSchema>;

/** DELETE /ojs/v1/dead-letter/:id: `{deleted:true, job_id}`. */
export const deadLetterDeleteResponseSchema = z.looseObject({
  deleted: z.boolean(),
  job_id: z.string().optional(),
});

/** POST /dead-letter/:id/retry body: optional overrides (dead-letter.md §6.1). */
export const deadLetterRetryRequestSchema = z.looseObject({
  override: z
    .looseObject({
      queue: z.string().optional(),
      meta: z.record(z.string(), z.unknown()).optional(),
      retry: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

/** DLQ retention defaults (dead-letter.md §5): 180 days, 10 000 jobs. */
export const DEAD_LETTER_RETENTION = { maxAgeMs: 180 * 24 * 3600 * 1000, maxCount: 10_000 } as const;

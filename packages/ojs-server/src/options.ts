import { z } from 'zod';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const featuresSchema = z
  .object({
    /** `/ojs/v1/admin/*` (admin-api extension). */
    admin: z.boolean().default(true),
    /** `GET /ojs/v1/events` polling. */
    eventsPoll: z.boolean().default(true),
    /** SSE streams (mounted by the realtime module when present). */
    realtime: z.boolean().default(true),
  })
  .default({ admin: true, eventsPoll: true, realtime: true });

/** Options of {@link createOjsServer}. Every field is optional; defaults follow the digest (§5.4). */
export const serverOptionsSchema = z.object({
  /** Require `Authorization: Bearer <apiKey>` on every route but `/ojs/v1/health`. */
  apiKey: z.string().min(1).optional(),
  /** Largest accepted request body; larger ones get 413 `payload_too_large`. Default 1 MiB. */
  maxBodyBytes: z.int().min(1024).default(MiB),
  /** Conformance hooks: `POST /ojs/v1/admin/reset` and `meta.test_directive` on heartbeats. Off by default. */
  testHooks: z.boolean().default(false),
  features: featuresSchema,
  /** Scheduler tick (promotions, leases, timeouts, TTL, cron). */
  schedulerIntervalMs: z.int().min(5).max(60_000).default(100),
  /** Start the scheduler timer (tests with a manual clock turn it off and call `tick()`). */
  autoStartScheduler: z.boolean().default(true),
  /** Name used in event `source` URIs and the manifest. */
  serviceName: z.string().min(1).default('lookout'),
  defaults: z
    .object({
      /** Lease of a fetched job when neither the job nor the fetch sets one (1800 s). */
      visibilityTimeoutMs: z.int().min(100).default(1_800_000),
      /** Upper bound of FETCH `count`. */
      maxFetchCount: z.int().min(1).max(10_000).default(1000),
      /** Largest `/jobs/batch` (JF §8 requires at least 1000). */
      maxBatchSize: z.int().min(1000).default(10_000),
    })
    .default({ visibilityTimeoutMs: 1_800_000, maxFetchCount: 1000, maxBatchSize: 10_000 }),
  workers: z
    .object({
      staleAfterMs: z.int().min(1000).default(30_000),
      forgetAfterMs: z.int().min(1000).default(HOUR),
    })
    .default({ staleAfterMs: 30_000, forgetAfterMs: HOUR }),
  retention: z
    .object({
      completedMs: z.int().min(0).default(DAY),
      cancelledMs: z
        .int()
        .min(0)
        .default(7 * DAY),
      discardedMs: z
        .int()
        .min(0)
        .default(7 * DAY),
      deadLetterMs: z
        .int()
        .min(0)
        .default(180 * DAY),
      deadLetterMaxCount: z.int().min(1).default(10_000),
    })
    .default({
      completedMs: DAY,
      cancelledMs: 7 * DAY,
      discardedMs: 7 * DAY,
      deadLetterMs: 180 * DAY,
      deadLetterMaxCount: 10_000,
    }),
  events: z
    .object({
      /** Events kept in memory for polling and replay. */
      capacity: z.int().min(100).default(100_000),
    })
    .default({ capacity: 100_000 }),
  /** Per-client request rate limit (token bucket) reported in X-RateLimit-* headers; false disables it. */
  requestRateLimit: z
    .union([
      z.literal(false),
      z.object({
        burst: z.int().min(1),
        perSecond: z.number().positive(),
      }),
    ])
    .default({ burst: 100_000, perSecond: 50_000 }),
});

export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;
export type ServerOptions = z.output<typeof serverOptionsSchema>;

export function resolveServerOptions(input: ServerOptionsInput | undefined): ServerOptions {
  const parsed = serverOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new TypeError(
      `invalid ojs-server options: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

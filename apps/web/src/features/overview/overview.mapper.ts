import { z } from 'zod';
import { countsSchema, throughputSchema } from '../../api/wireCommon';

export const SIGNAL_KINDS = [
  'queue_no_workers',
  'oldest_waiting',
  'stale_worker',
  'failure_spike',
  'queue_paused',
  'cluster_unreachable',
] as const;

export const signalSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    severity: z.enum(['info', 'warning', 'critical']).catch('warning'),
    cluster: z.string(),
    queue: z.string().nullish(),
    worker_id: z.string().nullish(),
    message: z.string(),
    value: z.union([z.number(), z.string()]).nullish(),
    since: z.string().nullish(),
    link: z
      .object({
        page: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
      })
      .nullish(),
  })
  .transform((s) => ({
    id: s.id,
    kind: s.kind,
    severity: s.severity,
    cluster: s.cluster,
    queue: s.queue ?? undefined,
    workerId: s.worker_id ?? undefined,
    message: s.message,
    value: s.value ?? undefined,
    since: s.since ?? undefined,
    link: s.link
      ? {
          page: s.link.page,
          params: Object.fromEntries(Object.entries(s.link.params).map(([k, v]) => [k, String(v)])),
        }
      : undefined,
  }));
export type Signal = z.output<typeof signalSchema>;

export const overviewSchema = z
  .object({
    generated_at: z.string(),
    totals: countsSchema,
    by_cluster: z.array(
      z.object({
        cluster: z.string(),
        counts: countsSchema,
        queues: z.number().int().default(0),
        workers: z.number().int().nullish(),
        reachable: z.boolean().default(true),
        throughput: throughputSchema.default({ completedPerMin: 0, failedPerMin: 0 }),
        failure_rate: z.number().default(0),
      }),
    ),
    signals: z.array(signalSchema).default([]),
  })
  .transform((o) => ({
    generatedAt: o.generated_at,
    totals: o.totals,
    byCluster: o.by_cluster.map((c) => ({
      cluster: c.cluster,
      counts: c.counts,
      queues: c.queues,
      /** Unknown when the server does not report workers. */
      workers: c.workers ?? undefined,
      reachable: c.reachable,
      throughput: c.throughput,
      failureRate: c.failure_rate,
    })),
    signals: o.signals,
  }));
export type Overview = z.output<typeof overviewSchema>;

export const STATS_WINDOWS = ['15m', '1h', '24h', '7d'] as const;
export type StatsWindow = (typeof STATS_WINDOWS)[number];

const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? undefined);

export const statsPointSchema = z
  .object({
    timestamp: z.string(),
    completed: z.number().default(0),
    failed: z.number().default(0),
    enqueued: z.number().default(0),
    depth: optionalNumber,
    wait_p50_ms: optionalNumber,
    wait_p95_ms: optionalNumber,
    run_p50_ms: optionalNumber,
    run_p95_ms: optionalNumber,
  })
  .transform((p) => ({
    timestamp: p.timestamp,
    completed: p.completed,
    failed: p.failed,
    enqueued: p.enqueued,
    depth: p.depth,
    waitP50Ms: p.wait_p50_ms,
    waitP95Ms: p.wait_p95_ms,
    runP50Ms: p.run_p50_ms,
    runP95Ms: p.run_p95_ms,
  }));
export type StatsPoint = z.output<typeof statsPointSchema>;

export const statsHistorySchema = z
  .object({
    window: z.string(),
    step_seconds: z.number().positive(),
    source: z.string().default('sampled'),
    series: z.array(statsPointSchema),
  })
  .transform((h) => ({ window: h.window, stepSeconds: h.step_seconds, source: h.source, series: h.series }));
export type StatsHistory = z.output<typeof statsHistorySchema>;

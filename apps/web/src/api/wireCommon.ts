// First: zod's settings must be in place before any schema below is built (see zodConfig).
import './zodConfig';
import { z } from 'zod';

/** The eight OJS job states in lifecycle order. */
export const JOB_STATES = [
  'scheduled',
  'available',
  'pending',
  'active',
  'retryable',
  'completed',
  'cancelled',
  'discarded',
] as const;
export type JobState = (typeof JOB_STATES)[number];
export const jobStateSchema = z.enum(JOB_STATES);

export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
}

export type Counts = Record<JobState, number>;

const count = z.number().int().nonnegative().catch(0).default(0);

/** Counts per state; missing states read as zero. */
export const countsSchema = z
  .object({
    scheduled: count,
    available: count,
    pending: count,
    active: count,
    retryable: count,
    completed: count,
    cancelled: count,
    discarded: count,
  })
  .transform((c): Counts => c);

export const emptyCounts = (): Counts => ({
  scheduled: 0,
  available: 0,
  pending: 0,
  active: 0,
  retryable: 0,
  completed: 0,
  cancelled: 0,
  discarded: 0,
});

export const throughputSchema = z
  .object({ completed_per_min: z.number().default(0), failed_per_min: z.number().default(0) })
  .transform((t) => ({ completedPerMin: t.completed_per_min, failedPerMin: t.failed_per_min }));
export type Throughput = z.output<typeof throughputSchema>;

/** A timestamp on the wire (ISO 8601); kept as a string, parsed at the edge where it is shown. */
export const isoSchema = z.string();
export const optionalIso = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/** Clusters an aggregated list could not read: the list is partial and says so. */
export const clusterErrorsSchema = z
  .array(z.object({ cluster: z.string(), code: z.string(), message: z.string() }))
  .default([]);
export type ClusterErrors = z.output<typeof clusterErrorsSchema>;

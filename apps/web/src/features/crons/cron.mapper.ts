import { z } from 'zod';
import { clusterErrorsSchema, optionalIso } from '../../api/wireCommon';

export const cronSchema = z
  .object({
    cluster: z.string(),
    name: z.string(),
    expression: z.string(),
    description: z.string().nullish(),
    timezone: z.string().nullish(),
    overlap_policy: z.string().nullish(),
    enabled: z.boolean().default(true),
    next_runs: z.array(z.string()).default([]),
    last_run_at: optionalIso,
    last_job: z.object({ id: z.string(), state: z.string() }).nullish(),
    job_template: z.unknown().optional(),
  })
  .transform((c) => ({
    cluster: c.cluster,
    name: c.name,
    expression: c.expression,
    description: c.description ?? undefined,
    timezone: c.timezone ?? 'UTC',
    overlapPolicy: c.overlap_policy ?? undefined,
    enabled: c.enabled,
    nextRuns: c.next_runs,
    lastRunAt: c.last_run_at,
    lastJob: c.last_job ?? undefined,
    jobTemplate: c.job_template,
  }));
export type Cron = z.output<typeof cronSchema>;

export const cronListSchema = z
  .object({ crons: z.array(cronSchema), errors: clusterErrorsSchema })
  .transform((b) => ({ items: b.crons, clusterErrors: b.errors }));

import { z } from 'zod';
import { isoSchema, jobStateSchema, optionalIso } from '../../api/wireCommon';

export const errorSummarySchema = z
  .object({ code: z.string().nullish(), message: z.string().nullish() })
  .transform((e) => ({ code: e.code ?? 'error', message: e.message ?? '' }));

/** One row of the jobs explorer, mapped from the wire's JobSummary. */
export const jobSummarySchema = z
  .object({
    cluster: z.string(),
    id: z.string(),
    type: z.string(),
    queue: z.string(),
    state: jobStateSchema,
    priority: z.number().nullish(),
    attempt: z.number().int().nullish(),
    max_attempts: z.number().int().nullish(),
    created_at: isoSchema.nullish(),
    started_at: optionalIso,
    completed_at: optionalIso,
    scheduled_at: optionalIso,
    error_summary: errorSummarySchema.nullish(),
    args_preview: z.string().nullish(),
    workflow_id: z.string().nullish(),
  })
  .transform((j) => ({
    cluster: j.cluster,
    id: j.id,
    type: j.type,
    queue: j.queue,
    state: j.state,
    priority: j.priority ?? 0,
    attempt: j.attempt ?? 0,
    maxAttempts: j.max_attempts ?? undefined,
    createdAt: j.created_at ?? undefined,
    startedAt: j.started_at,
    completedAt: j.completed_at,
    scheduledAt: j.scheduled_at,
    errorSummary: j.error_summary ?? undefined,
    argsPreview: j.args_preview ?? '',
    workflowId: j.workflow_id ?? undefined,
  }));
export type JobSummary = z.output<typeof jobSummarySchema>;

export const jobPageSchema = z
  .object({
    items: z.array(jobSummarySchema),
    pagination: z.object({
      total: z.number().int().nonnegative(),
      page: z.number().int(),
      per_page: z.number().int(),
      has_more: z.boolean(),
    }),
    scan: z.object({ scanned: z.number(), truncated: z.boolean() }).nullish(),
    errors: z.array(z.object({ cluster: z.string(), code: z.string(), message: z.string() })).default([]),
  })
  .transform((p) => ({
    items: p.items,
    total: p.pagination.total,
    page: p.pagination.page,
    perPage: p.pagination.per_page,
    hasMore: p.pagination.has_more,
    /** The BFF filtered by scanning; `truncated` means more jobs exist beyond what it scanned. */
    scan: p.scan ?? undefined,
    /** Clusters that could not be read. */
    clusterErrors: p.errors,
  }));
export type JobPage = z.output<typeof jobPageSchema>;

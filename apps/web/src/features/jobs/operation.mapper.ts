import { z } from 'zod';
import { optionalIso } from '../../api/wireCommon';
import { jobSummarySchema } from './jobSummary.mapper';

export const operationSchema = z
  .object({
    id: z.string(),
    action: z.string(),
    cluster: z.string().nullish(),
    filter: z.unknown().optional(),
    state: z.enum(['running', 'completed', 'failed']).or(z.string()),
    matched: z.number().int().nonnegative(),
    processed: z.number().int().nonnegative(),
    succeeded: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    failures: z.array(z.object({ job_id: z.string(), code: z.string(), message: z.string() })).default([]),
    started_at: z.string(),
    finished_at: optionalIso,
  })
  .transform((o) => ({
    id: o.id,
    action: o.action,
    cluster: o.cluster ?? undefined,
    state: o.state,
    matched: o.matched,
    processed: o.processed,
    succeeded: o.succeeded,
    failed: o.failed,
    failures: o.failures.map((f) => ({ jobId: f.job_id, code: f.code, message: f.message })),
    startedAt: o.started_at,
    finishedAt: o.finished_at,
  }));
export type Operation = z.output<typeof operationSchema>;

export const operationEnvelopeSchema = z.object({ operation: operationSchema }).transform((b) => b.operation);

export const bulkPreviewSchema = z
  .object({
    matched: z.number().int().nonnegative(),
    sample: z.array(jobSummarySchema).default([]),
    requires_typed_confirmation: z.boolean().default(false),
    confirmation_phrase: z.string().nullish(),
  })
  .transform((p) => ({
    matched: p.matched,
    sample: p.sample,
    requiresTypedConfirmation: p.requires_typed_confirmation,
    confirmationPhrase: p.confirmation_phrase ?? undefined,
  }));
export type BulkPreview = z.output<typeof bulkPreviewSchema>;

import { z } from 'zod';
import { clusterErrorsSchema, optionalIso } from '../../api/wireCommon';
import { jobSummarySchema } from '../jobs/jobSummary.mapper';

export const deadLetterGroupSchema = z
  .object({
    fingerprint: z.string(),
    cluster: z.string(),
    type: z.string(),
    code: z.string().nullish(),
    message: z.string().default(''),
    count: z.number().int().nonnegative(),
    first_seen: optionalIso,
    last_seen: optionalIso,
    queues: z.array(z.string()).default([]),
    sample: z
      .object({ job_id: z.string(), message: z.string().nullish(), details: z.unknown().optional() })
      .nullish(),
  })
  .transform((g) => ({
    fingerprint: g.fingerprint,
    cluster: g.cluster,
    type: g.type,
    code: g.code ?? 'error',
    message: g.message,
    count: g.count,
    firstSeen: g.first_seen,
    lastSeen: g.last_seen,
    queues: g.queues,
    sample: g.sample
      ? { jobId: g.sample.job_id, message: g.sample.message ?? '', details: g.sample.details }
      : undefined,
  }));
export type DeadLetterGroup = z.output<typeof deadLetterGroupSchema>;

export const deadLetterListSchema = z
  .object({
    groups: z.array(deadLetterGroupSchema),
    total: z.number().int().nonnegative().optional(),
    truncated: z.boolean().default(false),
    errors: clusterErrorsSchema,
  })
  .transform((b) => ({
    groups: b.groups,
    total: b.total ?? b.groups.reduce((n, g) => n + g.count, 0),
    truncated: b.truncated,
    clusterErrors: b.errors,
  }));
export type DeadLetterList = z.output<typeof deadLetterListSchema>;

export const deadLetterGroupDetailSchema = z
  .object({ group: z.unknown().optional(), jobs: z.array(jobSummarySchema).default([]) })
  .loose()
  .transform((b, ctx) => {
    const source: unknown = b.group && typeof b.group === 'object' ? b.group : b;
    const group = deadLetterGroupSchema.safeParse(source);
    if (!group.success) {
      ctx.issues.push({
        code: 'custom',
        message: group.error.issues[0]?.message ?? 'invalid group',
        input: b,
      });
      return z.NEVER;
    }
    return { group: group.data, jobs: b.jobs };
  });
export type DeadLetterGroupDetail = z.output<typeof deadLetterGroupDetailSchema>;

import { z } from 'zod';
import { jobTypeSchema } from './ids';
import { jsonObjectSchema, jsonValueSchema, type JsonObject, type JsonValue } from './json';
import { enqueueOptionsSchema } from './job';

/**
 * Overlap policies (cron.md §6). openapi's `cancel` is read as `cancel_previous`. The default is `skip`
 * (cron.md §6: MUST default to skip).
 */
export const CRON_OVERLAP_POLICIES = ['skip', 'allow', 'cancel_previous', 'enqueue'] as const;
export type CronOverlapPolicy = (typeof CRON_OVERLAP_POLICIES)[number];
export const DEFAULT_CRON_OVERLAP_POLICY: CronOverlapPolicy = 'skip';

const overlapPolicyInputSchema = z
  .enum([...CRON_OVERLAP_POLICIES, 'cancel'])
  .transform((p): CronOverlapPolicy => (p === 'cancel' ? 'cancel_previous' : p));

/** Predefined schedules every server must accept (cron.md §4.3). */
export const CRON_MACROS = [
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
] as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}
const SECOND_FIELD: FieldSpec = { name: 'second', min: 0, max: 59 };
const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAYS, nameBase: 0 },
];

function fieldValue(token: string, spec: FieldSpec): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const idx = spec.names?.indexOf(token.toLowerCase()) ?? -1;
  return idx >= 0 ? idx + (spec.nameBase ?? 0) : null;
}

function checkField(field: string, spec: FieldSpec): string | null {
  for (const part of field.split(',')) {
    const [range = '', step, extra] = part.split('/');
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) {
      return `invalid step in ${spec.name} field "${field}"`;
    }
    if (range === '*' || (spec.name.startsWith('day') && range === '?')) continue;
    const bounds = range.split('-');
    if (bounds.length > 2 || bounds.some((b) => b.length === 0))
      return `invalid ${spec.name} field "${field}"`;
    for (const b of bounds) {
      const v = fieldValue(b, spec);
      if (v === null) return `invalid ${spec.name} value "${b}"`;
      if (v < spec.min || v > spec.max) return `${spec.name} value ${v} is outside ${spec.min}-${spec.max}`;
    }
  }
  return null;
}

/**
 * Structural check of a cron expression (cron.md §4): 5 fields, or 6 with leading seconds, value ranges and
 * names, the `@` macros and `@every <duration>`. Returns an error message, or null when valid.
 */
export function validateCronExpression(expression: string): string | null {
  const expr = expression.trim();
  if (expr.length === 0) return 'cron expression must not be empty';
  if (expr.startsWith('@')) {
    if ((CRON_MACROS as readonly string[]).includes(expr.toLowerCase())) return null;
    if (/^@every\s+(\d+(ms|s|m|h))+$/i.test(expr)) return null;
    return `unknown cron macro "${expr}"`;
  }
  const parts = expr.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return `cron expression must have 5 or 6 fields, got ${parts.length}`;
  }
  const specs = parts.length === 6 ? [SECOND_FIELD, ...FIELDS] : FIELDS;
  for (const [i, part] of parts.entries()) {
    const spec = specs[i];
    if (!spec) continue;
    const err = checkField(part, spec);
    if (err) return err;
  }
  return null;
}

export const cronExpressionSchema = z.string().check((ctx) => {
  const err = validateCronExpression(ctx.value);
  if (err) ctx.issues.push({ code: 'custom', input: ctx.value, message: err });
});

export const cronJobTemplateSchema = z.looseObject({
  type: jobTypeSchema,
  args: z.array(jsonValueSchema, { error: 'must be a JSON array' }).optional(),
  meta: jsonObjectSchema.optional(),
  options: enqueueOptionsSchema.optional(),
});

const cronNameSchema = z.string().min(1, { error: 'must not be empty' }).max(255);

/**
 * POST /ojs/v1/cron in either shape (digest §2.2): openapi/CT `{name, expression, timezone?, overlap_policy?,
 * job_template:{type, args, options}}`, or HB/cron.md `{name, cron, timezone, type, args, meta, options,
 * overlap_policy, enabled, description}`.
 */
export const cronRegisterRequestSchema = z
  .looseObject({
    name: cronNameSchema,
    expression: cronExpressionSchema.optional(),
    cron: cronExpressionSchema.optional(),
    schedule: cronExpressionSchema.optional(),
    timezone: z.string().min(1).optional(),
    overlap_policy: overlapPolicyInputSchema.optional(),
    enabled: z.boolean().optional(),
    description: z.string().nullish(),
    job_template: cronJobTemplateSchema.optional(),
    type: jobTypeSchema.optional(),
    args: z.array(jsonValueSchema, { error: 'must be a JSON array' }).optional(),
    meta: jsonObjectSchema.optional(),
    options: enqueueOptionsSchema.optional(),
  })
  .check((ctx) => {
    const v = ctx.value;
    if (v.expression === undefined && v.cron === undefined && v.schedule === undefined) {
      ctx.issues.push({ code: 'custom', input: v, path: ['expression'], message: 'is required' });
    }
    if (v.job_template === undefined && v.type === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        path: ['job_template'],
        message: 'is required (or a top-level "type")',
      });
    }
  });
export type CronRegisterRequest = z.input<typeof cronRegisterRequestSchema>;

export interface NormalizedCron {
  name: string;
  expression: string;
  /** IANA zone, default UTC (cron.md §5). */
  timezone: string;
  overlapPolicy: CronOverlapPolicy;
  enabled: boolean;
  description?: string;
  jobTemplate: {
    type: string;
    args: JsonValue[];
    meta?: JsonObject;
    options?: z.output<typeof enqueueOptionsSchema>;
  };
}

export function normalizeCronRequest(req: z.output<typeof cronRegisterRequestSchema>): NormalizedCron {
  const t = req.job_template;
  const type = t?.type ?? req.type;
  const expression = req.expression ?? req.cron ?? req.schedule;
  if (type === undefined || expression === undefined) {
    throw new TypeError(
      'cron request needs an expression and a job type; parse it with cronRegisterRequestSchema',
    );
  }
  const template: NormalizedCron['jobTemplate'] = { type, args: [...(t?.args ?? req.args ?? [])] };
  const meta = t?.meta ?? req.meta;
  if (meta) template.meta = meta;
  const options = t?.options ?? req.options;
  if (options) template.options = options;
  const out: NormalizedCron = {
    name: req.name,
    expression: expression.trim(),
    timezone: req.timezone ?? 'UTC',
    overlapPolicy: req.overlap_policy ?? DEFAULT_CRON_OVERLAP_POLICY,
    enabled: req.enabled ?? true,
    jobTemplate: template,
  };
  if (req.description) out.description = req.description;
  return out;
}

/**
 * A registered cron job (openapi CronJob + cron.md §3 system fields). Servers emit `expression` and
 * `job_template` (openapi) and may add the cron.md aliases (`cron`, `type`, `args`).
 */
export const cronJobSchema = z.looseObject({
  name: z.string().min(1),
  expression: z.string().optional(),
  cron: z.string().optional(),
  timezone: z.string().nullish(),
  overlap_policy: z.string().nullish(),
  enabled: z.boolean().optional(),
  description: z.string().nullish(),
  job_template: z.looseObject({ type: z.string(), args: z.array(z.unknown()).optional() }).optional(),
  type: z.string().optional(),
  args: z.array(z.unknown()).optional(),
  created_at: z.string().optional(),
  next_run_at: z.string().nullish(),
  last_run_at: z.string().nullish(),
  run_count: z.number().int().optional(),
});
export type CronJob = z.infer<typeof cronJobSchema>;

/** The expression of a cron job, whichever field carries it. */
export function cronJobExpression(job: Pick<CronJob, 'expression' | 'cron'>): string {
  return job.expression ?? job.cron ?? '';
}

/** `{cron}` of POST/DELETE /ojs/v1/cron (CT) or HB's `{cron_job}`. */
export const cronResponseSchema = z.union([
  z.looseObject({ cron: cronJobSchema }),
  z
    .looseObject({ cron_job: cronJobSchema })
    .transform(({ cron_job, ...rest }) => ({ ...rest, cron: cron_job })),
]);

/** GET /ojs/v1/cron: `{crons}` (openapi/CT) or `{cron_jobs}` (HB/cron.md), normalised to `crons`. */
export const cronListResponseSchema = z.union([
  z.looseObject({ crons: z.array(cronJobSchema), pagination: z.record(z.string(), z.unknown()).optional() }),
  z
    .looseObject({
      cron_jobs: z.array(cronJobSchema),
      pagination: z.record(z.string(), z.unknown()).optional(),
    })
    .transform(({ cron_jobs, ...rest }) => ({ ...rest, crons: cron_jobs })),
]);
export type CronListResponse = z.infer<typeof cronListResponseSchema>;

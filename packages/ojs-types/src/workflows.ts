import { z } from 'zod';
import { jobTypeSchema } from './ids';
import { jsonValueSchema } from './json';
import { enqueueOptionsSchema } from './job';
import { jobStateSchema, workflowStateSchema } from './states';

export const WORKFLOW_TYPES = ['chain', 'group', 'batch'] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

/**
 * One job of a workflow (openapi WorkflowJobRequest). openapi marks `name` required; CT sends steps without a
 * name, so it is optional here. `args` defaults to `[]`.
 */
export const workflowJobRequestSchema = z.looseObject({
  name: z.string().min(1).optional(),
  type: jobTypeSchema,
  args: z.array(jsonValueSchema, { error: 'must be a JSON array' }).default([]),
  meta: z.record(z.string(), jsonValueSchema).optional(),
  options: enqueueOptionsSchema.optional(),
});
export type WorkflowJobRequest = z.input<typeof workflowJobRequestSchema>;

/** Batch callbacks (workflows §6): on_complete always, on_success without failures, on_failure with any. */
export const workflowCallbacksSchema = z.looseObject({
  on_complete: workflowJobRequestSchema.optional(),
  on_success: workflowJobRequestSchema.optional(),
  on_failure: workflowJobRequestSchema.optional(),
});
export type WorkflowCallbacks = z.infer<typeof workflowCallbacksSchema>;

/**
 * POST /ojs/v1/workflows (workflows.md / openapi / CT): `chain` with `steps`, `group`/`batch` with `jobs`
 * and optional callbacks. `steps` and `jobs` are read as aliases of each other.
 */
export const workflowRequestSchema = z
  .looseObject({
    type: z.enum(WORKFLOW_TYPES),
    name: z.string().optional(),
    steps: z.array(workflowJobRequestSchema).optional(),
    jobs: z.array(workflowJobRequestSchema).optional(),
    callbacks: workflowCallbacksSchema.optional(),
    options: enqueueOptionsSchema.optional(),
  })
  .check((ctx) => {
    const v = ctx.value;
    const items = v.steps ?? v.jobs;
    if (!items || items.length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        path: [v.type === 'chain' ? 'steps' : 'jobs'],
        message:
          v.type === 'chain' ? 'a chain needs at least one step' : `a ${v.type} needs at least one job`,
      });
    }
    if (v.callbacks && v.type !== 'batch') {
      ctx.issues.push({
        code: 'custom',
        input: v,
        path: ['callbacks'],
        message: 'callbacks are only allowed on batch workflows',
      });
    }
  });
export type WorkflowRequest = z.input<typeof workflowRequestSchema>;
export type ParsedWorkflowRequest = z.output<typeof workflowRequestSchema>;

/** The jobs of a workflow request in order, whichever key carried them. */
export function workflowRequestJobs(req: ParsedWorkflowRequest): z.output<typeof workflowJobRequestSchema>[] {
  return req.steps ?? req.jobs ?? [];
}

/** Node roles in the workflow graph. */
export const WORKFLOW_NODE_ROLES = [
  'step',
  'job',
  'callback',
  'on_complete',
  'on_success',
  'on_failure',
] as const;

/**
 * A node of the workflow graph. `state` is a job state, or `waiting` for chain steps not yet enqueued
 * (workflows.md §11 step states).
 */
export const workflowNodeSchema = z.looseObject({
  id: z.string().min(1),
  job_id: z.string().nullish(),
  type: z.string(),
  name: z.string().nullish(),
  // `deleted`: the node's job existed but was removed (retention, admin delete)
  state: z.union([jobStateSchema, z.literal('waiting'), z.literal('skipped'), z.literal('deleted')]),
  // callbacks have no position in the step list: servers send null or omit it
  index: z.number().int().nullish(),
  role: z.enum(WORKFLOW_NODE_ROLES).optional(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  result: z.unknown().optional(),
});
export type WorkflowNode = z.infer<typeof workflowNodeSchema>;

/** A dependency edge: `kind` is `sequence` (chain), `callback` (batch), or absent. */
export const workflowEdgeSchema = z.looseObject({
  from: z.string().min(1),
  to: z.string().min(1),
  kind: z.string().optional(),
});
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;

/**
 * A workflow as returned (openapi Workflow + workflows.md §11 + Lookout's graph). Counters are flat
 * (`steps_total`… for chains, `jobs_total`… for group/batch); `nodes`/`edges` are present when the server
 * exposes per-job state. `state` accepts openapi's `active` as `running`.
 */
export const workflowSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  type: z.enum(WORKFLOW_TYPES),
  state: workflowStateSchema,
  steps_total: z.number().int().optional(),
  steps_completed: z.number().int().optional(),
  jobs_total: z.number().int().optional(),
  jobs_completed: z.number().int().optional(),
  jobs_failed: z.number().int().optional(),
  callbacks: z.record(z.string(), z.unknown()).nullish(),
  created_at: z.string().optional(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  /** workflows.md §11 form */
  steps: z.array(z.record(z.string(), z.unknown())).optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  nodes: z.array(workflowNodeSchema).optional(),
  edges: z.array(workflowEdgeSchema).optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;

/** `{workflow}` wrapper of POST/GET/DELETE /ojs/v1/workflows. */
export const workflowResponseSchema = z.looseObject({ workflow: workflowSchema });
export type WorkflowResponse = z.infer<typeof workflowResponseSchema>;

/** GET /ojs/v1/workflows (admin-ui uses it; not in the core binding). */
export const workflowListResponseSchema = z.looseObject({
  workflows: z.array(workflowSchema),
  pagination: z.record(z.string(), z.unknown()).optional(),
});

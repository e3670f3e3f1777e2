import { z } from 'zod';
import { clusterErrorsSchema, jobStateSchema, optionalIso } from '../../api/wireCommon';

export const workflowSummarySchema = z
  .object({
    cluster: z.string(),
    id: z.string(),
    name: z.string().nullish(),
    kind: z.string().default('chain'),
    state: z.string(),
    total: z.number().int().default(0),
    completed: z.number().int().default(0),
    failed: z.number().int().default(0),
    created_at: optionalIso,
    completed_at: optionalIso,
  })
  .transform((w) => ({
    cluster: w.cluster,
    id: w.id,
    name: w.name ?? w.id,
    kind: w.kind,
    state: w.state,
    total: w.total,
    completed: w.completed,
    failed: w.failed,
    createdAt: w.created_at,
    completedAt: w.completed_at,
  }));
export type WorkflowSummary = z.output<typeof workflowSummarySchema>;

export const workflowListSchema = z
  .object({ workflows: z.array(workflowSummarySchema), errors: clusterErrorsSchema })
  .transform((b) => ({ items: b.workflows, clusterErrors: b.errors }));

export const graphNodeSchema = z
  .object({
    id: z.string(),
    job_id: z.string().nullish(),
    type: z.string().default(''),
    state: jobStateSchema.or(z.string()).default('pending'),
    label: z.string().nullish(),
    role: z.enum(['step', 'job', 'callback']).or(z.string()).default('job'),
    index: z.number().int().nullish(),
  })
  .transform((n) => ({
    id: n.id,
    jobId: n.job_id ?? undefined,
    type: n.type,
    state: n.state,
    label: n.label ?? n.type,
    role: n.role,
    index: n.index ?? undefined,
  }));
export type GraphNode = z.output<typeof graphNodeSchema>;

export const graphEdgeSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.string().default('sequence'),
});
export type GraphEdge = z.output<typeof graphEdgeSchema>;

export const workflowDetailSchema = z
  .object({
    workflow: workflowSummarySchema,
    graph: z.object({
      nodes: z.array(graphNodeSchema),
      edges: z.array(graphEdgeSchema),
      rebuilt: z.boolean().default(false),
    }),
  })
  .transform((d) => ({ workflow: d.workflow, graph: d.graph }));
export type WorkflowDetail = z.output<typeof workflowDetailSchema>;

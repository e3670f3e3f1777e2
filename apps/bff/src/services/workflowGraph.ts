import type { Workflow } from '@lookout/ojs-types';

export type GraphNodeRole = 'step' | 'job' | 'callback';
export type GraphEdgeKind = 'sequence' | 'fanout' | 'callback';

export interface GraphNode {
  id: string;
  job_id?: string;
  type: string;
  state: string;
  label: string;
  role: GraphNodeRole;
  index?: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: GraphEdgeKind;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when the upstream gave only counters and the nodes were rebuilt from its jobs. */
  rebuilt: boolean;
}

/** A job known to belong to the workflow (for rebuilding). */
export interface WorkflowJob {
  id: string;
  type: string;
  state: string;
  created_at?: string | undefined;
  /** Sequence of creation when timestamps tie (e.g. list order). */
  order?: number | undefined;
}

const CALLBACK_ROLES = new Set(['on_complete', 'on_success', 'on_failure']);

function edge(source: string, target: string, kind: GraphEdgeKind): GraphEdge {
  return { id: `${source}->${target}`, source, target, kind };
}

function callbackTemplates(workflow: Workflow): { role: string; type: string }[] {
  const out: { role: string; type: string }[] = [];
  for (const role of ['on_complete', 'on_success', 'on_failure']) {
    const value = workflow.callbacks?.[role];
    if (value !== null && typeof value === 'object') {
      const type = (value as Record<string, unknown>).type;
      out.push({ role, type: typeof type === 'string' ? type : role });
    }
  }
  return out;
}

/** Uses the upstream's own graph when it has one. */
function fromUpstream(workflow: Workflow): WorkflowGraph {
  const nodes: GraphNode[] = (workflow.nodes ?? []).map((node, i) => {
    const role: GraphNodeRole =
      node.role !== undefined && CALLBACK_ROLES.has(node.role)
        ? 'callback'
        : workflow.type === 'chain'
          ? 'step'
          : 'job';
    return {
      id: node.id,
      ...(node.job_id ? { job_id: node.job_id } : {}),
      type: node.type,
      state: node.state,
      label: node.name ?? (role === 'callback' && node.role ? `${node.role}: ${node.type}` : node.type),
      role,
      index: node.index ?? i,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: GraphEdge[] = (workflow.edges ?? []).map((e) => {
    const target = byId.get(e.to);
    const kind: GraphEdgeKind =
      e.kind === 'sequence' || e.kind === 'fanout' || e.kind === 'callback'
        ? e.kind
        : target?.role === 'callback'
          ? 'callback'
          : workflow.type === 'chain'
            ? 'sequence'
            : 'fanout';
    return edge(e.from, e.to, kind);
  });
  return { nodes, edges, rebuilt: false };
}

function sortJobs(jobs: WorkflowJob[]): WorkflowJob[] {
  return [...jobs].sort((a, b) => {
    const ta = a.created_at ? Date.parse(a.created_at) : Number.NaN;
    const tb = b.created_at ? Date.parse(b.created_at) : Number.NaN;
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
    return (a.order ?? 0) - (b.order ?? 0);
  });
}

/**
 * Rebuilds nodes and edges from the workflow's jobs when the upstream returns only counters: chain steps
 * in creation order (steps not enqueued yet are `waiting`), group/batch members, and batch callbacks
 * (the last-created jobs whose types match the callback templates).
 */
function rebuild(workflow: Workflow, jobs: WorkflowJob[]): WorkflowGraph {
  const sorted = sortJobs(jobs);
  const callbacks = workflow.type === 'batch' ? callbackTemplates(workflow) : [];
  const callbackJobs = new Map<string, WorkflowJob>();
  let members = sorted;
  if (callbacks.length > 0) {
    const memberCount = workflow.jobs_total ?? sorted.length - callbacks.length;
    const tail = sorted.slice(Math.max(0, memberCount));
    members = sorted.slice(0, Math.max(0, memberCount));
    for (const cb of callbacks) {
      const match = tail.find((job) => job.type === cb.type && ![...callbackJobs.values()].includes(job));
      if (match) callbackJobs.set(cb.role, match);
    }
  }
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  if (workflow.type === 'chain') {
    const total = Math.max(workflow.steps_total ?? 0, members.length);
    for (let i = 0; i < total; i++) {
      const job = members[i];
      const id = job?.id ?? `${workflow.id}:step:${i}`;
      nodes.push({
        id,
        ...(job ? { job_id: job.id } : {}),
        type: job?.type ?? 'unknown',
        state:
          job?.state ??
          (workflow.state === 'failed' || workflow.state === 'cancelled' ? 'skipped' : 'waiting'),
        label: job?.type ?? `step ${i + 1}`,
        role: 'step',
        index: i,
      });
      const previous = nodes[i - 1];
      if (previous) edges.push(edge(previous.id, id, 'sequence'));
    }
  } else {
    const total = Math.max(workflow.jobs_total ?? 0, members.length);
    for (let i = 0; i < total; i++) {
      const job = members[i];
      const id = job?.id ?? `${workflow.id}:job:${i}`;
      nodes.push({
        id,
        ...(job ? { job_id: job.id } : {}),
        type: job?.type ?? 'unknown',
        state: job?.state ?? 'unknown',
        label: job?.type ?? `job ${i + 1}`,
        role: 'job',
        index: i,
      });
    }
    const memberIds = nodes.map((n) => n.id);
    callbacks.forEach((cb, i) => {
      const job = callbackJobs.get(cb.role);
      const id = job?.id ?? `${workflow.id}:${cb.role}`;
      nodes.push({
        id,
        ...(job ? { job_id: job.id } : {}),
        type: cb.type,
        state:
          job?.state ??
          (workflow.state === 'running' || workflow.state === 'pending' ? 'waiting' : 'skipped'),
        label: `${cb.role}: ${cb.type}`,
        role: 'callback',
        index: total + i,
      });
      for (const source of memberIds) edges.push(edge(source, id, 'callback'));
    });
  }
  return { nodes, edges, rebuilt: true };
}

export function workflowGraph(workflow: Workflow, jobs: WorkflowJob[] = []): WorkflowGraph {
  if (workflow.nodes && workflow.nodes.length > 0) return fromUpstream(workflow);
  return rebuild(workflow, jobs);
}

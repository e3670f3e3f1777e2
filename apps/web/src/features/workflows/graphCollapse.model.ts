import type { GraphEdge, GraphNode } from './workflow.mapper';

/** Above this many nodes the graph collapses sibling jobs into summary nodes. */
export const COLLAPSE_THRESHOLD = 1000;

export interface DisplayNode {
  id: string;
  label: string;
  state: string;
  role: string;
  jobId: string | undefined;
  /** For a collapsed node: how many jobs per state it stands for. */
  members?: { total: number; byState: Record<string, number> };
}

export interface DisplayGraph {
  nodes: DisplayNode[];
  edges: GraphEdge[];
  collapsed: boolean;
}

/** The state that best describes a set of jobs: a failure first, then work in progress, then done. */
const STATE_PRIORITY = [
  'discarded',
  'retryable',
  'active',
  'available',
  'pending',
  'scheduled',
  'cancelled',
  'completed',
];

export function dominantState(byState: Record<string, number>): string {
  for (const s of STATE_PRIORITY) if ((byState[s] ?? 0) > 0) return s;
  return Object.keys(byState)[0] ?? 'pending';
}

/**
 * Leaves small graphs as they are. Past the threshold, jobs with exactly the same parents and children
 * (the members of a group or batch) become one node per sibling set, labelled with counts by state.
 */
export function collapseGraph(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  threshold = COLLAPSE_THRESHOLD,
): DisplayGraph {
  const plain = (n: GraphNode): DisplayNode => ({
    id: n.id,
    label: n.label,
    state: n.state,
    role: n.role,
    jobId: n.jobId,
  });
  if (nodes.length <= threshold) return { nodes: nodes.map(plain), edges: [...edges], collapsed: false };

  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const e of edges) {
    (parents.get(e.target) ?? parents.set(e.target, []).get(e.target))?.push(e.source);
    (children.get(e.source) ?? children.set(e.source, []).get(e.source))?.push(e.target);
  }
  const signature = (id: string) =>
    `${[...(parents.get(id) ?? [])].sort().join(',')}|${[...(children.get(id) ?? [])].sort().join(',')}`;

  const groups = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const key = n.role === 'callback' ? `callback:${n.id}` : signature(n.id);
    (groups.get(key) ?? groups.set(key, []).get(key))?.push(n);
  }

  const replacement = new Map<string, string>();
  const out: DisplayNode[] = [];
  for (const [key, members] of groups) {
    const first = members[0];
    if (!first) continue;
    if (members.length === 1) {
      out.push(plain(first));
      continue;
    }
    const id = `collapsed:${key}`;
    const byState: Record<string, number> = {};
    for (const m of members) {
      byState[m.state] = (byState[m.state] ?? 0) + 1;
      replacement.set(m.id, id);
    }
    const summary = Object.entries(byState)
      .sort((a, b) => b[1] - a[1])
      .map(([s, c]) => `${c} ${s}`)
      .join(', ');
    out.push({
      id,
      label: `${members.length} × ${first.type || first.label} (${summary})`,
      state: dominantState(byState),
      role: 'group',
      jobId: undefined,
      members: { total: members.length, byState },
    });
  }

  const seen = new Set<string>();
  const outEdges: GraphEdge[] = [];
  for (const e of edges) {
    const source = replacement.get(e.source) ?? e.source;
    const target = replacement.get(e.target) ?? e.target;
    const id = `${source}->${target}`;
    if (source === target || seen.has(id)) continue;
    seen.add(id);
    outEdges.push({ id, source, target, kind: e.kind });
  }
  return { nodes: out, edges: outEdges, collapsed: true };
}

/** A key that changes only when the structure changes (not the states), so live updates do not re-layout. */
export function structureKey(graph: DisplayGraph): string {
  return `${graph.nodes.map((n) => n.id).join('|')}#${graph.edges.map((e) => e.id).join('|')}`;
}

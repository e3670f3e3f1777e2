import dagre from '@dagrejs/dagre';

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { source: string; target: string }[];
  direction: 'LR' | 'TB';
}

export type Positions = Record<string, { x: number; y: number }>;

/** Layered layout (dagre). Returns top-left positions, as React Flow expects. Pure; runs in a worker. */
export function layoutGraph(input: LayoutInput): Positions {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: input.direction, nodesep: 18, ranksep: 56, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of input.edges) if (g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions: Positions = {};
  for (const n of input.nodes) {
    const p = g.node(n.id) as { x: number; y: number } | undefined;
    if (p) positions[n.id] = { x: p.x - n.width / 2, y: p.y - n.height / 2 };
  }
  return positions;
}

import '@xyflow/react/dist/style.css';
import { Background, Controls, MiniMap, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, type ReactNode } from 'react';
import { useTheme } from '../../app/themeStore';
import { collapseGraph, structureKey, type DisplayNode } from './graphCollapse.model';
import { useGraphLayout } from './useGraphLayout';
import type { WorkflowDetail } from './workflow.mapper';

const WIDTH = 190;
const HEIGHT = 44;

const stateColor = (state: string) => `var(--s-${state}, var(--faint))`;

/** The minimap draws with SVG attributes, where CSS variables do not apply: resolve them. */
function resolvedStateColor(state: string): string {
  const style = getComputedStyle(document.documentElement);
  return style.getPropertyValue(`--s-${state}`).trim() || style.getPropertyValue('--faint').trim() || '#888';
}

/** The workflow graph (lazy chunk): nodes coloured by state and updated live, laid out in a worker. */
export default function WorkflowGraph({ cluster, detail }: { cluster: string; detail: WorkflowDetail }) {
  const navigate = useNavigate();
  const theme = useTheme();
  const display = useMemo(() => collapseGraph(detail.graph.nodes, detail.graph.edges), [detail.graph]);
  const key = structureKey(display);
  const { positions, error } = useGraphLayout(key, {
    nodes: display.nodes.map((n) => ({ id: n.id, width: WIDTH, height: HEIGHT })),
    edges: display.edges.map((e) => ({ source: e.source, target: e.target })),
    direction: 'LR',
  });

  const nodes = useMemo<Node<{ label: ReactNode; node: DisplayNode }>[]>(
    () =>
      display.nodes.map((n) => ({
        id: n.id,
        position: positions?.[n.id] ?? { x: 0, y: 0 },
        width: WIDTH,
        height: HEIGHT,
        data: {
          label: (
            <span className="wf-label" title={n.label}>
              <span className="ellipsis">{n.label}</span>
              <span className={`state state-${n.state}`}>{n.state}</span>
            </span>
          ),
          node: n,
        },
        sourcePosition: Position.Right,
        targetPosition: Position.Left,
        draggable: false,
        connectable: false,
        ariaLabel: `${n.label}: ${n.state}`,
        className: `wf-node state-${n.state}`,
        style: {
          width: WIDTH,
          height: HEIGHT,
          fontSize: 12,
          padding: '3px 8px',
          textAlign: 'left',
          background: 'var(--surface)',
          color: 'var(--text)',
          border: `2px solid ${stateColor(n.state)}`,
          borderLeftWidth: 8,
          borderRadius: 6,
          cursor: n.jobId ? 'pointer' : 'default',
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          textOverflow: 'ellipsis',
        },
      })),
    [display, positions],
  );
  const edges = useMemo<Edge[]>(
    () =>
      display.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        animated: false,
        style: { stroke: 'var(--faint)', strokeDasharray: e.kind === 'callback' ? '5 4' : undefined },
      })),
    [display],
  );

  if (error) return <div className="banner crit">Could not lay out the graph: {error}</div>;
  if (!positions) return <div className="graph empty">Laying out {display.nodes.length} nodes…</div>;
  return (
    <div className="graph" data-testid="workflow-graph" data-collapsed={display.collapsed}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        fitViewOptions={{ maxZoom: 1.1 }}
        colorMode={theme}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        onlyRenderVisibleElements={display.nodes.length > 200}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_e, node) => {
          const jobId = node.data.node.jobId;
          if (jobId) void navigate({ to: '/jobs/$cluster/$id', params: { cluster, id: jobId } });
          // A collapsed node stands for many jobs: list them in the explorer.
          else if (node.data.node.members) {
            void navigate({ to: '/jobs', search: { cluster, q: `workflow:${detail.workflow.id}` } });
          }
        }}
      >
        <Background gap={18} color="var(--border)" />
        <MiniMap
          pannable
          zoomable
          nodeColor={(n) => resolvedStateColor((n.data as { node: DisplayNode }).node.state)}
          style={{ background: 'var(--surface-2)' }}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from './workflow.mapper';
import { collapseGraph, dominantState, structureKey } from './graphCollapse.model';
import { layoutGraph } from './graphLayout.model';

const node = (id: string, state = 'completed', role = 'job'): GraphNode => ({
  id,
  jobId: `job-${id}`,
  type: 'img.resize',
  state,
  label: id,
  role,
  index: undefined,
});
const edge = (source: string, target: string): GraphEdge => ({
  id: `${source}-${target}`,
  source,
  target,
  kind: 'fanout',
});

describe('collapseGraph', () => {
  it('keeps small graphs as they are', () => {
    const g = collapseGraph([node('a'), node('b')], [edge('a', 'b')], 10);
    expect(g.collapsed).toBe(false);
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('collapses siblings with the same parents and children past the threshold', () => {
    const members = Array.from({ length: 20 }, (_, i) => node(`m${i}`, i < 3 ? 'discarded' : 'completed'));
    const nodes = [node('start', 'completed', 'step'), ...members, node('cb', 'pending', 'callback')];
    const edges = [...members.map((m) => edge('start', m.id)), ...members.map((m) => edge(m.id, 'cb'))];
    const g = collapseGraph(nodes, edges, 10);
    expect(g.collapsed).toBe(true);
    expect(g.nodes).toHaveLength(3);
    const group = g.nodes.find((n) => n.members);
    expect(group?.members).toEqual({ total: 20, byState: { discarded: 3, completed: 17 } });
    expect(group?.state).toBe('discarded');
    expect(group?.label).toContain('20 × img.resize');
    expect(g.edges.map((e) => [e.source, e.target])).toEqual([
      ['start', group?.id],
      [group?.id, 'cb'],
    ]);
  });

  it('has a structure key that ignores states', () => {
    const a = collapseGraph([node('a', 'active')], [], 10);
    const b = collapseGraph([node('a', 'completed')], [], 10);
    expect(structureKey(a)).toBe(structureKey(b));
  });

  it('picks the most telling state', () => {
    expect(dominantState({ completed: 5, active: 1 })).toBe('active');
    expect(dominantState({ completed: 5 })).toBe('completed');
  });
});

describe('layoutGraph', () => {
  it('places a chain left to right without overlap', () => {
    const positions = layoutGraph({
      nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 100, height: 40 })),
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
      ],
      direction: 'LR',
    });
    const xs = ['a', 'b', 'c'].map((id) => positions[id]?.x ?? Number.NaN);
    expect(xs[0]).toBeLessThan(xs[1] ?? 0);
    expect((xs[1] ?? 0) + 100).toBeLessThanOrEqual(xs[2] ?? 0);
  });

  it('stacks a fan-out vertically in one rank', () => {
    const positions = layoutGraph({
      nodes: ['s', 'x', 'y'].map((id) => ({ id, width: 100, height: 40 })),
      edges: [
        { source: 's', target: 'x' },
        { source: 's', target: 'y' },
      ],
      direction: 'LR',
    });
    expect(positions['x']?.x).toBe(positions['y']?.x);
    expect(Math.abs((positions['x']?.y ?? 0) - (positions['y']?.y ?? 0))).toBeGreaterThanOrEqual(40);
  });
});

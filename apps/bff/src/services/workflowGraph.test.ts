import type { Workflow } from '@lookout/ojs-types';
import { describe, expect, it } from 'vitest';
import { workflowGraph } from './workflowGraph';

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('workflowGraph', () => {
  it('uses the upstream graph when present', () => {
    const wf: Workflow = {
      id: 'wf',
      type: 'batch',
      state: 'running',
      nodes: [
        { id: 'n1', job_id: 'j1', type: 'a.b', state: 'completed', role: 'job' },
        { id: 'n2', job_id: 'j2', type: 'a.c', state: 'active', role: 'job' },
        { id: 'cb', type: 'notify', state: 'waiting', role: 'on_complete' },
      ],
      edges: [
        { from: 'n1', to: 'cb' },
        { from: 'n2', to: 'cb', kind: 'callback' },
      ],
    };
    const graph = workflowGraph(wf);
    expect(graph.rebuilt).toBe(false);
    expect(graph.nodes.map((n) => [n.id, n.role, n.label])).toEqual([
      ['n1', 'job', 'a.b'],
      ['n2', 'job', 'a.c'],
      ['cb', 'callback', 'on_complete: notify'],
    ]);
    expect(graph.edges).toEqual([
      { id: 'n1->cb', source: 'n1', target: 'cb', kind: 'callback' },
      { id: 'n2->cb', source: 'n2', target: 'cb', kind: 'callback' },
    ]);
  });

  it('rebuilds a chain from its jobs, with waiting steps', () => {
    const wf: Workflow = { id: 'wf', type: 'chain', state: 'running', steps_total: 3, steps_completed: 1 };
    const graph = workflowGraph(wf, [
      { id: 'j2', type: 'etl.transform', state: 'active', created_at: t(2) },
      { id: 'j1', type: 'etl.fetch', state: 'completed', created_at: t(1) },
    ]);
    expect(graph.rebuilt).toBe(true);
    expect(graph.nodes.map((n) => [n.id, n.type, n.state, n.index])).toEqual([
      ['j1', 'etl.fetch', 'completed', 0],
      ['j2', 'etl.transform', 'active', 1],
      ['wf:step:2', 'unknown', 'waiting', 2],
    ]);
    expect(graph.edges.map((e) => `${e.source}->${e.target}:${e.kind}`)).toEqual([
      'j1->j2:sequence',
      'j2->wf:step:2:sequence',
    ]);
  });

  it('marks the remaining steps of a failed chain as skipped', () => {
    const wf: Workflow = { id: 'wf', type: 'chain', state: 'failed', steps_total: 2 };
    const graph = workflowGraph(wf, [{ id: 'j1', type: 'x', state: 'discarded', created_at: t(1) }]);
    expect(graph.nodes.map((n) => n.state)).toEqual(['discarded', 'skipped']);
  });

  it('rebuilds a batch with its callbacks', () => {
    const wf: Workflow = {
      id: 'wf',
      type: 'batch',
      state: 'completed',
      jobs_total: 2,
      callbacks: {
        on_complete: { type: 'batch.report', args: [] },
        on_failure: { type: 'batch.alert', args: [] },
      },
    };
    const graph = workflowGraph(wf, [
      { id: 'a', type: 'img.resize', state: 'completed', created_at: t(1), order: 0 },
      { id: 'b', type: 'img.resize', state: 'discarded', created_at: t(1), order: 1 },
      { id: 'c', type: 'batch.report', state: 'completed', created_at: t(5) },
    ]);
    expect(graph.nodes.map((n) => [n.id, n.role, n.state])).toEqual([
      ['a', 'job', 'completed'],
      ['b', 'job', 'discarded'],
      ['c', 'callback', 'completed'],
      ['wf:on_failure', 'callback', 'skipped'],
    ]);
    expect(graph.edges).toHaveLength(4);
    expect(graph.edges.every((e) => e.kind === 'callback')).toBe(true);
  });

  it('rebuilds a group with placeholders for jobs it could not find', () => {
    const wf: Workflow = { id: 'wf', type: 'group', state: 'running', jobs_total: 3 };
    const graph = workflowGraph(wf, [{ id: 'a', type: 'x', state: 'active' }]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'wf:job:1', 'wf:job:2']);
    expect(graph.edges).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { workflowRequestJobs, workflowRequestSchema, workflowResponseSchema } from './workflows';

describe('workflows', () => {
  it('accepts chain, group and batch with callbacks', () => {
    const chain = workflowRequestSchema.parse({
      type: 'chain',
      name: 'etl',
      steps: [{ type: 'a.b', args: [1] }, { type: 'c.d' }],
    });
    expect(workflowRequestJobs(chain).map((s) => s.args)).toEqual([[1], []]);
    expect(workflowRequestSchema.safeParse({ type: 'group', jobs: [{ type: 'a', args: [] }] }).success).toBe(
      true,
    );
    const batch = workflowRequestSchema.parse({
      type: 'batch',
      jobs: [{ type: 'a', args: [], options: { queue: 'q' } }],
      callbacks: { on_complete: { type: 'done', args: [] }, on_failure: { type: 'fail', args: [] } },
    });
    expect(batch.callbacks?.on_complete?.type).toBe('done');
  });
  it('rejects empty workflows, unknown types and callbacks outside batches', () => {
    expect(workflowRequestSchema.safeParse({ type: 'chain', steps: [] }).error?.issues[0]?.path).toEqual([
      'steps',
    ]);
    expect(workflowRequestSchema.safeParse({ type: 'dag', steps: [{ type: 'a' }] }).success).toBe(false);
    expect(
      workflowRequestSchema.safeParse({
        type: 'group',
        jobs: [{ type: 'a' }],
        callbacks: { on_complete: { type: 'x' } },
      }).success,
    ).toBe(false);
  });
  it('parses counters and the node/edge graph; "active" reads as running', () => {
    const r = workflowResponseSchema.parse({
      workflow: {
        id: 'w',
        type: 'chain',
        state: 'active',
        steps_total: 2,
        steps_completed: 1,
        nodes: [
          { id: 'n0', job_id: 'j0', type: 'a', state: 'completed', index: 0, role: 'step' },
          { id: 'n1', type: 'b', state: 'waiting', index: 1, role: 'step' },
        ],
        edges: [{ from: 'n0', to: 'n1', kind: 'sequence' }],
      },
    });
    expect(r.workflow.state).toBe('running');
    expect(r.workflow.nodes?.[1]?.state).toBe('waiting');
  });
});

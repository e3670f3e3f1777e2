import { describe, expect, it } from 'vitest';
import { ValidationError } from './typedErrors';
import { batch, chain, group, step, toWorkflowRequest } from './workflowBuilders';

describe('workflow builders', () => {
  it('builds a chain request with steps', () => {
    const def = chain(step('etl.fetch', [{ url: 'u' }], { queue: 'etl' }), step('etl.transform'), {
      type: 'etl.load',
      args: [],
      name: 'load',
    });
    expect(toWorkflowRequest(def, 'nightly-etl')).toEqual({
      type: 'chain',
      name: 'nightly-etl',
      steps: [
        { type: 'etl.fetch', args: [{ url: 'u' }], options: { queue: 'etl' } },
        { type: 'etl.transform', args: [] },
        { type: 'etl.load', args: [], name: 'load' },
      ],
    });
  });

  it('builds a group request with jobs', () => {
    expect(
      toWorkflowRequest(group(step('a.one'), step('a.two', [1], { retry: { maxAttempts: 1 } }))),
    ).toEqual({
      type: 'group',
      jobs: [
        { type: 'a.one', args: [] },
        { type: 'a.two', args: [1], options: { retry: { max_attempts: 1 } } },
      ],
    });
  });

  it('builds a batch with snake_case callbacks', () => {
    const req = toWorkflowRequest(
      batch(
        { onComplete: step('batch.report'), onFailure: step('batch.alert', [], { queue: 'alerts' }) },
        step('x.y'),
      ),
    );
    expect(req).toEqual({
      type: 'batch',
      jobs: [{ type: 'x.y', args: [] }],
      callbacks: {
        on_complete: { type: 'batch.report', args: [] },
        on_failure: { type: 'batch.alert', args: [], options: { queue: 'alerts' } },
      },
    });
  });

  it('refuses empty workflows and invalid steps', () => {
    expect(() => chain()).toThrow(RangeError);
    expect(() => group()).toThrow(RangeError);
    expect(() => batch({})).toThrow(RangeError);
    expect(() => toWorkflowRequest(chain(step('Bad Type')))).toThrow(ValidationError);
  });
});

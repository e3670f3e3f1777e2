import { describe, expect, it } from 'vitest';
import { toOjsEvent } from './ojsEvent.mapper';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('toOjsEvent', () => {
  it('maps a BFF frame, keeping its sequence id', () => {
    const event = toOjsEvent(
      {
        id: '42',
        event: 'job.started',
        data: JSON.stringify({
          cluster: 'local',
          type: 'job.started',
          time: '2026-01-01T00:00:01Z',
          job_id: 'j1',
          queue: 'email',
          job_type: 'email.send',
          attempt: 1,
          worker_id: 'w1',
          progress: 40,
          data: {},
        }),
      },
      now,
    );
    expect(event).toMatchObject({
      seq: '42',
      cluster: 'local',
      type: 'job.started',
      jobId: 'j1',
      queue: 'email',
      jobType: 'email.send',
      to: 'active',
      attempt: 1,
      workerId: 'w1',
      progress: 0.4,
    });
  });

  it('prefers an explicit target state and takes the type from the frame when the data has none', () => {
    const event = toOjsEvent(
      { id: undefined, event: 'job.failed', data: '{"cluster":"a","to":"retryable","from":"active"}' },
      now,
    );
    expect(event).toMatchObject({
      type: 'job.failed',
      to: 'retryable',
      from: 'active',
      time: '2026-01-01T00:00:00.000Z',
    });
  });

  it('ignores frames that are not JSON events and unknown states', () => {
    expect(toOjsEvent({ id: '1', event: 'message', data: 'not json' }, now)).toBeUndefined();
    expect(toOjsEvent({ id: '1', event: 'x', data: '[1,2]' }, now)).toBeUndefined();
    expect(
      toOjsEvent({ id: '1', event: 'job.x', data: '{"type":"job.x","to":"running"}' }, now)?.to,
    ).toBeUndefined();
  });
});

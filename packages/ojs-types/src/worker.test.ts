import { describe, expect, it } from 'vitest';
import {
  fetchRequestSchema,
  heartbeatDirective,
  heartbeatRequestSchema,
  nackRequestSchema,
  normalizeHeartbeatRequest,
} from './worker';

describe('worker protocol', () => {
  it('fetch needs queues', () => {
    expect(fetchRequestSchema.safeParse({ queues: [] }).success).toBe(false);
    expect(fetchRequestSchema.safeParse({ queues: ['default'], worker_id: 'w1' }).success).toBe(true);
  });
  it('nack accepts requeue and the CT error shape', () => {
    const r = nackRequestSchema.parse({
      job_id: 'j',
      error: { code: 'x', message: 'm', retryable: false },
      requeue: true,
    });
    expect(r.requeue).toBe(true);
  });
  it('heartbeat accepts ids, counts, active_job_ids and job_id', () => {
    expect(
      normalizeHeartbeatRequest(heartbeatRequestSchema.parse({ worker_id: 'w', active_jobs: ['a', 'b'] })),
    ).toEqual({
      workerId: 'w',
      jobIds: ['a', 'b'],
      activeJobCount: 2,
    });
    expect(
      normalizeHeartbeatRequest(
        heartbeatRequestSchema.parse({
          worker_id: 'w',
          active_jobs: 3,
          active_job_ids: ['a'],
          job_id: 'a',
          state: 'drain',
        }),
      ),
    ).toEqual({ workerId: 'w', jobIds: ['a'], activeJobCount: 3, state: 'drain' });
    expect(heartbeatRequestSchema.safeParse({ active_jobs: [] }).success).toBe(false);
  });
  it('reads directives from any server spelling', () => {
    expect(heartbeatDirective({ state: 'quiet' })).toBe('quiet');
    expect(heartbeatDirective({ state: 'active', directive: 'terminate' })).toBe('terminate');
    expect(heartbeatDirective({ state: 'active', directive: 'continue' })).toBe('running');
    expect(heartbeatDirective({ state: 'running', directive: '' })).toBe('running');
  });
});

import { describe, expect, it } from 'vitest';
import { queueDetailSchema, queueListSchema } from './queue.mapper';

const counts = {
  scheduled: 1,
  available: 2,
  pending: 0,
  active: 1,
  retryable: 0,
  completed: 9,
  cancelled: 0,
  discarded: 3,
};

describe('queue mapper', () => {
  it('maps the list with partial-cluster errors', () => {
    const out = queueListSchema.parse({
      queues: [
        {
          cluster: 'a',
          name: 'email',
          paused: true,
          counts,
          throughput: { completed_per_min: 2, failed_per_min: 0.5 },
          workers: null,
          oldest_available_at: '2026-01-01T00:00:00Z',
        },
      ],
      errors: [{ cluster: 'b', code: 'backend_unavailable', message: 'down' }],
    });
    expect(out.items[0]).toMatchObject({
      name: 'email',
      paused: true,
      workers: 0,
      throughput: { completedPerMin: 2, failedPerMin: 0.5 },
      oldestAvailableAt: '2026-01-01T00:00:00Z',
    });
    expect(out.clusterErrors).toEqual([{ cluster: 'b', code: 'backend_unavailable', message: 'down' }]);
  });

  it('maps the flat queue page with its workers list', () => {
    const out = queueDetailSchema.parse({
      cluster: 'a',
      name: 'email',
      paused: false,
      counts,
      throughput: { completed_per_min: 0, failed_per_min: 0 },
      workers: 1,
      configuration: { concurrency: null },
      workers_list: [
        {
          cluster: 'a',
          id: 'w1',
          state: 'running',
          queues: ['email'],
          concurrency: 4,
          active_jobs: [{ id: 'j1' }],
          active_job_count: 1,
          last_heartbeat_at: null,
          stale: false,
        },
      ],
    });
    expect(out.queue.workers).toBe(1);
    expect(out.workers.map((w) => [w.id, w.activeJobs.length, w.lastHeartbeatAt])).toEqual([
      ['w1', 1, undefined],
    ]);
  });

  it('rejects a queue page without a name', () => {
    expect(queueDetailSchema.safeParse({ cluster: 'a', counts }).success).toBe(false);
  });
});

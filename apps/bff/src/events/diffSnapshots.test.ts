import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../services/SnapshotService';
import { emptyCounts } from '../services/mappers';
import { diffSnapshots } from './ClusterFeed';

function snap(
  takenAt: number,
  queues: { name: string; paused?: boolean; available?: number }[],
  workers: string[] = [],
): ClusterSnapshot {
  return {
    cluster: 'a',
    reachable: true,
    takenAt,
    queues: queues.map((q) => ({
      name: q.name,
      paused: q.paused ?? false,
      counts: { ...emptyCounts(), available: q.available ?? 0 },
      throughput: { completed_per_min: 0, failed_per_min: 0 },
      workers: null,
    })),
    workers: workers.map((id) => ({
      cluster: 'a',
      id,
      state: 'running' as const,
      queues: [],
      concurrency: null,
      active_jobs: [],
      active_job_count: 0,
      last_heartbeat_at: null,
      stale: false,
    })),
  };
}

describe('diffSnapshots', () => {
  it('reports count changes, pauses and workers coming and going', () => {
    const before = snap(1000, [{ name: 'q', available: 2 }, { name: 'p' }], ['w1']);
    const after = snap(
      2000,
      [
        { name: 'q', available: 5 },
        { name: 'p', paused: true },
        { name: 'new', available: 1 },
      ],
      ['w2'],
    );
    const events = diffSnapshots('a', before, after);
    expect(events.map((e) => `${e.type}:${e.queue ?? e.worker_id}`)).toEqual([
      'queue.counts:q',
      'queue.paused:p',
      'queue.counts:new',
      'worker.started:w2',
      'worker.stopped:w1',
    ]);
    expect(events[0]?.data).toMatchObject({ delta: { available: 3 } });
    expect(events[0]?.time).toBe(new Date(2000).toISOString());
  });

  it('says nothing when nothing changed', () => {
    const s = snap(1000, [{ name: 'q', available: 2 }], ['w1']);
    expect(diffSnapshots('a', s, { ...s, takenAt: 2000 })).toEqual([]);
  });
});

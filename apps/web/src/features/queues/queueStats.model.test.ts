import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../api/wireCommon';
import { sortQueues, waitingCount } from './queueStats.model';

const q = (name: string, available: number, active = 0, rate = 0) => ({
  name,
  cluster: 'c',
  counts: { ...emptyCounts(), available, active, retryable: 1 },
  throughput: { completedPerMin: rate },
});

describe('queue stats', () => {
  it('counts waiting jobs', () => {
    expect(
      waitingCount({ ...emptyCounts(), available: 2, scheduled: 3, pending: 1, retryable: 4, active: 9 }),
    ).toBe(10);
  });
  it('sorts busiest first, names alphabetically', () => {
    const queues = [q('b', 1), q('a', 5, 0, 3), q('c', 5, 2, 1)];
    expect(sortQueues(queues, 'waiting').map((x) => x.name)).toEqual(['a', 'c', 'b']);
    expect(sortQueues(queues, 'name').map((x) => x.name)).toEqual(['a', 'b', 'c']);
    expect(sortQueues(queues, 'throughput').map((x) => x.name)).toEqual(['a', 'c', 'b']);
  });
});

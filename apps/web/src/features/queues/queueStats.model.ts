import type { Counts } from '../../api/wireCommon';

/** Jobs waiting to run: available + scheduled + pending + retryable. */
export function waitingCount(counts: Counts): number {
  return counts.available + counts.scheduled + counts.pending + counts.retryable;
}

export type QueueSortKey = 'name' | 'waiting' | 'active' | 'failed' | 'throughput';

export function sortQueues<
  T extends { name: string; cluster: string; counts: Counts; throughput: { completedPerMin: number } },
>(queues: readonly T[], key: QueueSortKey): T[] {
  const value = (q: T): number | string => {
    switch (key) {
      case 'name':
        return `${q.name}\u0000${q.cluster}`;
      case 'waiting':
        return -waitingCount(q.counts);
      case 'active':
        return -q.counts.active;
      case 'failed':
        return -q.counts.discarded - q.counts.retryable;
      case 'throughput':
        return -q.throughput.completedPerMin;
    }
  };
  return [...queues].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va < vb) return -1;
    if (va > vb) return 1;
    return a.name.localeCompare(b.name);
  });
}

import { describe, expect, it } from 'vitest';
import type { Worker } from './worker.mapper';
import { sortWorkers } from './workerOrder.model';

const worker = (id: string, state: string, stale: boolean, beat?: string): Worker => ({
  cluster: 'c',
  id,
  hostname: undefined,
  state,
  queues: [],
  concurrency: undefined,
  activeJobs: [],
  lastHeartbeatAt: beat,
  startedAt: undefined,
  stale,
});

describe('sortWorkers', () => {
  it('puts live workers first, stale last, freshest heartbeat first', () => {
    const sorted = sortWorkers([
      worker('old', 'running', true, '2026-01-01T00:00:00Z'),
      worker('quiet', 'quiet', false, '2026-01-01T00:05:00Z'),
      worker('a', 'running', false, '2026-01-01T00:01:00Z'),
      worker('b', 'running', false, '2026-01-01T00:02:00Z'),
    ]);
    expect(sorted.map((w) => w.id)).toEqual(['b', 'a', 'quiet', 'old']);
  });
});

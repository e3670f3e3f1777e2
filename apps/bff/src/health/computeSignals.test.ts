import { describe, expect, it } from 'vitest';
import { computeSignals, isLiveWorker, type ClusterSnapshot } from './computeSignals';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);
const ago = (ms: number) => new Date(now - ms).toISOString();

function snapshot(partial: Partial<ClusterSnapshot>): ClusterSnapshot {
  return { cluster: 'a', reachable: true, queues: [], workers: [], ...partial };
}

describe('computeSignals', () => {
  it('flags an unreachable cluster and nothing else for it', () => {
    const signals = computeSignals(
      [
        snapshot({
          reachable: false,
          error: 'connection refused',
          queues: [{ name: 'q', paused: true, available: 1 }],
        }),
      ],
      now,
    );
    expect(signals).toEqual([
      {
        id: 'cluster_unreachable:a',
        kind: 'cluster_unreachable',
        severity: 'critical',
        cluster: 'a',
        message: 'OJS server a is unreachable: connection refused',
        link: { page: 'cluster', params: { cluster: 'a' } },
      },
    ]);
  });

  it('finds queues with work but no live worker', () => {
    const signals = computeSignals(
      [
        snapshot({
          queues: [
            { name: 'emails', paused: false, available: 12 },
            { name: 'reports', paused: false, available: 3 },
            { name: 'idle', paused: false, available: 0 },
          ],
          workers: [
            { id: 'w1', queues: ['reports'], lastHeartbeatAt: ago(5_000) },
            { id: 'w2', queues: ['emails'], lastHeartbeatAt: ago(120_000) },
          ],
        }),
      ],
      now,
    );
    const kinds = signals.map((s) => `${s.kind}:${s.queue ?? s.worker_id}`);
    expect(kinds).toContain('queue_no_workers:emails');
    expect(kinds).not.toContain('queue_no_workers:reports');
    expect(kinds).not.toContain('queue_no_workers:idle');
    expect(kinds).toContain('stale_worker:w2');
    const stale = signals.find((s) => s.kind === 'stale_worker');
    expect(stale?.message).toBe('Worker w2 has not sent a heartbeat for 2 min');
    expect(stale?.link).toEqual({ page: 'worker', params: { cluster: 'a', worker: 'w2' } });
  });

  it('raises no worker signal when the upstream cannot list workers', () => {
    const signals = computeSignals(
      [snapshot({ workers: undefined, queues: [{ name: 'q', paused: false, available: 5 }] })],
      now,
    );
    expect(signals).toEqual([]);
  });

  it('grades the oldest waiting job', () => {
    const signals = computeSignals(
      [
        snapshot({
          workers: undefined,
          queues: [
            { name: 'fresh', paused: false, available: 1, oldestAvailableAt: ago(60_000) },
            { name: 'slow', paused: false, available: 1, oldestAvailableAt: ago(10 * 60_000) },
            { name: 'stuck', paused: false, available: 1, oldestAvailableAt: ago(2 * 3_600_000) },
          ],
        }),
      ],
      now,
    );
    expect(signals.map((s) => [s.queue, s.severity, s.value])).toEqual([
      ['stuck', 'critical', 7200],
      ['slow', 'warning', 600],
    ]);
    expect(signals[0]?.message).toBe('Oldest job in stuck has waited 2 h');
  });

  it('reports paused queues, warning when work is waiting', () => {
    const signals = computeSignals(
      [
        snapshot({
          workers: undefined,
          queues: [
            { name: 'p1', paused: true, available: 0 },
            { name: 'p2', paused: true, available: 4 },
          ],
        }),
      ],
      now,
    );
    expect(signals.map((s) => [s.queue, s.severity])).toEqual([
      ['p2', 'warning'],
      ['p1', 'info'],
    ]);
  });

  it('detects failure spikes against the baseline, ignoring small samples', () => {
    const signals = computeSignals(
      [
        snapshot({
          workers: undefined,
          queues: [
            { name: 'pay', paused: false, available: 0 },
            { name: 'mail', paused: false, available: 0 },
            { name: 'tiny', paused: false, available: 0 },
            { name: 'always', paused: false, available: 0 },
          ],
          queueFailures: {
            pay: { recentCompleted: 40, recentFailed: 60, baselineCompleted: 950, baselineFailed: 50 },
            mail: { recentCompleted: 80, recentFailed: 20, baselineCompleted: 920, baselineFailed: 80 },
            tiny: { recentCompleted: 1, recentFailed: 3, baselineCompleted: 100, baselineFailed: 0 },
            always: { recentCompleted: 70, recentFailed: 30, baselineCompleted: 700, baselineFailed: 300 },
          },
        }),
      ],
      now,
    );
    expect(signals.map((s) => [s.kind, s.queue, s.severity])).toEqual([
      ['failure_spike', 'pay', 'critical'],
      ['failure_spike', 'mail', 'warning'],
    ]);
    expect(signals[0]?.message).toBe('60% of recent attempts in queue pay failed (usually 5%)');
  });

  it('treats a worker without heartbeat by its state', () => {
    expect(isLiveWorker({ id: 'w', queues: [], state: 'running' }, now, 60_000)).toBe(true);
    expect(isLiveWorker({ id: 'w', queues: [], state: 'stale' }, now, 60_000)).toBe(false);
    expect(isLiveWorker({ id: 'w', queues: [] }, now, 60_000)).toBe(false);
  });
});

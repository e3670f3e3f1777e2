import { describe, expect, it } from 'vitest';
import type { Signal } from './overview.mapper';
import { capSignals, signalTarget, sortSignals } from './signalLink.model';

const signal = (partial: Partial<Signal>): Signal => ({
  id: 's',
  kind: 'queue_no_workers',
  severity: 'warning',
  cluster: 'local',
  queue: undefined,
  workerId: undefined,
  message: 'm',
  value: undefined,
  since: undefined,
  link: undefined,
  ...partial,
});

describe('signalTarget', () => {
  it('links a queue signal to the queue page', () => {
    expect(
      signalTarget(signal({ link: { page: 'queue', params: { cluster: 'a', queue: 'emails' } } })),
    ).toEqual({
      to: '/queues/$cluster/$name',
      params: { cluster: 'a', name: 'emails' },
    });
  });

  it('links jobs signals with their filter and the cluster', () => {
    expect(
      signalTarget(
        signal({ kind: 'failure_spike', link: { page: 'jobs', params: { state: 'retryable', bogus: 'x' } } }),
      ),
    ).toEqual({ to: '/jobs', search: { state: 'retryable', cluster: 'local' } });
  });

  it('falls back on the kind when there is no link', () => {
    expect(signalTarget(signal({ kind: 'stale_worker' }))).toEqual({
      to: '/workers',
      search: { cluster: 'local', stale: true },
    });
    expect(signalTarget(signal({ kind: 'cluster_unreachable' }))).toEqual({ to: '/settings' });
    expect(signalTarget(signal({ queue: 'q1' }))).toEqual({
      to: '/queues/$cluster/$name',
      params: { cluster: 'local', name: 'q1' },
    });
  });
});

describe('sortSignals', () => {
  it('puts critical first, then the oldest', () => {
    const sorted = sortSignals([
      signal({ id: 'a', severity: 'info' }),
      signal({ id: 'b', severity: 'critical', since: '2026-01-02' }),
      signal({ id: 'c', severity: 'critical', since: '2026-01-01' }),
    ]);
    expect(sorted.map((s) => s.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('capSignals', () => {
  it('lists a few of each kind and counts the rest', () => {
    const many = Array.from({ length: 7 }, (_, i) => signal({ id: `w${i}`, kind: 'stale_worker' }));
    const { shown, hidden } = capSignals([...many, signal({ id: 'q', kind: 'queue_no_workers' })], 3);
    expect(shown.map((s) => s.id)).toEqual(['q', 'w0', 'w1', 'w2']);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]).toMatchObject({ kind: 'stale_worker', count: 4 });
  });
});

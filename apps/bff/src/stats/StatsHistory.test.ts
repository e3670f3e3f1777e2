import { describe, expect, it } from 'vitest';
import { RingBuffer } from './RingBuffer';
import { StatsHistory } from './StatsHistory';
import { StatsSampler, samplePoint, type SampledCounts } from './StatsSampler';

describe('RingBuffer', () => {
  it('drops the oldest beyond capacity and keeps order', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.at(0)).toBe(3);
    expect(ring.last()).toBe(5);
    expect(ring.at(3)).toBeUndefined();
    ring.replaceLast(50);
    expect(ring.toArray()).toEqual([3, 4, 50]);
    expect(ring.lowerBound((n) => n >= 4)).toBe(1);
    expect(ring.lowerBound((n) => n >= 100)).toBe(3);
    ring.clear();
    expect(ring.size).toBe(0);
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });
});

describe('StatsHistory', () => {
  const base = Date.UTC(2026, 0, 1, 12, 0, 0);

  it('keeps raw points for short windows and minute buckets for a day', () => {
    const h = new StatsHistory(5000);
    for (let i = 0; i < 24; i++) {
      h.add('k', { t: base + i * 5000, completed: 1, failed: i % 2, enqueued: 2, depth: i });
    }
    const now = base + 23 * 5000;
    const raw = h.query('k', '15m', now);
    expect(raw).toHaveLength(24);
    expect(raw[0]).toEqual({ t: base, completed: 1, failed: 0, enqueued: 2, depth: 0 });
    expect(h.stepFor('15m')).toBe(5000);
    const minutes = h.query('k', '24h', now);
    expect(h.stepFor('24h')).toBe(60_000);
    expect(minutes).toHaveLength(2);
    expect(minutes[0]).toEqual({ t: base, completed: 12, failed: 6, enqueued: 24, depth: 11 });
    expect(minutes[1]).toEqual({ t: base + 60_000, completed: 12, failed: 6, enqueued: 24, depth: 23 });
    expect(h.query('k', '7d', now)).toEqual([
      { t: base, completed: 24, failed: 12, enqueued: 48, depth: 23 },
    ]);
  });

  it('drops points outside the window and bounds memory', () => {
    const h = new StatsHistory(5000);
    for (let i = 0; i < 2000; i++) h.add('k', { t: base + i * 5000, completed: 1, failed: 0, enqueued: 0 });
    const now = base + 1999 * 5000;
    const points = h.query('k', '15m', now);
    expect(points).toHaveLength(180);
    expect(points[0]?.t).toBe(now - 15 * 60_000 + 5000);
    expect(h.query('k', '1h', now)).toHaveLength(720);
    expect(h.query('missing', '1h', now)).toEqual([]);
  });

  it('sums series bucket by bucket', () => {
    expect(
      StatsHistory.sum([
        [{ t: 1, completed: 1, failed: 0, enqueued: 1, depth: 2 }],
        [
          { t: 1, completed: 2, failed: 1, enqueued: 0, depth: 3 },
          { t: 2, completed: 1, failed: 0, enqueued: 0 },
        ],
      ]),
    ).toEqual([
      { t: 1, completed: 3, failed: 1, enqueued: 1, depth: 5 },
      { t: 2, completed: 1, failed: 0, enqueued: 0 },
    ]);
  });
});

describe('samplePoint', () => {
  const counts = (c: Partial<SampledCounts>): SampledCounts => ({
    available: 0,
    completed: 0,
    discarded: 0,
    ...c,
  });

  it('uses the event tally when there is one', () => {
    expect(
      samplePoint(1, undefined, counts({ available: 4 }), { completed: 3, failed: 1, enqueued: 5 }),
    ).toEqual({
      t: 1,
      completed: 3,
      failed: 1,
      enqueued: 5,
      depth: 4,
    });
  });

  it('estimates from deltas otherwise, clamped at zero', () => {
    const prev = counts({ available: 5, completed: 10, discarded: 2 });
    const next = counts({ available: 3, completed: 15, discarded: 3, active: 1 });
    expect(samplePoint(2, prev, next, undefined)).toEqual({
      t: 2,
      completed: 5,
      failed: 1,
      enqueued: 5,
      depth: 3,
    });
    expect(samplePoint(3, next, counts({ available: 0 }), undefined)).toMatchObject({
      completed: 0,
      failed: 0,
      enqueued: 0,
    });
    expect(samplePoint(4, undefined, next, undefined)).toMatchObject({ completed: 0, depth: 3 });
  });
});

describe('StatsSampler', () => {
  it('samples clusters into per-queue and total series, counting live events', async () => {
    let t = Date.UTC(2026, 0, 1);
    const history = new StatsHistory(5000);
    let completed = 0;
    let fail = false;
    const sampler = new StatsSampler({
      history,
      intervalMs: 5000,
      clusters: () => ['a', 'b'],
      loadQueueCounts: (cluster) => {
        if (cluster === 'b' && fail) return Promise.reject(new Error('down'));
        return Promise.resolve({
          default: { available: 2, completed, discarded: 0 },
          critical: { available: 1, completed: 0, discarded: 0 },
        });
      },
      hasLiveEvents: (cluster) => cluster === 'a',
      now: () => t,
    });
    await sampler.tick();
    sampler.recordEvent('a', 'job.completed', 'default');
    sampler.recordEvent('a', 'job.completed', 'default');
    sampler.recordEvent('a', 'job.failed', 'critical');
    sampler.recordEvent('a', 'job.started', 'critical');
    completed = 7;
    fail = true;
    t += 5000;
    await sampler.tick();
    const aDefault = history.query(StatsSampler.key('a', 'default'), '15m', t);
    expect(aDefault.map((p) => p.completed)).toEqual([0, 2]);
    const aTotal = history.query(StatsSampler.key('a'), '15m', t);
    expect(aTotal.at(-1)).toMatchObject({ completed: 2, failed: 1, depth: 3 });
    // b has no live events and was down on the second tick: only its first sample exists.
    expect(history.query(StatsSampler.key('b', 'default'), '15m', t)).toHaveLength(1);
    fail = false;
    t += 5000;
    await sampler.tick();
    expect(history.query(StatsSampler.key('b', 'default'), '15m', t).at(-1)).toMatchObject({ completed: 7 });
  });
});

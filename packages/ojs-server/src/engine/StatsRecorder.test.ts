import { describe, expect, it } from 'vitest';
import { StatsRecorder } from './StatsRecorder';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('StatsRecorder', () => {
  it('aggregates minute buckets into history periods, per queue and overall', () => {
    const s = new StatsRecorder();
    for (let m = 0; m < 10; m++) {
      s.enqueued('a', T0 + m * 60_000, 2);
      s.processed('a', T0 + m * 60_000 + 1000, 100);
      if (m % 2 === 0) s.failed('b', T0 + m * 60_000 + 2000);
    }
    const oneMinute = s.history('1m', T0, T0 + 10 * 60_000);
    expect(oneMinute).toHaveLength(10);
    expect(oneMinute[0]).toMatchObject({
      timestamp: new Date(T0).toISOString(),
      enqueued: 2,
      processed: 1,
      failed: 1,
    });
    const five = s.history('5m', T0, T0 + 10 * 60_000);
    expect(five.map((p) => [p.enqueued, p.processed, p.failed])).toEqual([
      [10, 5, 3],
      [10, 5, 2],
    ]);
    expect(s.history('5m', T0, T0 + 10 * 60_000, 'b').map((p) => p.failed)).toEqual([3, 2]);
    const hour = s.history('1h', T0, T0 + 3_600_000);
    expect(hour[0]).toMatchObject({ enqueued: 20, processed: 10 });
  });

  it('reports latency percentiles from a log-scale histogram and trailing throughput', () => {
    const s = new StatsRecorder();
    for (let i = 1; i <= 100; i++) s.processed('q', T0 + i, i <= 90 ? 10 : 1000);
    const lat = s.latency(T0 + 1000, 'q');
    expect(lat.p50).toBeGreaterThanOrEqual(10);
    expect(lat.p50).toBeLessThan(14);
    expect(lat.p99).toBeGreaterThanOrEqual(1000);
    expect(lat.p99).toBeLessThan(1200);
    const tp = s.throughput(T0 + 60_000, 'q');
    expect(tp.processed_per_minute).toBeGreaterThan(0);
    expect(s.latency(T0, 'none')).toEqual({ p50: null, p95: null, p99: null });
  });

  it('drops minute buckets older than a day', () => {
    const s = new StatsRecorder();
    s.processed('q', T0, 5);
    s.processed('q', T0 + 25 * 3_600_000, 5);
    expect(s.history('1m', T0, T0 + 60_000)[0]?.processed).toBe(0);
    expect(s.history('1h', T0, T0 + 3_600_000)[0]?.processed).toBe(1);
  });
});

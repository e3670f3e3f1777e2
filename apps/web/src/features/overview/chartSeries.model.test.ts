import { describe, expect, it } from 'vitest';
import type { StatsHistory } from './overview.mapper';
import { hasValues, toChartRows, windowTotals } from './chartSeries.model';

const point = (timestamp: string, completed: number, failed: number, depth?: number) => ({
  timestamp,
  completed,
  failed,
  enqueued: 0,
  depth,
  waitP50Ms: undefined,
  waitP95Ms: 120,
  runP50Ms: undefined,
  runP95Ms: undefined,
});

const history: StatsHistory = {
  window: '1h',
  stepSeconds: 30,
  source: 'sampled',
  series: [point('2026-01-01T00:01:00Z', 3, 1, 5), point('2026-01-01T00:00:30Z', 0, 0)],
};

describe('chart series', () => {
  it('sorts by time, converts to per-minute rates and computes the failure rate per bucket', () => {
    const rows = toChartRows(history);
    expect(rows.map((r) => r.t)).toEqual([
      Date.parse('2026-01-01T00:00:30Z'),
      Date.parse('2026-01-01T00:01:00Z'),
    ]);
    expect(rows[1]).toMatchObject({ completed: 6, failed: 2, failureRatePct: 25, depth: 5, waitP95: 120 });
    expect(rows[0]?.failureRatePct).toBeUndefined();
  });

  it('knows which fields have data', () => {
    const rows = toChartRows(history);
    expect(hasValues(rows, 'depth')).toBe(true);
    expect(hasValues(rows, 'runP50')).toBe(false);
  });

  it('totals the window', () => {
    expect(windowTotals(history)).toEqual({ completed: 3, failed: 1, failureRate: 0.25 });
    expect(windowTotals({ ...history, series: [] }).failureRate).toBeUndefined();
  });
});

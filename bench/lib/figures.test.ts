import { describe, expect, it } from 'vitest';
import { atLeast, atMost, figure, perSecond, ratioOf, summarize } from './figures';

describe('figures', () => {
  const figures = [
    figure('a', 'A', 300, 'jobs/s', atLeast(100)),
    figure('b', 'B', 200, 'jobs/s', undefined, 'baseline'),
    figure('z', 'Z', 0, 'jobs/s'),
  ];

  it('builds figures with optional target and note', () => {
    expect(figures[0]).toEqual({
      key: 'a',
      label: 'A',
      value: 300,
      unit: 'jobs/s',
      target: { op: '>=', value: 100 },
    });
    expect(figures[1]).toEqual({ key: 'b', label: 'B', value: 200, unit: 'jobs/s', note: 'baseline' });
  });

  it('divides two figures of the same run', () => {
    expect(ratioOf(figures, 'r', 'A / B', 'a', 'b', atMost(2))).toEqual({
      key: 'r',
      label: 'A / B',
      value: 1.5,
      unit: 'x',
      numerator: 'a',
      denominator: 'b',
      target: { op: '<=', value: 2 },
    });
    expect(ratioOf(figures, 'r', 'A / Z', 'a', 'z')).toBeUndefined();
    expect(ratioOf(figures, 'r', 'A / ?', 'a', 'missing')).toBeUndefined();
  });

  it('summarises latencies', () => {
    const values = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(summarize(values)).toEqual({ samples: 200, p50: 100, p99: 198, max: 200 });
    const empty = summarize([]);
    expect(empty.samples).toBe(0);
    expect(empty.p99).toBeNaN();
    expect(empty.max).toBeNaN();
  });

  it('turns counter readings into a rate', () => {
    expect(perSecond(100, 400, 2000)).toBe(150);
    expect(perSecond(0, 10, 0)).toBeNaN();
  });
});

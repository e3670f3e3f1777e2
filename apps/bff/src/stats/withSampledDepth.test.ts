import { describe, expect, it } from 'vitest';
import { withSampledDepth } from './withSampledDepth';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const sample = (offsetMs: number, depth?: number) => ({
  t: T0 + offsetMs,
  completed: 0,
  failed: 0,
  enqueued: 0,
  ...(depth === undefined ? {} : { depth }),
});

describe('withSampledDepth', () => {
  it('gives each upstream bucket the largest depth sampled inside it', () => {
    const points = [0, 60_000, 120_000].map((o) => ({ timestamp: iso(T0 + o), completed: 1 }));
    const merged = withSampledDepth(points, 60, [
      sample(5_000, 3),
      sample(50_000, 9),
      sample(65_000, 4),
      sample(119_999, 2),
    ]);
    expect(merged.map((p) => p.depth)).toEqual([9, 4, undefined]);
    expect(merged[0]).toEqual({ timestamp: iso(T0), completed: 1, depth: 9 });
  });

  it('ignores samples without depth, samples outside the range and unordered input', () => {
    const points = [{ timestamp: iso(T0) }, { timestamp: iso(T0 + 60_000) }];
    const merged = withSampledDepth(points, 60, [
      sample(70_000, 6),
      sample(-1_000, 100),
      sample(10_000),
      sample(10_000, 1),
      sample(180_000, 50),
    ]);
    expect(merged.map((p) => p.depth)).toEqual([1, 6]);
  });

  it('leaves points with an unreadable timestamp as they are', () => {
    expect(withSampledDepth([{ timestamp: 'soon' }], 60, [sample(0, 1)])).toEqual([{ timestamp: 'soon' }]);
  });
});

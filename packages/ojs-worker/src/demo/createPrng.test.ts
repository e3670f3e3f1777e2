import { describe, expect, it } from 'vitest';
import { createPrng } from './createPrng';

describe('createPrng', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const a = createPrng(42);
    const b = createPrng('42');
    const c = createPrng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('forks independent, reproducible streams', () => {
    const x = createPrng(1).fork('jobs');
    const y = createPrng(1).fork('jobs');
    const z = createPrng(1).fork('churn');
    const first = [x.next(), x.next()];
    expect([y.next(), y.next()]).toEqual(first);
    expect([z.next(), z.next()]).not.toEqual(first);
  });

  it('draws ints in range, picks, weights and exponential waits', () => {
    const r = createPrng('dist');
    const ints = Array.from({ length: 2000 }, () => r.int(1, 6));
    expect(Math.min(...ints)).toBe(1);
    expect(Math.max(...ints)).toBe(6);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4000; i++)
      counts[
        r.weighted([
          ['a', 3],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a / 4000).toBeGreaterThan(0.7);
    expect(counts.a / 4000).toBeLessThan(0.8);
    const waits = Array.from({ length: 4000 }, () => r.exponential(50));
    const mean = waits.reduce((s, w) => s + w, 0) / waits.length;
    expect(mean).toBeGreaterThan(45);
    expect(mean).toBeLessThan(55);
    expect(() => r.int(3, 1)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.weighted([['a', 0]])).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { SharedCache } from './SharedCache';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SharedCache', () => {
  it('shares one load among concurrent and later callers within the period', async () => {
    const c = clock();
    const cache = new SharedCache({ ttlMs: 1000, now: c.now });
    let calls = 0;
    const loader = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return calls;
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', loader)));
    expect(results.every((r) => r === 1)).toBe(true);
    c.advance(999);
    expect(await cache.get('k', loader)).toBe(1);
    c.advance(2);
    expect(await cache.get('k', loader)).toBe(2);
    expect(calls).toBe(2);
    expect(cache.loadCount).toBe(2);
  });

  it('shares a failure for the period, then retries', async () => {
    const c = clock();
    const cache = new SharedCache({ ttlMs: 1000, now: c.now });
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(new Error(`down ${calls}`));
    };
    await expect(cache.get('k', failing)).rejects.toThrow('down 1');
    await expect(cache.get('k', failing)).rejects.toThrow('down 1');
    c.advance(1001);
    await expect(cache.get('k', () => Promise.resolve('up'))).resolves.toBe('up');
    expect(calls).toBe(1);
  });

  it('keeps keys apart, invalidates by key and prefix, and honours a per-call ttl', async () => {
    const c = clock();
    const cache = new SharedCache({ ttlMs: 1000, now: c.now });
    let n = 0;
    const load = () => Promise.resolve(++n);
    expect(await cache.get('a:1', load)).toBe(1);
    expect(await cache.get('a:2', load)).toBe(2);
    expect(await cache.get('b', load, 10)).toBe(3);
    cache.invalidate('a:', true);
    expect(await cache.get('a:1', load)).toBe(4);
    c.advance(11);
    expect(await cache.get('b', load, 10)).toBe(5);
    cache.invalidate('b');
    expect(await cache.get('b', load)).toBe(6);
  });

  it('bounds its size', async () => {
    const cache = new SharedCache({ ttlMs: 1000, maxEntries: 10 });
    for (let i = 0; i < 100; i++) await cache.get(`k${i}`, () => Promise.resolve(i));
    expect(cache.size).toBeLessThanOrEqual(10);
  });
});

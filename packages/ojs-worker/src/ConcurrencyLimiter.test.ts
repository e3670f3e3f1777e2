import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './ConcurrencyLimiter';

describe('ConcurrencyLimiter', () => {
  it('never hands out more than the limit', () => {
    const l = new ConcurrencyLimiter(2);
    expect(l.tryAcquire()).toBe(true);
    expect(l.tryAcquire()).toBe(true);
    expect(l.tryAcquire()).toBe(false);
    expect(l.busy).toBe(2);
    expect(l.free).toBe(0);
    l.release();
    expect(l.free).toBe(1);
    expect(l.highWater).toBe(2);
  });

  it('rejects a bad limit and an unmatched release', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimiter(1.5)).toThrow(RangeError);
    expect(() => new ConcurrencyLimiter(1).release()).toThrow(/without a matching acquire/);
  });

  it('waitForFree resolves at once when a slot is free, else on release', async () => {
    const l = new ConcurrencyLimiter(1);
    await expect(l.waitForFree()).resolves.toBe(true);
    l.tryAcquire();
    let resolved = false;
    const p = l.waitForFree().then((v) => {
      resolved = true;
      return v;
    });
    await Promise.resolve();
    expect(resolved).toBe(false);
    l.release();
    await expect(p).resolves.toBe(true);
  });

  it('waitForFree resolves false when the signal aborts', async () => {
    const l = new ConcurrencyLimiter(1);
    l.tryAcquire();
    const ac = new AbortController();
    const p = l.waitForFree(ac.signal);
    ac.abort();
    await expect(p).resolves.toBe(false);
    await expect(l.waitForFree(ac.signal)).resolves.toBe(false);
  });

  it('waitForIdle waits for every slot', async () => {
    const l = new ConcurrencyLimiter(3);
    l.tryAcquire();
    l.tryAcquire();
    const p = l.waitForIdle();
    l.release();
    let done = false;
    void p.then(() => (done = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(done).toBe(false);
    l.release();
    await expect(p).resolves.toBe(true);
    const ac = new AbortController();
    l.tryAcquire();
    const q = l.waitForIdle(ac.signal);
    ac.abort();
    await expect(q).resolves.toBe(false);
  });
});

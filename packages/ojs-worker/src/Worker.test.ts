import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger';
import { toJsonResult, Worker } from './Worker';

const base = { url: 'http://127.0.0.1:1', shutdownSignals: false as const, logger: silentLogger };

describe('Worker configuration', () => {
  it('applies the documented defaults', () => {
    const w = new Worker(base);
    expect(w.options).toMatchObject({
      queues: ['default'],
      concurrency: 10,
      pollIntervalMs: 1000,
      heartbeatIntervalMs: 5000,
      gracePeriodMs: 25_000,
      visibilityTimeoutMs: 30_000,
      labels: [],
    });
    expect(w.state).toBe('idle');
    expect(w.id).toMatch(/-\d+-[0-9a-f]{8}$/);
    expect(new Worker({ ...base, workerId: 'w-1' }).id).toBe('w-1');
  });

  it.each([
    [{ queues: [] }, /queues/],
    [{ queues: ['Not Valid'] }, /queues/],
    [{ concurrency: 0 }, /concurrency/],
    [{ concurrency: 1.5 }, /concurrency/],
    [{ pollIntervalMs: -1 }, /pollIntervalMs/],
    [{ shutdownSignals: ['SIGKILL'] }, /shutdownSignals/],
    [{ unknownOption: true }, /unknownOption/],
  ])('rejects %j', (bad, message) => {
    expect(() => new Worker({ ...base, ...(bad as object) })).toThrow(message);
  });

  it('guards registration and start', async () => {
    const w = new Worker(base);
    expect(() => w.register('Bad Type', () => 1)).toThrow(/invalid job type/);
    expect(() => w.start()).toThrow(/at least one handler/);
    w.register('a.b', () => 1);
    expect(() => w.register('a.b', () => 2)).toThrow(/already registered/);
    w.start();
    expect(() => w.register('c.d', () => 1)).toThrow(/before start/);
    expect(() => w.use(async (_c, next) => next())).toThrow(/before start/);
    expect(() => w.start()).toThrow(/cannot start/);
    await w.stop({ gracePeriodMs: 0 });
    expect(w.state).toBe('stopped');
    await expect(w.done()).resolves.toBeUndefined();
  });

  it('stops at once when never started', async () => {
    const w = new Worker(base);
    await w.stop();
    expect(w.state).toBe('stopped');
    expect(() => w.start()).toThrow(/cannot start/);
  });
});

describe('toJsonResult', () => {
  it('keeps JSON values, treats undefined as no result, and refuses what JSON cannot carry', () => {
    expect(toJsonResult({ a: [1, 'x', null] })).toEqual({ ok: true, value: { a: [1, 'x', null] } });
    expect(toJsonResult(undefined)).toEqual({ ok: true, value: undefined });
    expect(toJsonResult(() => 1)).toEqual({ ok: true, value: undefined });
    expect(toJsonResult(new Date(0))).toEqual({ ok: true, value: '1970-01-01T00:00:00.000Z' });
    expect(toJsonResult(10n).ok).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toJsonResult(cyclic).ok).toBe(false);
  });
});

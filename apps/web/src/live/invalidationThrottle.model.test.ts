import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createInvalidationThrottle, type Timers } from './invalidationThrottle.model';

function fakeTimers() {
  let now = 0;
  const queue: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (handle) => {
      const i = queue.findIndex((t) => t.id === handle);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of queue.filter((t) => t.at <= now)) {
      queue.splice(queue.indexOf(t), 1);
      t.fn();
    }
  };
  return { timers, advance, pending: () => queue.length };
}

function countingClient() {
  const qc = new QueryClient();
  const calls: string[] = [];
  const original = qc.invalidateQueries.bind(qc);
  qc.invalidateQueries = (filters, options) => {
    calls.push(JSON.stringify(filters?.queryKey));
    return original(filters, options);
  };
  return { qc, calls };
}

describe('createInvalidationThrottle', () => {
  it('fires at once, then at most once more at the end of the interval', () => {
    const { qc, calls } = countingClient();
    const t = fakeTimers();
    const throttle = createInvalidationThrottle(qc, 1000, t.timers);
    throttle.invalidate(['ojs', 'a', 'jobs']);
    for (let i = 0; i < 100; i++) throttle.invalidate(['ojs', 'a', 'jobs']);
    expect(calls).toHaveLength(1);
    t.advance(999);
    expect(calls).toHaveLength(1);
    t.advance(1);
    expect(calls).toHaveLength(2);
    t.advance(5000);
    expect(calls).toHaveLength(2);
  });

  it('throttles keys independently', () => {
    const { qc, calls } = countingClient();
    const throttle = createInvalidationThrottle(qc, 1000, fakeTimers().timers);
    throttle.invalidate(['ojs', 'a', 'jobs']);
    throttle.invalidate(['ojs', 'a', 'queues']);
    expect(calls).toEqual([JSON.stringify(['ojs', 'a', 'jobs']), JSON.stringify(['ojs', 'a', 'queues'])]);
  });

  it('invalidateAll cancels pending work and invalidates the root', () => {
    const { qc, calls } = countingClient();
    const t = fakeTimers();
    const throttle = createInvalidationThrottle(qc, 1000, t.timers);
    throttle.invalidate(['ojs', 'a', 'jobs']);
    throttle.invalidate(['ojs', 'a', 'jobs']);
    throttle.invalidateAll();
    expect(t.pending()).toBe(0);
    expect(calls).toEqual([JSON.stringify(['ojs', 'a', 'jobs']), JSON.stringify(['ojs'])]);
  });
});

import type { QueryClient, QueryKey } from '@tanstack/react-query';

export interface Timers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface InvalidationThrottle {
  /** Invalidate now if the key was not invalidated within the interval; else once when it ends. */
  invalidate: (key: QueryKey) => void;
  /** Invalidate everything under `['ojs']` at once and forget pending work. */
  invalidateAll: () => void;
  dispose: () => void;
}

/**
 * Leading + trailing throttle per query key: a burst of 1,000 events for one list refetches it at most twice
 * per interval, and the last change is never lost.
 */
export function createInvalidationThrottle(
  queryClient: QueryClient,
  intervalMs: number,
  timers: Timers = browserTimers,
): InvalidationThrottle {
  const last = new Map<string, number>();
  const pending = new Map<string, { key: QueryKey; handle: unknown }>();

  const fire = (hash: string, key: QueryKey) => {
    last.set(hash, timers.now());
    pending.delete(hash);
    // Let a refetch already under way finish: on a slow server, cancelling it at every burst would mean the
    // list never arrives.
    void queryClient.invalidateQueries({ queryKey: key }, { cancelRefetch: false });
  };

  return {
    invalidate: (key) => {
      const hash = JSON.stringify(key);
      if (pending.has(hash)) return;
      const since = timers.now() - (last.get(hash) ?? Number.NEGATIVE_INFINITY);
      if (since >= intervalMs) {
        fire(hash, key);
        return;
      }
      const handle = timers.setTimeout(() => fire(hash, key), intervalMs - since);
      pending.set(hash, { key, handle });
    },
    invalidateAll: () => {
      for (const { handle } of pending.values()) timers.clearTimeout(handle);
      pending.clear();
      last.clear();
      void queryClient.invalidateQueries({ queryKey: ['ojs'] });
    },
    dispose: () => {
      for (const { handle } of pending.values()) timers.clearTimeout(handle);
      pending.clear();
    },
  };
}

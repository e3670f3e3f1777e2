import { useSyncExternalStore } from 'react';

export type StreamState = 'connecting' | 'open' | 'down';

export interface LiveStatus {
  stream: StreamState;
  /** When the last event or heartbeat arrived (ms since epoch). */
  lastActivityAt: number | undefined;
  /** When the stream last went down. */
  downSince: number | undefined;
  /** The user paused the fallback refresh. */
  fallbackPaused: boolean;
  /** Fallback refresh interval while the stream is down. */
  fallbackIntervalMs: number;
  /** How many reconnects in a row failed. */
  reconnectAttempt: number;
}

const FALLBACK_KEY = 'lookout.fallbackIntervalMs';

function storedInterval(): number {
  try {
    const raw = Number(localStorage.getItem(FALLBACK_KEY));
    return Number.isFinite(raw) && raw >= 2000 ? raw : 10_000;
  } catch {
    return 10_000;
  }
}

let status: LiveStatus = {
  stream: 'connecting',
  lastActivityAt: undefined,
  downSince: undefined,
  fallbackPaused: false,
  fallbackIntervalMs: typeof localStorage === 'undefined' ? 10_000 : storedInterval(),
  reconnectAttempt: 0,
};
const listeners = new Set<() => void>();

export const liveStatus = {
  get: (): LiveStatus => status,
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  update: (patch: Partial<LiveStatus>): void => {
    const next = { ...status, ...patch };
    if ((Object.keys(patch) as (keyof LiveStatus)[]).every((k) => status[k] === next[k])) return;
    status = next;
    for (const listener of listeners) listener();
  },
  setFallbackInterval: (ms: number): void => {
    try {
      localStorage.setItem(FALLBACK_KEY, String(ms));
    } catch {
      // storage may be unavailable (private mode); the setting then lasts for this tab only
    }
    liveStatus.update({ fallbackIntervalMs: ms });
  },
};

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(liveStatus.subscribe, liveStatus.get, liveStatus.get);
}

/** `false` while the stream is healthy (no polling); the fallback interval while it is down and not paused. */
export function fallbackInterval(s: LiveStatus): number | false {
  if (s.stream === 'open') return false;
  if (s.fallbackPaused) return false;
  return s.fallbackIntervalMs;
}

export function useFallbackInterval(): number | false {
  return fallbackInterval(useLiveStatus());
}

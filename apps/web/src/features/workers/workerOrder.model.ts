import type { Worker } from './worker.mapper';

const STATE_RANK: Record<string, number> = { running: 0, quiet: 1, terminating: 2, stale: 3 };

/** Live workers first (running, quiet, terminating), stale ones last; then the most recent heartbeat first. */
export function sortWorkers(workers: readonly Worker[]): Worker[] {
  const rank = (w: Worker) => (w.stale ? 3 : (STATE_RANK[w.state] ?? 2));
  const beat = (w: Worker) => (w.lastHeartbeatAt ? Date.parse(w.lastHeartbeatAt) : 0);
  return [...workers].sort((a, b) => rank(a) - rank(b) || beat(b) - beat(a) || a.id.localeCompare(b.id));
}

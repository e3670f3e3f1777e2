/**
 * Health signals that need no reading: each is one sentence about one thing to look at, with a link to
 * where to act. Pure: everything comes in as data (snapshots already fetched, the clock as a number).
 */

export type SignalKind =
  | 'queue_no_workers'
  | 'oldest_waiting'
  | 'stale_worker'
  | 'failure_spike'
  | 'queue_paused'
  | 'cluster_unreachable';

export type SignalSeverity = 'info' | 'warning' | 'critical';

export interface SignalLink {
  page: 'queue' | 'worker' | 'jobs' | 'cluster';
  params: Record<string, string>;
}

export interface Signal {
  id: string;
  kind: SignalKind;
  severity: SignalSeverity;
  cluster: string;
  queue?: string;
  worker_id?: string;
  message: string;
  value?: number;
  since?: string;
  link: SignalLink;
}

export interface SignalQueue {
  name: string;
  paused: boolean;
  /** Jobs ready to run now. */
  available: number;
  oldestAvailableAt?: string | undefined;
}

export interface SignalWorker {
  id: string;
  queues: string[];
  lastHeartbeatAt?: string | undefined;
  /** The upstream's own verdict when it gives one. */
  state?: string | undefined;
}

/** Completed/failed counts over two periods, for the failure-rate comparison. */
export interface FailureWindow {
  recentCompleted: number;
  recentFailed: number;
  baselineCompleted: number;
  baselineFailed: number;
}

export interface ClusterSnapshot {
  cluster: string;
  reachable: boolean;
  error?: string | undefined;
  /** When the cluster was last seen reachable (for unreachable ones). */
  lastSeenAt?: string | undefined;
  queues: SignalQueue[];
  /** Undefined when the upstream cannot list workers (then no worker-based signal is raised). */
  workers?: SignalWorker[] | undefined;
  failures?: FailureWindow | undefined;
  /** Per-queue failure windows. */
  queueFailures?: Record<string, FailureWindow> | undefined;
}

export interface SignalThresholds {
  staleWorkerMs: number;
  oldestWaitingWarnMs: number;
  oldestWaitingCriticalMs: number;
  /** Minimum attempts in the recent period before a failure rate counts. */
  failureMinAttempts: number;
  /** Recent failure rate must exceed this... */
  failureRateFloor: number;
  /** ...and this multiple of the baseline rate. */
  failureSpikeFactor: number;
  failureCriticalRate: number;
}

export const DEFAULT_SIGNAL_THRESHOLDS: SignalThresholds = {
  staleWorkerMs: 60_000,
  oldestWaitingWarnMs: 5 * 60_000,
  oldestWaitingCriticalMs: 30 * 60_000,
  failureMinAttempts: 10,
  failureRateFloor: 0.1,
  failureSpikeFactor: 2,
  failureCriticalRate: 0.5,
};

const SEVERITY_ORDER: Record<SignalSeverity, number> = { critical: 0, warning: 1, info: 2 };

function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} days`;
}

function parseTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** True when a worker counts as alive for serving its queues. */
export function isLiveWorker(worker: SignalWorker, now: number, staleWorkerMs: number): boolean {
  if (worker.state === 'stale' || worker.state === 'terminating' || worker.state === 'terminated')
    return false;
  const beat = parseTime(worker.lastHeartbeatAt);
  if (beat === undefined) return worker.state === 'running' || worker.state === 'quiet';
  return now - beat <= staleWorkerMs;
}

function failureRate(completed: number, failed: number): number {
  const total = completed + failed;
  return total === 0 ? 0 : failed / total;
}

function failureSignal(
  cluster: string,
  queue: string | undefined,
  window: FailureWindow,
  t: SignalThresholds,
): Signal | undefined {
  const attempts = window.recentCompleted + window.recentFailed;
  if (attempts < t.failureMinAttempts) return undefined;
  const recent = failureRate(window.recentCompleted, window.recentFailed);
  const baseline = failureRate(window.baselineCompleted, window.baselineFailed);
  if (recent <= t.failureRateFloor || recent <= baseline * t.failureSpikeFactor) return undefined;
  const pct = Math.round(recent * 100);
  const where = queue === undefined ? `cluster ${cluster}` : `queue ${queue}`;
  return {
    id: `failure_spike:${cluster}:${queue ?? '*'}`,
    kind: 'failure_spike',
    severity: recent >= t.failureCriticalRate ? 'critical' : 'warning',
    cluster,
    ...(queue === undefined ? {} : { queue }),
    message: `${pct}% of recent attempts in ${where} failed (usually ${Math.round(baseline * 100)}%)`,
    value: Math.round(recent * 1000) / 1000,
    link: {
      page: 'jobs',
      params: { cluster, state: 'retryable', ...(queue === undefined ? {} : { queue }) },
    },
  };
}

/** Every signal for the given clusters, most severe first. */
export function computeSignals(
  snapshots: ClusterSnapshot[],
  now: number,
  thresholds: SignalThresholds = DEFAULT_SIGNAL_THRESHOLDS,
): Signal[] {
  const signals: Signal[] = [];
  for (const snap of snapshots) {
    const { cluster } = snap;
    if (!snap.reachable) {
      signals.push({
        id: `cluster_unreachable:${cluster}`,
        kind: 'cluster_unreachable',
        severity: 'critical',
        cluster,
        message: `OJS server ${cluster} is unreachable${snap.error ? `: ${snap.error}` : ''}`,
        ...(snap.lastSeenAt === undefined ? {} : { since: snap.lastSeenAt }),
        link: { page: 'cluster', params: { cluster } },
      });
      continue;
    }
    const liveWorkers = snap.workers?.filter((w) => isLiveWorker(w, now, thresholds.staleWorkerMs));
    for (const queue of snap.queues) {
      if (queue.paused) {
        signals.push({
          id: `queue_paused:${cluster}:${queue.name}`,
          kind: 'queue_paused',
          severity: queue.available > 0 ? 'warning' : 'info',
          cluster,
          queue: queue.name,
          message:
            queue.available > 0
              ? `Queue ${queue.name} is paused with ${queue.available} jobs waiting`
              : `Queue ${queue.name} is paused`,
          value: queue.available,
          link: { page: 'queue', params: { cluster, queue: queue.name } },
        });
      }
      if (
        !queue.paused &&
        queue.available > 0 &&
        liveWorkers !== undefined &&
        !liveWorkers.some((w) => w.queues.includes(queue.name) || w.queues.includes('*'))
      ) {
        signals.push({
          id: `queue_no_workers:${cluster}:${queue.name}`,
          kind: 'queue_no_workers',
          severity: 'critical',
          cluster,
          queue: queue.name,
          message: `Queue ${queue.name} has ${queue.available} jobs waiting and no live worker`,
          value: queue.available,
          link: { page: 'queue', params: { cluster, queue: queue.name } },
        });
      }
      const oldest = parseTime(queue.oldestAvailableAt);
      if (oldest !== undefined && queue.available > 0) {
        const age = now - oldest;
        if (age >= thresholds.oldestWaitingWarnMs) {
          signals.push({
            id: `oldest_waiting:${cluster}:${queue.name}`,
            kind: 'oldest_waiting',
            severity: age >= thresholds.oldestWaitingCriticalMs ? 'critical' : 'warning',
            cluster,
            queue: queue.name,
            message: `Oldest job in ${queue.name} has waited ${formatAge(age)}`,
            value: Math.round(age / 1000),
            since: new Date(oldest).toISOString(),
            link: {
              page: 'jobs',
              params: { cluster, queue: queue.name, state: 'available', sort: 'created_at', order: 'asc' },
            },
          });
        }
      }
      const qf = snap.queueFailures?.[queue.name];
      const qSignal = qf ? failureSignal(cluster, queue.name, qf, thresholds) : undefined;
      if (qSignal) signals.push(qSignal);
    }
    for (const worker of snap.workers ?? []) {
      const beat = parseTime(worker.lastHeartbeatAt);
      const stale = worker.state === 'stale' || (beat !== undefined && now - beat > thresholds.staleWorkerMs);
      if (!stale) continue;
      signals.push({
        id: `stale_worker:${cluster}:${worker.id}`,
        kind: 'stale_worker',
        severity: 'warning',
        cluster,
        worker_id: worker.id,
        message:
          beat === undefined
            ? `Worker ${worker.id} is stale`
            : `Worker ${worker.id} has not sent a heartbeat for ${formatAge(now - beat)}`,
        ...(beat === undefined
          ? {}
          : { since: new Date(beat).toISOString(), value: Math.round((now - beat) / 1000) }),
        link: { page: 'worker', params: { cluster, worker: worker.id } },
      });
    }
    if (snap.failures && !snap.queueFailures) {
      const s = failureSignal(cluster, undefined, snap.failures, thresholds);
      if (s) signals.push(s);
    }
  }
  return signals.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.id.localeCompare(b.id),
  );
}

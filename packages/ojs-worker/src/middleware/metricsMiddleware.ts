import { type Middleware } from '../composeMiddleware';
import { isNonRetryable } from '../JobError';

/** Labels of every job metric. */
export interface JobMetricLabels {
  job_type: string;
  queue: string;
  /** `completed` or `failed` (absent on the started counter). */
  outcome?: 'completed' | 'failed';
}

/** Backend-agnostic recorder (same idea as the Go SDK's MetricsRecorder). */
export interface MetricsRecorder {
  jobStarted(labels: JobMetricLabels): void;
  jobFinished(labels: Required<JobMetricLabels>, durationSeconds: number, retryable: boolean): void;
}

/** The parts of prom-client's Counter, Histogram and Gauge the recorder uses (structural, no dependency). */
export interface CounterLike {
  inc(labels: Record<string, string>, value?: number): void;
}
export interface HistogramLike {
  observe(labels: Record<string, string>, value: number): void;
}
export interface GaugeLike {
  inc(labels: Record<string, string>, value?: number): void;
  dec(labels: Record<string, string>, value?: number): void;
}

/**
 * A recorder feeding prom-client metrics, e.g.
 * `new Counter({ name: 'ojs_jobs_total', help: '...', labelNames: ['job_type', 'queue', 'outcome'] })`,
 * `new Histogram({ name: 'ojs_job_duration_seconds', ..., labelNames: ['job_type', 'queue', 'outcome'] })`,
 * `new Gauge({ name: 'ojs_jobs_active', ..., labelNames: ['job_type', 'queue'] })`.
 */
export function promMetricsRecorder(metrics: {
  jobs?: CounterLike;
  duration?: HistogramLike;
  active?: GaugeLike;
}): MetricsRecorder {
  return {
    jobStarted: (l) => metrics.active?.inc({ job_type: l.job_type, queue: l.queue }),
    jobFinished: (l, seconds) => {
      metrics.active?.dec({ job_type: l.job_type, queue: l.queue });
      metrics.jobs?.inc({ ...l });
      metrics.duration?.observe({ ...l }, seconds);
    },
  };
}

/** Per type+queue tallies kept in memory (handy for demos, tests and a `/metrics` of your own). */
export interface InMemoryJobMetrics extends MetricsRecorder {
  snapshot(): Record<
    string,
    { started: number; completed: number; failed: number; active: number; totalSeconds: number }
  >;
}

export function inMemoryMetricsRecorder(): InMemoryJobMetrics {
  const rows = new Map<
    string,
    { started: number; completed: number; failed: number; active: number; totalSeconds: number }
  >();
  const row = (l: JobMetricLabels) => {
    const key = `${l.queue}/${l.job_type}`;
    let r = rows.get(key);
    if (!r) {
      r = { started: 0, completed: 0, failed: 0, active: 0, totalSeconds: 0 };
      rows.set(key, r);
    }
    return r;
  };
  return {
    jobStarted: (l) => {
      const r = row(l);
      r.started++;
      r.active++;
    },
    jobFinished: (l, seconds) => {
      const r = row(l);
      r.active--;
      r.totalSeconds += seconds;
      if (l.outcome === 'completed') r.completed++;
      else r.failed++;
    },
    snapshot: () => Object.fromEntries([...rows].map(([k, v]) => [k, { ...v }])),
  };
}

/** Records start, outcome and duration of every attempt into `recorder`. */
export function metricsMiddleware(
  recorder: MetricsRecorder,
  now: () => number = () => performance.now(),
): Middleware {
  return async (ctx, next) => {
    const labels = { job_type: ctx.type, queue: ctx.queue };
    recorder.jobStarted(labels);
    const started = now();
    try {
      const result = await next();
      recorder.jobFinished({ ...labels, outcome: 'completed' }, (now() - started) / 1000, false);
      return result;
    } catch (error) {
      recorder.jobFinished(
        { ...labels, outcome: 'failed' },
        (now() - started) / 1000,
        !isNonRetryable(error),
      );
      throw error;
    }
  };
}
